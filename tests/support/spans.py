"""What every answer must satisfy, whatever the text: spans in bounds that hold exactly the
quote's words, in code points, in UTF-8 bytes and in UTF-16 code units alike.

``assert_valid_response(text, response)`` checks an ExtractQuotesResponse; in-process
results go through ``quotes.convert.response_to_proto`` first (``assert_valid_quotes``, given
what ``Extractor.extract_document`` returns), so the UTF-8 and UTF-16 offsets are checked there
too. A slice that cuts a character in two fails to decode, so a span that is off by part of a
character fails here too.
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
    _assert_valid_speakers(text, response, utf8, utf16)


def _assert_valid_speakers(text: str, response: pb.ExtractQuotesResponse, utf8, utf16) -> None:
    """Every quote points at one speaker entry, whose quote count and mention spans hold."""
    entries = {e.id: e for e in response.speakers}
    assert len(entries) == len(response.speakers), "speaker ids are unique"
    counts: dict[str, int] = {}
    for q in response.quotes:
        assert q.speaker_id in entries and q.speaker.id == q.speaker_id, f"quote at {q.span.start}: speaker id"
        counts[q.speaker_id] = counts.get(q.speaker_id, 0) + 1
    for e in response.speakers:
        assert e.quote_count == counts.get(e.id, 0) > 0, f"speaker {e.id}: quote count"
        assert len(e.mentions) == len(e.mentions_utf8) == len(e.mentions_utf16), f"speaker {e.id}: mentions"
        for m, m8, m16 in zip(e.mentions, e.mentions_utf8, e.mentions_utf16):
            assert _in_bounds(m, len(text)), f"speaker {e.id}: mention {m.start}..{m.end}"
            assert utf8(m8) == utf16(m16) == text[m.start:m.end], f"speaker {e.id}: UTF-8/UTF-16 mention"


def assert_valid_quotes(text: str, found) -> None:
    """The same checks for an in-process result (``Extractor.extract_document``: a DocumentQuotes)."""
    assert_valid_response(text, response_to_proto("", text, found.quotes, found.speakers))
