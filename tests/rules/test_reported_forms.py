"""Reported speech the parser reads wrongly, tested on the parse itself where the model parses
a sentence alone correctly but not always inside a longer text (rows of test_rules.py cannot show
those), and speakers whose mention is not yet what a row would assert.
"""
from __future__ import annotations

from quotes.types import QuoteType

I = QuoteType.INDIRECT



def test_a_name_set_off_from_its_verb_the_parser_did_not_link(extractor):
    # The misparse of a long relative clause in an article: the name is the subject of the verb
    # inside it, and the reporting verb has none (built by hand: the model parses this sentence
    # alone correctly, as it does not always in a longer text).
    from spacy.tokens import Doc

    words = "Beck , who backed Cruz and opposed Lopez , last week said Lopez was seeking votes .".split()
    heads = [6, 0, 3, 0, 3, 3, 11, 6, 11, 10, 11, 11, 14, 14, 11, 14, 11]
    deps = ["nsubj", "punct", "nsubj", "relcl", "dobj", "cc", "ccomp", "dobj", "punct", "amod", "npadvmod",
            "ROOT", "nsubj", "aux", "ccomp", "dobj", "punct"]
    pos = ["PROPN", "PUNCT", "PRON", "VERB", "PROPN", "CCONJ", "VERB", "PROPN", "PUNCT", "ADJ", "NOUN", "VERB",
           "PROPN", "AUX", "VERB", "NOUN", "PUNCT"]
    tags = ["NNP", ",", "WP", "VBD", "NNP", "CC", "VBD", "NNP", ",", "JJ", "NN", "VBD", "NNP", "VBD", "VBG", "NNS", "."]
    ents = ["B-PERSON"] + ["O"] * 8 + ["B-DATE", "I-DATE"] + ["O"] * 6
    doc = Doc(extractor.nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, ents=ents,
              sent_starts=[True] + [False] * 16)
    got = [(q.type, q.text, q.speaker.canonical_name, q.rule) for q in extractor.document_in(doc).quotes]
    assert got == [(I, "Lopez was seeking votes", "Beck", "clause")]


def test_a_share_of_a_group_speaks_through_a_relative_clause(extractor):
    # "18 percent who say …": the share the relative clause describes is its speaker, as "officials
    # who say …" are (the mention, like theirs, still runs on through the relative clause)
    (q,) = extractor.extract("Most voters were unhappy, including 18 percent who say they would stay home.")
    assert (q.text, q.rule) == ("they would stay home", "clause")
    assert q.speaker.name.startswith("18 percent")
