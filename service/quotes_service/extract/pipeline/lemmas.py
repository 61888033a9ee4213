"""Lemmas on demand, for the few tokens the rules ask about.

spaCy's rule lemmatizer costs about 7% of a parse when run over every token, and
the rules read the lemma of a few hundred tokens per article (candidate reporting
verbs, role nouns). So the Extractor takes the lemmatizer out of the pipeline
and asks it only here, which gives the very same lemma.

The lemmatizer caches every (word, part of speech, morphology) it has seen, in a
dict that no ``memory_zone`` empties: a server fed new words grows without end.
A lemma asked for once is written on its token, so asking again costs nothing.
The cache is emptied here whenever it passes ``MAX_CACHED`` entries.
"""
from __future__ import annotations

from spacy.tokens import Token

USER_DATA_KEY = "quotes.lemmas"
MAX_CACHED = 50_000


class LazyLemmas:
    def __init__(self, lemmatizer, max_cached: int = MAX_CACHED):
        self._lemmatizer = lemmatizer
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
