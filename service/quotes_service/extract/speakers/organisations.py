"""The organisations a document names: their fullest names, their acronyms, and what "the
commission" or "the campaign" refers to.

* An acronym the article introduces ("the Securities and Exchange Commission (S.E.C.)") or that
  spells the initials of a name it uses, stands for that name: "S.E.C." speaks as the Securities
  and Exchange Commission, with the acronym as written.
* A shorter name stands for a longer one that ends with it ("Tax Policy Center" for the
  "Urban-Brookings Tax Policy Center").
* "The commission", "the committee", "the agency": the organisation named before, whose name
  has that head word (the most recent one).
* "The campaign", "his campaign": the campaign of a person named before ("Trump's campaign",
  "the Clinton campaign"), written as annotators write it, "Trump campaign".
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.speakers.profiles import derive_acronym, looks_like_acronym, strip_det, without_possessive

ORG_LABELS = frozenset({"ORG", "NORP", "FAC"})
KIND_REACH = 1500   # characters back that "the company" may reach for the organisation it names
_PARENTHESISED = re.compile(r"\(([A-Z][A-Z.&]{1,9})\)")


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper() and w.lower() not in lx.ACRONYM_SKIP)


def acronym_key(text: str) -> str:
    """"S.E.C." and "SEC" alike: the capitals of an acronym without its dots."""
    return "".join(c for c in text if c.isalnum()).upper()


@dataclass
class Named:
    name: str         # as written, without a leading article
    start: int        # character offset of its mention
    head: str         # lemma of its root word ("commission")


NAME_JOINERS = frozenset({"of", "and", "for", "the", "on", "in", "at", "&", "de", "du", "la"})


def without_epithets(name: str) -> str:
    """A proper name without the lower-case words written before it that describe it: "nonpartisan
    Congressional Budget Office" -> "Congressional Budget Office" (and the "leaning" left of
    "right-leaning"); a name that goes on in lower case is a description kept whole ("city of
    Phoenix", "former Trump campaign")."""
    words = name.split()
    k = 0
    while k < len(words) - 1 and words[k].isalpha() and words[k].islower() and words[k] not in NAME_JOINERS:
        k += 1
    rest = words[k:]
    if k and rest[0][:1].isupper() and all(w[:1].isupper() or w in NAME_JOINERS or not w[:1].isalpha() for w in rest):
        return " ".join(rest)
    return name


class Organisations:
    def __init__(self, index: DocIndex, surnames: frozenset[str] = frozenset()):
        doc = index.doc
        self.surnames = surnames
        self.named: list[Named] = []
        self.quoted: list[str] = []   # names in quote marks: only to complete a first word ("Ford")
        for ent in doc.ents:
            if ent.label_ in ("ORG", "FAC") and not index.in_quote(ent[0]):
                name = org_name(ent)
                if name:
                    self.named.append(Named(name, ent.start_char, lemma(ent.root)))
            elif ent.label_ == "ORG":
                self.quoted.append(org_name(ent))
        self.starts = [n.start for n in self.named]               # in order: doc.ents are
        self.full_of: dict[str, str] = {}
        for found in _PARENTHESISED.finditer(index.text):
            self._introduce(found.group(1), found.start())
        names = {n.name for n in self.named}
        for name in names:
            derived = derive_acronym(name)
            if derived:
                self.full_of.setdefault(derived, name)
        self._acronyms_of: dict[str, list[str]] = {}
        for acronym, full in self.full_of.items():
            if acronym in names:
                self._acronyms_of.setdefault(full, []).append(acronym)
        self._by_initials: dict[str, set[str]] = {}
        for name in names:
            self._by_initials.setdefault(acronym_key(_initials(name)), set()).add(name)
        self._longest: dict[str, str] = {}
        self._by_head: dict[str, list[Named]] = {}
        for named in self.named:
            self._by_head.setdefault(named.head, []).append(named)
        self._head_starts = {head: [n.start for n in found] for head, found in self._by_head.items()}
        self.campaigns = self._campaigns(doc, surnames, index.tokens_written("campaign"))
        self._campaign_starts = [at for at, _ in self.campaigns]

    def _introduce(self, acronym: str, at: int) -> None:
        """"… Commission (S.E.C.)": the organisation named right before the parenthesis."""
        k = bisect_right(self.starts, at - 1)
        if k and at - (self.named[k - 1].start + len(self.named[k - 1].name)) <= 6:
            self.full_of[acronym_key(acronym)] = self.named[k - 1].name

    @staticmethod
    def _campaigns(doc, surnames: frozenset[str], campaign: list[Token]) -> list[tuple[int, str]]:
        """(offset, "Trump campaign") for every "Trump campaign" / "Trump's campaign" in the text
        (``campaign``: every token written "campaign")."""
        out = []
        for tok in campaign:
            if tok.i == 0:
                continue
            prev = doc[tok.i - 1]
            if prev.text in ("'s", "\u2019s") and tok.i >= 2:
                prev = doc[tok.i - 2]
            if prev.text[:1].isupper() and prev.lower_ in surnames:
                out.append((tok.idx, f"{prev.text} campaign"))
        return out

    def canonical(self, name: str) -> tuple[str, list[str]]:
        """The fullest name the document gives this organisation, and its acronym as written."""
        name = without_epithets(name.strip())
        if looks_like_acronym(name):
            full = self.full_of.get(acronym_key(name)) or self._spelled_by(acronym_key(name))
            if full:
                return full, [name]
        full = self._fullest(name)
        return full, list(self._acronyms_of.get(full, ()))

    def _fullest(self, name: str) -> str:
        """The longest name of the document that ends with ``name`` (computed once per name); else
        the first one named that begins with it, the company named in full then by its first word
        ("Ford Motor", then "Ford"), even in quote marks (the fullest form used anywhere); not an acronym ("NBC" is not "NBC News")."""
        if name not in self._longest:
            longer = [n.name for n in self.named if n.name != name and (n.name.endswith(" " + name)
                                                                         or n.name.endswith("-" + name))]
            begun = [n for n in [n.name for n in self.named] + self.quoted
                     if n.startswith(name + " ") and not looks_like_acronym(name)]
            self._longest[name] = max(longer, key=len) if longer else begun[0] if begun else name
        return self._longest[name]

    def _spelled_by(self, key: str) -> str:
        """The one organisation named in the document whose initials spell ``key`` ("AP": the
        Associated Press), or ""."""
        names = self._by_initials.get(key, set()) if len(key) >= 2 else set()
        return next(iter(names)) if len(names) == 1 else ""

    def campaign_at(self, head: Token) -> str:
        """"Hillary Clinton's campaign" at ``head``, as annotators write it: "Clinton campaign"; or ""."""
        k = bisect_right(self._campaign_starts, head.idx)
        return self.campaigns[k - 1][1] if k and self.campaigns[k - 1][0] == head.idx else ""

    def described(self, head: Token) -> str:
        """The organisation a definite description refers to, or "": "the campaign" the campaign of
        a person named before; "the commission" the last organisation named with that head word;
        "the company", "the newspaper" (a kind of organisation no name need contain) the last
        organisation named before, within a few paragraphs."""
        word = lemma(head)
        if word == "campaign":
            k = bisect_right(self._campaign_starts, head.idx - 1)
            return self.campaigns[k - 1][1] if k else ""
        if word not in lx.INSTITUTION_NOUNS and word not in lx.ORGANISATION_KINDS:
            return ""
        same = self._by_head.get(word, [])
        k = bisect_right(self._head_starts.get(word, []), head.idx - 1)
        if k:
            return same[k - 1].name
        return self._kind_named(head) if word in lx.ORGANISATION_KINDS else ""

    def _kind_named(self, head: Token) -> str:
        """"The company": the last organisation named within reach; not a person's name the
        recognizer took for an organisation's ("Haley"). Preferring one that was a clause's subject
        lost more than it won (annotated train documents: 1 fixed, 4 broken)."""
        k = bisect_right(self.starts, head.idx - 1)
        near = (n for n in reversed(self.named[:k]) if head.idx - n.start <= KIND_REACH)
        return next((n.name for n in near if not self._a_persons_name(n.name)), "")

    def _a_persons_name(self, name: str) -> bool:
        """Ends with a surname of the article's people, and begins no longer organisation's name
        ("Valeant", of "Valeant Pharmaceuticals International", stays a company)."""
        return name.split()[-1].lower() in self.surnames and not any(n.name.startswith(name + " ") for n in self.named)


def org_name(ent: SpacySpan) -> str:
    """An organisation's name as written, without the article, adjectives the recognizer took in
    ("the nonpartisan Commission on Presidential Debates") or a possessive."""
    start = ent.start
    while start < ent.end - 1 and (ent.doc[start].dep_ == "det" or ent.doc[start].lower_ == "the"
                                   or ent.doc[start].text.islower() and ent.doc[start].pos_ == "ADJ"):
        start += 1
    return without_possessive(ent.doc[start:ent.end].text)


def is_definite(head: Token) -> bool:
    """"the commission", "his campaign": a determiner that points at something known."""
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "his", "her", "its", "their") for c in head.children)


def mention_text(span: SpacySpan) -> str:
    return strip_det(span).text
