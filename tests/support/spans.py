"""What every answer must satisfy, whatever the text: spans in bounds that hold exactly the
quote's words, in code points, in UTF-8 bytes and in UTF-16 code units alike.

``assert_valid_response(text, response)`` checks an ExtractQuotesResponse; in-process
results go through ``quotes.convert.response_to_proto`` first (``assert_valid_quotes``),
so the UTF-8 and UTF-16 offsets are checked there too. A slice that cuts a character in two
fails to decode, so a span that is off by part of a character fails here too.
"""
from __future__ import annotations

from quotes.convert import response_to_proto
from quotes.v1 import quotes_pb2 as pb

TYPES = {pb.QUOTE_TYPE_DIRECT, pb.QUOTE_TYPE_INDIRECT, pb.QUOTE_TYPE_PARTIAL}


def _in_bounds(span, n: int, empty_ok: bool = False) -> bool:
    if empty_ok and span.start == span.end == 0:
        return True
    return 0 <= span.start < span.end <= n


def assert_valid_response(text: str, response: pb.ExtractQuotesResponse) -> None:
    n = len(text)
    encoded = text.encode("utf-8")
    encoded16 = text.encode("utf-16-le")

    def utf8(span) -> str:
        return encoded[span.start:span.end].decode("utf-8")

    def utf16(span) -> str:
        """What JavaScript's text.slice(start, end) gives: UTF-16 code units, two bytes each."""
        return encoded16[2 * span.start:2 * span.end].decode("utf-16-le")

    starts = [q.span.start for q in response.quotes]
    assert starts == sorted(starts), "quotes in order of start"
    for q in response.quotes:
        where = f"quote at {q.span.start}..{q.span.end}"
        assert q.type in TYPES, where
        assert q.fragments, where
        for f in q.fragments:
            assert _in_bounds(f, n), f"{where}: fragment {f.start}..{f.end} outside 0..{n}"
        for a, b in zip(q.fragments, q.fragments[1:]):
            assert a.end <= b.start, f"{where}: fragments overlap or out of order"
        pieces = [text[f.start:f.end] for f in q.fragments]
        assert all(p.strip() for p in pieces), f"{where}: a blank fragment"
        assert q.text == " ".join(pieces), where
        assert (q.span.start, q.span.end) == (q.fragments[0].start, q.fragments[-1].end), where
        if len(q.fragments) == 1:
            assert text[q.span.start:q.span.end] == q.text, where
        assert [utf8(f) for f in q.fragments_utf8] == pieces, where
        assert utf8(q.span_utf8) == text[q.span.start:q.span.end], where
        assert [utf16(f) for f in q.fragments_utf16] == pieces, where
        assert utf16(q.span_utf16) == text[q.span.start:q.span.end], where
        assert _in_bounds(q.speaker.span, n, empty_ok=not q.speaker.name), where
        assert text[q.speaker.span.start:q.speaker.span.end] == q.speaker.name, where
        assert utf8(q.speaker.span_utf8) == q.speaker.name, where
        assert utf16(q.speaker.span_utf16) == q.speaker.name, where
        assert _in_bounds(q.cue_span, n, empty_ok=not q.cue), where
        assert text[q.cue_span.start:q.cue_span.end] == q.cue, where
        assert utf8(q.cue_span_utf8) == q.cue, where
        assert utf16(q.cue_span_utf16) == q.cue, where
        assert 0 < q.confidence <= 1, where


def assert_valid_quotes(text: str, quotes) -> None:
    """The same checks for an in-process result (a list of quotes.types.Quote)."""
    assert_valid_response(text, response_to_proto("", text, quotes))
