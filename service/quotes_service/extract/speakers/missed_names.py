"""Names the entity recognizer missed or mislabelled, found by what stands beside them: a noun
for a person in apposition ("The governor's press secretary, Helen Park, said"; "Fiorina, the
former Hewlett-Packard CEO"). Names after a title and two-word organisations with a first name
are in mentions.py (``titled_names``, ``names_tagged_as_organisations``).
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span as SpacySpan, Token

from quotes_service.extract.speakers.nouns import lexical_person_noun, person_noun
from quotes_service.extract.speakers.mentions import MAX_TITLED_NAME, MISTAKEN_FOR_NAMES, ent_of, known_first_name

_NOT_PEOPLE = frozenset({"ORG", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


def names_beside_roles(doc: Doc, proper_nouns: Iterable[Token] | None = None) -> list[SpacySpan]:
    """Names set beside a role that the entity recognizer took for something else or missed
    ("The governor's press secretary, Helen Park, said", where "Helen Park" reads as a place;
    "said Ana Ruiz, a spokeswoman for the city"): one to three capitalised proper nouns in
    apposition to a noun for a person ("secretary", "spokeswoman", "analyst") or with one in
    apposition to them, not a person entity already; which of them are people's names, see
    ``_beside_a_person_noun``. ``proper_nouns``: the document's, when the caller has them listed."""
    out: list[SpacySpan] = []
    for t in doc if proper_nouns is None else proper_nouns:
        if t.pos_ != "PROPN" or t.ent_type_ == "PERSON":
            continue
        roles = [t.head] if t.dep_ == "appos" and _role_word(t.head) else []
        roles += [c for c in t.children if c.dep_ == "appos" and _role_word(c) and c.i > t.i]
        if not roles:
            continue
        parts = [c for c in t.lefts if c.dep_ in ("compound", "flat")]
        start = min((c.left_edge.i for c in parts), default=t.i)
        words = doc[start:t.i + 1]
        if not 1 <= len(words) <= MAX_TITLED_NAME or not all(
                (w.pos_ == "PROPN" or w.i == start and known_first_name(w.lower_)) and w.is_alpha and w.text[:1].isupper()
                for w in words):   # "Will Estrada", its first name tagged a modal
            continue
        if _beside_a_person_noun(words, roles):
            out.append(SpacySpan(doc, start, t.i + 1, label="PERSON"))
    return out


def _role_word(tok: Token) -> bool:
    """A noun, or a title the tagger took for a name ("CEO")."""
    return tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and not tok.ent_type_ and lexical_person_noun(tok)


def _beside_a_person_noun(words: SpacySpan, roles: list[Token]) -> bool:
    """Whether a name set beside these roles is a person's: with a first name the lexicon knows as
    its first word (which says it is a person's name, not which gender), or in no entity at all.
    An organisation's name stays one ("the bank, Morgan Stanley"), unless the recognizer's
    organisation (or work) is exactly the name and a role is a noun the lexicons know for a person
    ("Fiorina, the former Hewlett-Packard CEO", "Kendal Unruh, a delegate", "Will Estrada"), which
    no company is called (unlike "the drugmaker"). One word only beside such a noun."""
    if not any(person_noun(r) for r in roles):
        return False
    lexical = any(lexical_person_noun(r) for r in roles)
    types = {w.ent_type_ for w in words} - {""}
    if types & _NOT_PEOPLE:
        ent = ent_of(words[-1])
        return lexical and types <= MISTAKEN_FOR_NAMES and ent is not None and (ent.start, ent.end) == (words.start, words.end)
    if len(words) == 1:
        return lexical and not types
    return known_first_name(words[0].lower_) or not types



def with_nickname(ent: SpacySpan) -> SpacySpan:
    """A name written with a nickname in quote marks ('Robert C. "Bobby" Scott', 'Thomas "Tip"
    O'Neill'), which the recognizer cuts at the marks: the whole name, through the surname after
    them. A quoted word inside a name is a nickname only with no space inside its marks and a
    capitalised name word right after the closing one."""
    doc = ent.doc
    for k in range(ent.start + 1, min(len(doc) - 3, ent.end + 1)):
        opening, nickname, closing = doc[k], doc[k + 1], doc[k + 2]
        if not (opening.is_quote and closing.is_quote and nickname.is_alpha and nickname.text[:1].isupper()
                and not opening.whitespace_ and not nickname.whitespace_ and doc[k - 1].whitespace_):
            continue
        end = k + 3
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                and doc[end].ent_type_ in ("", "PERSON") and end - k < 6:
            end += 1
        return doc[ent.start:end] if end > k + 3 else ent
    return ent
