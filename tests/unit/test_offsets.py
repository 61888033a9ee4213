"""quotes.convert.Offsets: code point offsets to UTF-8 bytes and UTF-16 code units, in one pass.

Each row is a text; every offset into it is mapped and compared with the length of the encoded
prefix, which is what the offsets mean (a JavaScript string's index is a UTF-16 code unit).
"""
from __future__ import annotations

import pytest

from quotes import types
from quotes.convert import Offsets, response_to_proto, spans_of

TEXTS = {
    "ascii": 'He said "we will win" on Monday.',
    "latin accents": "Ødegård said “café” twice.",
    "combining marks": "Zoe\u0308 Nu\u0301n\u0303ez said “se\u0301ance” was over.",
    "astral emoji": "😀 Intro. “We 😀 win,” she said 🎉.",
    "zwj family": "👩‍👩‍👧 x “👩‍👩‍👧”",
    "cjk and astral cjk": "习近平说“𠜎𠜱好”。",
    "flags and skin tone": "🇺🇸👍🏽 “ok” 🇫🇷",
    "empty": "",
}


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_every_offset_is_the_length_of_the_encoded_prefix(text):
    every = [types.Span(i, j) for i in range(len(text) + 1) for j in range(i, len(text) + 1)][:400]
    every += [types.Span(0, len(text))]
    offsets = Offsets(text, every)
    for span in every:
        utf8, utf16 = offsets.utf8(span), offsets.utf16(span)
        assert (utf8.start, utf8.end) == (len(text[:span.start].encode()), len(text[:span.end].encode()))
        assert (utf16.start, utf16.end) == (len(text[:span.start].encode("utf-16-le")) // 2,
                                            len(text[:span.end].encode("utf-16-le")) // 2)


def test_an_astral_character_is_two_utf16_units_and_four_utf8_bytes():
    text = "😀“hi”"
    span = Offsets(text, [types.Span(2, 4)])
    assert (span.utf16(types.Span(2, 4)).start, span.utf8(types.Span(2, 4)).start) == (3, 7)


def test_spans_of_names_every_span_the_proto_converts():
    """A span the conversion maps but spans_of leaves out is a KeyError, so a new field cannot be
    forgotten silently; and every span field on the wire has its two mapped twins."""
    quote = types.Quote(text="b c", span=types.Span(3, 8), type=types.QuoteType.DIRECT,
                        speaker=types.Speaker(name="Al", span=types.Span(10, 12)),
                        cue="said", cue_span=types.Span(13, 17),
                        fragments=[types.Span(3, 4), types.Span(7, 8)], quoted=[types.Span(3, 5)])
    assert {(s.start, s.end) for s in spans_of([quote])} == {(3, 8), (10, 12), (13, 17), (3, 4), (7, 8), (3, 5)}
    message = response_to_proto("d", "😀" * 20, [quote]).quotes[0]
    assert (message.span_utf16.start, message.span_utf16.end) == (6, 16)
    assert [(f.start, f.end) for f in message.fragments_utf16] == [(6, 8), (14, 16)]
    assert [(f.start, f.end) for f in message.quoted_utf16] == [(6, 10)]
    assert (message.speaker.span_utf16.start, message.cue_span_utf16.end) == (20, 34)
    with pytest.raises(KeyError):
        Offsets("😀 text", spans_of([])).utf16(quote.span)
    for descriptor in (message.DESCRIPTOR, message.speaker.DESCRIPTOR):
        spans = {f.name for f in descriptor.fields if f.message_type is not None and f.message_type.name == "Span"}
        plain = {n for n in spans if not n.endswith(("_utf8", "_utf16"))}
        assert spans == plain | {f"{n}_utf8" for n in plain} | {f"{n}_utf16" for n in plain}, descriptor.name
