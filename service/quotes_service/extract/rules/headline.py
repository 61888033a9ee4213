"""Reported speech in a headline: "Clinton Says Russians Hacked DNC". The parser, misled by the
capitals of a title-cased line, seldom reads what follows "Says" as a clause; the line's words are
read instead.
"""
from __future__ import annotations

from spacy.tokens import Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.rules.base import SECOND_REPORTS, Reported, trim_punct, valid_speaker

HEADLINE_NAME = 6     # words of the name before a headline's "Says"


def line_of(tok: Token, index: DocIndex) -> tuple[int, int]:
    """The paragraph (line) holding ``tok``, as tokens [start, end), without its spaces."""
    doc = index.doc
    start = tok.i
    while start > 0 and not index.breaks_paragraph(doc[start - 1]):
        start -= 1
    end = tok.i
    while end < len(doc) and not doc[end].is_space and not (end > tok.i and index.breaks_paragraph(doc[end - 1])):
        end += 1
    return start, end


def title_cased(tokens) -> bool:
    """Words of a headline: three in four of its words start with a capital."""
    words = [t for t in tokens if t.is_alpha and len(t) > 3]
    return len(words) >= 2 and sum(t.text[0].isupper() for t in words) * 4 >= len(words) * 3


def _second_report(tok: Token) -> bool:
    """'…, Calls Trump's Remarks "Troubling"': a headline's second report, its verb capitalised."""
    return tok.text[:1].isupper() and tok.lower_.endswith("s") and tok.lower_[:-1] in SECOND_REPORTS


def headline_report(verb: Token, index: DocIndex) -> Reported | None:
    """What a capitalised "Says" in a title-cased line reports, from the name before it to the
    end of the line or a second report ('…, Calls …')."""
    doc = index.doc
    if not verb.text[:1].isupper() or index.in_quote(verb) or verb.ent_iob_ == "I":
        return None   # (inside a name the recognizer ran on through the verb, the speaker has no end)
    start, end = line_of(verb, index)
    name = doc[start:verb.i]
    if not 0 < len(name) <= HEADLINE_NAME or not all(t.text[:1].isupper() or t.lower_ in ("'s", "\u2019s") for t in name):
        return None
    end = next((t.i for t in doc[verb.i + 2:end - 1] if t.text == "," and _second_report(doc[t.i + 1])), end)
    first, end = trim_punct(doc, verb.i + 1, end)
    if end - first < 2 or not title_cased(doc[start:end]) or not valid_speaker(doc[verb.i - 1], index):
        return None
    return Reported([verb], doc[verb.i - 1], first, end)


def headline_says(index: DocIndex) -> list[Reported]:
    """'Clinton Says Russians Hacked DNC', 'Francois Hollande Says Donald Trump "Makes You Want To
    Retch"': a headline in title case, a name, a capitalised "Says" and what was said, to the end
    of the line (which the parser, misled by the capitals, does not read as a clause; the clause
    rule leaves these verbs to this one)."""
    found = [headline_report(verb, index) for word in lx.HEADLINE_VERBS for verb in index.tokens_written(word)]
    return sorted((f for f in found if f is not None), key=lambda f: f.start)
