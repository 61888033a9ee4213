"""The figures ``quotes eval`` prints: exact and overlap matches, speakers, per type, per
confidence band and per rule (definitions in matching.py and docs/quality.md)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from quotes_tools.evaluate.matching import (GoldQuote, PredQuote, gold_quotes, match, pred_quotes, speaker_correct,
                                           word_characters)
from quotes_tools.evaluate.speakers import SpeakerReport, score_speaker


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
    exact_chars: PRF = field(default_factory=PRF)
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
    by_rule: dict[str, "RuleFigures"] = field(default_factory=dict)
    speakers: SpeakerReport | None = None

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_matched if self.speaker_matched else 0.0

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "exact": self.exact.as_dict(),
            "exact_chars": self.exact_chars.as_dict(),
            "overlap@0.3": self.overlap_03.as_dict(),
            "overlap@0.8": self.overlap_08.as_dict(),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "quote+speaker": self.end_to_end.as_dict(),
            "recall_by_type": {k: round(v.recall, 4) for k, v in sorted(self.recall_by_type.items())},
            "precision_by_predicted_type": {k: round(v.precision, 4) for k, v in sorted(self.precision_by_type.items())},
            "precision_by_confidence": {k: {"precision": round(v.precision, 4), "predicted": v.n_pred}
                                        for k, v in sorted(self.confidence_bands.items())},
            **({"by_rule": {k: v.as_dict() for k, v in sorted(self.by_rule.items())}} if self.by_rule else {}),
            **({"speakers": self.speakers.as_dict()} if self.speakers is not None else {}),
        }


def _add(prf: PRF, tp: int, n_pred: int, n_gold: int) -> None:
    prf.tp += tp
    prf.n_pred += n_pred
    prf.n_gold += n_gold


@dataclass
class RuleFigures:
    """How one extraction rule did: its quotes, and how many matched a gold quote (at overlap 0.3),
    with the right speaker too, and exactly."""

    predicted: int = 0
    matched: int = 0
    speaker_right: int = 0
    exact: int = 0

    def as_dict(self) -> dict:
        share = (lambda n: round(n / self.predicted, 4) if self.predicted else 0.0)   # noqa: E731
        return {"predicted": self.predicted, "precision": share(self.matched),
                "quote+speaker_precision": share(self.speaker_right), "exact_precision": share(self.exact)}


@dataclass
class _Scored:
    """One document's predictions against its gold: the matches the figures are made of."""

    golds: list[GoldQuote]
    preds: list[PredQuote]
    exact: set[int]                      # predictions with the same words as a gold quote
    exact_chars: set[int]                # predictions with the same characters as a gold quote
    m03: list[tuple[int, int, float]]
    right: set[int]                      # predictions matched at 0.3 with the right speaker


def _score(doc: dict, predicted: list[dict]) -> _Scored:
    text = doc["text"]
    golds, preds = gold_quotes(doc), pred_quotes(text, predicted)
    touching = match(golds, preds, 1e-9)
    exact = {pi for gi, pi, _ in touching if word_characters(text, golds[gi].chars) == word_characters(text, preds[pi].chars)}
    exact_chars = {pi for gi, pi, _ in touching if golds[gi].chars == preds[pi].chars}
    m03 = match(golds, preds, 0.3)
    right = {pi for gi, pi, _ in m03 if speaker_correct(golds[gi], preds[pi])}
    return _Scored(golds, preds, exact, exact_chars, m03, right)


def score_document(report: Report, doc: dict, predicted: list[dict], rules: list[str] | None = None,
                   entities: dict[int, dict] | None = None) -> None:
    """Adds one document to ``report``: ``predicted`` in the protobuf JSON shape; if known, the name
    of the rule that made each predicted quote, and the gold entity of each gold attribution (by its
    index in the document's quotes), for the speaker-profile figures."""
    s = _score(doc, predicted)
    n_pred, n_gold = len(s.preds), len(s.golds)
    report.documents += 1
    _add(report.exact, len(s.exact), n_pred, n_gold)
    _add(report.exact_chars, len(s.exact_chars), n_pred, n_gold)
    _add(report.overlap_08, len(match(s.golds, s.preds, 0.8)), n_pred, n_gold)
    _add(report.overlap_03, len(s.m03), n_pred, n_gold)
    _add(report.end_to_end, len(s.right), n_pred, n_gold)
    report.speaker_matched += len(s.m03)
    report.speaker_correct += len(s.right)
    _by_type_and_band(report, s)
    if rules is not None:
        _by_rule(report, s, rules)
    if entities is not None:
        _profiles(report, doc, s, entities)
    _samples(report, doc, s)


def _profiles(report: Report, doc: dict, s: _Scored, entities: dict[int, dict]) -> None:
    if report.speakers is None:
        report.speakers = SpeakerReport()
    for gi, pi, _ in s.m03:
        entity = entities.get(s.golds[gi].index)
        if pi in s.right and entity is not None:
            score_speaker(report.speakers, str(doc.get("id")), s.preds[pi].text, s.preds[pi].speaker, entity)


def _by_type_and_band(report: Report, s: _Scored) -> None:
    matched_g = {gi for gi, _, _ in s.m03}
    matched_p = {pi for _, pi, _ in s.m03}
    for gi, g in enumerate(s.golds):
        _add(report.recall_by_type.setdefault(g.type, PRF()), gi in matched_g, 0, 1)
    for pi, p in enumerate(s.preds):
        band = "confidence>=0.8" if p.confidence >= 0.8 else "confidence<0.8"
        _add(report.confidence_bands.setdefault(band, PRF()), pi in matched_p, 1, 0)
        _add(report.precision_by_type.setdefault(p.type, PRF()), pi in matched_p, 1, 0)


def _by_rule(report: Report, s: _Scored, rules: list[str]) -> None:
    matched_p = {pi for _, pi, _ in s.m03}
    for pi, rule in enumerate(rules):
        figures = report.by_rule.setdefault(rule or "?", RuleFigures())
        figures.predicted += 1
        figures.matched += pi in matched_p
        figures.speaker_right += pi in s.right
        figures.exact += pi in s.exact


def _samples(report: Report, doc: dict, s: _Scored) -> None:
    """What --errors prints: misses, false positives and wrong speakers, with context."""
    text, doc_id = doc["text"], doc.get("id")
    matched_g = {gi for gi, _, _ in s.m03}
    matched_p = {pi for _, pi, _ in s.m03}
    for gi, pi, _ in s.m03:
        if pi not in s.right:
            g, p = s.golds[gi], s.preds[pi]
            report.wrong_speakers.append({"id": doc_id, "quote": p.text[:160], "predicted": p.canonical_name or p.name,
                                          "gold": g.speaker, "gold_resolved": g.speaker_resolved})
    for gi, g in enumerate(s.golds):
        if gi not in matched_g:
            report.misses.append({"id": doc_id, "type": g.type, "quote": g.text[:200], "speaker": g.speaker,
                                  "context": _context(text, g.spans[0][0], g.spans[-1][1])})
    for pi, p in enumerate(s.preds):
        if pi not in matched_p:
            report.false_positives.append({"id": doc_id, "type": p.type, "quote": p.text[:200],
                                           "speaker": p.canonical_name or p.name,
                                           "context": _context(text, p.spans[0][0], p.spans[-1][1])})


def _context(text: str, start: int, end: int, pad: int = 80) -> str:
    s, e = max(0, start - pad), min(len(text), end + pad)
    return (text[s:start] + "[[" + text[start:end] + "]]" + text[end:e]).replace("\n", " ")


def format_report(report: Report, by_type: bool = True) -> str:
    d = report.as_dict()
    lines = [f"documents: {d['documents']}",
             f"{'measure':<22}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'pred':>7}{'gold':>7}"]
    for key in ("exact", "exact_chars", "overlap@0.8", "overlap@0.3", "quote+speaker"):
        v = d[key]
        lines.append(f"{key:<22}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}{v['tp']:>7}{v['predicted']:>7}{v['gold']:>7}")
    lines.append(f"{'speaker accuracy':<22}{d['speaker_accuracy']:>8.3f}  (on {report.speaker_matched} quotes matched at overlap 0.3)")
    if by_type:
        lines.append("recall by gold type (overlap 0.3): " + ", ".join(f"{k} {v:.3f}" for k, v in d["recall_by_type"].items()))
        lines.append("precision by predicted type: " + ", ".join(f"{k} {v:.3f}" for k, v in d["precision_by_predicted_type"].items()))
        lines.append("precision by confidence: " + ", ".join(f"{k} {v['precision']:.3f} (n={v['predicted']})"
                                                             for k, v in d["precision_by_confidence"].items()))
    return "\n".join(lines)


def format_by_rule(report: Report, order: Sequence[str] = ()) -> str:
    """Per rule (in ``order``, the registry's, then any other): quotes made, and the share that
    matched a gold quote, with the right speaker, and exactly."""
    names = [n for n in order if n in report.by_rule] + sorted(set(report.by_rule) - set(order))
    lines = [f"{'rule':<18}{'quotes':>8}{'P@0.3':>8}{'P q+spk':>9}{'P exact':>9}"]
    for name in names:
        f = report.by_rule[name].as_dict()
        lines.append(f"{name:<18}{f['predicted']:>8}{f['precision']:>8.3f}{f['quote+speaker_precision']:>9.3f}"
                     f"{f['exact_precision']:>9.3f}")
    return "\n".join(lines)
