"""Word shapes that the attribution rules and the speaker resolver both read."""
from __future__ import annotations

from spacy.tokens import Token


def ends_an_age(tok: Token) -> bool:
    """The "old" of an age, "46-year-old" (the tokenizer splits it into 46 / - / year / - / old)."""
    doc = tok.doc
    return tok.lower_ == "old" and tok.i >= 3 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in ("year", "years")


def is_age_noun(tok: Token) -> bool:
    """"the 46-year-old said": an age used as a noun, which names a person (the tagger calls
    "old" an adjective, the recognizer a DATE); not an age before its noun ("a 46-year-old nurse")."""
    doc = tok.doc
    return ends_an_age(tok) and not (tok.i + 1 < len(doc) and tok.head.i == tok.i + 1 and doc[tok.i + 1].pos_ in ("NOUN", "PROPN"))
