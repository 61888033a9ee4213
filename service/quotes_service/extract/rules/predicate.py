"""A quoted fragment in the clause that a verb of no reporting kind takes as its complement, the
verb's subject the source: 'Bolton anticipated that the hardest job would be "dealing with the
problems Obama leaves"', 'Pew found that "twice as many Democrats said …"', 'Ramos believes in
journalism that "takes sides"' (PolNeAR marks these mixed: the subject's words inside a clause of
thought, finding or stance). Tried when no reporting verb holds the fragment (``enclosing_cue``).

Measured, with the other places a fragment sits in such a predicate (on the train split, the
fragments no earlier rule attributed, subject a name, pronoun or organisation): in the verb's
clause 23 of 32 right with the speaker (1-300: 9 of 12, 301-840: 14 of 20); in its direct object
19 of 36 on 1-300 but 11 of 47 on 301-840 (scare quotes in noun phrases: 'pushed the "gun
violence" narrative'), after a preposition 5 of 49: both left out. A common noun for subject
('the answer was that …') was right 3 times in 15.
"""
from __future__ import annotations

from spacy.tokens import Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.marks import Marked
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.rules.base import Attribution, fragment_root, subject_of
from quotes_service.extract.rules.quoted import reported_around

MAX_STEPS = 6            # heads climbed from the fragment to the verb outside the quote marks
#: the verb heads its sentence, or the clause of another verb ('said he anticipated that …')
VERB_PLACES = frozenset({"ROOT", "ccomp"})
PRONOUNS = frozenset({"he", "she", "they", "i", "we"})


def _verb_above(root: Token, index: DocIndex) -> tuple[Token, Token] | None:
    """The first verb outside the quote marks above the fragment's root, and its dependent that
    holds the fragment."""
    child, tok = root, root
    for _ in range(MAX_STEPS):
        if tok.head.i == tok.i:
            return None
        child, tok = tok, tok.head
        if not index.in_quote(tok) and tok.pos_ in ("VERB", "AUX"):
            return tok, child
    return None


def names_a_source(tok: Token) -> bool:
    """A name, a personal pronoun or an organisation: not a common noun ("the answer was that …")."""
    return tok.ent_type_ in ("PERSON", "ORG", "NORP") or tok.pos_ == "PROPN" or tok.lower_ in PRONOUNS


def clause_fragment(m: Marked, index: DocIndex):
    """The fragment inside the complement clause of a verb that is no reporting verb and no copula,
    heading its sentence or a clause, its subject before it naming a source."""
    found = fragment_root(m, index)
    if found is None:
        return None
    root, first, last = found
    above = _verb_above(root, index)
    if above is None:
        return None
    verb, child = above
    if child.dep_ != "ccomp" or verb.dep_ not in VERB_PLACES or verb.i > first or lemma(verb) in lx.COPULAS:
        return None
    speaker = subject_of(verb, index)
    if speaker is None or speaker.i > verb.i or not names_a_source(speaker):
        return None
    content = reported_around(verb, child, last, index)
    return Attribution(speaker, [verb], 0, verb.i, content=content)
