"""The input contract, as a table, against a real server: whatever text arrives, the caller
gets a clear status or a correct result, within seconds, and never UNKNOWN or INTERNAL.

* refused: empty or blank text and text over the limit are INVALID_ARGUMENT with a
  google.rpc.BadRequest field violation (the client library raises InvalidArgument
  with it), checked before any parsing; a message over the gRPC cap is RESOURCE_EXHAUSTED;
* odd but valid: control characters, bidi controls, combining marks, emoji, other
  scripts, a 300,000-character token, lines without spaces, nothing but quote marks,
  unbalanced and nested marks, random Latin-1: OK, with every span exact
  (tests/support/spans.py).

The server here accepts texts up to 400,000 code points, so the long rows fit.
"""
from __future__ import annotations

import random
import time
import uuid

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from quotes import QuoteClient
from quotes.errors import InvalidArgument, ResourceExhausted
from quotes.v1 import quotes_pb2 as pb
from quotes.v1 import quotes_pb2_grpc
from quotes.wire import EXTRACT_QUOTES
from support.spans import assert_valid_response

LIMIT = 400_000
MESSAGE_CAP = 4 * LIMIT + 64 * 1024
ANSWER_WITHIN = 10.0     # seconds, for every row, on a loaded two-core machine (each takes under 2 s alone)


def _latin1_noise(n: int, seed: int = 6) -> str:
    rnd = random.Random(seed)
    return "".join(chr(rnd.randrange(0x100)) for _ in range(n))


def _words_without_spaces(lines: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    return "\n".join("".join(rnd.choice(["said", "Trump", '"', "“", "”", "no", ",", "."]) for _ in range(12))
                     for _ in range(lines))


# (case, text, expected code, words the status message must contain)
REFUSED = [
    ("empty", "", grpc.StatusCode.INVALID_ARGUMENT, ["empty"]),
    ("blank", " \n\t\r\u3000\u00a0\u2028\u2029\u200a ", grpc.StatusCode.INVALID_ARGUMENT, ["empty"]),
    ("one code point over the limit", "é" * (LIMIT + 1), grpc.StatusCode.INVALID_ARGUMENT,
     [f"{LIMIT + 1:,} code points", f"limit is {LIMIT:,} code points"]),
    ("over the gRPC message cap", "a" * (MESSAGE_CAP + 1), grpc.StatusCode.RESOURCE_EXHAUSTED, []),
]

ODD = [
    ("NUL and C0 controls", '\x00"We will\x07 win\x1b[31m," said\x00 Ann Lee.\x7f\x0b\x0c\x1f' * 20),
    ("C1 controls and noncharacters", '\x85\x9b"Yes," \x80said Bo Li.\ufffe\uffff\U0010ffff\ufffd' * 20),
    ("bidi controls", '\u202e"evil plan," said Bob Stone\u202c. \u2066"Fine," she said.\u2069\u200f\u061c' * 20),
    ("combining marks", "a\u0301" * 500 + ' "Z\u0337\u0322a\u0338l\u0335g\u0336o," said M\u0308ller.'),
    ("emoji", '"\U0001F469\u200d\U0001F469\u200d\U0001F467 rocks \U0001F1FA\U0001F1F8," said Ann \U0001F9D1\U0001F3FD. '
              + "\U0001F600" * 2000),
    ("Chinese", "“我们会赢，”李先生说。他说：“明天见。”中国外交部表示，双方将继续沟通。" * 30),
    ("Arabic", 'قال الرئيس: "سنفوز في الانتخابات". وأضاف أن "الاقتصاد قوي". ' * 30),
    ("Hindi", 'उन्होंने कहा, "हम जीतेंगे।" मंत्री ने कहा कि सरकार तैयार है। ' * 30),
    ("mixed scripts", '"Мы победим," сказал Иванов. "We agree," said Kim Jong-un\'s envoy. «Oui», dit-il. ' * 20),
    ("one 300,000-character token", "x" * 300_000),
    ("100,000 quote marks in one run", "“" * 100_000),
    ("lines without spaces", _words_without_spaces(1500)),
    ("only straight double marks", '"' * 20_000),
    ("only marks of every kind, spaced", " ".join("\"'“”‘’«»„‚‹›「」`´") * 500),
    ("unbalanced: opened, never closed", '"' + "He said that they would go home and rest. " * 400),
    ("unbalanced: closers only", "” He said. ’ ” She said: ”" * 300),
    ("nested marks", '"He said, \'I told them "no" and "never," and left,\'" she said. ' * 40),
    ("deeply nested marks", "“" * 60 + "Yes" + "”" * 60 + " said Ann. " + "‘“" * 300 + "x" + "”’" * 300),
    ("random Latin-1 noise", _latin1_noise(60_000)),
    ("CRLF, form feeds and line separators", '\r\n"Hi,"\f she said.\u2028"Bye," he said.\r\n\u2029"Ok," said Jo.\v' * 50),
    ("said, said, said", "said " * 8_000),
    ("at the limit in 4-byte code points", "\U0001F600" * LIMIT),
    ("a byte-order mark and a lone mark", '\ufeff"'),
    ("marks around said", "“" * 300 + "said" + "”" * 300),
    ("an open quote, then one long word", 'He said: "' + "x" * 5000),
    ("marks on lines of their own", '"\n"\n"\n said he'),
    ("names only", "Ann Lee Bob Stone Li Wei " * 1500),
]


@pytest.fixture(scope="module")
def limit_server(start_server):
    return start_server("--max-text-length", str(LIMIT))


@pytest.fixture(scope="module")
def channel(limit_server):
    with grpc.insecure_channel(limit_server.target, options=[("grpc.max_send_message_length", -1)]) as ch:
        yield ch


@pytest.fixture(scope="module")
def stub(channel):
    return quotes_pb2_grpc.QuoteServiceStub(channel)


def _call(stub, text: str, request_id: str = ""):
    metadata = (("x-request-id", request_id),) if request_id else ()
    started = time.monotonic()
    try:
        response, call = stub.ExtractQuotes.with_call(pb.ExtractQuotesRequest(document_id="d", text=text),
                                                      timeout=60, metadata=metadata)
        outcome = (grpc.StatusCode.OK, "", response, None)
    except grpc.RpcError as exc:
        outcome = (exc.code(), exc.details(), None, exc)
    return (*outcome, time.monotonic() - started)


@pytest.mark.parametrize("case,text,code,words", REFUSED, ids=[row[0] for row in REFUSED])
def test_refused_inputs(limit_server, stub, case, text, code, words):
    request_id = uuid.uuid4().hex
    got, details, _, error, seconds = _call(stub, text, request_id)
    assert got == code, details
    for word in words:
        assert word in details
    assert seconds < ANSWER_WITHIN
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        status = rpc_status.from_call(error)
        bad = error_details_pb2.BadRequest()
        assert status is not None and status.details[0].Unpack(bad)
        assert [(v.field, v.description) for v in bad.field_violations] == [("text", details)]
        # Refused before any parsing: the call is logged, no extraction is.
        assert limit_server.wait_event("call", request_id=request_id)["code"] == "INVALID_ARGUMENT"
        assert not [e for e in limit_server.events("extracted") if e.get("request_id") == request_id]


@pytest.mark.parametrize("case,text,code,words", REFUSED, ids=[row[0] for row in REFUSED])
def test_the_client_library_raises_typed_errors(limit_server, case, text, code, words):
    expected = InvalidArgument if code == grpc.StatusCode.INVALID_ARGUMENT else ResourceExhausted
    with QuoteClient(limit_server.target, timeout=60) as client:
        with pytest.raises(expected) as caught:
            client.extract(text)
    error = caught.value
    assert error.code == code
    if expected is InvalidArgument:
        assert error.served_by
        assert [v.field for v in error.field_violations] == ["text"]
        assert all(word in error.field_violations[0].description for word in words)


def test_undecodable_request_is_invalid_argument(channel):
    """A text field that is not UTF-8, encoded by hand (no client library would send it)."""
    send = channel.unary_unary(
        EXTRACT_QUOTES, request_serializer=None, response_deserializer=pb.ExtractQuotesResponse.FromString)
    raw = b"caf\xe9 \xff\xc0\x80"
    with pytest.raises(grpc.RpcError) as caught:
        send(b"\x12" + bytes([len(raw)]) + raw, timeout=10)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "UTF-8" in caught.value.details()
    status = rpc_status.from_call(caught.value)
    bad = error_details_pb2.BadRequest()
    assert status is not None and status.details[0].Unpack(bad)
    assert bad.field_violations[0].field == "request"


@pytest.mark.parametrize("case,text", ODD, ids=[row[0] for row in ODD])
def test_odd_but_valid_text_answers_ok_with_exact_spans(stub, case, text):
    code, details, response, _, seconds = _call(stub, text)
    assert code == grpc.StatusCode.OK, f"{code.name}: {details}"
    assert response.document_id == "d"
    assert_valid_response(text, response)
    assert seconds < ANSWER_WITHIN, f"{case}: {seconds:.1f}s"


def test_the_server_is_fine_after_the_table(limit_server, stub):
    text = '"We will see," said Ann Lee, the mayor.'
    code, _, response, _, _ = _call(stub, text)
    assert code == grpc.StatusCode.OK and [q.text for q in response.quotes] == ["We will see"]
    assert limit_server.health() == "SERVING"
    codes = {e["code"] for e in limit_server.events("call")}
    assert not codes & {"UNKNOWN", "INTERNAL"}, codes
