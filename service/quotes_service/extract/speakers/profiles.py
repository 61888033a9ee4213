"""What the article says about a person: title, affiliation and its acronym, gender.

Read from an appositive after the name (", international economics chair at the Atlantic
Council"), a title before it ("U.S. Treasury Secretary Scott Bessent"), and at/of/with phrases
naming an organisation. ``learn_profile`` folds one mention's details into the person's profile.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.speakers.mentions import ORG_LABELS, base_extent, ent_of



@dataclass
class Profile:
    """What the document says about one person."""

    full_name: str
    title: str = ""
    affiliation: str = ""
    affiliation_short: str = ""
    gender: str = ""


_WORDS = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    """Lower-case words without punctuation or articles: the key two spellings of a name share."""
    return " ".join(w for w in _WORDS.findall(text.lower().replace("\u2019", "'")) if w not in ("the", "a", "an"))


def derive_acronym(name: str) -> str:
    """"Center for Strategic and International Studies" -> "CSIS": the initials of a name of three or
    more capitalised words (small words skipped); "" otherwise."""
    words = [w for w in name.replace("-", " ").split() if w]
    caps = [w for w in words if w.lower() not in lx.ACRONYM_SKIP]
    if len(caps) < 3 or not all(w[0].isupper() for w in caps):
        return ""
    return "".join(w[0] for w in caps)


def acronym_for(affiliation: str) -> str:
    """The affiliation itself when it is an acronym ("CSIS"), else one derived from it."""
    if affiliation.isupper() and " " not in affiliation:
        return affiliation
    return derive_acronym(affiliation)


def strip_det(span: SpacySpan) -> SpacySpan:
    start = span.start
    while start < span.end and span.doc[start].dep_ == "det" or (start < span.end and span.doc[start].lower_ == "the"):
        start += 1
    return span.doc[start:span.end]


def affiliation_from(head: Token) -> str:
    """The organisation in an at/of/with phrase hanging off ``head``."""
    doc = head.doc
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in lx.AFFILIATION_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or obj.ent_type_ in ("GPE", "NORP", "DATE", "TIME"):
                continue
            ent = ent_of(obj)
            if ent is not None and ent.label_ in ORG_LABELS | {"PERSON"} and ent.label_ != "GPE":
                return strip_det(ent).text
            # No entity: the object with its own of/for phrase, stopping at a place ("in Washington").
            toks = [t for t in obj.subtree]
            cut = [t for t in toks if t.dep_ == "prep" and t.head == obj and t.lower_ in lx.PLACE_PREPS]
            end = cut[0].i if cut else toks[-1].i + 1
            span = strip_det(doc[toks[0].i:end])
            if span.text[:1].isupper():
                return span.text.rstrip(",")
    return ""


def role_phrase(noun: Token) -> tuple[str, str]:
    """(title, affiliation) of a descriptor noun: "a former aide", "senior fellow at …"; "a big fan" is none."""
    doc = noun.doc
    if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in ("PERSON", "DATE", "GPE"):
        return "", ""
    start, _ = base_extent(noun, 0, len(doc))
    toks = [t for t in doc[start:noun.i + 1] if t.dep_ != "det" and t.dep_ != "poss"]
    if lemma(noun) not in lx.ROLE_NOUNS and not any(lemma(t) in lx.ROLE_NOUNS for t in toks):
        if lemma(noun) not in lx.DESCRIPTOR_HEADS:
            return "", ""
    title = " ".join(t.text for t in toks)
    return title, affiliation_from(noun)


def appositive(ent: SpacySpan) -> tuple[str, str]:
    """", international economics chair at the Atlantic Council"" after a name."""
    doc = ent.doc
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            return role_phrase(child)
    # The parser often misses the appositive: read ", (a|the)? ... (at|of) ..." off the surface.
    i = ent.end
    if i < len(doc) - 2 and doc[i].text == ",":
        j = i + 1
        while j < len(doc) and j < i + 12 and doc[j].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "ADP", "CCONJ") \
                and doc[j].text not in ",.;":
            j += 1
        nouns = [t for t in doc[i + 1:j] if t.pos_ == "NOUN"]
        if nouns:
            return role_phrase(nouns[0])
    return "", ""


def pre_title(ent: SpacySpan) -> tuple[str, str]:
    """"U.S. Treasury Secretary" before "Scott Bessent": (title, affiliation)."""
    doc = ent.doc
    j = ent.start
    while j > 0 and doc[j - 1].pos_ in ("PROPN", "NOUN", "ADJ") and not doc[j - 1].is_space \
            and doc[j - 1].ent_type_ != "PERSON" and ent.start - j < 5:
        j -= 1
    words = doc[j:ent.start]
    if not len(words) or not any(t.lower_.rstrip(".") in lx.TITLE_NOUNS for t in words):
        return "", ""
    # Leading places and nationalities ("U.S.", "Chinese") go to the affiliation, not the title.
    k = 0
    while k < len(words) and words[k].ent_type_ in ("GPE", "NORP"):
        k += 1
    title = " ".join(t.text for t in words[k:] if t.text[:1].isupper() or t.pos_ == "NOUN")
    org = [t for t in words if t.ent_type_ == "ORG"]
    affiliation = ""
    if org:
        affiliation = " ".join(t.text for t in words[: org[-1].i - j + 1] if t.ent_type_ in ("ORG", "GPE"))
    return title, affiliation


def _gender_of(ent: SpacySpan, full: str) -> str:
    doc = ent.doc
    prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    first = full.split()[0].lower()
    if prev in lx.MALE_TITLES or first in lx.MALE_NAMES:
        return "m"
    if prev in lx.FEMALE_TITLES or first in lx.FEMALE_NAMES:
        return "f"
    return ""


def learn_profile(prof: Profile, ent: SpacySpan) -> None:
    """Adds what the mention ``ent`` of the person says about them: the longest title, the first
    affiliation, a gender."""
    if not prof.gender:
        prof.gender = _gender_of(ent, prof.full_name)
    title, affiliation = appositive(ent)
    if not title:
        title, before = pre_title(ent)
        affiliation = affiliation or before
    if title and (not prof.title or len(title) > len(prof.title)):
        prof.title = title
    if affiliation and not prof.affiliation:
        prof.affiliation = affiliation
        prof.affiliation_short = acronym_for(affiliation)
