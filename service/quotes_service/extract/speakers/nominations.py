"""The party of a person who seeks, wins or loses its nomination, or runs its campaign: "Kessler
won the Republican nomination", "a challenger for the Democratic nomination", "her bid for the
GOP nomination", "Hale's Republican presidential campaign". A party's nomination is sought only by
its own members, so the sentence gives that person's party wherever it stands in the article.

Who seeks it, read up the parse from the nomination: through prepositions ("for", "of", "to")
and verbs without a subject of their own ("trying to win", "eliminated from winning") to the
first subject ("Kessler won"), the possessor of a noun of seeking ("her bid for", "Hale's lead
for"), or the name a noun of a person is beside ("Rubio, a rival for the GOP nomination") or said
of ("Clinton is the favorite to secure ..."). Only a name or a pronoun that refers to one: a
subject that is a description ("the senator has a path to the nomination") or a group gives
nothing; nor does a nomination in quote marks, or a person the article gives another party.
"""
from __future__ import annotations

from spacy.tokens import Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.speakers.epithets import SUBJECT_DEPS
from quotes_service.extract.speakers.nouns import person_noun
from quotes_service.extract.speakers.people import People
from quotes_service.extract.speakers.person import Person, parties_of
from quotes_service.extract.speakers.pronouns import antecedent
from quotes_service.extract.speakers.standing import is_party_word

OPEN_CLAUSES = frozenset({"xcomp", "advcl", "acl", "pcomp", "conj"})   # verbs that take their subject from above
MAX_STEPS = 6            # heads climbed from the nomination to the person who seeks it


def add_nomination_parties(index: DocIndex, people: People) -> None:
    """Adds to each seeker's profile the party whose nomination or campaign the article says is theirs."""
    if not people.everyone:
        return
    for word, party in lx.PARTY_WORDS.items():
        for tok in index.tokens_written(word):
            noun = _nomination(tok)
            if noun is None or index.in_quote(noun):
                continue
            person = _seeker(noun, people)
            if person is None:
                continue
            person.runs = True
            if parties_of(person) <= {party} and party not in person.profile.affiliations:
                person.profile.affiliations.append(party)


def mark_campaigners(index: DocIndex, people: People) -> None:
    """People whose campaign the article names ("the Sanders campaign", "Clinton's campaign") run
    for office: their staff work for that campaign (people.drop_people)."""
    for word in ("campaign", "campaigns"):
        for tok in index.tokens_written(word):
            for owner in tok.children:
                if owner.dep_ in ("compound", "poss") and owner.pos_ == "PROPN" and owner.i < tok.i:
                    person = people.person_of(owner)
                    if person is not None:
                        person.runs = True


def _nomination(party_word: Token) -> Token | None:
    """The nomination a party word names ("the Republican nomination", "the Democratic Party's
    nomination") or the campaign it qualifies beside its owner ("Hale's Republican campaign")."""
    if not is_party_word(party_word) or party_word.dep_ not in ("amod", "compound", "nmod", "poss"):
        return None
    noun = party_word.head
    if lemma(noun) == "party" and noun.dep_ == "poss":
        noun = noun.head     # "the Republican Party's nomination"
    if noun.i <= party_word.i:
        return None
    if lemma(noun) in lx.NOMINATION_NOUNS:
        return noun
    owned = any(c.dep_ == "poss" for c in noun.children)
    return noun if owned and lemma(noun) in lx.CAMPAIGN_NOUNS else None


def _seeker(noun: Token, people: People) -> Person | None:
    """The person who seeks ``noun`` (see the module docstring), or None."""
    path = {noun.i} | {c.i for c in noun.children if lemma(c) == "party" or is_party_word(c)}
    tok = noun
    for _ in range(MAX_STEPS):
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.i not in path), None)
        if owner is not None and (tok is noun or lemma(tok) in lx.SEEKING_NOUNS):
            return _person(owner, people)
        beneficiary = _for_whom(tok, path) if tok is noun or lemma(tok) in lx.SEEKING_NOUNS else None
        found = _person(beneficiary, people) if beneficiary is not None else None
        if found is not None:
            return found    # "narrowing any path to the nomination for Sanders"
        if tok is not noun and tok.pos_ == "NOUN" and person_noun(tok):
            return _person_said_to_be(tok, people)
        if tok is not noun and tok.pos_ in ("VERB", "AUX"):
            subject = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS and c.i not in path), None)
            if subject is not None:
                return _person(subject, people)
            if tok.dep_ not in OPEN_CLAUSES:
                return None
        elif tok is not noun and tok.pos_ != "ADP" and lemma(tok) not in lx.SEEKING_NOUNS:
            return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        path.add(tok.i)
    return None


def _for_whom(tok: Token, path: set[int]) -> Token | None:
    """The object of a "for" on a noun of seeking, off the path climbed: "a path ... for Sanders"."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "for" and prep.i not in path:
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _person_said_to_be(noun: Token, people: People) -> Person | None:
    """The named person a noun of a person stands beside ("Rubio, a rival for ...") or is said of
    ("Clinton is the favorite to ...", "he moved from gadfly to challenger for ...")."""
    if noun.dep_ == "appos":
        return _person(noun.head, people)
    name = next((c for c in noun.children if c.dep_ == "appos"), None)
    if name is not None:
        return _person(name, people)
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ in ("attr", "pobj") and verb.pos_ in ("VERB", "AUX"):
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        return _person(subject, people) if subject is not None else None
    return None


def _person(tok: Token, people: People) -> Person | None:
    """The person a name or a personal pronoun stands for ("who" for the name it follows); None
    for anything else."""
    if tok.lower_ == "who" and tok.head.dep_ == "relcl":
        tok = tok.head.head     # "Nora Vance, who won the Republican nomination"
    if tok.lower_ in lx.GENDERED_PRONOUNS:
        return antecedent(people, tok, [])
    return people.person_of(tok) if tok.pos_ == "PROPN" else None
