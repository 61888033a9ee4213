"""Where the tests find the repository, the seeds and the shared evaluation data."""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
#: ../shared/eval beside the checkout: read in place, never copied into the repository.
SHARED_EVAL = REPO.parent / "shared" / "eval"
DEV_QUOTES = SHARED_EVAL / "polnear_dev_quotes.jsonl"
TRAIN_QUOTES = SHARED_EVAL / "polnear_train_quotes.jsonl"
DEV_SPEAKERS = SHARED_EVAL / "polnear_dev_speakers.jsonl"
#: The `quotes` console script of the interpreter running the tests (.venv/bin/quotes).
QUOTES = str(Path(sys.executable).with_name("quotes"))
