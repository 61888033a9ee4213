"""The one place where records (quotes.types) and protobuf messages meet."""
from __future__ import annotations

import json
from typing import Any

from google.protobuf import json_format

from quotes import types
from quotes.v1 import quotes_pb2 as pb


def _utf8_offsets(text: str, points: list[int]) -> dict[int, int]:
    """Map code point offsets to UTF-8 byte offsets in one pass over the text."""
    wanted = sorted(set(points))
    out: dict[int, int] = {}
    if not wanted:
        return out
    if text.isascii():
        return {p: p for p in wanted}
    byte = 0
    pos = 0
    for target in wanted:
        if target > pos:
            byte += len(text[pos:target].encode("utf-8", "surrogatepass"))
            pos = target
        out[target] = byte
    return out


def _span(span: types.Span) -> pb.Span:
    return pb.Span(start=span.start, end=span.end)


def _span_utf8(span: types.Span, table: dict[int, int]) -> pb.Span:
    return pb.Span(start=table.get(span.start, 0), end=table.get(span.end, 0))


def quote_to_proto(quote: types.Quote, utf8: dict[int, int]) -> pb.Quote:
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
            span_utf8=_span_utf8(speaker.span, utf8),
            gender=int(speaker.gender),
            id=speaker.id,
        ),
        cue=quote.cue,
        cue_span=_span(quote.cue_span),
        confidence=round(float(quote.confidence), 3),
        fragments=[_span(f) for f in quote.fragments],
        span_utf8=_span_utf8(quote.span, utf8),
        fragments_utf8=[_span_utf8(f, utf8) for f in quote.fragments],
        cue_span_utf8=_span_utf8(quote.cue_span, utf8),
        speaker_id=speaker.id,
    )


def entity_to_proto(entity: types.SpeakerEntity, utf8: dict[int, int]) -> pb.SpeakerEntity:
    return pb.SpeakerEntity(
        id=entity.id, canonical_name=entity.canonical_name, kind=int(entity.kind), titles=entity.titles,
        affiliations=entity.affiliations, acronyms=entity.acronyms, gender=int(entity.gender),
        mentions=[_span(m) for m in entity.mentions], mentions_utf8=[_span_utf8(m, utf8) for m in entity.mentions],
        quote_count=entity.quote_count,
    )


def response_to_proto(document_id: str, text: str, quotes: list[types.Quote],
                      speakers: list[types.SpeakerEntity] = ()) -> pb.ExtractQuotesResponse:
    points: list[int] = []
    for q in quotes:
        points += [q.span.start, q.span.end, q.cue_span.start, q.cue_span.end,
                   q.speaker.span.start, q.speaker.span.end]
        for f in q.fragments:
            points += [f.start, f.end]
    for entity in speakers:
        for m in entity.mentions:
            points += [m.start, m.end]
    utf8 = _utf8_offsets(text, points)
    return pb.ExtractQuotesResponse(
        document_id=document_id, quotes=[quote_to_proto(q, utf8) for q in quotes],
        speakers=[entity_to_proto(e, utf8) for e in speakers],
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
