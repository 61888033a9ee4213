"""Definite descriptions that give a named person's party: "the Democratic nominee", "the GOP
front-runner", "the Republican presidential candidate". News prose names a candidate once and then
refers to them by party and role; the article's words are about that person wherever they stand,
so they go to the person's profile (title and party) whether or not that sentence holds a quote.

A description that is the subject of its clause ("The Democratic nominee held a rally") is of the
most salient person named before it. As an object, a possessive or inside a phrase it is the
other party to someone's act ("Kessler attacked the Democratic nominee", "son of the GOP
front-runner", "the Democratic nominee's speech"): of the most salient person named before it
other than the people of its own clause (its names, and the people its pronouns stand for). As
the complement of "be" or "become" ("Trump became the Republican nominee") it is of the clause's
subject. Only nouns of candidacy
("nominee", "front-runner", "candidate"), of which a race has one per party, and a party word
written as a name ("an independent expert" is no party). Who the description is of: of the
people named before it, one whose profile already has that party (descriptions are read in the
text's order), else one with no party yet, never one of another party; the most salient of them.
A description beside a name ("the Democratic nominee, Hillary Clinton"; "Republican nominee
Donald Trump") is read with the name (descriptors.py), and a plural one is a group.

The same for a definite description of an office ("the former secretary of state", "the Vermont
senator") or, as a subject or a possessive, of a candidacy ("the candidate's plan"): its title and
the place it names go to the person just named it is of, one whose titles have its word, else (of
a candidacy) one who runs, else one who holds no other office.

Also here, for the same reason (a role whose person is elsewhere in the article): a candidate's
staff named beside "his"/"her" role ("Her campaign manager, Robby Mook") work for the
candidate's campaign.
"""
from __future__ import annotations

from spacy.attrs import DEP, TAG
from spacy.tokens import Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.speakers.descriptors import is_body_noun, org_phrase, role_phrase
from quotes_service.extract.speakers.nouns import title_word
from quotes_service.extract.speakers.people import People, candidate, staff_title, title_word_of
from quotes_service.extract.speakers.person import Person, parties_of
from quotes_service.extract.speakers.standing import is_party_word, names_a_body, set_off
from quotes_service.extract.speakers.pronouns import antecedent, salience

REACH = 3000             # characters back that a description looks for the person it is of
# An object or possessive description is of someone just named (pronouns.salience: a subject one
# sentence back scores 1.5, an object in the same sentence 1.5): on the annotated train documents,
# of the 20 such descriptions, those of a person scoring below 0 were 6 wrong of 7.
OTHERS_FLOOR = 0.0
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
ROLE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "pobj", "attr", "poss"})   # a description's own place
NEXT_TO_A_NAME = frozenset({"appos", "compound", "flat"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr"})
CORE_DEPS = frozenset({"compound", "flat", "appos", "poss", "conj"})   # a name's words, what it is beside


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
    return head


def _clause_verb(head: Token) -> Token:
    """The verb of the clause a description is in (the root when none is above it)."""
    tok = head
    while tok.head.i != tok.i and not (tok.pos_ in ("VERB", "AUX") and tok is not head):
        tok = tok.head
    return tok


def _people_of_clause(head: Token, people: People) -> set[str]:
    """The people a description's own clause names or stands for by a pronoun, as its subject or
    object (with their appositives and possessives), outside the description: "Kessler attacked
    the Democratic nominee" is not about Kessler; "groups urging Whitcombe to run hailed the
    Democratic nominee's speech" may be about Whitcombe."""
    inside = {t.i for t in head.subtree}
    out = set()
    for tok in _arguments(_clause_verb(head)):
        if tok.i in inside:
            continue
        person = antecedent(people, tok, []) if tok.lower_ in lx.GENDERED_PRONOUNS else _named(tok, people)
        if person is not None:
            out.add(person.id)
    return out


def _arguments(verb: Token) -> list[Token]:
    """The tokens of a verb's subject and objects, with their names' words, appositives,
    possessives and conjuncts (not what a preposition or a clause inside them adds), and the
    subjects of the verbs above it: "Obama kept in touch and would be an advocate for ...",
    "Earnest said Obama would be an advocate for ..."."""
    todo = [c for c in verb.children if c.dep_ in ARGUMENT_DEPS]
    todo += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    todo += [c for above in verb.ancestors for c in above.children if c.dep_ in SUBJECT_DEPS]
    out = []
    while todo:
        tok = todo.pop()
        out.append(tok)
        todo += [c for c in tok.children if c.dep_ in CORE_DEPS]
    return out


def _named(tok: Token, people: People) -> Person | None:
    """The person of the name mention ``tok`` is part of (no guess from a word alone)."""
    return people.person_at(tok.doc[tok.i:tok.i + 1])


def _after_as(head: Token) -> bool:
    """"as the Republican nominee" on a verb: said of the verb's object, else of its subject."""
    return head.dep_ == "pobj" and head.head.lower_ == "as" and head.head.head.pos_ in ("VERB", "AUX")


def _complement_subject(head: Token, people: People) -> Person | None:
    """"Trump became the Republican nominee", "she is the Democratic front-runner": the person
    the subject of "be"/"become" names, of whom the description is said; "support Trump as the
    Republican nominee", "As the Democratic nominee, she ...": the object's, else the subject's."""
    if _after_as(head):
        verb = head.head.head
        subject = next((c for c in verb.children if c.dep_ == "dobj"), None) or next(
            (c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    elif lemma(head.head) in lx.COPULAS:
        verb = head.head
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    else:
        return None
    if subject is None:
        return None
    if subject.lower_ in lx.GENDERED_PRONOUNS:
        return antecedent(people, subject, [])
    return _named(subject, people)


def _person_word(head: Token) -> bool:
    """A noun of candidacy ("nominee", "front-runner"): one person the race has; not "the
    Republican senator" (a party has many) or "the Republican establishment"."""
    word = lemma(head)
    doc = head.doc
    if head.i >= 2 and doc[head.i - 1].text == "-" and not doc[head.i - 2].whitespace_ and not doc[head.i - 1].whitespace_:
        word = f"{doc[head.i - 2].lower_}-{word}"    # "front-runner", split by the tokenizer
    return word in lx.CANDIDACY_NOUNS


def _of(head: Token, people: People, party: str) -> Person | None:
    """The person a description is of (see the module docstring), or None."""
    tiers = (lambda p: party in parties_of(p), lambda p: not parties_of(p))
    if head.dep_ in SUBJECT_DEPS:
        return _most_salient(head, people, set(), None, tiers)
    if head.dep_ == "attr" or _after_as(head):
        person = _complement_subject(head, people)
        return person if person is not None and parties_of(person) <= {party} else None
    return _most_salient(head, people, _people_of_clause(head, people), OTHERS_FLOOR, tiers)


def _most_salient(head: Token, people: People, besides: set[str], floor: float | None, tiers) -> Person | None:
    """The person named before ``head`` that it describes: of that party if the article says so of
    anyone, else one of no party yet; of those, the most salient, as for a pronoun (pronouns.py).
    (Adding how often the article names each person, for the story's principal, was measured on
    the annotated train documents: affiliation F1 within 0.003 either way, so left out.)"""
    scores: dict[str, tuple[float, Person]] = {}
    for ent in people.mentioned_before(head.idx, REACH):
        person = people.person_at(ent)
        if person is None or person.id in besides:
            continue
        score = salience(people, ent, head)
        if person.id not in scores or score > scores[person.id][0]:
            scores[person.id] = (score, person)
    for fits in tiers:
        found = [pair for pair in scores.values() if fits(pair[1])]
        if found:
            score, person = max(found, key=lambda pair: pair[0])
            return person if floor is None or score >= floor else None
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


NAMING_PARTICIPLES = frozenset({"called", "named", "known"})


def _named_body(head: Token) -> Token | None:
    """The name given a body noun beside it: ", Lenox Healthcare" (an appositive, or the conjunct
    the parser may make of it), ", called the Virginia Conservation Legacy Fund"."""
    for c in head.children:
        if c.i <= head.i + 1 or not set_off(c):
            continue
        if c.dep_ in ("appos", "conj") and names_a_body(c):
            return c
        if c.dep_ == "acl" and c.lower_ in NAMING_PARTICIPLES:
            name = next((g for g in c.children if g.dep_ in ("oprd", "attr", "dobj", "xcomp") and names_a_body(g)), None)
            if name is not None:
                return name
    return None


def add_owned_bodies(index: DocIndex, people: People) -> None:
    """"one of his companies, Lenox Healthcare", "Clarke's nonprofit group, called the Virginia
    Conservation Legacy Fund": a body a person is said to have, and named there, is one of that
    person's affiliations (a his/her's person is its antecedent)."""
    if not people.everyone:
        return
    for i in index.indices_with(DEP, "poss"):
        poss = index.doc[i]
        if index.in_quote(poss):
            continue
        head = poss.head
        if head.pos_ != "NOUN" or not is_body_noun(head):
            continue
        name = _named_body(head)
        if name is None:
            continue
        if poss.lower_ in ("his", "her"):
            person = antecedent(people, poss, [], bare=True)
        else:
            person = people.person_of(poss) if poss.ent_type_ == "PERSON" else None
        body = org_phrase(name)
        if person is not None and body and body not in person.profile.affiliations:
            person.profile.affiliations.append(body)


def add_role_descriptions(index: DocIndex, people: People) -> None:
    """Adds each definite description of a position held ("the former secretary of state", "the
    Vermont senator", "the secretary of state") to the profile of the person just named it is of:
    one whose titles have its word, else anyone, the most salient (at least OTHERS_FLOOR), other
    than the people of its own clause when it is not the subject."""
    if not people.everyone:
        return
    for i in index.indices_with(TAG, "NN"):   # what _role_description asks first
        head = index.doc[i]
        if not _role_description(head, index):
            continue
        word = title_word(head)
        if head.dep_ == "attr":
            person = _complement_subject(head, people)    # "Clinton was the U.S. senator from New York"
        else:
            besides = set() if head.dep_ in SUBJECT_DEPS else _people_of_clause(head, people)
            person = _most_salient(head, people, besides, OTHERS_FLOOR,
                                   (lambda p: any(title_word_of(t) == word for t in p.profile.titles),
                                    candidate if _person_word(head) else (lambda p: False),
                                    lambda p: not any(title_word_of(t) in lx.OFFICE_WORDS for t in p.profile.titles)))
        if person is not None:
            person.profile.add(role_phrase(head))


def _role_description(head: Token, index: DocIndex) -> bool:
    """"the former secretary of state", "the Vermont senator": "the", a singular noun of a position,
    and a word that makes it one person's (a title modifier, a place, a body, an "of" phrase); not
    "the new president" or "the first woman president", nor a party's description (above)."""
    if head.pos_ != "NOUN" or head.tag_ != "NN" or head.dep_ not in ROLE_DEPS:
        return False
    candidacy = _person_word(head)
    if not (candidacy or title_word(head) in lx.OFFICE_WORDS):
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.lefts) or index.in_quote(head):
        return False
    if head.dep_ in NEXT_TO_A_NAME or any(c.dep_ == "appos" for c in head.children):
        return False
    mods = [c for c in head.lefts if c.dep_ in MODIFIER_DEPS]
    if any(is_party_word(c) or c.ent_type_ in ("ORDINAL", "DATE") for c in mods):
        return False
    of_title = any(c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN") and not any(
        d.dep_ in ("det", "poss", "case") for d in g.children) for g in c.children) for c in head.children)
    if candidacy:   # "the candidate's plan", "the first-time candidate is", not "allies of the candidate"
        return head.dep_ in SUBJECT_DEPS | {"poss"} and not any(c.tag_ in ("JJS", "RBS") or c.lower_ == "only" for c in mods)
    return bool(mods) and all(c.lower_ in lx.TITLE_MODIFIERS or c.ent_type_ or c.pos_ in ("PROPN", "NOUN") for c in mods) \
        or of_title and not mods


def add_staff_of_candidates(people: People) -> None:
    """"Her campaign manager, Robby Mook", "His chief strategist, Tad Devine": a candidate's staff,
    named beside a role whose possessive pronoun refers to the candidate, work for the candidate's
    campaign ("Clinton campaign"), as people.drop_people has it of "Clinton spokesman Josh Schwerin"."""
    for person in people.everyone:
        for ent in person.mentions:
            role = ent.root.head if ent.root.dep_ == "appos" else next(
                (c for c in ent.root.children if c.dep_ == "appos" and c.i > ent.root.i), None)
            title = next(iter(role_phrase(role).titles), "") if role is not None and role.pos_ == "NOUN" else ""
            if not staff_title(title):
                continue
            pronoun = next((c for c in role.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
            boss = antecedent(people, pronoun, []) if pronoun is not None else None
            if boss is not None and boss is not person and (candidate(boss) or "campaign" in title):
                campaign = f"{boss.full.split()[-1]} campaign"
                if campaign not in person.profile.affiliations:
                    person.profile.affiliations.append(campaign)
