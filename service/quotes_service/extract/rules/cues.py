"""What makes a word a reporting cue: a verb of speech not negated ("did not say" reports
nothing), "as Cornyn put it", and an object set beside quoted words by "as"."""
from __future__ import annotations

from spacy.attrs import DEP
from spacy.strings import get_string_id
from spacy.tokens import Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import doc_column
from quotes_service.extract.pipeline.lemmas import lemma

_NEGATED_HEADS = "quotes.negated_heads"
_NEG = get_string_id("neg")


def _negated_heads(doc) -> frozenset[int]:
    """Indices of the tokens with a "neg" child, filed once a document: a verb with hundreds of
    conjuncts has as many children, and asking each of them about it would cost their count squared."""
    heads = doc.user_data.get(_NEGATED_HEADS)
    if heads is None:
        heads = doc.user_data[_NEGATED_HEADS] = frozenset(doc[i].head.i for i, dep in enumerate(doc_column(doc, DEP))
                                                          if dep == _NEG)
    return heads


def negated(tok: Token) -> bool:
    heads = _negated_heads(tok.doc)
    return tok.i in heads or (tok.dep_ == "xcomp" and tok.head.i in heads)


def is_reporting(tok: Token, verbs: frozenset[str] = lx.SPEECH_VERBS) -> bool:
    if tok.pos_ not in ("VERB", "AUX") or negated(tok):
        return False
    key = lemma(tok)
    return key in verbs or (key == "put" and "say" in verbs and puts_it(tok))


def characterises_as(verb: Token, child: Token) -> bool:
    """'admires Putin as a "strong leader"', 'hailed Trump as "The Comeback Kid"', 'rated the claims
    as "false"': whatever the verb, its object set beside quoted words by "as" (``child``) is
    characterised in them, and by its subject."""
    return child.dep_ == "prep" and child.lower_ == "as" and verb.pos_ == "VERB" and not negated(verb) \
        and any(c.dep_ == "dobj" and c.i < child.i for c in verb.children)


_PLACE_ADVERBS = frozenset({"away", "back", "down", "aside", "off", "up", "out", "there", "here", "together"})


def puts_it(tok: Token) -> bool:
    """'As Cornyn put it', 'to put it bluntly': "put" with "it" for its object and no place to put
    it in, a way of saying; a document, an interview or a speech is no place ("as The New Yorker
    put it in a lengthy expose")."""
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children) and not any(
        c.dep_ == "prt" or c.lower_ in _PLACE_ADVERBS
        or c.dep_ == "prep" and any(g.dep_ == "pobj" and not says_in(g) for g in c.children) for c in tok.children)


_SAYING_PLACES = frozenset({"interview", "speech", "expose", "exposé", "profile", "piece", "remarks", "testimony"})


def says_in(noun: Token) -> bool:
    """A noun one can put something in as a way of saying: a document, an interview, a speech."""
    return lemma(noun) in lx.DOCUMENT_NOUNS or lemma(noun) in _SAYING_PLACES
