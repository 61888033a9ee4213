"""The confidence a quote gets (extract/scoring.py): the fitted model orders quotes as a reader
would trust them, every weight it holds is of a feature the service still computes, and the
fitting tool learns from labelled quotes (tools/quotes_tools/train_confidence.py)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from quotes_service.extract import scoring
from quotes_service.extract.rules.registry import BY_NAME



def _confidence(extractor, text: str, contains: str) -> float:
    [quote] = [q for q in extractor.extract(text) if contains in q.text]
    assert 0.0 < quote.confidence < 1.0
    return quote.confidence


# (more trusted text, words of its quote), (less trusted text, words of its quote): each pair
# differs in one respect.
ORDERED = [
    # a named speaker after the quote vs. a pronoun nobody was found for
    (('"We will not raise the fare this year," said Mayor Lena Ortiz.', "raise the fare"),
     ('"We will not raise the fare this year," he said.', "raise the fare")),
    (('"The bridge stays closed until spring," the county engineer, Omar Diaz, said.', "bridge stays"),
     ('"The bridge stays closed until spring," they said.', "bridge stays")),
    # a whole clause quoted vs. a one-word scare quote in the writer's sentence
    (('The minister said that "the talks have failed and nobody will return to them."', "talks have failed"),
     ('The minister described the talks as "dead."', "dead")),
]


@pytest.mark.parametrize("trusted, doubted", ORDERED)
def test_the_model_orders_quotes_as_a_reader_would_trust_them(extractor, trusted, doubted):
    assert _confidence(extractor, *trusted) > _confidence(extractor, *doubted)


def test_a_plain_attributed_quote_is_confident(extractor):
    assert _confidence(extractor, '"The plant will reopen in May," said Tara Quinn, a spokeswoman for Delmar Steel.',
                       "plant") >= 0.8


def test_every_weight_is_of_a_feature_the_service_computes():
    """A rule renamed or dropped since the fit leaves a weight nothing fires: refit
    (python -m quotes_tools.train_confidence)."""
    _, weights = scoring.load_model()
    families = {"prior", "title", "affiliation", "fragments", "quoted_pieces", "log_words", "log_quoted_words",
                "short_quoted", "speaker_before", "log_distance"}
    for name in weights:
        family, is_one_hot, value = name.partition("=")
        if not is_one_hot:
            assert family in families, name
        elif family in ("rule", "rule_type", "rule_kind"):
            assert value.split("/")[0] in BY_NAME, f"{name}: no such rule; refit the confidence model"
        else:
            assert family in ("type", "kind", "speaker", "cue"), name
    assert weights.get("prior", 0) > 0, "the registry's confidence should raise the model's"


def test_the_fitting_tool_learns_which_quotes_are_right():
    from quotes_tools.train_confidence import fit, matrix, vocabulary

    rows = ([({"prior": 1.0, "rule=after": 1.0, "cue=said": 1.0}, True, 0.0)] * 40
            + [({"prior": -1.0, "rule=partial": 1.0, "cue=called": 1.0}, False, 0.0)] * 40
            + [({"prior": 1.0, "rule=after": 1.0, "cue=grumbled": 1.0}, False, 0.0)] * 5)
    names = vocabulary(rows, min_cue=10)
    assert "cue=grumbled" not in names and "cue=other" in names
    x = matrix(rows, names)
    bias, w = fit(x, np.array([r for _, r, _ in rows], dtype=float), l2=1.0)
    weights = dict(zip(names, w))
    good = scoring.score({"prior": 1.0, "rule=after": 1.0, "cue=said": 1.0}, bias, weights)
    rare = scoring.score({"prior": 1.0, "rule=after": 1.0, "cue=muttered": 1.0}, bias, weights)
    bad = scoring.score({"prior": -1.0, "rule=partial": 1.0, "cue=called": 1.0}, bias, weights)
    assert good > 0.8 > 0.2 > bad and good > rare


def test_the_model_file_says_what_it_was_fitted_on():
    data = json.loads(scoring.MODEL_PATH.read_text(encoding="utf-8"))
    assert data["trained_on"] == "polnear_train_quotes.jsonl"   # never the dev split it is judged on
    assert data["quotes"] > 5000 and 0 < data["right"] < data["quotes"]
