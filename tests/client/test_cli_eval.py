"""`quotes eval` and `quotes extract --format html`, run as a user would run them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

QUOTES = [sys.executable, "-m", "quotes.cli"]

TEXT = ('"The bridge will reopen in May," said Ana Ruiz, a spokeswoman for the city. '
        "Officials said the repairs cost $4 million.")


def _at(part: str) -> list[int]:
    start = TEXT.index(part)
    return [start, start + len(part)]


GOLD = {
    "id": "bridge",
    "text": TEXT,
    "quotes": [
        {"quote_spans": [_at('"The bridge will reopen in May,"')], "speaker": "Ana Ruiz, a spokeswoman for the city",
         "speaker_spans": [_at("Ana Ruiz, a spokeswoman for the city")], "type": "direct"},
        {"quote_spans": [_at("the repairs cost $4 million")], "speaker": "Officials",
         "speaker_spans": [_at("Officials")], "type": "indirect"},
        # a quote nobody could find: recall must show it
        {"quote_spans": [_at("a spokeswoman")], "speaker": "nobody", "type": "indirect"},
    ],
}
for q in GOLD["quotes"]:
    q["start"], q["end"] = q["quote_spans"][0]


def _gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    return path


def test_eval_prints_the_figures_and_writes_json(tmp_path):
    out = tmp_path / "figures.json"
    result = subprocess.run([*QUOTES, "eval", str(_gold_file(tmp_path)), "--by-type", "--errors", "3",
                             "--json", str(out)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    figures = json.loads(out.read_text())
    assert figures["documents"] == 1
    assert figures["overlap@0.3"]["tp"] == 2 and figures["overlap@0.3"]["gold"] == 3
    assert figures["speaker_accuracy"] == 1.0
    assert "recall by gold type" in result.stdout and "misses (1 of 1)" in result.stdout


def test_eval_bad_gold_is_one_line_and_exit_1(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x"}\nnot json\n', encoding="utf-8")
    result = subprocess.run([*QUOTES, "eval", str(bad)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "2" in result.stderr


def test_extract_html_page(tmp_path):
    doc = tmp_path / "article.txt"
    doc.write_text(TEXT, encoding="utf-8")
    result = subprocess.run([*QUOTES, "extract", str(doc), "--format", "html"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert page.count("<mark") == 2 and "Ana Ruiz" in page and "spokeswoman" in page
    # the legend lists each speaker with the profile the article gives it and its number of quotes
    legend = page[page.index('<div class="legend">'):page.index('<div class="article">')]
    assert "Ana Ruiz<small>, spokeswoman</small>" in legend and "1 quote<" in legend
    assert "Officials<small>" not in legend   # a title that only repeats the name is left out
