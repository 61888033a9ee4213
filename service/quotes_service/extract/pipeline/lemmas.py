"""Lemmas on demand, for the few tokens the rules ask about.

spaCy's rule lemmatizer costs about 7% of a parse when run over every token, and
the rules read the lemma of a few hundred tokens per article (candidate reporting
verbs, role nouns). So the Extractor takes the lemmatizer out of the pipeline
and asks it only here, which gives the very same lemma.

The lemmatizer caches every (word, part of speech, morphology) it has seen, in a
dict that no ``memory_zone`` empties: a server fed new words grows without end.
A lemma asked for once is written on its token, so asking again costs nothing.
The cache is emptied here whenever it passes ``MAX_CACHED`` entries.

The English tables hold each part of speech's known words as a list (57,528 nouns),
and ``rule_lemmatize`` asks ``form in index`` of them for every rule that applies: a
linear scan, about 0.8 ms for each word not yet in the cache, which made the lemmas half
of the rules' time. The lists are turned into sets here, once: the same answers.
"""
from __future__ import annotations

from spacy.tokens import Token

USER_DATA_KEY = "quotes.lemmas"
MAX_CACHED = 50_000


class LazyLemmas:
    def __init__(self, lemmatizer, max_cached: int = MAX_CACHED):
        self._lemmatizer = lemmatizer
        index = lemmatizer.lookups.get_table("lemma_index", None) if lemmatizer.lookups else None
        if index is not None:
            for pos in list(index.keys()):
                if isinstance(index[pos], list):
                    index[pos] = frozenset(index[pos])
        self._max_cached = max_cached

    def __call__(self, tok: Token) -> str:
        cache = self._lemmatizer.cache
        if len(cache) > self._max_cached:
            cache.clear()
        forms = self._lemmatizer.lemmatize(tok)
        form = forms[0] if forms else tok.text
        # Written on the token, so the next rule that asks about it reads it like a pipeline's
        # lemma (spaCy caches only some forms, and its key costs as much as the answer).
        tok.lemma_ = form
        return form


def lemma(tok: Token) -> str:
    """The token's lemma, lower-cased: as the pipeline set it, else computed now."""
    if tok.lemma:
        return tok.lemma_.lower()
    lazy = tok.doc.user_data.get(USER_DATA_KEY)
    return lazy(tok).lower() if lazy is not None else tok.lower_
