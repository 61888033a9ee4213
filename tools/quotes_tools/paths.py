"""Where the repository and the shared evaluation data are, seen from a checkout."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: ../shared/eval beside the checkout: the annotated news, read in place and never copied in.
SHARED_EVAL = REPO.parent / "shared" / "eval"
DEV_QUOTES = SHARED_EVAL / "polnear_dev_quotes.jsonl"
TRAIN_QUOTES = SHARED_EVAL / "polnear_train_quotes.jsonl"
DEV_SPEAKERS = SHARED_EVAL / "polnear_dev_speakers.jsonl"
SEEDS = REPO / "seeds"
