"""Fits the confidence model (service/quotes_service/extract/scoring.py) on annotated news.

    .venv/bin/python -m quotes_tools.train_confidence [GOLD.jsonl] [--out FILE] [--check DEV.jsonl]

Defaults to the whole PolNeAR train split; the dev split, whose figures docs/quality.md reports,
is only scored (``--check``), never fitted. Each quote the service extracts is labelled right
when it matches a gold attribution at overlap 0.3 with the right speaker (the scorer of ``quotes
eval``); the features are ``scoring.features`` of the quote record, so the fit sees exactly what
the service computes. An L2-regularised logistic regression is fitted by Newton's method with
NumPy. A cue seen fewer than ``--min-cue`` times is folded into one "other cue" feature.
Rerun it whenever the rules change what they find: the weights are of those rules' quotes.
"""
from __future__ import annotations

import argparse
import collections
import datetime
import json
import math

import numpy as np

from quotes.convert import response_to_dict, response_to_proto
from quotes_tools.evaluate import gold_quotes, match, pred_quotes, read_gold, speaker_correct
from quotes_tools.paths import DEV_QUOTES, TRAIN_QUOTES

BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9)


def labelled_quotes(path: str, limit: int | None = None) -> list[tuple[dict[str, float], bool, float]]:
    """(features, right with its speaker, the confidence the service gives now) of every quote
    the service extracts from the documents of ``path``."""
    from quotes_service.extract.extractor import Extractor
    from quotes_service.extract.scoring import features

    extractor = Extractor()
    out = []
    for n, doc in enumerate(read_gold(path)):
        if limit is not None and n >= limit:
            break
        text = doc["text"]
        quotes = extractor.extract(text)
        predicted = response_to_dict(response_to_proto(doc["id"], text, quotes)).get("quotes", [])
        golds, preds = gold_quotes(doc), pred_quotes(text, predicted)
        right = {pi for gi, pi, _ in match(golds, preds, 0.3) if speaker_correct(golds[gi], preds[pi])}
        out += [(features(q, text), pi in right, q.confidence) for pi, q in enumerate(quotes)]
    return out


def vocabulary(rows, min_cue: int) -> list[str]:
    counts = collections.Counter(name for feats, _, _ in rows for name in feats)
    return sorted(name for name, n in counts.items() if not name.startswith("cue=") or n >= min_cue) + ["cue=other"]


def matrix(rows, names: list[str]) -> np.ndarray:
    column = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, (feats, _, _) in enumerate(rows):
        for name, value in feats.items():
            x[r, column.get(name, column["cue=other"] if name.startswith("cue=") else -1)] += value
    return x


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 50) -> tuple[float, np.ndarray]:
    """Logistic regression, bias unpenalised, by Newton's method."""
    x1 = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x1.shape[1])
    penalty = np.full(len(w), l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x1 @ w, -30, 30)))
        grad = x1.T @ (p - y) + penalty * w
        hess = (x1 * (p * (1 - p))[:, None]).T @ x1 + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return float(w[0]), w[1:]


def bands(scores: list[float], right: list[bool]) -> str:
    """Precision (quote and speaker right) by confidence band, and at 0.8 or above."""
    lines = []
    for low, high in zip(BANDS, BANDS[1:] + (1.01,)):
        picked = [r for s, r in zip(scores, right) if low <= s < high]
        if picked:
            lines.append(f"  [{low:.1f}, {min(high, 1.0):.1f}): {len(picked):5d} quotes, right {sum(picked) / len(picked):.3f}")
    high = [r for s, r in zip(scores, right) if s >= 0.8]
    lines.append(f"  >= 0.8: {len(high)} quotes, right with the speaker {sum(high) / max(1, len(high)):.3f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", default=str(TRAIN_QUOTES))
    parser.add_argument("--out", default=None, help="where to write the model (default: the service's)")
    parser.add_argument("--check", default=str(DEV_QUOTES), help="score the fitted model here, without fitting")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--min-cue", type=int, default=30)
    parser.add_argument("--l2", type=float, default=1.0)
    args = parser.parse_args()

    from quotes_service.extract import scoring

    rows = labelled_quotes(args.gold, args.limit)
    names = vocabulary(rows, args.min_cue)
    y = np.array([right for _, right, _ in rows], dtype=float)
    bias, weights = fit(matrix(rows, names), y, args.l2)
    model = {"about": "quotes_tools.train_confidence: P(quote and speaker right), logistic, fitted on the train split",
             "trained_on": args.gold.rsplit("/", 1)[-1], "date": datetime.date.today().isoformat(),
             "quotes": len(rows), "right": int(y.sum()), "l2": args.l2, "min_cue": args.min_cue,
             "bias": round(bias, 6),
             "weights": {n: round(float(w), 6) for n, w in zip(names, weights) if abs(w) > 1e-6}}
    out = args.out or str(scoring.MODEL_PATH)
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(model, fh, indent=1, sort_keys=True)
        fh.write("\n")
    print(f"{len(rows)} quotes, {int(y.sum())} right with their speaker, {len(model['weights'])} weights -> {out}")
    scores = [scoring.score(f, bias, model["weights"]) for f, _, _ in rows]
    print("on the fitted documents:\n" + bands(scores, [bool(v) for v in y]))
    if args.check:
        check = labelled_quotes(args.check)
        right = [r for _, r, _ in check]
        fitted = [scoring.score(f, bias, model["weights"]) for f, _, _ in check]
        print(f"held out ({args.check.rsplit('/', 1)[-1]}), the fitted model:\n" + bands(fitted, right))
        print("held out, the confidences the service gave when this ran:\n" + bands([c for _, _, c in check], right))
    assert all(math.isfinite(w) for w in model["weights"].values())


if __name__ == "__main__":
    main()
