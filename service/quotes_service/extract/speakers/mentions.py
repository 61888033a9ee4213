"""Speaker mentions: a head token the rules found, grown into the phrase as written, and its kind.

``grow_mention`` takes a rule's speaker head to the mention ("a US Treasury spokesman",
"Bessent and Greer"); ``mention_kind`` says whether it is a person, an organisation, a role or a
group; ``titled_names`` finds names after a title that the entity recognizer missed.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

from quotes.types import SpeakerKind
from quotes_service.extract import lexicon as lx
from quotes_service.extract.first_names import FIRST_NAMES
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.words import is_age_noun

LEFT_DEPS = frozenset({"det", "compound", "amod", "nmod", "poss", "case", "nummod", "flat", "quantmod", "nn", "predet"})
ORG_LABELS = frozenset({"ORG", "FAC", "NORP", "GPE"})


@dataclass
class Mention:
    """A speaker as found in the text: token range [start, end) and the heads of its people."""

    start: int
    end: int
    heads: list[Token] = field(default_factory=list)


def ent_of(tok: Token) -> SpacySpan | None:
    """The entity a token is part of, found from its IOB tags (not by a scan of all entities)."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return SpacySpan(doc, start, end, label=tok.ent_type_)


def person_ent(tok: Token) -> SpacySpan | None:
    return ent_of(tok) if tok.ent_type_ == "PERSON" else None


def is_title(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.lower_.rstrip(".") in lx.TITLE_NOUNS


MAX_TITLED_NAME = 3   # words of a name after a title ("Mayor Ana Maria Ruiz")


def titled_names(doc: Doc, proper_nouns: Iterable[Token] | None = None) -> list[SpacySpan]:
    """Names written after a title that the entity recognizer did not label ("Mayor Ana Ruiz",
    "Sen. Tammy Duckworth"): two or three capitalised proper nouns, none in any entity, right
    after a capitalised title word, ending at the head of their noun phrase. Not after an article
    or a possessive ("its Chief Executive Officer"), and never a word that continues a title or
    names a place ("Governor Street Bridge"). ``proper_nouns``: the document's, when the caller
    has them listed (``DocIndex.proper_nouns``)."""
    out: list[SpacySpan] = []
    n = len(doc)
    for t in doc if proper_nouns is None else proper_nouns:
        if t.pos_ != "PROPN" or not is_title(t):
            continue
        if t.i > 0 and (doc[t.i - 1].dep_ in ("det", "poss") or doc[t.i - 1].tag_ in ("DT", "PRP$", "POS")):
            continue
        i = t.i + 1
        while i < n and i - t.i <= MAX_TITLED_NAME and doc[i].pos_ == "PROPN" and doc[i].is_alpha \
                and doc[i].text[:1].isupper() and not doc[i].ent_type_ and not is_title(doc[i]):
            i += 1
        if not 2 <= i - (t.i + 1) <= MAX_TITLED_NAME:
            continue
        if any(doc[k].lower_ in lx.NOT_NAME_WORDS for k in range(t.i + 1, i)):
            continue
        last = doc[i - 1]
        # The name ends its noun phrase: the words before it hang on its last word.
        if last.dep_ in ("compound", "flat") or any(doc[k].head.i != last.i for k in range(t.i + 1, i - 1)):
            continue
        out.append(SpacySpan(doc, t.i + 1, i, label="PERSON"))
    return out


def known_first_name(word: str) -> bool:
    """A lower-case word the lexicon knows as a first name: it says a name is a person's, never
    which gender the person is."""
    return word in lx.MALE_NAMES or word in lx.FEMALE_NAMES or word in FIRST_NAMES


MISTAKEN_FOR_NAMES = frozenset({"ORG", "PRODUCT", "WORK_OF_ART"})   # labels the recognizer gives people's names
POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "'", "\u2019"})


def names_tagged_as_organisations(doc: Doc) -> list[SpacySpan]:
    """Two-word names the recognizer labelled organisations (or works) whose first word the lexicon
    knows as a first name ("Carly Fiorina", "Deb Kline", "Will Estrada" with "Will" tagged a
    modal), or that end an organisation's name after its possessive ("Fox News' Sean Hannity"):
    people, as ``mention_kind`` takes them when they speak, so that their surname and pronouns find
    them too."""
    out = []
    for ent in doc.ents:
        label = ent.label_
        if label not in MISTAKEN_FOR_NAMES:
            continue
        dash = max((t.i for t in ent if t.text in lx.DASHES and t.whitespace_), default=None) if label == "ORG" else None
        if dash is not None:
            ent = doc[dash + 1:ent.end]   # a dateline taken in: "ROME - Bernie Sanders met the pope"
        start = ent.start
        if len(ent) >= 4 and label == "ORG" and doc[ent.end - 3].text in POSSESSIVE_MARKS:
            start = ent.end - 2
        elif len(ent) != 2:
            continue
        name = doc[start:ent.end]
        if name[1].pos_ == "PROPN" and all(t.is_alpha and t.text[:1].isupper() for t in name) \
                and known_first_name(name[0].lower_):
            out.append(SpacySpan(doc, start, ent.end, label="PERSON"))
    return out


def base_extent(head: Token, lo: int, hi: int) -> tuple[int, int]:
    """The head with its left modifiers (determiners, compounds, adjectives), within [lo, hi)."""
    doc = head.doc
    start = head.i
    members = {head.i}
    while start - 1 >= lo:
        prev = doc[start - 1]
        if prev.head.i in members and prev.dep_ in LEFT_DEPS and not prev.is_space:
            start -= 1
            members.add(prev.i)
        elif prev.ent_type_ and prev.ent_type_ == head.ent_type_ and prev.ent_iob_ != "O" and doc[start].ent_iob_ == "I":
            start -= 1
            members.add(prev.i)
        else:
            break
    end = head.i + 1
    # A name can continue right of a head the parser picked too early ("Scott" in "Scott Kennedy").
    while end < hi and doc[end].ent_iob_ == "I" and head.ent_type_ and doc[end].ent_type_ == head.ent_type_:
        end += 1
    return start, end


def name_like(tok: Token) -> bool:
    """A capitalised word the tagger may have mislabelled ("Bessent" as an adjective)."""
    return tok.pos_ in ("PROPN", "ADJ", "NOUN") and tok.text[:1].isupper() and tok.is_alpha and tok.ent_type_ in ("", "PERSON", "ORG")


def is_group_or_role(tok: Token) -> bool:
    low = tok.lower_
    return low in lx.GROUP_NOUNS or lemma(tok) in lx.ROLE_NOUNS or low in lx.ROLE_NOUNS


def grow_mention(head: Token, lo: int, hi: int) -> Mention:
    """From a head token to the mention as written, joint speakers included."""
    doc = head.doc
    start, end = base_extent(head, lo, hi)
    heads = [head]
    # Joint speakers: "Bessent and Greer" (either side may be the head the parser chose).
    for conj in head.children:
        if conj.dep_ == "conj" and conj.i > head.i and conj.pos_ == "PROPN" and conj.i < hi:
            _, cend = base_extent(conj, lo, hi)
            end = max(end, cend)
            heads.append(conj)
    if len(heads) == 2 and _titles_of(head, heads[1]):
        heads = [heads[1]]
    if len(heads) == 1 and start - 2 >= lo and doc[start - 1].lower_ == "and" and name_like(doc[start - 2]) and head.pos_ == "PROPN":
        first = doc[start - 2]
        fstart, _ = base_extent(first, lo, hi)
        # A list "Bessent, Greer and He": take commas and names back.
        while fstart - 2 >= lo and doc[fstart - 1].text == "," and name_like(doc[fstart - 2]):
            fstart, _ = base_extent(doc[fstart - 2], lo, hi)
            heads.insert(0, doc[fstart])
        heads.insert(0, first)
        start = fstart
    # Groups and roles keep their qualifiers: "sources familiar with the deliberations",
    # "officials from the United States".
    if is_group_or_role(head):
        for child in head.rights:
            if child.dep_ in ("prep", "amod") and child.i < hi:
                right = child.right_edge.i + 1
                if right <= hi and right - head.i <= 10 and not any(t.text in ",;" or t.is_space or t.is_quote for t in doc[head.i:right]):
                    end = max(end, min(right, hi))
    return Mention(start, end, heads)


def _titles_of(noun: Token, name: Token) -> bool:
    """"Former prosecutor and New York City Mayor Rudy Giuliani": a bare singular common noun
    coordinated with a person's name is a title of that person, not a second speaker."""
    return (noun.pos_ == "NOUN" and noun.tag_ == "NN" and name.ent_type_ == "PERSON"
            and not any(c.dep_ in ("det", "poss", "nummod") for c in noun.children))


def _looks_like_person_name(head: Token) -> bool:
    """A name the recognizer took for an organisation ("Carly Fiorina", "Mr. Unruh"): a title or
    honorific before it, or a first name the lexicon knows as the first of its two words."""
    doc = head.doc
    start = head.i
    while start > 0 and doc[start - 1].ent_iob_ != "O" and doc[start - 1].ent_type_ == head.ent_type_:
        start -= 1
    before = doc[start - 1] if start > 0 else None
    if before is not None and (before.lower_ in lx.HONORIFIC_GENDER or before.lower_.rstrip(".") in lx.TITLE_NOUNS):
        return True
    first = doc[start].lower_
    # Two words only: a first name leading a longer name is an organisation's ("Christian News Service").
    return start == head.i - 1 and known_first_name(first)


def _in_longer_name(head: Token) -> bool:
    ent = ent_of(head)
    return ent is not None and sum(t.pos_ == "PROPN" for t in ent) > 1


def organisation_word(tok: Token) -> bool:
    """A noun for a kind of organisation: "company", "ministry", "automaker", "drugmaker"."""
    word = lemma(tok)
    return tok.pos_ == "NOUN" and (word in lx.ORGANISATION_KINDS or word in lx.INSTITUTION_NOUNS or word.endswith("maker"))


def _party_member(head: Token) -> bool:
    """"The Wisconsin Republican", "a Democrat": one member of a party, a person."""
    return head.lower_ in lx.PARTY_MEMBERS and head.tag_ in ("NN", "NNP") and any(
        c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in head.lefts)


def mention_kind(head: Token, mention: Mention, known_person=lambda tok: False) -> SpeakerKind:
    """PERSON, ORGANIZATION, ROLE, GROUP or DOCUMENT; ``known_person`` says a word names a person
    seen elsewhere. Several people speaking together are a GROUP."""
    low = head.lower_
    if low in lx.PERSON_PRONOUNS or low in ("i",):
        return SpeakerKind.PERSON
    if low in lx.GROUP_PRONOUNS or low in lx.GROUP_DETERMINERS:
        return SpeakerKind.GROUP    # "they", "some", "many", "those who …"
    if len(mention.heads) > 1:
        return SpeakerKind.GROUP
    if head.ent_type_ == "PERSON" or known_person(head):
        return SpeakerKind.PERSON
    if head.ent_type_ == "ORG" and head.pos_ == "PROPN" and _looks_like_person_name(head):
        return SpeakerKind.PERSON
    if head.pos_ == "NOUN" and lemma(head) in lx.DOCUMENT_NOUNS:
        return SpeakerKind.DOCUMENT
    if head.pos_ == "NOUN" and head.tag_ == "NNS" and head.lower_ != lemma(head):
        return SpeakerKind.GROUP   # unnamed and several: "companies", "protest groups"
    if lemma(head) in lx.INSTITUTION_NOUNS or lemma(head) in lx.ORGANISATION_KINDS or (
            head.pos_ == "NOUN" and head.tag_ == "NN" and lemma(head) in lx.GOVERNED_PLACES):
        return SpeakerKind.ORGANIZATION   # "police" and "the airline" before plurals and roles
    if head.pos_ == "PROPN" and head.ent_type_ == "ORG" and _in_longer_name(head):
        return SpeakerKind.ORGANIZATION   # a plural ending a name: "the Federal Bureau of Prisons"
    if low in lx.GROUP_NOUNS or lemma(head) in lx.COLLECTIVE_NOUNS or head.tag_ in ("NNS", "NNPS") \
            or head.ent_type_ in ("PERCENT", "CARDINAL"):
        return SpeakerKind.GROUP
    if lemma(head) in lx.ROLE_NOUNS or low in lx.ROLE_NOUNS or _party_member(head) or is_age_noun(head):
        return SpeakerKind.ROLE
    if head.ent_type_ in ORG_LABELS:
        return SpeakerKind.ORGANIZATION
    if head.pos_ == "PROPN" and any(c.dep_ == "appos" and organisation_word(c) for c in head.children):
        return SpeakerKind.ORGANIZATION   # "Pfizer, the drugmaker"
    if head.pos_ == "PROPN":
        # An unlabelled capitalised name: a person if it matches a person elsewhere.
        return SpeakerKind.PERSON
    return SpeakerKind.ROLE if head.pos_ == "NOUN" else SpeakerKind.UNSPECIFIED
