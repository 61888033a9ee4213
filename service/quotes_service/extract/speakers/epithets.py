"""Definite descriptions that give a named person's party: "the Democratic nominee", "the GOP
front-runner", "the Republican presidential candidate". News prose names a candidate once and then
refers to them by party and role; the article's words are about that person wherever they stand,
so they go to the person's profile (title and party) whether or not that sentence holds a quote.

Only a description that is the subject of its clause ("The Democratic nominee held a rally"):
as an object or inside a phrase it is usually the other party to someone's act ("Kessler
attacked the Democratic nominee", "son of the GOP front-runner"). Only nouns of candidacy
("nominee", "front-runner", "candidate"), of which a race has one per party, and a party word
written as a name ("an independent expert" is no party). Who the description is of: of the
people named before it, one whose profile already has that party (descriptions are read in the
text's order), else one with no party yet, never one of another party; the most salient of them.
A description beside a name ("the Democratic nominee, Hillary Clinton"; "Republican nominee
Donald Trump") is read with the name (descriptors.py), and a plural one is a group.

Also here, for the same reason (a role whose person is elsewhere in the article): a candidate's
staff named beside "his"/"her" role ("Her campaign manager, Robby Mook") work for the
candidate's campaign.
"""
from __future__ import annotations

from spacy.tokens import Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.speakers.descriptors import role_phrase
from quotes_service.extract.speakers.people import People, candidate, staff_title
from quotes_service.extract.speakers.person import Person
from quotes_service.extract.speakers.standing import is_party_word
from quotes_service.extract.speakers.pronouns import antecedent, salience

REACH = 3000             # characters back that a description looks for the person it is of
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
NEXT_TO_A_NAME = frozenset({"appos", "compound", "flat"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _parties(person: Person) -> set[str]:
    return {a for a in person.profile.affiliations if a in lx.PARTIES}


def _description(party_word: Token, index: DocIndex) -> Token | None:
    """The head of the definite singular person description a party word modifies, or None."""
    head = party_word.head
    if not is_party_word(party_word):
        return None    # "an independent expert", "a democratic socialist": not a party
    if party_word.dep_ not in MODIFIER_DEPS or head.i <= party_word.i or head.pos_ != "NOUN" or head.tag_ != "NN":
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.lefts) or not _person_word(head):
        return None
    if head.dep_ in NEXT_TO_A_NAME or any(c.dep_ == "appos" for c in head.children) or index.in_quote(head):
        return None
    if head.dep_ not in SUBJECT_DEPS:
        return None    # "attacked the Democratic nominee", "son of the GOP front-runner": someone else's act
    return head


def _person_word(head: Token) -> bool:
    """A noun of candidacy ("nominee", "front-runner"): one person the race has; not "the
    Republican senator" (a party has many) or "the Republican establishment"."""
    word = lemma(head)
    doc = head.doc
    if head.i >= 2 and doc[head.i - 1].text == "-" and not doc[head.i - 2].whitespace_ and not doc[head.i - 1].whitespace_:
        word = f"{doc[head.i - 2].lower_}-{word}"    # "front-runner", split by the tokenizer
    return word in lx.CANDIDACY_NOUNS


def _of(head: Token, people: People, party: str) -> Person | None:
    """The person named before ``head`` that it describes: of that party if the article says so of
    anyone, else one of no party yet; of those, the most salient, as for a pronoun (pronouns.py).
    (Adding how often the article names each person, for the story's principal, was measured on
    the annotated train documents: affiliation F1 within 0.003 either way, so left out.)"""
    scores: dict[str, tuple[float, Person]] = {}
    for ent in people.mentioned_before(head.idx, REACH):
        person = people.person_at(ent)
        if person is None:
            continue
        score = salience(people, ent, head)
        if person.id not in scores or score > scores[person.id][0]:
            scores[person.id] = (score, person)
    for fits in (lambda p: party in _parties(p), lambda p: not _parties(p)):
        found = [pair for pair in scores.values() if fits(pair[1])]
        if found:
            return max(found, key=lambda pair: pair[0])[1]
    return None


def add_party_descriptions(index: DocIndex, people: People) -> None:
    """Adds each party description's title and party to the profile of the person it is of."""
    if not people.everyone:
        return
    found = sorted(((tok, party) for word, party in lx.PARTY_WORDS.items() for tok in index.tokens_written(word)),
                   key=lambda pair: pair[0].i)
    for tok, party in found:      # in the text's order: what one description settles, the next one knows
        head = _description(tok, index)
        person = _of(head, people, party) if head is not None else None
        if person is not None:
            person.profile.add(role_phrase(head))


def add_staff_of_candidates(people: People) -> None:
    """"Her campaign manager, Robby Mook", "His chief strategist, Tad Devine": a candidate's staff,
    named beside a role whose possessive pronoun refers to the candidate, work for the candidate's
    campaign ("Clinton campaign"), as people.drop_people has it of "Clinton spokesman Josh Schwerin"."""
    for person in people.everyone:
        for ent in person.mentions:
            role = ent.root.head if ent.root.dep_ == "appos" else next(
                (c for c in ent.root.children if c.dep_ == "appos" and c.i > ent.root.i), None)
            if role is None or role.pos_ != "NOUN" or not staff_title(next(iter(role_phrase(role).titles), "")):
                continue
            pronoun = next((c for c in role.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
            boss = antecedent(people, pronoun, []) if pronoun is not None else None
            if boss is not None and boss is not person and candidate(boss):
                campaign = f"{boss.full.split()[-1]} campaign"
                if campaign not in person.profile.affiliations:
                    person.profile.affiliations.append(campaign)
