"""Quality floor on the PolNeAR development split (read from ../shared/eval, never copied here).

The floor is raised after each improvement; a change that drops a figure below
it fails. The figures are the ones `quotes eval` prints (docs/quality.md).
"""
from __future__ import annotations

import os

import pytest

from quotes.convert import response_to_dict, response_to_proto
from quotes_tools.evaluate import Report, read_gold, read_speakers, score_document

from support.paths import DEV_QUOTES as DEV
from support.paths import DEV_SPEAKERS

#: A little under the figures of 2026-12-08 (docs/quality.md, "Where it stands").
FLOOR = {
    "exact F1": 0.685,
    "overlap@0.8 F1": 0.785,
    "overlap@0.3 F1": 0.858,
    "quote+speaker F1": 0.798,
    "speaker accuracy": 0.925,
    "direct recall": 0.945,
    "mixed recall": 0.765,
    "indirect recall": 0.785,
    "precision at confidence>=0.8": 0.94,
}

#: The speaker profiles on the same split (`quotes eval --speakers`, docs/quality.md), a little
#: under the figures measured on 2026-12-07 at 736cf50 (docs/quality.md, "Where it stands").
SPEAKER_FLOOR = {
    "canonical name accuracy": 0.878,
    "kind accuracy": 0.945,
    "title F1": 0.835,
    "affiliation F1": 0.755,
    "gender precision": 0.95,
    "gender recall": 0.725,
}


@pytest.fixture(scope="module")
def dev_report() -> Report:
    if not DEV.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{DEV} is missing: CI must have ../shared/eval beside the checkout")
        pytest.skip(f"{DEV} not present (the shared evaluation data sits beside the repository)")
    from quotes_service.extract.extractor import Extractor

    if not DEV_SPEAKERS.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{DEV_SPEAKERS} is missing beside {DEV}")
        pytest.skip(f"{DEV_SPEAKERS} not present")
    extractor = Extractor()
    report = Report()
    docs = list(read_gold(str(DEV)))
    speakers = read_speakers(str(DEV_SPEAKERS))
    for doc, found in zip(docs, extractor.extract_many(d["text"] for d in docs)):
        predicted = response_to_dict(response_to_proto(doc["id"], doc["text"], found.quotes)).get("quotes", [])
        score_document(report, doc, predicted, entities=speakers.get(str(doc["id"]), {}))
    return report


def test_dev_split_stays_above_the_floor(dev_report: Report):
    measured = {
        "exact F1": dev_report.exact.f1,
        "overlap@0.8 F1": dev_report.overlap_08.f1,
        "overlap@0.3 F1": dev_report.overlap_03.f1,
        "quote+speaker F1": dev_report.end_to_end.f1,
        "speaker accuracy": dev_report.speaker_accuracy,
        "direct recall": dev_report.recall_by_type["direct"].recall,
        "mixed recall": dev_report.recall_by_type["mixed"].recall,
        "indirect recall": dev_report.recall_by_type["indirect"].recall,
        "precision at confidence>=0.8": dev_report.confidence_bands["confidence>=0.8"].precision,
    }
    below = {k: round(v, 4) for k, v in measured.items() if v < FLOOR[k]}
    assert not below, f"below the floor {FLOOR}: {below}"


def test_speaker_profiles_stay_above_the_floor(dev_report: Report):
    figures = dev_report.speakers.as_dict()
    assert figures["attributions"] > 800, figures["attributions"]
    measured = {
        "canonical name accuracy": figures["canonical_name_accuracy"],
        "kind accuracy": figures["kind_accuracy"],
        "title F1": figures["title"]["f1"],
        "affiliation F1": figures["affiliation"]["f1"],
        "gender precision": figures["gender"]["precision"],
        "gender recall": figures["gender"]["recall"],
    }
    below = {k: v for k, v in measured.items() if v < SPEAKER_FLOOR[k]}
    assert not below, f"below the floor {SPEAKER_FLOOR}: {below}"
