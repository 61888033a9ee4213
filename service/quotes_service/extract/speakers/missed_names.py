"""Names the entity recognizer missed or mislabelled, found by what stands beside them: a noun
for a person in apposition ("The governor's press secretary, Helen Park, said"; "Fiorina, the
former Hewlett-Packard CEO"). Names after a title and two-word organisations with a first name
are in mentions.py (``titled_names``, ``names_tagged_as_organisations``).
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span as SpacySpan, Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.speakers.nouns import lexical_person_noun, person_noun
from quotes_service.extract.speakers.mentions import MAX_TITLED_NAME, MISTAKEN_FOR_NAMES, ent_of, is_title, known_first_name
from quotes_service.extract.rules.headline import line_of, title_cased

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


def without_headline_words(mentions: list[SpacySpan], index) -> list[SpacySpan]:
    """"Black Lawmakers Rip Donald Trump As A 'Disgusting Fraud'": on a title-cased line the
    recognizer may take a capitalised word before a name for part of it. Where the name without
    its first words (two at least left) is another mention of the text, that is the name."""
    written = {tuple(t.lower_ for t in e) for e in mentions}
    titled: dict[int, bool] = {}   # token index -> its line is title-cased (each line read once)
    out = []
    for ent in mentions:
        for k in range(1, len(ent) - 1):
            if tuple(t.lower_ for t in ent[k:]) in written:
                if ent.start not in titled:
                    start, end = line_of(ent[0], index)
                    titled.update(dict.fromkeys(range(start, end), title_cased(index.doc[start:end])))
                if titled.get(ent.start):
                    ent = ent.doc[ent.start + k:ent.end]
                break
        out.append(ent)
    return out


def bare_surnames(index, surnames: set[str], taken: set[int]) -> list[SpacySpan]:
    """A surname of a person named in full, written alone where the recognizer labelled nothing
    ("..., Stovall said", "Ebeling said it's hard"): a mention of that person all the same, which
    a later "he" or "she" may refer to. A capitalised proper noun outside quote marks and outside
    any other entity, not part of a longer name (no capitalised proper noun beside it, as in "Tom
    Ebeling" or "Clinton Global Initiative"); an honorific or title before it goes with it
    ("Mr. Lou"). ``taken``: the tokens of the name mentions already found."""
    doc = index.doc
    out: list[SpacySpan] = []
    for surname in surnames:
        for tok in index.tokens_written(surname):
            if tok.i in taken or not _surname_like(tok) or index.in_quote(tok):
                continue
            start = tok.i
            prev = doc[tok.i - 1] if tok.i > 0 else None
            if prev is not None and (prev.lower_ in lx.HONORIFIC_GENDER or is_title(prev)):
                start -= 1
            elif prev is not None and _capitalised_name(prev):
                continue
            if tok.i + 1 < len(doc) and _capitalised_name(doc[tok.i + 1]):
                continue
            out.append(SpacySpan(doc, start, tok.i + 1, label="PERSON"))
    return out


def _surname_like(tok: Token) -> bool:
    """Capitalised, and a proper noun, or inside a sentence another word class the tagger took an
    unknown name for ("Ebeling" as a verb in -ing); in no entity, a person's, or an organisation
    of that one word (the recognizer's usual mistake for a surname it does not know)."""
    if not tok.text[:1].isupper() or not (tok.pos_ == "PROPN" or tok.pos_ in ("NOUN", "VERB", "ADJ") and not tok.is_sent_start):
        return False
    if tok.ent_type_ in ("", "PERSON"):
        return True
    ent = ent_of(tok)
    return tok.ent_type_ == "ORG" and ent is not None and ent.start == tok.i and all(
        t.i == tok.i or t.text in ("'s", "\u2019s") for t in ent)


def _capitalised_name(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha
