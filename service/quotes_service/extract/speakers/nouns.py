"""What one word says of a person: the title it stands for ("Gov." -> governor), whether it names
a kind of person ("analyst", "spokeswoman", an agent noun's ending) and the gender it gives."""
from __future__ import annotations

from spacy.tokens import Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.words import is_age_noun


def title_word(tok: Token) -> str:
    """The word a title token stands for: "Gov." -> governor, "Sen." -> senator, else its lower form."""
    low = tok.lower_.rstrip(".")
    return lx.TITLE_FORMS.get(low, low)


def is_title_token(tok: Token) -> bool:
    """A word of a formal title ("Secretary", "Sen.", "Vice") or a role noun ("economist")."""
    low = tok.lower_.rstrip(".")
    return low in lx.TITLE_NOUNS or low in lx.TITLE_FORMS or lemma(tok) in lx.ROLE_NOUNS


PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee", "aire", "ive")
NOT_PERSON_SUFFIXES = ("ment",)   # "establishment", "movement", "government": acts and bodies, not agents


def person_noun(tok: Token) -> bool:
    """A noun that names a kind of person ("chief", "analyst", "spokeswoman", "president"), not a
    thing ("use", "plan"): the role, title and gender lexicons, else the endings of agent nouns."""
    word = lemma(tok)
    if lexical_person_noun(tok):
        return True
    return len(word) > 4 and word.endswith(PERSON_SUFFIXES) and not word.endswith(NOT_PERSON_SUFFIXES)


def lexical_person_noun(tok: Token) -> bool:
    """A noun the lexicons know as a kind of person; not an agent ending alone, which companies
    share ("the drugmaker", "the carrier")."""
    word = lemma(tok)
    if word in lx.ROLE_NOUNS or word in lx.GROUP_ROLE_NOUNS or word in lx.CANDIDACY_NOUNS or is_title_token(tok):
        return True
    if tok.lower_ in lx.PARTY_MEMBERS and tok.tag_ in ("NN", "NNP") or is_age_noun(tok):
        return True    # "the Wisconsin Republican", "Kendal Unruh, a Republican", "the 46-year-old"
    return tok.lower_ in lx.FEMALE_NOUNS or tok.lower_ in lx.MALE_NOUNS


def gender_of_noun(tok: Token) -> str:
    """"spokeswoman" -> female, "chairman" -> male, else ""."""
    low = tok.lower_
    if low in lx.FEMALE_NOUNS:
        return "female"
    if low in lx.MALE_NOUNS:
        return "male"
    return ""
