"""Scoring extracted quotes against annotated news (PolNeAR-style JSONL).

Definitions (docs/quality.md says the same in prose):

* Characters are compared after stripping quote marks, punctuation and spaces
  at the edges of every span, gold and predicted alike.
* overlap(gold, pred) = gold characters covered by the prediction / gold length.
  A prediction's characters are the union of its fragments; a gold's, the union
  of its quote_spans.
* Matching is greedy and one-to-one: all (gold, prediction) pairs with overlap
  at or above the threshold, best first; each side is used at most once.
* exact: the stripped spans are identical.
* speaker correct: the predicted name or canonical name is contained in the
  gold speaker string or its resolution (case-insensitive), or the speaker
  spans overlap.
* end to end (quote+speaker): a match at overlap 0.3 whose speaker is correct.
"""
from __future__ import annotations

import json
import random
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Iterator

GOLD_TYPES = ("direct", "mixed", "indirect")
PRED_TYPES = {1: "direct", 2: "indirect", 3: "partial"}


def _strippable(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P") or ch in "'\"`\u2018\u2019\u201c\u201d\u00ab\u00bb"


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = max(0, start), min(len(text), end)
    while start < end and _strippable(text[start]):
        start += 1
    while end > start and _strippable(text[end - 1]):
        end -= 1
    return start, end


def _chars(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for s, e in spans:
        s, e = strip_span(text, s, e)
        out.update(range(s, e))
    return out


@dataclass
class GoldQuote:
    chars: set[int]
    spans: list[tuple[int, int]]
    type: str
    speaker: str
    speaker_resolved: str
    speaker_spans: list[tuple[int, int]]
    text: str


@dataclass
class PredQuote:
    chars: set[int]
    spans: list[tuple[int, int]]
    type: str
    name: str
    canonical_name: str
    speaker_span: tuple[int, int]
    confidence: float
    text: str


def gold_quotes(doc: dict) -> list[GoldQuote]:
    text = doc["text"]
    out = []
    for q in doc.get("quotes", []):
        spans = [tuple(s) for s in (q.get("quote_spans") or [[q["start"], q["end"]]])]
        chars = _chars(text, spans)
        if not chars:
            continue
        sp = [tuple(s) for s in (q.get("speaker_spans") or ([[q["speaker_start"], q["speaker_end"]]] if q.get("speaker_start") is not None else []))]
        out.append(GoldQuote(chars, spans, q.get("type", ""), q.get("speaker") or "", q.get("speaker_resolved") or "", sp, q.get("quote") or ""))
    return out


def pred_quotes(text: str, quotes: list[dict]) -> list[PredQuote]:
    """``quotes`` in the protobuf JSON shape (what `quotes extract --format jsonl` prints)."""
    out = []
    for q in quotes:
        frags = [(int(f.get("start", 0)), int(f.get("end", 0))) for f in q.get("fragments", [])] or [
            (int(q["span"].get("start", 0)), int(q["span"].get("end", 0)))
        ]
        t = q.get("type", 0)
        if isinstance(t, str):
            t = {"QUOTE_TYPE_DIRECT": 1, "QUOTE_TYPE_INDIRECT": 2, "QUOTE_TYPE_PARTIAL": 3}.get(t, 0)
        sp = q.get("speaker", {})
        span = sp.get("span", {})
        out.append(PredQuote(_chars(text, frags), frags, PRED_TYPES.get(int(t), "unspecified"), sp.get("name", ""),
                             sp.get("canonical_name", ""), (int(span.get("start", 0)), int(span.get("end", 0))),
                             float(q.get("confidence", 0.0)), q.get("text", "")))
    return out


def overlap(g: GoldQuote, p: PredQuote) -> float:
    return len(g.chars & p.chars) / len(g.chars) if g.chars else 0.0


def speaker_correct(g: GoldQuote, p: PredQuote) -> bool:
    targets = [g.speaker.lower(), g.speaker_resolved.lower()]
    for name in (p.name.strip().lower(), p.canonical_name.strip().lower()):
        if name and any(name in t for t in targets if t):
            return True
    ps, pe = p.speaker_span
    return pe > ps and any(min(pe, e) > max(ps, s) for s, e in g.speaker_spans)


def match(golds: list[GoldQuote], preds: list[PredQuote], threshold: float) -> list[tuple[int, int, float]]:
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if g.chars and p.chars and not g.chars.isdisjoint(p.chars):
                ov = overlap(g, p)
                if ov >= threshold:
                    pairs.append((ov, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g, used_p, out = set(), set(), []
    for ov, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi, ov))
    return out


@dataclass
class PRF:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "predicted": self.n_pred, "gold": self.n_gold}


@dataclass
class Report:
    documents: int = 0
    exact: PRF = field(default_factory=PRF)
    overlap_03: PRF = field(default_factory=PRF)
    overlap_08: PRF = field(default_factory=PRF)
    end_to_end: PRF = field(default_factory=PRF)
    speaker_matched: int = 0
    speaker_correct: int = 0
    recall_by_type: dict[str, PRF] = field(default_factory=dict)
    precision_by_type: dict[str, PRF] = field(default_factory=dict)
    confidence_bands: dict[str, PRF] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)
    wrong_speakers: list[dict] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_matched if self.speaker_matched else 0.0

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "exact": self.exact.as_dict(),
            "overlap@0.3": self.overlap_03.as_dict(),
            "overlap@0.8": self.overlap_08.as_dict(),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "quote+speaker": self.end_to_end.as_dict(),
            "recall_by_type": {k: round(v.recall, 4) for k, v in sorted(self.recall_by_type.items())},
            "precision_by_predicted_type": {k: round(v.precision, 4) for k, v in sorted(self.precision_by_type.items())},
            "precision_by_confidence": {k: {"precision": round(v.precision, 4), "predicted": v.n_pred}
                                        for k, v in sorted(self.confidence_bands.items())},
        }


def _add(prf: PRF, tp: int, n_pred: int, n_gold: int) -> None:
    prf.tp += tp
    prf.n_pred += n_pred
    prf.n_gold += n_gold


def score_document(report: Report, doc: dict, predicted: list[dict]) -> None:
    text = doc["text"]
    golds = gold_quotes(doc)
    preds = pred_quotes(text, predicted)
    report.documents += 1
    exact = sum(1 for gi, pi, _ in match(golds, preds, 1e-9) if golds[gi].chars == preds[pi].chars)
    _add(report.exact, exact, len(preds), len(golds))
    m08 = match(golds, preds, 0.8)
    _add(report.overlap_08, len(m08), len(preds), len(golds))
    m03 = match(golds, preds, 0.3)
    _add(report.overlap_03, len(m03), len(preds), len(golds))
    e2e = 0
    matched_g = {gi for gi, _, _ in m03}
    matched_p = {pi for _, pi, _ in m03}
    for gi, pi, _ in m03:
        ok = speaker_correct(golds[gi], preds[pi])
        report.speaker_matched += 1
        report.speaker_correct += ok
        e2e += ok
        if not ok:
            report.wrong_speakers.append({"id": doc.get("id"), "quote": preds[pi].text[:160], "predicted": preds[pi].canonical_name or preds[pi].name,
                                          "gold": golds[gi].speaker, "gold_resolved": golds[gi].speaker_resolved})
    _add(report.end_to_end, e2e, len(preds), len(golds))
    for gi, g in enumerate(golds):
        _add(report.recall_by_type.setdefault(g.type, PRF()), gi in matched_g, 0, 1)
        if gi not in matched_g:
            report.misses.append({"id": doc.get("id"), "type": g.type, "quote": g.text[:200], "speaker": g.speaker,
                                  "context": _context(text, g.spans[0][0], g.spans[-1][1])})
    for pi, p in enumerate(preds):
        band = "confidence>=0.8" if p.confidence >= 0.8 else "confidence<0.8"
        _add(report.confidence_bands.setdefault(band, PRF()), pi in matched_p, 1, 0)
        _add(report.precision_by_type.setdefault(p.type, PRF()), pi in matched_p, 1, 0)
        if pi not in matched_p:
            report.false_positives.append({"id": doc.get("id"), "type": p.type, "quote": p.text[:200],
                                           "speaker": p.canonical_name or p.name,
                                           "context": _context(text, p.spans[0][0], p.spans[-1][1])})


def _context(text: str, start: int, end: int, pad: int = 80) -> str:
    s, e = max(0, start - pad), min(len(text), end + pad)
    return (text[s:start] + "[[" + text[start:end] + "]]" + text[end:e]).replace("\n", " ")


def read_gold(path: str) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None


def sample(items: list[dict], n: int, seed: int = 0) -> list[dict]:
    if len(items) <= n:
        return items
    return random.Random(seed).sample(items, n)


def format_report(report: Report, by_type: bool = True) -> str:
    d = report.as_dict()
    lines = [f"documents: {d['documents']}",
             f"{'measure':<22}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'pred':>7}{'gold':>7}"]
    for key in ("exact", "overlap@0.8", "overlap@0.3", "quote+speaker"):
        v = d[key]
        lines.append(f"{key:<22}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}{v['tp']:>7}{v['predicted']:>7}{v['gold']:>7}")
    lines.append(f"{'speaker accuracy':<22}{d['speaker_accuracy']:>8.3f}  (on {report.speaker_matched} quotes matched at overlap 0.3)")
    if by_type:
        lines.append("recall by gold type (overlap 0.3): " + ", ".join(f"{k} {v:.3f}" for k, v in d["recall_by_type"].items()))
        lines.append("precision by predicted type: " + ", ".join(f"{k} {v:.3f}" for k, v in d["precision_by_predicted_type"].items()))
        lines.append("precision by confidence: " + ", ".join(f"{k} {v['precision']:.3f} (n={v['predicted']})"
                                                             for k, v in d["precision_by_confidence"].items()))
    return "\n".join(lines)
