"""Matching extracted quotes against the seeds' gold annotations (seeds/*.gold.json).

A gold quote is found when a prediction of the same type has the same text
(direct quotes) or covers at least 80% of it both ways (indirect speech, whose
edges are a matter of judgement; and partial quotes, whose content is reported
speech around the words in quote marks: those words, the gold's "quoted", must
be exactly among the prediction's ``quoted`` passages), and names the same speaker:
same canonical name, and the gold's affiliation, acronym and title where the
gold gives them. A prediction that matches no gold quote, optional ones
included, is a false positive.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from support.paths import SEEDS
TYPES = {"direct": 1, "indirect": 2, "partial": 3}


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def load_gold(txt: Path) -> dict:
    return json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))


def read_text(txt: Path) -> str:
    return txt.read_bytes().decode("utf-8")


def _overlap(a: str, b: str, text: str, a_start: int, b_start: int) -> float:
    lo, hi = max(a_start, b_start), min(a_start + len(a), b_start + len(b))
    inter = max(0, hi - lo)
    return min(inter / max(1, len(a)), inter / max(1, len(b)))


@dataclass
class Verdict:
    missing: list[str] = field(default_factory=list)
    wrong_speaker: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.wrong_speaker or self.false_positives)

    def __str__(self) -> str:
        return "\n".join(
            [f"missing: {m}" for m in self.missing]
            + [f"wrong speaker: {m}" for m in self.wrong_speaker]
            + [f"false positive: {m}" for m in self.false_positives]
        )


def judge(text: str, gold: dict, predicted: list[dict]) -> Verdict:
    """``predicted``: quotes in the protobuf JSON shape (type as enum name or number)."""
    verdict = Verdict()
    used: set[int] = set()
    for g in gold["quotes"]:
        gtype = TYPES[g["type"]]
        # Gold quotes carry no offsets: find every occurrence, match in order.
        best = None
        for i, p in enumerate(predicted):
            if i in used or _type_of(p) != gtype:
                continue
            ptext, pstart = p["text"], int(p["span"]["start"])
            if g["type"] in ("indirect", "partial"):
                gstart = _nearest(text, g["text"], pstart)
                # the whole span: a content in two fragments around its attribution covers it
                extent = text[pstart:int(p["span"]["end"])]
                if gstart < 0 or _overlap(g["text"], extent, text, gstart, pstart) < 0.8:
                    continue
                quoted = {text[int(q.get("start", 0)):int(q.get("end", 0))] for q in p.get("quoted", [])}
                if not set(g.get("quoted", [])) <= quoted:
                    continue
            elif ptext != g["text"]:
                continue
            best = i
            break
        if best is None:
            if not g.get("optional"):
                verdict.missing.append(f"{g['type']} {g['text'][:60]!r} ({g['canonical_name']})")
            continue
        used.add(best)
        sp = predicted[best]["speaker"]
        for key in ("canonical_name", "affiliation", "affiliation_short", "title"):
            if (key == "canonical_name" or g.get(key)) and sp.get(key, "") != g.get(key, ""):
                verdict.wrong_speaker.append(f"{g['text'][:40]!r}: {key} {sp.get(key)!r} != {g.get(key)!r}")
    for i, p in enumerate(predicted):
        if i not in used:
            verdict.false_positives.append(f"{p['text'][:60]!r} ({p['speaker'].get('canonical_name')})")
    for bad in gold.get("not_quotes", []):
        if any(p["text"] == bad for p in predicted):
            verdict.false_positives.append(f"not a quote: {bad!r}")
    return verdict


def _type_of(p: dict) -> int:
    t = p.get("type", 0)
    if isinstance(t, str):
        return {"QUOTE_TYPE_DIRECT": 1, "QUOTE_TYPE_INDIRECT": 2, "QUOTE_TYPE_PARTIAL": 3}.get(t, 0)
    return int(t)


def _nearest(text: str, needle: str, near: int) -> int:
    """Start of the occurrence of ``needle``'s first words nearest to ``near`` (-1 if none)."""
    probe = needle[:40]
    best, pos = -1, text.find(probe)
    while pos >= 0:
        if best < 0 or abs(pos - near) < abs(best - near):
            best = pos
        pos = text.find(probe, pos + 1)
    return best
