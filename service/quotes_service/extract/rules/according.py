"""The rule for reported speech attributed with "according to": "The plan is dead, according to
officials", "According to the ministry, the border …", "Rents, according to a survey, rose …".
"""
from __future__ import annotations

from spacy.tokens import Token

from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.rules.base import Reported, speaker_head, trim_punct, valid_speaker


def according(index: DocIndex) -> list[Reported]:
    """Reported speech attributed with "according to": the clause beside the phrase."""
    doc = index.doc
    found = []
    for tok in index.tokens_written("according"):
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to" or index.in_quote(tok):
            continue
        to = doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None and tok.i + 2 < len(doc):
            obj = doc[tok.i + 2]
        if not valid_speaker(obj, index):
            continue
        sent_start, sent_end = index.sentence(tok)
        pp_end = max(obj.right_edge.i, to.right_edge.i) + 1
        if pp_end - tok.i > 15:
            pp_end = obj.i + 1
        before, after = (sent_start, tok.i), (pp_end, sent_end)
        pointer = _pointing_back(doc, *trim_punct(doc, *before))
        if pointer is not None and (obj.pos_ == "PROPN" or obj.left_edge.i < obj.i):   # not "according to plan"
            found.append(Reported([tok, to], speaker_head(obj), pointer.i, pointer.i + 1))
            continue
        verb = _verb_of(tok)
        if verb is not None and verb.i > pp_end and _set_off_inside(tok, pp_end, sent_start, sent_end):
            # 'Other major cleavages, according to the poll, include ideology': the clause around
            # it, the phrase left out (two fragments)
            start, end = trim_punct(doc, sent_start, sent_end)
            found.append(Reported([tok, to], speaker_head(obj), start, end, gap=(tok.i - 1, pp_end + 1)))
            continue
        if verb is not None and (verb.i < tok.i) != (verb.i > pp_end):
            side = before if verb.i < tok.i else after   # the clause the phrase belongs to
        else:
            side = before if before[1] - before[0] >= after[1] - after[0] else after
        start, end = trim_punct(doc, *side)
        if end - start < 4:
            continue
        found.append(Reported([tok, to], speaker_head(obj), start, end))
    return found


def _verb_of(tok: Token) -> Token | None:
    """The verb of the clause "according" belongs to (through the noun it may hang on)."""
    for _ in range(4):
        if tok.head.i == tok.i:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _set_off_inside(tok: Token, pp_end: int, sent_start: int, sent_end: int) -> bool:
    """"according to X" between commas inside its clause: the words before it are the clause's
    subject or a phrase of it, with no verb of their own."""
    doc = tok.doc
    if not (sent_start + 1 < tok.i - 1 and pp_end + 1 < sent_end and doc[tok.i - 1].text == ","
            and doc[pp_end].text == ","):
        return False
    return not any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "aux", "auxpass") for t in doc[sent_start:tok.i])


def _pointing_back(doc, start: int, end: int) -> Token | None:
    """"That's according to early results of exit polls": the words before the phrase are a
    demonstrative and "be", and the demonstrative, standing for what was said before, is the content
    (the noun phrase after the phrase belongs to the source)."""
    words = doc[start:end]
    if len(words) == 2 and words[0].lower_ in ("that", "this") and lemma(words[1]) == "be":
        return words[0]
    return None
