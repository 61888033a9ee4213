"""A speaker record for a mention: its name as written, canonical name, kind, title, affiliation,
and the document entity it belongs to.

* a person's name, surname or title-and-surname: the person (people.py), with the title and
  affiliation its own mention gives, else its profile's;
* "he"/"she": the person it refers to (pronouns.py);
* a role noun the text ties to a person ("the club's general manager, David Feder"; "the Indiana
  governor" after "Indiana Gov. Mike Pence"): that person;
* an organisation: its fullest name and acronym (organisations.py); "the commission" the one named;
* a document ("the report", "a statement"): kind DOCUMENT, its issuer as affiliation;
* other roles and groups: their phrase without the leading article (or a group's count), the role
  noun as title, and the organisation they belong to.
"""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from quotes.types import Span, Speaker, SpeakerKind
from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.speakers import fields as describe
from quotes_service.extract.speakers import unnamed
from quotes_service.extract.speakers.entities import EntityTable
from quotes_service.extract.speakers.epithets import (add_owned_bodies, add_party_descriptions, add_role_descriptions,
                                                      add_staff_of_candidates)
from quotes_service.extract.speakers.nominations import add_nomination_parties, mark_campaigners
from quotes_service.extract.speakers.mentions import Mention, ent_of, grow_mention, known_first_name, mention_kind
from quotes_service.extract.speakers.organisations import Organisations, org_name
from quotes_service.extract.speakers.people import People, clean_name
from quotes_service.extract.speakers.person import Person
from quotes_service.extract.speakers.profiles import acronym_for
from quotes_service.extract.speakers.pronouns import antecedent, cataphoric, plural_antecedent, quoted_words


OWN_CLAUSE_WEIGHT = 2   # the votes a pronoun of the speaker's own clause gives (person.STRONG: 3)


class SpeakerResolver:
    """Per-document knowledge of speakers: people, organisations, and the entities quotes point at."""

    def __init__(self, index: DocIndex):
        self.index = index
        self.doc = index.doc
        self.people = People(index)
        add_party_descriptions(index, self.people)
        add_role_descriptions(index, self.people)
        add_owned_bodies(index, self.people)
        add_nomination_parties(index, self.people)
        mark_campaigners(index, self.people)
        self.people.settle()
        add_staff_of_candidates(self.people)
        self.orgs = Organisations(index, frozenset(p.last for p in self.people.everyone))
        self.entities = EntityTable()
        self._surnames: dict[str, bool] = {}   # word -> written after a known first name somewhere

    def speaker(self, mention: Mention, recent_speakers: list[tuple[int, str]],
                kind: SpeakerKind | None = None) -> Speaker:
        head = mention.heads[-1] if mention.heads else self.doc[mention.end - 1]
        if kind is None and len(mention.heads) == 1 and self.people.is_family(head):
            kind = SpeakerKind.GROUP
        kind = kind or mention_kind(head, mention, self.people.is_known_person)
        span = self.doc[mention.start:mention.end]
        if head.lower_ in lx.PERSON_PRONOUNS and len(span) == 1:
            return self._pronoun(head, recent_speakers)
        if head.lower_ == "they" and len(span) == 1:
            found = self._they(head, recent_speakers)
            if found is not None:
                return found
        if len(mention.heads) > 1:
            return self._unknown_person(mention, span, [self.people.person_of(h) for h in mention.heads])
        if kind == SpeakerKind.PERSON:
            return self._person(mention, span)
        if kind == SpeakerKind.ROLE:
            person, title = describe.person_for_role(head, span, self.people, recent_speakers)
            if person is not None:
                return self._as_person(person, span, title)
        out = Speaker(name=self.index.text[span.start_char:span.end_char], span=Span(span.start_char, span.end_char), kind=kind)
        gender = self._describe_other(head, span, out, recent_speakers)
        out.id = self.entities.key_for(out, gender)
        self.entities.mentioned(out.id, out.span)
        return out

    def speaker_of_clause(self, mention: Mention, recent_speakers: list[tuple[int, str]], clause_start: int) -> Speaker:
        """``speaker`` for the reporter of a clause starting at token ``clause_start``. A named
        person who says "she"/"he" or "her"/"his" of the clause's subject is taken to speak of
        themself ("Kim said her company would hire", "Ortiz said he would stay"): a cue to their
        gender, of the weight of an honorific's less one."""
        kind = SpeakerKind.ORGANIZATION if self._name_of_a_body(mention, clause_start) else None
        out = self.speaker(mention, recent_speakers, kind)
        if out.kind != SpeakerKind.PERSON or out.resolved_from_pronoun or len(mention.heads) != 1:
            return out
        person = self.people.person_of(mention.heads[0])
        gender = _own_pronoun(self.doc, clause_start)
        if person is not None and gender:
            person.vote(gender, OWN_CLAUSE_WEIGHT)
        return out

    def _name_of_a_body(self, mention: Mention, clause_start: int) -> bool:
        """A one-word name that no person of the article has in full, that says "it" of itself:
        "Twitter said it actively investigated threats" is an organisation, whether the recognizer
        left the name unlabelled or took it for a person's."""
        if len(mention.heads) != 1 or mention.end - mention.start > 2:
            return False
        head = mention.heads[0]
        if head.pos_ != "PROPN" or head.ent_type_ not in ("", "PERSON"):
            return False
        person = self.people.person_of(head)
        if person is not None and " " in person.full or person is None and head.ent_type_ == "PERSON":
            return False
        if self._is_a_surname(head.lower_):
            return False   # "Ines Farzad spoke ... Farzad said it would": a surname, whatever the recognizer said
        return _says_it_of_itself(self.doc, clause_start)

    def _is_a_surname(self, lower: str) -> bool:
        """The word is written after a known first name somewhere in the article (asked once a
        word: a name said hundreds of times would otherwise cost its count squared)."""
        if lower not in self._surnames:
            self._surnames[lower] = any(_after_a_first_name(tok) for tok in self.index.tokens_written(lower))
        return self._surnames[lower]

    # --- people --------------------------------------------------------------------------------------
    def _pronoun(self, head: Token, recent_speakers: list[tuple[int, str]]) -> Speaker:
        out = Speaker(name=self.index.text[head.idx:head.idx + len(head)], span=Span(head.idx, head.idx + len(head)),
                      kind=SpeakerKind.PERSON)
        gender = lx.GENDERED_PRONOUNS.get(head.lower_, "")
        person = cataphoric(self.people, head, gender) or antecedent(
            self.people, head, recent_speakers, bare=True, quoted=quoted_words(self.index, head))
        if person is None:
            out.id = self.entities.key_for(out)
            return out
        person.vote(gender)
        out.canonical_name = person.full
        out.resolved_from_pronoun = True
        out.title, out.affiliation, out.affiliation_short = describe.best(person.profile)
        out.id = self.entities.key_for_person(person)
        self.entities.mentioned(out.id, out.span)
        return out

    def _they(self, head: Token, recent_speakers: list[tuple[int, str]]) -> Speaker | None:
        """"they said": the group or body it stands for, named as that group is."""
        group = plural_antecedent(self.index, head)
        if group is None:
            return None
        found = self.speaker(grow_mention(group, 0, len(self.doc)), recent_speakers)
        out = Speaker(name=self.index.text[head.idx:head.idx + len(head)], span=Span(head.idx, head.idx + len(head)), kind=found.kind,
                      canonical_name=found.canonical_name, title=found.title, affiliation=found.affiliation,
                      affiliation_short=found.affiliation_short, resolved_from_pronoun=True, id=found.id)
        self.entities.mentioned(out.id, out.span)
        return out

    def _person(self, mention: Mention, span: SpacySpan) -> Speaker:
        """The name itself; words before it are its title ("Union Minister CR Patil")."""
        people = self.people
        person = people.person_of(mention.heads[0])
        if person is None:
            return self._unknown_person(mention, span, [None])
        ent = people.titled.get(mention.heads[0].i) or ent_of(mention.heads[0])
        name_span = describe.name_span(span, ent, person.full)
        here = describe.mention_descriptors(ent, span) if ent is not None else None
        if here is not None:
            people.drop_people(here)
        out = self._as_person(person, name_span, "", here)
        return out

    def _as_person(self, person: Person, name_span: SpacySpan, title: str = "", here=None) -> Speaker:
        out = Speaker(name=self.index.text[name_span.start_char:name_span.end_char], span=Span(name_span.start_char, name_span.end_char),
                      canonical_name=person.full, kind=SpeakerKind.PERSON)
        out.title, out.affiliation, out.affiliation_short = describe.best(person.profile, here, title)
        out.id = self.entities.key_for_person(person)
        self.entities.mentioned(out.id, out.span)
        return out

    def _unknown_person(self, mention: Mention, span: SpacySpan, persons: list[Person | None]) -> Speaker:
        """Joint speakers ("Bessent and Greer") or a name the document names nowhere else."""
        names = [p.full if p is not None else _written_name(h) for p, h in zip(persons, mention.heads)]
        kind = SpeakerKind.GROUP if len(names) > 1 else SpeakerKind.PERSON
        out = Speaker(name=self.index.text[span.start_char:span.end_char], span=Span(span.start_char, span.end_char), kind=kind,
                      canonical_name=" and ".join(n for n in names if n))
        if kind == SpeakerKind.PERSON:
            name_span = describe.name_span(span, None, out.canonical_name)
            out.name = self.index.text[name_span.start_char:name_span.end_char]
            out.span = Span(name_span.start_char, name_span.end_char)
        out.id = self.entities.key_for(out)
        self.entities.mentioned(out.id, out.span)
        return out

    # --- everyone else -------------------------------------------------------------------------------
    def _describe_other(self, head: Token, span: SpacySpan, out: Speaker,
                        recent_speakers: list[tuple[int, str]]) -> str:
        """Fills an organisation's, document's, role's or group's canonical name, title and
        affiliation; returns the gender a role noun gives ("spokeswoman")."""
        if out.kind == SpeakerKind.ORGANIZATION:
            self._organisation(head, span, out, recent_speakers)
            return ""
        out.canonical_name = unnamed.canonical(head, out.kind, self.people, recent_speakers) or span.text
        found = describe.role_or_group(head, span)
        if out.kind == SpeakerKind.DOCUMENT:
            out.canonical_name = describe.fuller_document(head, self.doc) or out.canonical_name
            out.affiliation = next(iter(found.affiliations), "")
        else:
            self.people.drop_people(found)   # "Trump's opponents", "people close to Mr. Trump": no affiliation
            out.title = found.titles[0] if found.titles and out.kind == SpeakerKind.ROLE or (
                found.titles and out.kind == SpeakerKind.GROUP and describe.group_title(head)) else ""
            out.affiliation = describe.pick_affiliation(found)
        out.affiliation_short = describe.short_for(out.affiliation, found.acronyms)
        return found.genders[0] if found.genders and out.kind == SpeakerKind.ROLE else ""

    def _organisation(self, head: Token, span: SpacySpan, out: Speaker, recent_speakers: list[tuple[int, str]]) -> None:
        ent = ent_of(head)
        if ent is not None and lemma(head) not in lx.INSTITUTION_NOUNS:
            name = org_name(ent)
        elif head.pos_ == "NOUN":
            named = any(c.dep_ in ("compound", "nmod", "poss") and c.pos_ == "PROPN" for c in head.children)
            described = self.orgs.campaign_at(head) if named else self.orgs.described(head)   # "the Trump campaign" names its own
            name = described or unnamed.canonical(head, out.kind, self.people, recent_speakers)
        else:
            name = describe.without_article(span)
        out.canonical_name, acronyms = self.orgs.canonical(name)
        # The organisation itself, without the article its mention may start with.
        named = any(t.pos_ == "PROPN" for t in span) or out.canonical_name != describe.without_article(span)
        out.affiliation = out.canonical_name if named else ""
        out.affiliation_short = acronyms[0] if acronyms else acronym_for(out.affiliation)


def _written_name(head: Token) -> str:
    """A name no person of the document has, as written: its person entity, else the head with
    the proper nouns compounded before it ("Zero Hedge", not "Hedge")."""
    ent = ent_of(head)
    if ent is not None and ent.label_ == "PERSON":
        return clean_name(ent) or head.text
    start = min((c.left_edge.i for c in head.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"),
                default=head.i)
    return clean_name(head.doc[start:head.i + 1]) or head.text


def _own_pronoun(doc, start: int) -> str:
    """The gender of "he"/"she" as the subject, or "his"/"her" as the subject's possessive, of the
    clause starting at token ``start`` (after its complementiser), or ""."""
    if start < len(doc) and doc[start].lower_ in lx.QUESTION_WORDS:
        return ""   # a question's "he" is the one asked, seldom the asker ("asked Trump if he would …")
    k = start + 1 if start < len(doc) and doc[start].lower_ in lx.COMPLEMENTISERS else start
    if k >= len(doc):
        return ""
    tok = doc[k]
    gender = lx.GENDERED_PRONOUNS.get(tok.lower_, "")
    if tok.dep_ in ("nsubj", "nsubjpass") or tok.dep_ == "poss" and tok.head.dep_ in ("nsubj", "nsubjpass"):
        return gender
    return ""


def _says_it_of_itself(doc, start: int) -> bool:
    """The clause starting at token ``start`` (after its complementiser) has "it" as the subject of
    a verb other than "be" ("it investigated", not the "it" of "it was time" or "it seems"), or "its" as the
    subject's possessive ("its shares fell")."""
    k = start + 1 if start < len(doc) and doc[start].lower_ in lx.COMPLEMENTISERS else start
    if k >= len(doc):
        return False
    tok = doc[k]
    if tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass"):
        return lemma(tok.head) not in ("be", "seem", "appear")
    return tok.lower_ == "its" and tok.dep_ == "poss" and tok.head.dep_ in ("nsubj", "nsubjpass")


def _after_a_first_name(tok: Token) -> bool:
    """A first name the lexicon knows, capitalised, right before ``tok`` ("Ines Farzad", whatever
    the recognizer labelled it); not "Islamic State Twitter"."""
    if tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return prev.is_alpha and prev.text[:1].isupper() and known_first_name(prev.lower_)
