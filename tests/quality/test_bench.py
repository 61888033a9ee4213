"""`quotes bench`: the soak's texts, and a --quick run whose JSON must hold every figure, derived
figures that follow from the measured ones, and zero failed calls. (The full run is `make bench`.)"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from support.paths import DEV_QUOTES as GOLD
from support.paths import QUOTES, REPO
from quotes_tools.bench import corpus
from quotes_tools.bench.run import percentile
from quotes_service.server.config import default_workers


def test_invented_words_are_all_different():
    words = [corpus.invented_word(n) for n in range(50_000)]
    assert len(set(words)) == len(words)
    assert all(w.isalpha() and len(w) >= 6 for w in words)


def test_every_soak_text_brings_words_no_earlier_text_had():
    paragraphs = [["Maria Lopez said the plan was fine.", "Officials in Washington disagreed.",
                   "The Senate will vote on Tuesday, Reuters reported."]]
    seen: set[str] = set()
    for number in range(200):
        text = corpus.soak_text(paragraphs, number)
        words = set(text.replace("\u201c", " ").replace("\u201d", " ").replace(",", " ").split())
        new = words - seen
        assert len(new) >= 6, text           # the invented speaker, organisation and quoted words at least
        seen |= words
        assert corpus.soak_text(paragraphs, number) == text   # the same number, the same text


def test_cut_ends_at_a_boundary_near_the_size():
    text = ("A sentence of some words. " * 40 + "\n") * 5
    piece = corpus.cut(text, 2000)
    assert 1500 <= len(piece) <= 2000 and text.startswith(piece) and piece.endswith(".")
    assert corpus.cut("short", 2000) is None
    assert corpus.equal_length([corpus.Article("a", "short")], 2000) == [corpus.Article("a", "short")]


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert [percentile(values, q) for q in (50, 95, 99, 100)] == [50, 95, 99, 100]
    assert percentile([7.0], 99) == 7.0


def test_bench_with_a_missing_gold_file_is_one_line():
    result = subprocess.run([QUOTES, "bench", "--quick", "--gold", "no/such.jsonl"], capture_output=True,
                            text=True, cwd=REPO, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["quotes: no/such.jsonl: No such file or directory"]


@pytest.mark.slow
@pytest.mark.skipif(not GOLD.exists(), reason=f"{GOLD} is not here")
def check_references(d: dict) -> None:
    ref = d["reference"]
    assert ref["model_version"] and ref["spacy"].startswith("3.8") and "parser" in ref["components"]
    assert ref["service_components"]
    runs = [ref["before"]] + ref["between"] + [ref["after"]]
    for run in runs:
        for method in ("per_doc", "pipe"):
            assert run[method]["docs_per_s"] > 0 and run[method]["words_per_s"] > 0
        assert run["words_per_s"] == max(run["per_doc"]["words_per_s"], run["pipe"]["words_per_s"])
    assert ref["words_per_s"] == pytest.approx((ref["before"]["words_per_s"] + ref["after"]["words_per_s"]) / 2,
                                               abs=0.01)
    # a reference run between every two servers: each window is set against the runs beside it
    assert len(runs) == len(d["service"]) + 1
    for n, s in enumerate(d["service"]):
        assert s["reference"]["words_per_s"] == pytest.approx(
            (runs[n]["words_per_s"] + runs[n + 1]["words_per_s"]) / 2, abs=0.01)
        assert s["ratio"] == round(s["words_per_s"] / s["reference"]["words_per_s"], 3)


def test_quick_bench_measures_everything(tmp_path):
    result = subprocess.run([QUOTES, "bench", "--quick", "--gold", str(GOLD), "--out-dir", str(tmp_path)],
                            capture_output=True, text=True, cwd=REPO, timeout=300)   # ~45 s on a quiet machine
    assert result.returncode == 0, result.stderr[-3000:]
    [path] = tmp_path.glob("bench-quick-*.json")   # a quick run leaves latest.json alone
    d = json.loads(Path(path).read_text())

    assert d["quick"] is True and d["command"].startswith("quotes bench --quick")
    assert d["machine"]["cpu_model"] and d["machine"]["cpus"] >= 1 and d["machine"]["ram_gib"] > 0
    assert d["corpus"]["documents"] == 12 and d["corpus"]["words"] > 0

    check_references(d)
    assert [s["workers"] for s in d["service"]] == sorted({1, default_workers()})
    for s in d["service"]:
        assert s["requests"] > 0 and s["docs_per_s"] > 0 and s["words_per_s"] > 0
        assert s["failed"] == 0 and s["failures_by_code"] == {}
        assert sum(s["connections_per_worker"].values()) == s["channels"] == 2 * s["workers"]
        assert len(s["connections_per_worker"]) == s["workers"]     # every worker had a connection
        assert 0 <= s["cpu"]["client_pct"] <= 100 and s["cpu"]["server_pct"] > 0

    assert {entry["workers"] for entry in d["latency"]} == {s["workers"] for s in d["service"]}
    for entry in d["latency"]:
        assert entry["requests"] == 40 and entry["failed"] == 0
        assert 0 < entry["p50_ms"] <= entry["p95_ms"] <= entry["p99_ms"] <= entry["max_ms"]
        assert entry["p99_over_p50"] == round(entry["p99_ms"] / entry["p50_ms"], 3)
        saturated = next(s for s in d["service"] if s["workers"] == entry["workers"])
        assert entry["offered_rps"] == pytest.approx(0.5 * saturated["words_per_s"] / entry["text_words_mean"],
                                                     rel=0.01)

    soak = d["soak"]
    assert soak["requests"] == 300 and soak["failed"] == 0 and not soak["workers_replaced"]
    assert len(soak["rss"]) == d["service"][-1]["workers"]
    for w in soak["rss"].values():
        assert w["after_warmup_kib"] > 0 and w["end_kib"] > 0
        assert w["growth_pct"] == round(100 * (w["end_kib"] - w["after_warmup_kib"]) / w["after_warmup_kib"], 2)
    assert soak["max_growth_pct"] == max(w["growth_pct"] for w in soak["rss"].values())

    assert d["failed_calls"] == 0
    names = [t["target"] for t in d["targets"]]
    assert any(n.startswith("1 worker / reference") for n in names) and "failed calls" in names
    for t in d["targets"]:
        assert t["met"] == (t["value"] >= t["limit"] if t["at_least"] else t["value"] <= t["limit"])
    for line in ("reference (mean)", "service, saturated", "latency:", "soak:", "targets (issue 4):"):
        assert line in result.stdout


def test_split_measures_raw_spacy_the_parse_and_the_rules():
    """python -m quotes_tools.bench.split: the in-process figures docs/performance.md quotes."""
    import sys

    result = subprocess.run([sys.executable, "-m", "quotes_tools.bench.split", str(GOLD), "--limit", "3"],
                            capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    d = json.loads(result.stdout)
    ms = d["ms_per_document"]
    assert d["documents"] == 3 and all(ms[k] > 0 for k in ("raw", "parse", "rules"))
    assert d["raw_over_parse"] == pytest.approx(ms["raw"] / ms["parse"], rel=0.02)
    assert d["raw_over_parse_and_rules"] == pytest.approx(ms["raw"] / (ms["parse"] + ms["rules"]), rel=0.02)
