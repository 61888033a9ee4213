"""``server/validation``: what makes a request acceptable, before any parsing. Pure: no gRPC."""
from __future__ import annotations

import pytest

from quotes.v1 import quotes_pb2 as pb
from quotes_service.server.validation import InvalidRequest, Undecodable, check_request, check_text

LIMIT = 10

ACCEPTED = [
    "a",
    " x ",
    "0123456789",                          # exactly the limit
    "\U0001F600" * LIMIT,                  # the limit counts code points, not bytes (40 of them)
    "e\u0301" * 5,                         # combining marks are code points too
    "\u201c\u201d",                        # marks alone are text, not whitespace
]
REFUSED = [
    ("", "text is empty or only whitespace"),
    ("   ", "text is empty or only whitespace"),
    ("\n\t\r\n", "text is empty or only whitespace"),
    ("\u00a0\u2003\u3000", "text is empty or only whitespace"),          # no-break, em and ideographic spaces
    ("01234567890", "text is 11 code points; the limit is 10 code points"),
    ("\U0001F600" * (LIMIT + 1), "text is 11 code points; the limit is 10 code points"),
    (" " * (LIMIT + 1), "text is 11 code points; the limit is 10 code points"),   # length is checked first
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepted_texts_come_back_unchanged(text):
    assert check_text(text, LIMIT) is text


@pytest.mark.parametrize("text,description", REFUSED, ids=[repr(t[:12]) for t, _ in REFUSED])
def test_refused_texts_name_the_field_and_why(text, description):
    with pytest.raises(InvalidRequest) as refused:
        check_text(text, LIMIT)
    assert (refused.value.field, refused.value.description) == ("text", description)
    assert str(refused.value) == f"text: {description}"


def test_large_limits_are_written_with_thousands_separators():
    with pytest.raises(InvalidRequest) as refused:
        check_text("x" * 1_000_001, 1_000_000)
    assert refused.value.description == "text is 1,000,001 code points; the limit is 1,000,000 code points"


def test_a_request_message_is_checked_by_its_text():
    assert check_request(pb.ExtractQuotesRequest(document_id="d", text="hello"), LIMIT) == "hello"
    with pytest.raises(InvalidRequest) as refused:
        check_request(pb.ExtractQuotesRequest(document_id="d", text=" "), LIMIT)
    assert refused.value.field == "text"


def test_undecodable_bytes_are_refused_as_the_request():
    with pytest.raises(InvalidRequest) as refused:
        check_request(Undecodable("invalid UTF-8 in field 2"), LIMIT)
    assert refused.value.field == "request"
    assert refused.value.description == "not a valid quotes.v1.ExtractQuotesRequest: invalid UTF-8 in field 2"
