"""Speaker mentions: their extent, kind, canonical name, title and affiliation.

A mention is found by the attribution rules as a head token; this module grows
it into the phrase as written, resolves pronouns and surnames to the fullest
name in the document, and reads titles and affiliations from appositives,
``of``/``at``/``with`` phrases, pre-name titles and noun compounds.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

from quotes.types import Span, Speaker, SpeakerKind
from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.pipeline.lemmas import lemma

LEFT_DEPS = frozenset({"det", "compound", "amod", "nmod", "poss", "case", "nummod", "flat", "quantmod", "nn", "predet"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
ORG_LABELS = frozenset({"ORG", "FAC", "NORP", "GPE"})
AFFILIATION_PREPS = frozenset({"at", "of", "with", "for", "from"})
ANTECEDENT_REACH = 1500   # characters back that a pronoun may reach for its person
RECENT_SPEAKERS = 20      # earlier speakers considered as a pronoun's antecedent
_WORD = re.compile(r"[^\W\d_]+")   # runs of letters: acronyms are looked for among them
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass
class Mention:
    """A speaker as found in the text: token range [start, end) and the heads of its people."""

    start: int
    end: int
    heads: list[Token] = field(default_factory=list)

    def text(self, doc: Doc) -> str:
        return doc[self.start:self.end].text


def _ent_of(tok: Token) -> SpacySpan | None:
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


def _person_ent(tok: Token) -> SpacySpan | None:
    return _ent_of(tok) if tok.ent_type_ == "PERSON" else None


def _is_title(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.lower_.rstrip(".") in lx.TITLE_NOUNS


MAX_TITLED_NAME = 3   # words of a name after a title ("Mayor Ana Maria Ruiz")
# Capitalised words that continue a title or name a place or body, never a person's name:
# "Chief Executive Officer", "Governor Street Bridge", "General Assembly Hall".
NOT_NAME_WORDS = lx.TITLE_NOUNS | lx.ROLE_NOUNS | lx.INSTITUTION_NOUNS | frozenset("""
executive financial operating officer assembly affairs staff counsel general attorney deputy
street avenue road bridge square park river lake hall tower building center centre airport station
district county city state province island bay beach port school college hospital church
""".split())


def titled_names(doc: Doc) -> list[SpacySpan]:
    """Names written after a title that the entity recognizer did not label ("Mayor Ana Ruiz",
    "Sen. Tammy Duckworth"): two or three capitalised proper nouns, none in any entity, right
    after a capitalised title word, ending at the head of their noun phrase. Not after an article
    or a possessive ("its Chief Executive Officer"), and never a word that continues a title or
    names a place ("Governor Street Bridge")."""
    out: list[SpacySpan] = []
    n = len(doc)
    for t in doc:
        if not _is_title(t) or t.pos_ != "PROPN":
            continue
        if t.i > 0 and (doc[t.i - 1].dep_ in ("det", "poss") or doc[t.i - 1].tag_ in ("DT", "PRP$", "POS")):
            continue
        i = t.i + 1
        while i < n and i - t.i <= MAX_TITLED_NAME and doc[i].pos_ == "PROPN" and doc[i].is_alpha \
                and doc[i].text[:1].isupper() and not doc[i].ent_type_ and not _is_title(doc[i]):
            i += 1
        if not 2 <= i - (t.i + 1) <= MAX_TITLED_NAME:
            continue
        if any(doc[k].lower_ in NOT_NAME_WORDS for k in range(t.i + 1, i)):
            continue
        last = doc[i - 1]
        # The name ends its noun phrase: the words before it hang on its last word.
        if last.dep_ in ("compound", "flat") or any(doc[k].head.i != last.i for k in range(t.i + 1, i - 1)):
            continue
        out.append(SpacySpan(doc, t.i + 1, i, label="PERSON"))
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


def _name_like(tok: Token) -> bool:
    """A capitalised word the tagger may have mislabelled ("Bessent" as an adjective)."""
    return tok.pos_ in ("PROPN", "ADJ", "NOUN") and tok.text[:1].isupper() and tok.is_alpha and tok.ent_type_ in ("", "PERSON", "ORG")


def _is_group_or_role(tok: Token) -> bool:
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
    if len(heads) == 1 and start - 2 >= lo and doc[start - 1].lower_ == "and" and _name_like(doc[start - 2]) and head.pos_ == "PROPN":
        first = doc[start - 2]
        fstart, _ = base_extent(first, lo, hi)
        # A list "Bessent, Greer and He": take commas and names back.
        while fstart - 2 >= lo and doc[fstart - 1].text == "," and _name_like(doc[fstart - 2]):
            fstart, _ = base_extent(doc[fstart - 2], lo, hi)
            heads.insert(0, doc[fstart])
        heads.insert(0, first)
        start = fstart
    # Groups and roles keep their qualifiers: "sources familiar with the deliberations",
    # "officials from the United States".
    if _is_group_or_role(head):
        for child in head.rights:
            if child.dep_ in ("prep", "amod") and child.i < hi:
                right = child.right_edge.i + 1
                if right <= hi and right - head.i <= 10 and not any(t.text in ",;" or t.is_space or t.is_quote for t in doc[head.i:right]):
                    end = max(end, min(right, hi))
    return Mention(start, end, heads)


def mention_kind(head: Token, mention: Mention, known_person=lambda tok: False) -> SpeakerKind:
    """PERSON, ORGANIZATION, ROLE or GROUP; ``known_person`` says a word names a person seen elsewhere."""
    low = head.lower_
    if low in lx.PERSON_PRONOUNS or low in ("i",):
        return SpeakerKind.PERSON
    if low in lx.GROUP_PRONOUNS:
        return SpeakerKind.GROUP
    if len(mention.heads) > 1:
        people = all(
            known_person(h) or (_name_like(h) and h.lower_ not in lx.GROUP_NOUNS and h.ent_type_ not in ("ORG", "GPE", "NORP"))
            for h in mention.heads
        )
        return SpeakerKind.PERSON if people else SpeakerKind.GROUP
    if head.ent_type_ == "PERSON" or known_person(head):
        return SpeakerKind.PERSON
    if low in lx.GROUP_NOUNS or (head.tag_ == "NNS" and head.pos_ == "NOUN") or head.ent_type_ in ("PERCENT", "CARDINAL"):
        return SpeakerKind.GROUP
    if lemma(head) in lx.ROLE_NOUNS or low in lx.ROLE_NOUNS:
        return SpeakerKind.ROLE
    if head.ent_type_ in ORG_LABELS or lemma(head) in lx.INSTITUTION_NOUNS:
        return SpeakerKind.ORGANIZATION
    if head.pos_ == "PROPN":
        # An unlabelled capitalised name: a person if it matches a person elsewhere.
        return SpeakerKind.PERSON
    return SpeakerKind.ROLE if head.pos_ == "NOUN" else SpeakerKind.UNSPECIFIED


def derive_acronym(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w]
    caps = [w for w in words if w.lower() not in lx.ACRONYM_SKIP]
    if len(caps) < 3 or not all(w[0].isupper() for w in caps):
        return ""
    return "".join(w[0] for w in caps)


def _strip_det(span: SpacySpan) -> SpacySpan:
    start = span.start
    while start < span.end and span.doc[start].dep_ == "det" or (start < span.end and span.doc[start].lower_ == "the"):
        start += 1
    return span.doc[start:span.end]


@dataclass
class Profile:
    """What the document says about one person."""

    full_name: str
    title: str = ""
    affiliation: str = ""
    affiliation_short: str = ""
    gender: str = ""


class SpeakerResolver:
    """Per-document knowledge of people: full names, titles, affiliations, pronoun antecedents."""

    def __init__(self, index: DocIndex):
        self.index = index
        self.doc = index.doc
        self.persons: list[SpacySpan] = [
            e for e in self.doc.ents if e.label_ == "PERSON" and not index.in_quote(e[0]) and e.text[:1].isupper()
        ]
        # Names after a title that the entity recognizer missed ("Mayor Ana Ruiz"), by their last token.
        self.titled: dict[int, SpacySpan] = {}
        for name in titled_names(self.doc):
            if not index.in_quote(name[0]):
                self.titled[name.end - 1] = name
                self.persons.append(name)
        self.persons.sort(key=lambda e: e.start_char)
        self.person_starts = [e.start_char for e in self.persons]
        self.by_surname: dict[str, str] = {}
        self.profiles: dict[str, Profile] = {}
        for ent in self.persons:
            full = self._clean_name(ent)
            if not full:
                continue
            surname = full.split()[-1]
            known = self.by_surname.get(surname)
            if known is None or len(full.split()) > len(known.split()):
                self.by_surname[surname] = full
        for ent in self.persons:
            self._learn_profile(ent)
        self.acronyms = {w for w in _WORD.findall(index.text) if 2 <= len(w) <= 6 and w.isupper()}

    # --- names -----------------------------------------------------------------------------------
    def is_known_person(self, tok: Token) -> bool:
        """A capitalised word that is the surname of a person named in full elsewhere ("Trump", "Bessent")."""
        return tok.text[:1].isupper() and tok.text in self.by_surname and tok.pos_ in ("PROPN", "ADJ", "NOUN")

    def _person_of(self, tok: Token) -> SpacySpan | None:
        """The PERSON entity ``tok`` is in, or the titled name it ends."""
        return _person_ent(tok) or self.titled.get(tok.i)

    @staticmethod
    def _clean_name(ent: SpacySpan) -> str:
        words = [t.text for t in ent if not t.is_punct or t.text == "."]
        while words and (words[0].lower().rstrip(".") in lx.TITLE_NOUNS):
            words = words[1:]
        while words and words[-1] in ("'s", "’s"):
            words = words[:-1]
        return " ".join(words)

    def canonical(self, name: str) -> str:
        words = name.split()
        if not words:
            return ""
        while len(words) > 1 and words[0].lower().rstrip(".") in lx.TITLE_NOUNS:
            words = words[1:]
        full = self.by_surname.get(words[-1])
        if full and full.endswith(" ".join(words)):
            return full
        return " ".join(words)

    def profile(self, full_name: str) -> Profile:
        return self.profiles.get(full_name) or Profile(full_name)

    def _learn_profile(self, ent: SpacySpan) -> None:
        full = self.by_surname.get(self._clean_name(ent).split()[-1] if self._clean_name(ent) else "", "")
        if not full:
            return
        prof = self.profiles.setdefault(full, Profile(full))
        first = full.split()[0].lower()
        if not prof.gender:
            prev = self.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if prev in lx.MALE_TITLES or first in lx.MALE_NAMES:
                prof.gender = "m"
            elif prev in lx.FEMALE_TITLES or first in lx.FEMALE_NAMES:
                prof.gender = "f"
        title, affiliation = self._appositive(ent)
        if not title:
            title, aff2 = self._pre_title(ent)
            affiliation = affiliation or aff2
        if title and (not prof.title or len(title) > len(prof.title)):
            prof.title = title
        if affiliation and not prof.affiliation:
            prof.affiliation = affiliation
            prof.affiliation_short = self.acronym_for(affiliation)

    def acronym_for(self, affiliation: str) -> str:
        if affiliation.isupper() and " " not in affiliation:
            return affiliation
        derived = derive_acronym(affiliation)
        return derived

    def _affiliation_from(self, head: Token) -> str:
        """The organisation in an at/of/with phrase hanging off ``head``."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in AFFILIATION_PREPS:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.ent_type_ not in ("GPE", "NORP", "DATE", "TIME"):
                        ent = _ent_of(obj)
                        if ent is not None and ent.label_ in ORG_LABELS | {"PERSON"} and ent.label_ != "GPE":
                            return _strip_det(ent).text
                        # No entity: the object with its own of/for phrase, stopping at a place ("in Washington").
                        toks = [t for t in obj.subtree]
                        cut = [t for t in toks if t.dep_ == "prep" and t.head == obj and t.lower_ in ("in", "at", "on", "from")]
                        end = cut[0].i if cut else toks[-1].i + 1
                        span = self.doc[toks[0].i:end]
                        span = _strip_det(span)
                        if span.text[:1].isupper():
                            return span.text.rstrip(",")
        return ""

    def _appositive(self, ent: SpacySpan) -> tuple[str, str]:
        """", international economics chair at the Atlantic Council"" after a name."""
        doc = self.doc
        root = ent.root
        for child in root.children:
            if child.dep_ == "appos" and child.i >= ent.end:
                return self._role_phrase(child)
        # The parser often misses the appositive: read ", (a|the)? ... (at|of) ..." off the surface.
        i = ent.end
        if i < len(doc) - 2 and doc[i].text == ",":
            j = i + 1
            while j < len(doc) and j < i + 12 and doc[j].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "ADP", "CCONJ") and doc[j].text not in ",.;":
                j += 1
            nouns = [t for t in doc[i + 1:j] if t.pos_ == "NOUN"]
            if nouns:
                return self._role_phrase(nouns[0])
        return "", ""

    def _role_phrase(self, noun: Token) -> tuple[str, str]:
        if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in ("PERSON", "DATE", "GPE"):
            return "", ""
        start, _ = base_extent(noun, 0, len(self.doc))
        toks = [t for t in self.doc[start:noun.i + 1] if t.dep_ != "det" and t.dep_ != "poss"]
        if lemma(noun) not in lx.ROLE_NOUNS and not any(lemma(t) in lx.ROLE_NOUNS for t in toks):
            # "a former aide" is a role; "a big fan" is not.
            if lemma(noun) not in {"chair", "expert", "fellow", "economist", "analyst", "professor"}:
                return "", ""
        title = " ".join(t.text for t in toks)
        return title, self._affiliation_from(noun)

    def _pre_title(self, ent: SpacySpan) -> tuple[str, str]:
        """"U.S. Treasury Secretary" before "Scott Bessent"."""
        doc = self.doc
        j = ent.start
        while j > 0 and doc[j - 1].pos_ in ("PROPN", "NOUN", "ADJ") and not doc[j - 1].is_space and doc[j - 1].ent_type_ != "PERSON" and ent.start - j < 5:
            j -= 1
        words = doc[j:ent.start]
        if not len(words) or not any(t.lower_.rstrip(".") in lx.TITLE_NOUNS for t in words):
            return "", ""
        # Leading places and nationalities ("U.S.", "Chinese") go to the affiliation, not the title.
        k = 0
        while k < len(words) and words[k].ent_type_ in ("GPE", "NORP"):
            k += 1
        title_toks = [t for t in words[k:] if t.text[:1].isupper() or t.pos_ == "NOUN"]
        title = " ".join(t.text for t in title_toks)
        org = [t for t in words if t.ent_type_ == "ORG"]
        affiliation = ""
        if org:
            affiliation = " ".join(t.text for t in words[: org[-1].i - j + 1] if t.ent_type_ in ("ORG", "GPE"))
        return title, affiliation

    # --- pronouns --------------------------------------------------------------------------------
    def antecedent(self, pronoun: Token, recent_speakers: list[tuple[int, str]]) -> str:
        """The person a he/she most likely refers to: recent, a subject, a speaker, of the right gender."""
        gender = lx.PERSON_PRONOUNS.get(pronoun.lower_, "")
        best, best_score = "", float("-inf")
        window_start = max(0, pronoun.idx - ANTECEDENT_REACH)
        lo = bisect_left(self.person_starts, window_start - 200)
        hi = bisect_left(self.person_starts, pronoun.idx)
        for ent in self.persons[lo:hi]:
            if ent.start_char >= pronoun.idx or ent.end_char < window_start:
                continue
            full = self.canonical(self._clean_name(ent))
            if not full or " and " in full:
                continue
            prof = self.profiles.get(full)
            if prof and gender and prof.gender and prof.gender != gender:
                continue
            distance = pronoun.idx - ent.end_char
            score = -distance / 100.0
            if ent.root.dep_ in ("nsubj", "nsubjpass"):
                score += 3.0
            if ent.root.head.i == ent.root.i or ent.root.dep_ == "ROOT":
                score += 0.5
            if ent.root.dep_ == "pobj":
                score -= 1.0
            best, best_score = (full, score) if score > best_score else (best, best_score)
        for at, name in reversed(recent_speakers[-RECENT_SPEAKERS:]):
            if at < pronoun.idx and pronoun.idx - at < ANTECEDENT_REACH:
                prof = self.profiles.get(name)
                if prof and gender and prof.gender and prof.gender != gender:
                    continue
                score = -(pronoun.idx - at) / 100.0 + 3.5
                if score > best_score:
                    best, best_score = name, score
        return best

    # --- the record ------------------------------------------------------------------------------
    def speaker(self, mention: Mention, recent_speakers: list[tuple[int, str]]) -> Speaker:
        doc = self.doc
        head = mention.heads[-1] if mention.heads else doc[mention.end - 1]
        kind = mention_kind(head, mention, self.is_known_person)
        span = doc[mention.start:mention.end]
        name = span.text
        out = Speaker(kind=kind)
        low = head.lower_
        if low in lx.PERSON_PRONOUNS and len(span) == 1:
            out.name = head.text
            out.span = Span(head.idx, head.idx + len(head.text))
            out.canonical_name = self.antecedent(head, recent_speakers)
            out.resolved_from_pronoun = bool(out.canonical_name)
            prof = self.profiles.get(out.canonical_name)
            if prof:
                out.title, out.affiliation, out.affiliation_short = prof.title, prof.affiliation, prof.affiliation_short
            return out
        if kind == SpeakerKind.PERSON:
            # The name itself; words before it are its title ("Union Minister CR Patil").
            names = []
            for h in mention.heads:
                ent = self._person_of(h)
                names.append(self._clean_name(ent) if ent is not None else h.text)
            names = [n for n in names if n]
            first_tok, last_tok = span[0], span[-1]
            ent0 = self._person_of(mention.heads[0])
            if ent0 is not None and len(mention.heads) == 1:
                first_tok = doc[max(ent0.start, mention.start)]
                title_part = doc[mention.start:first_tok.i]
                title_toks = [t for t in title_part if t.dep_ != "det" and t.ent_type_ not in ("GPE", "NORP")]
                if title_toks:
                    out.title = " ".join(t.text for t in title_toks)
                while first_tok.i < last_tok.i and first_tok.lower_.rstrip(".") in lx.TITLE_NOUNS:
                    first_tok = doc[first_tok.i + 1]
            name_span = doc[first_tok.i:last_tok.i + 1]
            canon = [self.canonical(n) for n in names if n]
            if len(canon) == 1:
                name_span = self._widen_to_full_name(name_span, canon[0])
            out.name = name_span.text
            out.span = Span(name_span.start_char, name_span.end_char)
            canon = [self.canonical(n) for n in names if n]
            out.canonical_name = " and ".join(canon)
            if len(canon) == 1:
                prof = self.profiles.get(canon[0])
                if prof:
                    out.title = prof.title or out.title
                    out.affiliation, out.affiliation_short = prof.affiliation, prof.affiliation_short
            return out
        out.name = name
        out.span = Span(span.start_char, span.end_char)
        out.canonical_name = name
        if kind in (SpeakerKind.ROLE, SpeakerKind.GROUP):
            self._role_details(head, span, out)
        elif kind == SpeakerKind.ORGANIZATION:
            ent = _ent_of(head)
            if ent is not None and lemma(head) not in lx.INSTITUTION_NOUNS:
                out.canonical_name = _strip_det(ent).text
            # The organisation itself, without the article its mention may start with.
            out.affiliation = _LEADING_ARTICLE.sub("", out.canonical_name) if any(t.pos_ == "PROPN" for t in span) else ""
            out.affiliation_short = self.acronym_for(out.affiliation)
        return out

    def _widen_to_full_name(self, span: SpacySpan, full: str) -> SpacySpan:
        """"Lifeng" written right after "He": the mention is "He Lifeng" when the words before
        it spell the rest of the person's full name."""
        words = full.split()
        have = span.text.split()
        if len(words) <= len(have) or words[-len(have):] != have:
            return span
        missing = words[: len(words) - len(have)]
        start = span.start - len(missing)
        if start >= 0 and [t.text for t in self.doc[start:span.start]] == missing:
            return self.doc[start:span.end]
        return span

    def _role_details(self, head: Token, span: SpacySpan, out: Speaker) -> None:
        """"a US Treasury spokesman": title spokesman, affiliation US Treasury."""
        mods = [t for t in span if t.i < head.i and (t.ent_type_ in ("ORG", "GPE", "FAC") or (t.pos_ == "PROPN" and t.dep_ in ("compound", "nmod")))]
        if mods:
            out.affiliation = " ".join(t.text for t in self.doc[mods[0].i:mods[-1].i + 1])
        titled = [t for t in span if t.i <= head.i and t.dep_ != "det" and t not in mods and t.pos_ in ("NOUN", "ADJ", "PROPN")]
        if out.kind == SpeakerKind.ROLE:
            out.title = " ".join(t.text for t in titled) or head.text
        aff = self._affiliation_from(head)
        if aff:
            out.affiliation = aff
        out.affiliation_short = self.acronym_for(out.affiliation) if out.affiliation else ""
