"""Matching extracted quotes with annotated ones (PolNeAR-style JSONL): spans, overlap, speakers.

Definitions (docs/quality.md says the same in prose):

* Characters are compared after stripping quote marks, punctuation and spaces
  at the edges of every span, gold and predicted alike.
* overlap(gold, pred) = gold characters covered by the prediction / gold length.
  A prediction's characters are the union of its fragments; a gold's, the union
  of its quote_spans.
* Matching is greedy and one-to-one: all (gold, prediction) pairs with overlap
  at or above the threshold, best first; each side is used at most once.
* exact: the stripped spans hold the same words: the same letters and digits at the same
  offsets (so a gold quote marked sentence by sentence, each span stripped of its full stop,
  is exactly a prediction of the whole passage). ``exact_chars``: every stripped character
  the same (the definition before 2026-12-02).
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


def word_characters(text: str, chars: set[int]) -> set[int]:
    """The letters and digits among ``chars`` (offsets into ``text``)."""
    return {i for i in chars if text[i].isalnum()}


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
    index: int = 0            #: its place in the document's "quotes" list (speaker files refer to it)


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
    speaker: dict = field(default_factory=dict)   #: the speaker as the service gave it (proto JSON)


def gold_quotes(doc: dict) -> list[GoldQuote]:
    text = doc["text"]
    out = []
    for index, q in enumerate(doc.get("quotes", [])):
        spans = [tuple(s) for s in (q.get("quote_spans") or [[q["start"], q["end"]]])]
        chars = _chars(text, spans)
        if not chars:
            continue
        sp = [tuple(s) for s in (q.get("speaker_spans") or ([[q["speaker_start"], q["speaker_end"]]] if q.get("speaker_start") is not None else []))]
        out.append(GoldQuote(chars, spans, q.get("type", ""), q.get("speaker") or "", q.get("speaker_resolved") or "", sp, q.get("quote") or "",
                             index))
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
                             float(q.get("confidence", 0.0)), q.get("text", ""), sp))
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
