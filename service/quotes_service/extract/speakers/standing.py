"""A person's descriptors as one mention gives them, and their political standing: the party a
party word names (with its acronym as written), the "(D-Ore.)" tag after a name, and the place a
political title represents ("Sen. Mark Ellison of Ohio")."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan, Token

from quotes_service.extract import lexicon as lx

PLACE_ENTS = frozenset({"GPE", "LOC"})
ORG_ENTS = frozenset({"ORG", "FAC"})
PARTY_TAG = re.compile(r"\s*[(,]\s*([DRI])\s*[-\u2013]\s*([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\s*[),]")
PARTY_LETTER = re.compile(r"\s*\(([DRI])\)")   # "Gov. Phil Bryant (R)": the party alone


@dataclass
class Descriptors:
    """What one mention says about its person (or role); every list in the order found."""

    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    genders: list[str] = field(default_factory=list)   # "male"/"female", one vote per cue
    places: list[str] = field(default_factory=list)    # the affiliations that are places ("Ohio")

    def add(self, other: "Descriptors") -> None:
        for name in ("titles", "affiliations", "acronyms", "places"):
            mine = getattr(self, name)
            mine += [v for v in getattr(other, name) if v and v not in mine]
        self.genders += other.genders


def is_party_word(word: Token) -> bool:
    """A party's name or adjective, written as a name: "Democratic", "GOP"; not "an independent
    expert" or "a democratic socialist"."""
    return word.lower_ in lx.PARTY_WORDS and word.text[:1].isupper()


def add_party(out: Descriptors, word: Token) -> None:
    """A party word as the party ("Democrat" -> Democratic; "GOP" -> Republican, with "GOP" as the
    acronym the article writes for it)."""
    out.affiliations.append(lx.PARTY_WORDS[word.lower_])
    if word.lower_ in lx.PARTY_ACRONYMS:
        out.acronyms.append(word.text)


def represented_place(ent: SpacySpan) -> str:
    """"Sen. Mark Ellison of Ohio": the place after "of", for a caller that knows the title is political."""
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ == "of" and doc[ent.end + 1].ent_type_ in PLACE_ENTS:
        k = ent.end + 1
        while k < len(doc) and doc[k].ent_type_ in PLACE_ENTS and (k == ent.end + 1 or doc[k].ent_iob_ == "I"):
            k += 1
        return doc[ent.end + 1:k].text
    return ""


def bracketed_place(ent: SpacySpan) -> str:
    """"Sen. Bernie Sanders (Vt.)": a place in brackets right after the name, for a caller that knows
    the title is political."""
    doc = ent.doc
    k = ent.end
    if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 1].ent_type_ in PLACE_ENTS:
        end = k + 1
        while end < len(doc) and doc[end].ent_type_ in PLACE_ENTS and doc[end].text != ")":
            end += 1
        if end < len(doc) and doc[end].text == ")" and end - k <= 4:
            return doc[k + 1:end].text
    return ""


def party_tag(ent: SpacySpan) -> Descriptors:
    """"(D-Ore.)" / ", R-Texas," right after the name: the party, the state as written, the tag;
    "(R)" alone: the party and its letter."""
    out = Descriptors()
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].text not in ("(", ","):
        return out
    # The few words after the name, read off their tokens: Doc.text would build the whole text.
    tail = doc[ent.end - 1].whitespace_ + doc[ent.end:min(len(doc), ent.end + 8)].text
    found = PARTY_TAG.match(tail)
    if found:
        letter, state = found.groups()
        out.affiliations += [lx.PARTY_LETTERS[letter], state]
        out.places.append(state)
        out.acronyms.append(f"{letter}-{state}")
    elif (alone := PARTY_LETTER.match(tail)) is not None:
        out.affiliations.append(lx.PARTY_LETTERS[alone.group(1)])
        out.acronyms.append(alone.group(1))
    return out


def is_political(title: str) -> bool:
    words = [lx.TITLE_FORMS.get(w.rstrip("."), w.rstrip(".")) for w in title.lower().split()]
    return any(w in lx.POLITICAL_TITLES for w in words) or "_".join(words[-3:]) in lx.POLITICAL_TITLES


def names_a_body(tok: Token) -> bool:
    """A capitalised word of an organisation's name, or a proper noun ("Moore & Van Allen")."""
    return tok.text[:1].isupper() and (tok.ent_type_ in ORG_ENTS or tok.pos_ == "PROPN")


def set_off(tok: Token) -> bool:
    """The phrase ``tok`` heads comes right after a comma (", Lenox Healthcare")."""
    return tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].text == ","
