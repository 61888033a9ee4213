"""A speaker record for a mention: its name as written, canonical name, kind, title and affiliation.

Pronouns go to the person they refer to (pronouns.py), surnames to the fullest name in the
document (people.py), and titles and affiliations come from the person's profile
(profiles.py) or, for roles and groups, from the mention's own words ("a US Treasury
spokesman": title spokesman, affiliation US Treasury).
"""
from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan, Token

from quotes.types import Span, Speaker, SpeakerKind
from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.speakers.mentions import Mention, ent_of, mention_kind
from quotes_service.extract.speakers.people import People, clean_name
from quotes_service.extract.speakers.profiles import acronym_for, affiliation_from, strip_det
from quotes_service.extract.speakers.pronouns import antecedent

_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


class SpeakerResolver:
    """Per-document knowledge of people: full names, titles, affiliations, pronoun antecedents."""

    def __init__(self, index: DocIndex):
        self.doc = index.doc
        self.people = People(index)

    def speaker(self, mention: Mention, recent_speakers: list[tuple[int, str]]) -> Speaker:
        head = mention.heads[-1] if mention.heads else self.doc[mention.end - 1]
        kind = mention_kind(head, mention, self.people.is_known_person)
        span = self.doc[mention.start:mention.end]
        if head.lower_ in lx.PERSON_PRONOUNS and len(span) == 1:
            return self._pronoun(head, kind, recent_speakers)
        if kind == SpeakerKind.PERSON:
            return self._person(mention, span, kind)
        out = Speaker(name=span.text, span=Span(span.start_char, span.end_char), canonical_name=span.text, kind=kind)
        if kind in (SpeakerKind.ROLE, SpeakerKind.GROUP):
            self._role_details(head, span, out)
        elif kind == SpeakerKind.ORGANIZATION:
            ent = ent_of(head)
            if ent is not None and lemma(head) not in lx.INSTITUTION_NOUNS:
                out.canonical_name = strip_det(ent).text
            # The organisation itself, without the article its mention may start with.
            out.affiliation = _LEADING_ARTICLE.sub("", out.canonical_name) if any(t.pos_ == "PROPN" for t in span) else ""
            out.affiliation_short = acronym_for(out.affiliation)
        return out

    def _pronoun(self, head: Token, kind: SpeakerKind, recent_speakers: list[tuple[int, str]]) -> Speaker:
        out = Speaker(name=head.text, span=Span(head.idx, head.idx + len(head.text)), kind=kind)
        out.canonical_name = antecedent(self.people, head, recent_speakers)
        out.resolved_from_pronoun = bool(out.canonical_name)
        prof = self.people.profiles.get(out.canonical_name)
        if prof:
            out.title, out.affiliation, out.affiliation_short = prof.title, prof.affiliation, prof.affiliation_short
        return out

    def _person(self, mention: Mention, span: SpacySpan, kind: SpeakerKind) -> Speaker:
        """The name itself; words before it are its title ("Union Minister CR Patil")."""
        doc, people = self.doc, self.people
        out = Speaker(kind=kind)
        names = []
        for h in mention.heads:
            ent = people.person_of(h)
            names.append(clean_name(ent) if ent is not None else h.text)
        canon = [people.canonical(n) for n in names if n]
        first_tok, last_tok = span[0], span[-1]
        ent0 = people.person_of(mention.heads[0])
        if ent0 is not None and len(mention.heads) == 1:
            first_tok = doc[max(ent0.start, mention.start)]
            title_toks = [t for t in doc[mention.start:first_tok.i] if t.dep_ != "det" and t.ent_type_ not in ("GPE", "NORP")]
            if title_toks:
                out.title = " ".join(t.text for t in title_toks)
            while first_tok.i < last_tok.i and first_tok.lower_.rstrip(".") in lx.TITLE_NOUNS:
                first_tok = doc[first_tok.i + 1]
        name_span = doc[first_tok.i:last_tok.i + 1]
        if len(canon) == 1:
            name_span = self._widen_to_full_name(name_span, canon[0])
        out.name = name_span.text
        out.span = Span(name_span.start_char, name_span.end_char)
        out.canonical_name = " and ".join(canon)
        prof = people.profiles.get(canon[0]) if len(canon) == 1 else None
        if prof:
            out.title = prof.title or out.title
            out.affiliation, out.affiliation_short = prof.affiliation, prof.affiliation_short
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
        mods = [t for t in span if t.i < head.i and (t.ent_type_ in ("ORG", "GPE", "FAC")
                                                     or (t.pos_ == "PROPN" and t.dep_ in ("compound", "nmod")))]
        if mods:
            out.affiliation = " ".join(t.text for t in self.doc[mods[0].i:mods[-1].i + 1])
        titled = [t for t in span if t.i <= head.i and t.dep_ != "det" and t not in mods and t.pos_ in ("NOUN", "ADJ", "PROPN")]
        if out.kind == SpeakerKind.ROLE:
            out.title = " ".join(t.text for t in titled) or head.text
        aff = affiliation_from(head)
        if aff:
            out.affiliation = aff
        out.affiliation_short = acronym_for(out.affiliation) if out.affiliation else ""
