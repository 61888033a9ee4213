"""The Extractor's pipeline (attribute rules applied without the Matcher, lemmas on demand)
gives every token the part of speech, tag, morphology and lemma that spaCy's full
pipeline gives it."""
from __future__ import annotations

import json

import pytest
from spacy.attrs import DEP, HEAD, MORPH, POS, TAG

from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.pipeline.model import load_model
from quotes_service.extract.pipeline.parsing import guard, plain_spaces

from support.paths import DEV_QUOTES as DEV

TEXTS = [
    "He said that it ain't over. We're gonna win, and I gotta say let's go.",
    "There is a plan. There's no doubt. You told me; I told you it was them.",
    "\u201cWe will see,\u201d said Lipsky, who has been watching.  Some did, some didn't.\n\nBut as before, the U.S. said so.",
    "The Treasury spokesperson's statement: 'They had had enough,' the officials' note read.",
    "Stu\u00a0Burguiere said\u2009it was\u202ffine,\u00a0\u2014 and so did Ana\u3000Ruiz.",
    "O\u2019Keefe said it\u2019s Trump\u2019s plan, and \u2018they don\u2019t\u2019 agree.",
]


@pytest.fixture(scope="module")
def pipelines(extractor):
    full = load_model()
    guard(full)  # the same tokenizer: dashes split, long runs cut
    return extractor, full


def texts() -> list[str]:
    extra = []
    if DEV.exists():
        extra = [json.loads(line)["text"] for line in DEV.open(encoding="utf-8")][:20]
    return TEXTS + extra


def test_every_token_gets_the_full_pipelines_attributes_and_lemma(pipelines):
    """Against the full pipeline on the text as the model reads it: odd spaces written " " and
    apostrophes inside words "'" (parsing.plain_spaces), which the dev articles hold."""
    ours, full = pipelines
    for text in texts():
        a, b = ours.parse(text), full(plain_spaces(text))
        assert [t.text for t in a] == [t.text for t in b]
        columns = [POS, TAG, MORPH, DEP, HEAD]
        assert (a.to_array(columns) == b.to_array(columns)).all(), text[:80]
        assert [lemma(t) for t in a] == [t.lemma_.lower() for t in b], text[:80]


def test_the_lemmatizer_cache_stays_bounded(pipelines):
    ours, _ = pipelines
    lemmatizer = ours.nlp.get_pipe("lemmatizer")
    ours.pipeline.lemmas._max_cached = 50
    try:
        doc = ours.parse(" ".join(f"zorbled{i} quaxes{i} flimmed{i}" for i in range(200)))
        for tok in doc:
            lemma(tok)
            assert len(lemmatizer.cache) <= 51
    finally:
        ours.pipeline.lemmas._max_cached = 50_000


def test_the_lemmatizer_looks_words_up_in_sets(pipelines):
    """spaCy ships each part of speech's known words as a list and asks ``form in index`` for
    every rule that fits: read as lists, a word missing from the cache costs 0.8 ms."""
    ours, _ = pipelines
    index = ours.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert index and all(isinstance(words, frozenset) for words in index.values())
