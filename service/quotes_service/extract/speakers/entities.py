"""The distinct speakers of a document: one entry per entity, the quotes that point at it.

A person is one entity however its mentions are written (full name, surname, pronoun, role
noun the text ties to it); any other speaker is one entity per kind and canonical name. Ids are
given in the order of each entity's first quote ("S1", "S2", ...), once the quotes are in order.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from quotes.types import Gender, Quote, Span, Speaker, SpeakerEntity, SpeakerKind
from quotes_service.extract.speakers.person import Person
from quotes_service.extract.speakers.profiles import normalise

GENDERS = {"female": Gender.FEMALE, "male": Gender.MALE}


@dataclass
class _Entry:
    person: Person | None
    kind: SpeakerKind
    canonical: str
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    gender: str = ""
    mentions: set[tuple[int, int]] = field(default_factory=set)


def _add_unique(target: list[str], values) -> None:
    for value in values:
        if value and value not in target:
            target.append(value)


class EntityTable:
    def __init__(self):
        self._entries: dict[str, _Entry] = {}

    def key_for_person(self, person: Person) -> str:
        key = "person:" + person.id
        if key not in self._entries:
            self._entries[key] = _Entry(person, SpeakerKind.PERSON, person.full)
        return key

    def key_for(self, speaker: Speaker, gender: str = "") -> str:
        """The entry of a speaker that is not a named person (its kind and canonical name)."""
        key = f"{int(speaker.kind)}:{normalise(speaker.canonical_name) or normalise(speaker.name)}"
        entry = self._entries.setdefault(key, _Entry(None, speaker.kind, speaker.canonical_name))
        _add_unique(entry.titles, [speaker.title])
        _add_unique(entry.affiliations, [speaker.affiliation])
        if speaker.affiliation_short and speaker.affiliation_short != speaker.affiliation:
            _add_unique(entry.acronyms, [speaker.affiliation_short])
        entry.gender = entry.gender or gender
        return key

    def mentioned(self, key: str, span: Span) -> None:
        if span.end > span.start:
            self._entries[key].mentions.add((span.start, span.end))

    def finish(self, quotes: list[Quote]) -> list[SpeakerEntity]:
        """Numbers the entities in order of their first quote, sets every quote's speaker id and
        gender, and returns the entities."""
        made: dict[str, SpeakerEntity] = {}
        for quote in quotes:
            key = quote.speaker.id
            if key in self._entries and key not in made:
                made[key] = self._record(f"S{len(made) + 1}", self._entries[key])
            if key in made:
                made[key].quote_count += 1
        seen: set[int] = set()
        for quote in quotes:
            entity = made.get(quote.speaker.id)
            if entity is not None and id(quote.speaker) not in seen:   # follow-on quotes share a Speaker
                seen.add(id(quote.speaker))
                quote.speaker.id, quote.speaker.gender = entity.id, entity.gender
        return list(made.values())

    @staticmethod
    def _record(entity_id: str, entry: _Entry) -> SpeakerEntity:
        mentions = set(entry.mentions)
        titles, affiliations, acronyms = list(entry.titles), list(entry.affiliations), list(entry.acronyms)
        gender = entry.gender
        if entry.person is not None:
            person = entry.person
            mentions |= {(m.start_char, m.end_char) for m in person.mentions}
            _add_unique(titles, person.profile.titles)
            _add_unique(affiliations, person.profile.affiliations)
            _add_unique(acronyms, person.profile.acronyms)
            gender = person.gender
        return SpeakerEntity(
            id=entity_id, canonical_name=entry.person.full if entry.person else entry.canonical, kind=entry.kind,
            titles=titles, affiliations=affiliations, acronyms=acronyms, gender=GENDERS.get(gender, Gender.UNSPECIFIED),
            mentions=[Span(s, e) for s, e in sorted(mentions)],
        )
