"""Which person a "he" or "she" refers to: a recent person of the right gender, preferably a
subject, or the speaker of a recent quote."""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.speakers.people import People, clean_name

ANTECEDENT_REACH = 1500   # characters back that a pronoun may reach for its person
RECENT_SPEAKERS = 20      # earlier speakers considered as a pronoun's antecedent


def _disagrees(people: People, name: str, gender: str) -> bool:
    prof = people.profiles.get(name)
    return bool(prof and gender and prof.gender and prof.gender != gender)


def _best_named(people: People, pronoun: Token, gender: str) -> tuple[str, float]:
    """The best person named in the text before the pronoun, and its score."""
    best, best_score = "", float("-inf")
    window_start = max(0, pronoun.idx - ANTECEDENT_REACH)
    lo = bisect_left(people.starts, window_start - 200)
    hi = bisect_left(people.starts, pronoun.idx)
    for ent in people.persons[lo:hi]:
        if ent.start_char >= pronoun.idx or ent.end_char < window_start:
            continue
        full = people.canonical(clean_name(ent))
        if not full or " and " in full or _disagrees(people, full, gender):
            continue
        score = -(pronoun.idx - ent.end_char) / 100.0
        if ent.root.dep_ in ("nsubj", "nsubjpass"):
            score += 3.0
        if ent.root.head.i == ent.root.i or ent.root.dep_ == "ROOT":
            score += 0.5
        if ent.root.dep_ == "pobj":
            score -= 1.0
        if score > best_score:
            best, best_score = full, score
    return best, best_score


def antecedent(people: People, pronoun: Token, recent_speakers: list[tuple[int, str]]) -> str:
    """The person a he/she most likely refers to: recent, a subject, a speaker, of the right gender."""
    gender = lx.PERSON_PRONOUNS.get(pronoun.lower_, "")
    best, best_score = _best_named(people, pronoun, gender)
    for at, name in reversed(recent_speakers[-RECENT_SPEAKERS:]):
        if at < pronoun.idx and pronoun.idx - at < ANTECEDENT_REACH and not _disagrees(people, name, gender):
            score = -(pronoun.idx - at) / 100.0 + 3.5
            if score > best_score:
                best, best_score = name, score
    return best
