"""The speaker-profile scorer (tools/quotes_tools/evaluate/speakers.py) against the guide's rules,
row by row, negatives beside positives."""
from __future__ import annotations

import pytest

from quotes_tools.evaluate.speakers import SpeakerReport, phrase_matches, same_name, score_speaker

NAMES = [
    ("Josh Lipsky", "Josh Lipsky", True),
    ("the Washington Post", "The Washington Post", True),      # case and a leading article
    ("Treasury spokesperson", "a Treasury spokesperson", True),
    ("Jeh Johnson", "Gary Johnson", False),
    ("Lipsky", "Josh Lipsky", False),                           # the fullest name is wanted
    ("", "", False),
]

PHRASES = [
    ("international economics chair", ["international economics chair"], True),
    ("Chief of Staff", ["chief of staff"], True),                # case
    ("former chairman", ["chairman"], True),                     # one contains the other, as whole words
    ("chair", ["chairman"], False),                              # not inside a word
    ("Sen.", ["Sen."], True),
    ("economist", ["professor of economics"], False),
    ("U.S. Treasury", ["Treasury"], True),
    ("Atlantic Council", [], False),                             # the entity has none: wrong
]


@pytest.mark.parametrize("a,b,expected", NAMES)
def test_same_name(a, b, expected):
    assert same_name(a, b) is expected


@pytest.mark.parametrize("predicted,gold,expected", PHRASES)
def test_phrase_matches(predicted, gold, expected):
    assert phrase_matches(predicted, gold) is expected


ENTITY = {"canonical_name": "Scott Kennedy", "kind": "PERSON", "titles": ["China economics expert"],
          "affiliations": ["Center for Strategic and International Studies"], "acronyms": ["CSIS"], "gender": "male"}


def _score(speaker: dict, entity: dict = ENTITY) -> dict:
    report = SpeakerReport()
    score_speaker(report, "doc", "a quote", speaker, entity)
    return report.as_dict()


def test_a_right_profile_scores_on_every_field():
    d = _score({"canonical_name": "Scott Kennedy", "kind": "SPEAKER_KIND_PERSON", "title": "expert",
                "affiliation": "", "affiliation_short": "CSIS", "gender": "GENDER_MALE"})
    assert d["canonical_name_accuracy"] == 1.0 and d["kind_accuracy"] == 1.0
    assert d["title"]["correct"] == 1 and d["affiliation"]["correct"] == 1 and d["gender"]["correct"] == 1


def test_nothing_returned_costs_recall_not_precision():
    d = _score({"canonical_name": "Kennedy", "kind": 3})
    assert d["canonical_name_accuracy"] == 0.0 and d["kind_accuracy"] == 0.0
    for name in ("title", "affiliation", "gender"):
        assert (d[name]["predicted"], d[name]["gold"], d[name]["correct"]) == (0, 1, 0)


def test_an_organisation_as_its_own_affiliation_counts_neither_way():
    entity = {"canonical_name": "Reuters", "kind": "ORGANIZATION", "titles": [], "affiliations": [], "acronyms": [],
              "gender": "unknown"}
    d = _score({"canonical_name": "Reuters", "kind": "SPEAKER_KIND_ORGANIZATION", "affiliation": "Reuters"}, entity)
    assert (d["affiliation"]["predicted"], d["affiliation"]["gold"]) == (0, 0)


def test_documents_are_counted_apart_from_kind():
    entity = {"canonical_name": "statement", "kind": "OTHER", "titles": [], "affiliations": [], "acronyms": [],
              "gender": "unknown"}
    d = _score({"canonical_name": "statement", "kind": "SPEAKER_KIND_DOCUMENT"}, entity)
    assert d["kind_counted"] == 0 and d["documents"] == 1 and d["documents_as_document"] == 1.0


def test_a_wrong_gender_costs_precision():
    d = _score({"canonical_name": "Scott Kennedy", "gender": "GENDER_FEMALE"})
    assert (d["gender"]["predicted"], d["gender"]["correct"]) == (1, 0)
