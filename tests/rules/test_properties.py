"""Properties of extraction over generated article-like text (hypothesis): sentences, names
and titles, reporting cues, quote marks of every kind, paragraph breaks and stray unicode.
Whatever the text: no exception, every span in bounds and holding its words
(tests/support/spans.py), and the same answer every time, whatever was extracted in between.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.convert import response_to_proto
from quotes_service.extract.extractor import Extractor
from support.spans import assert_valid_quotes

FIRST = ["Ana", "Bob", "Li", "Mary", "José", "Olúmidé", "Zhang", "Fatima", "He"]
LAST = ["Ruiz", "Brown", "Wei", "Jones", "Müller", "Adébáyọ̀", "Lifeng", "Al-Sayed", "Trump"]
TITLES = ["Senator", "President", "Treasury Secretary", "Dr.", "a spokesperson for the ministry",
          "the company's chief executive", "an analyst at the Center for Strategic and International Studies"]
CUES = ["said", "says", "told reporters", "added", "warned", "insisted", "wrote", "according to",
        "said on Tuesday", "was quoted as saying", "denied", "claimed"]
WORDS = ["the", "deal", "would", "not", "go", "ahead", "we", "will", "win", "tariffs", "China", "talks",
         "it", "is", "a", "power", "grab", "that", "they", "never", "agreed", "Beijing", "market", "fell"]
OPEN_CLOSE = [('"', '"'), ("“", "”"), ("‘", "’"), ("'", "'"), ("«", "»"), ("„", "“"), ("``", "''"),
              ("“", ""), ("", "”"), ('"', "")]
SEPARATORS = [" ", " ", " ", "", ", ", ". ", "\n", "\n\n", ": ", " — ", "\t", "\u00a0", "\u202f"]


def _words(draw, low: int = 1, high: int = 12) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=low, max_size=high)))


@st.composite
def name(draw) -> str:
    parts = [draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))]
    if draw(st.booleans()):
        parts.insert(0, draw(st.sampled_from(TITLES)))
    return " ".join(parts[draw(st.integers(0, 1)):])


@st.composite
def quotation(draw) -> str:
    opening, closing = draw(st.sampled_from(OPEN_CLOSE))
    inner = _words(draw).capitalize() + draw(st.sampled_from([",", ".", "", "?", "!", ",'", "…"]))
    if draw(st.integers(0, 4)) == 0:  # a quote inside the quote
        o2, c2 = draw(st.sampled_from(OPEN_CLOSE))
        inner = f"{inner} {o2}{_words(draw)}{c2}"
    return f"{opening}{inner}{closing}"


@st.composite
def attribution(draw) -> str:
    who, cue = draw(name()), draw(st.sampled_from(CUES))
    return f"{who} {cue}" if draw(st.booleans()) else f"{cue} {who}"


@st.composite
def sentence(draw) -> str:
    shape = draw(st.integers(0, 5))
    if shape == 0:
        return f"{draw(quotation())} {draw(attribution())}."
    if shape == 1:
        return f"{draw(attribution())}: {draw(quotation())}"
    if shape == 2:
        return f"{draw(attribution())} that {_words(draw, 3)}."
    if shape == 3:
        return f"{draw(quotation())} {draw(attribution())}, {draw(quotation())}"
    if shape == 4:
        return f"{_words(draw, 2).capitalize()} {draw(quotation())} {_words(draw)}."
    return _words(draw, 1, 20).capitalize() + "."


noise = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
piece = st.one_of(sentence(), sentence(), sentence(), quotation(), name(), noise,
                  st.sampled_from(["“", "”", '"', "'", "‘", "’", "«", "»", "\u202e", "\u200d", "\x00", "😀"]))


@st.composite
def article(draw) -> str:
    pieces = draw(st.lists(piece, min_size=1, max_size=25))
    out = [pieces[0]]
    for p in pieces[1:]:
        out += [draw(st.sampled_from(SEPARATORS)), p]
    return "".join(out)



PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                                     HealthCheck.data_too_large])


def _answer(extractor: Extractor, text: str) -> bytes:
    return response_to_proto("d", text, extractor.extract(text)).SerializeToString(deterministic=True)


@PROPERTY_SETTINGS
@given(text=article())
def test_spans_hold_the_quoted_words(extractor, text):
    assert_valid_quotes(text, extractor.extract_document(text))


@PROPERTY_SETTINGS
@given(text=article(), other=article())
def test_the_answer_is_the_same_every_time(extractor, text, other):
    first = _answer(extractor, text)
    _answer(extractor, other)  # whatever came in between leaves no trace
    assert _answer(extractor, text) == first


@settings(max_examples=100, deadline=None)
@given(text=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=400))
def test_any_unicode_text_at_all(extractor, text):
    assert_valid_quotes(text, extractor.extract_document(text))
