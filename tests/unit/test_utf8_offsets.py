"""The UTF-8 offsets ``quotes.convert`` puts beside every code point span (``span_utf8`` and the
rest), computed in one pass over the text: checked against Python's own encoder, through the
seam itself (``response_to_proto``), on text that is ASCII, accented, curly-quoted, CJK,
astral (emoji, flags: 4 bytes, one code point each) and built of combining marks."""
from __future__ import annotations

import pytest

from quotes.convert import response_to_proto
from quotes.types import Quote, QuoteType, Span, Speaker

TEXTS = [
    ("ascii", 'Mayor Ana Ruiz said "the bridge will open" on Monday.'),
    ("latin accents", "M. L\u00e9on Pr\u00e9vost a dit \u00ab c'est fini \u00bb \u00e0 Paris."),
    ("curly quotes", "\u201cWe will win,\u201d said Jos\u00e9 \u00c1lvarez, \u2018truly\u2019."),
    ("cjk", "\u4e60\u8fd1\u5e73\u8bf4\uff1a\u201c\u6211\u4eec\u4f1a\u8d62\u3002\u201d\u4ed6\u8bf4\u3002"),
    ("emoji", "\U0001F600 \u201cGreat news \U0001F389,\u201d said Ann \U0001F44D\U0001F3FD today."),
    ("flags and zwj", "\U0001F1FA\U0001F1F8 vs \U0001F1E8\U0001F1F3: \u201cfamily \U0001F468\u200d\U0001F469\u200d\U0001F467 first\u201d"),
    ("combining marks", "Cafe\u0301 owner Zoe\u0308 said \u201cno\u0303\u201d, then a\u0300 la carte."),
]


def _quote(text: str) -> Quote:
    """A quote whose spans fall on every kind of boundary of ``text``: its ends, its middle, the
    characters either side of each non-ASCII one."""
    wide = [i for i, ch in enumerate(text) if not ch.isascii()] or [len(text) // 2]
    first, last, middle = wide[0], wide[-1], len(text) // 2
    return Quote(
        text="", span=Span(0, len(text)), type=QuoteType.DIRECT,
        speaker=Speaker(name="x", span=Span(first, min(first + 1, len(text)))),
        cue_span=Span(middle, last),
        fragments=[Span(0, first), Span(first, last + 1), Span(last + 1, len(text)), Span(middle, middle)],
    )


def _utf8(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-8"))


@pytest.mark.parametrize("name,text", TEXTS, ids=[name for name, _ in TEXTS])
def test_every_span_gets_the_utf8_offsets_of_its_code_points(name, text):
    quote = _quote(text)
    [wire] = response_to_proto("d", text, [quote]).quotes
    pairs = [(quote.span, wire.span_utf8), (quote.cue_span, wire.cue_span_utf8),
             (quote.speaker.span, wire.speaker.span_utf8),
             *zip(quote.fragments, wire.fragments_utf8)]
    data = text.encode("utf-8")
    for points, utf8 in pairs:
        assert (utf8.start, utf8.end) == (_utf8(text, points.start), _utf8(text, points.end)), points
        assert data[utf8.start:utf8.end].decode("utf-8") == text[points.start:points.end]


def test_an_astral_character_is_one_code_point_and_four_bytes():
    text = "\U0001F600\U0001F600ab"
    quote = Quote(text="ab", span=Span(2, 4), type=QuoteType.DIRECT, fragments=[Span(2, 4)])
    [wire] = response_to_proto("d", text, [quote]).quotes
    assert (wire.span.start, wire.span.end) == (2, 4)
    assert (wire.span_utf8.start, wire.span_utf8.end) == (8, 10)


def test_a_combining_mark_is_a_code_point_of_its_own():
    text = "e\u0301e"            # é as e + COMBINING ACUTE: two code points, three bytes
    quote = Quote(text="e", span=Span(2, 3), type=QuoteType.DIRECT, fragments=[Span(2, 3)])
    [wire] = response_to_proto("d", text, [quote]).quotes
    assert (wire.span_utf8.start, wire.span_utf8.end) == (3, 4)


def test_spans_in_any_order_and_repeated_points():
    text = "\u00e9" * 10
    quotes = [Quote(text="", span=Span(s, e), type=QuoteType.DIRECT) for s, e in ((7, 9), (0, 2), (7, 9), (3, 3))]
    wire = response_to_proto("d", text, quotes).quotes
    assert [(q.span_utf8.start, q.span_utf8.end) for q in wire] == [(14, 18), (0, 4), (14, 18), (6, 6)]


def test_a_response_with_no_quotes_has_none():
    assert list(response_to_proto("d", "\U0001F600 text", []).quotes) == []
