"""Which person a "he" or "she" refers to: a recent person whose gender does not contradict it,
preferably a subject, or the speaker of a recent quote.

The gender checked is the one the text gives the person, else the one a common first name
suggests: a prior for choosing the antecedent only. The gender the service reports comes from
the text alone (people.Person.gender)."""
from __future__ import annotations

from spacy.tokens import Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.speakers.people import People, Person

ANTECEDENT_REACH = 1500   # characters back that a pronoun may reach for its person
RECENT_SPEAKERS = 20      # earlier speakers considered as a pronoun's antecedent


def _disagrees(person: Person | None, gender: str) -> bool:
    return bool(person and gender and person.likely_gender and person.likely_gender != gender)


def _best_named(people: People, pronoun: Token, gender: str) -> tuple[Person | None, float]:
    """The best person named in the text before the pronoun, and its score."""
    best, best_score = None, float("-inf")
    for ent in people.mentioned_before(pronoun.idx, ANTECEDENT_REACH + 200):
        if ent.end_char < pronoun.idx - ANTECEDENT_REACH:
            continue
        person = people.person_at(ent)
        if person is None or _disagrees(person, gender):
            continue
        score = -(pronoun.idx - ent.end_char) / 100.0
        if ent.root.dep_ in ("nsubj", "nsubjpass"):
            score += 3.0
        if ent.root.head.i == ent.root.i or ent.root.dep_ == "ROOT":
            score += 0.5
        if ent.root.dep_ == "pobj":
            score -= 1.0
        if score > best_score:
            best, best_score = person, score
    return best, best_score


def antecedent(people: People, pronoun: Token, recent_speakers: list[tuple[int, str]]) -> Person | None:
    """The person a he/she most likely refers to: recent, a subject, a speaker, of no other gender."""
    gender = lx.GENDERED_PRONOUNS.get(pronoun.lower_, "")
    best, best_score = _best_named(people, pronoun, gender)
    for at, name in reversed(recent_speakers[-RECENT_SPEAKERS:]):
        person = people.by_name(name)
        if person is None or not (at < pronoun.idx and pronoun.idx - at < ANTECEDENT_REACH) or _disagrees(person, gender):
            continue
        score = -(pronoun.idx - at) / 100.0 + 3.5
        if score > best_score:
            best, best_score = person, score
    return best
