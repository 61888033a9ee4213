"""The one place where records (quotes.types) and protobuf messages meet, and where a record's
code point offsets become the UTF-8 and UTF-16 offsets of the wire (``Offsets``)."""
from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from google.protobuf import json_format

from quotes import types
from quotes.v1 import quotes_pb2 as pb


def spans_of(quotes: Iterable[types.Quote], speakers: Iterable[types.SpeakerEntity] = ()) -> Iterator[types.Span]:
    """Every span a response carries, so that one pass over the text can map them all.
    A new span field is one line here (and a KeyError from ``Offsets`` until it is)."""
    for q in quotes:
        yield q.span
        yield q.cue_span
        yield q.speaker.span
        yield from q.fragments
        yield from q.quoted
    for entity in speakers:
        yield from entity.mentions


class Offsets:
    """Code point offsets into one text, mapped to UTF-8 byte and UTF-16 code unit offsets.

    Built in one pass over the text, from the points wanted in order: each stretch between two
    is measured once, so the cost is linear in the text. The common cases cost next to nothing:
    an ASCII text is the same in all three units, and a text with no character outside the Basic
    Multilingual Plane (accents, curly quotes, CJK: most news) the same in code points and UTF-16.
    """

    def __init__(self, text: str, spans: Iterable[types.Span]):
        wanted = sorted({p for s in spans for p in (s.start, s.end)})
        if text.isascii():
            self._utf8 = self._utf16 = {p: p for p in wanted}
            return
        astral = len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)
        self._utf8, self._utf16 = {}, {}
        byte = unit = pos = 0
        for target in wanted:
            if target > pos:
                piece = text[pos:target]
                if piece.isascii():
                    byte += len(piece)
                    unit += len(piece)
                else:
                    byte += len(piece.encode("utf-8", "surrogatepass"))
                    unit += len(piece.encode("utf-16-le", "surrogatepass")) // 2 if astral else len(piece)
                pos = target
            self._utf8[target] = byte
            self._utf16[target] = unit

    def utf8(self, span: types.Span) -> pb.Span:
        return pb.Span(start=self._utf8[span.start], end=self._utf8[span.end])

    def utf16(self, span: types.Span) -> pb.Span:
        return pb.Span(start=self._utf16[span.start], end=self._utf16[span.end])


def _span(span: types.Span) -> pb.Span:
    return pb.Span(start=span.start, end=span.end)


def quote_to_proto(quote: types.Quote, offsets: Offsets) -> pb.Quote:
    speaker = quote.speaker
    return pb.Quote(
        text=quote.text,
        span=_span(quote.span),
        type=int(quote.type),
        speaker=pb.Speaker(
            name=speaker.name,
            span=_span(speaker.span),
            canonical_name=speaker.canonical_name,
            title=speaker.title,
            affiliation=speaker.affiliation,
            affiliation_short=speaker.affiliation_short,
            kind=int(speaker.kind),
            resolved_from_pronoun=speaker.resolved_from_pronoun,
            span_utf8=offsets.utf8(speaker.span),
            span_utf16=offsets.utf16(speaker.span),
            gender=int(speaker.gender),
            id=speaker.id,
        ),
        cue=quote.cue,
        cue_span=_span(quote.cue_span),
        confidence=round(float(quote.confidence), 3),
        fragments=[_span(f) for f in quote.fragments],
        span_utf8=offsets.utf8(quote.span),
        fragments_utf8=[offsets.utf8(f) for f in quote.fragments],
        cue_span_utf8=offsets.utf8(quote.cue_span),
        span_utf16=offsets.utf16(quote.span),
        fragments_utf16=[offsets.utf16(f) for f in quote.fragments],
        cue_span_utf16=offsets.utf16(quote.cue_span),
        speaker_id=speaker.id,
        rule=quote.rule,
        quoted=[_span(f) for f in quote.quoted],
        quoted_utf8=[offsets.utf8(f) for f in quote.quoted],
        quoted_utf16=[offsets.utf16(f) for f in quote.quoted],
    )


def entity_to_proto(entity: types.SpeakerEntity, offsets: Offsets) -> pb.SpeakerEntity:
    return pb.SpeakerEntity(
        id=entity.id, canonical_name=entity.canonical_name, kind=int(entity.kind), titles=entity.titles,
        affiliations=entity.affiliations, acronyms=entity.acronyms, gender=int(entity.gender),
        mentions=[_span(m) for m in entity.mentions], mentions_utf8=[offsets.utf8(m) for m in entity.mentions],
        mentions_utf16=[offsets.utf16(m) for m in entity.mentions], quote_count=entity.quote_count,
    )


def response_to_proto(document_id: str, text: str, quotes: list[types.Quote],
                      speakers: list[types.SpeakerEntity] = ()) -> pb.ExtractQuotesResponse:
    offsets = Offsets(text, spans_of(quotes, speakers))
    return pb.ExtractQuotesResponse(
        document_id=document_id, quotes=[quote_to_proto(q, offsets) for q in quotes],
        speakers=[entity_to_proto(e, offsets) for e in speakers],
    )


def _span_from(msg: pb.Span) -> types.Span:
    return types.Span(msg.start, msg.end)


def quote_from_proto(msg: pb.Quote) -> types.Quote:
    s = msg.speaker
    return types.Quote(
        text=msg.text,
        span=_span_from(msg.span),
        type=_enum(types.QuoteType, msg.type),
        speaker=types.Speaker(
            name=s.name,
            span=_span_from(s.span),
            canonical_name=s.canonical_name,
            title=s.title,
            affiliation=s.affiliation,
            affiliation_short=s.affiliation_short,
            kind=_enum(types.SpeakerKind, s.kind),
            resolved_from_pronoun=s.resolved_from_pronoun,
            gender=_enum(types.Gender, s.gender),
            id=s.id,
        ),
        cue=msg.cue,
        cue_span=_span_from(msg.cue_span),
        confidence=msg.confidence,
        fragments=[_span_from(f) for f in msg.fragments],
        rule=msg.rule,
        quoted=[_span_from(f) for f in msg.quoted],
    )


def _enum(kind, value: int):
    """A record enum from a wire value; one this client does not know yet (a newer server's) is UNSPECIFIED."""
    try:
        return kind(value)
    except ValueError:
        return kind(0)


def entity_from_proto(msg: pb.SpeakerEntity) -> types.SpeakerEntity:
    return types.SpeakerEntity(
        id=msg.id, canonical_name=msg.canonical_name, kind=_enum(types.SpeakerKind, msg.kind), titles=list(msg.titles),
        affiliations=list(msg.affiliations), acronyms=list(msg.acronyms), gender=_enum(types.Gender, msg.gender),
        mentions=[_span_from(m) for m in msg.mentions], quote_count=msg.quote_count,
    )


def response_from_proto(msg: pb.ExtractQuotesResponse, served_by: str = "") -> types.DocumentQuotes:
    return types.DocumentQuotes(
        document_id=msg.document_id,
        quotes=[quote_from_proto(q) for q in msg.quotes],
        served_by=served_by,
        speakers=[entity_from_proto(e) for e in msg.speakers],
    )


def response_to_dict(msg: pb.ExtractQuotesResponse) -> dict[str, Any]:
    """protobuf JSON mapping with proto field names and defaults printed (a stable shape for jq)."""
    return json_format.MessageToDict(
        msg, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )


def response_to_json(msg: pb.ExtractQuotesResponse) -> str:
    return json.dumps(response_to_dict(msg), ensure_ascii=False)
