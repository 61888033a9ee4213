"""Speaker profiles against an annotation of who each speaker is (../shared/eval/speaker_profiles.md).

For every gold attribution the service matched (overlap 0.3) with the right speaker, the
service's speaker is compared with the gold entity that attribution belongs to:

* canonical name: equal, ignoring case, a leading article and punctuation;
* title: right when it equals one of the entity's titles or one contains the other as whole
  words (case, articles and punctuation ignored); a title for an entity with none is wrong;
  precision over the titles returned, recall over the attributions whose entity has titles;
* affiliation: the same, against the entity's affiliations and acronyms (the service's
  affiliation or its short form); an organisation returned as its own affiliation counts
  neither way;
* kind: equal, over entities whose gold kind is not OTHER; documents (gold OTHER) are counted
  apart, as the share the service calls DOCUMENT;
* gender: the same as title, with "unknown" (and the service's UNSPECIFIED) as no answer.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterator

ARTICLES = frozenset({"the", "a", "an"})
KIND_NAMES = {1: "PERSON", 2: "ORGANIZATION", 3: "ROLE", 4: "GROUP", 5: "DOCUMENT"}
GENDER_NAMES = {1: "female", 2: "male"}
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-case words without punctuation or articles."""
    folded = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'").replace("'s", "")
    return [w for w in _WORDS.findall(folded) if w not in ARTICLES]


def same_name(a: str, b: str) -> bool:
    """Equal ignoring case, a leading article and punctuation."""
    return bool(a.strip()) and words(a) == words(b)


def _contains(big: list[str], small: list[str]) -> bool:
    n = len(small)
    return n > 0 and any(big[i:i + n] == small for i in range(len(big) - n + 1))


def phrase_matches(predicted: str, gold: list[str]) -> bool:
    """Equal to one of ``gold``, or one contains the other as whole words."""
    p = words(predicted)
    return any(p and (g := words(item)) and (_contains(p, g) or _contains(g, p)) for item in gold)


def _enum(value, names: dict[int, str], prefix: str) -> str:
    if isinstance(value, str):
        return value.removeprefix(prefix).upper() if value else ""
    return names.get(int(value or 0), "")


@dataclass
class Field:
    """Precision and recall of one profile field."""

    correct: int = 0
    predicted: int = 0
    gold: int = 0

    def as_dict(self) -> dict:
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
                "correct": self.correct, "predicted": self.predicted, "gold": self.gold}


@dataclass
class SpeakerReport:
    attributions: int = 0            # gold attributions matched with the right speaker and annotated
    name_correct: int = 0
    kind_counted: int = 0
    kind_correct: int = 0
    documents: int = 0               # of them, gold kind OTHER (a document)
    documents_as_document: int = 0
    title: Field = field(default_factory=Field)
    affiliation: Field = field(default_factory=Field)
    gender: Field = field(default_factory=Field)
    errors: dict[str, list[dict]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        share = (lambda a, b: round(a / b, 4) if b else 0.0)   # noqa: E731
        return {"attributions": self.attributions,
                "canonical_name_accuracy": share(self.name_correct, self.attributions),
                "kind_accuracy": share(self.kind_correct, self.kind_counted), "kind_counted": self.kind_counted,
                "documents_as_document": share(self.documents_as_document, self.documents),
                "documents": self.documents,
                "title": self.title.as_dict(), "affiliation": self.affiliation.as_dict(),
                "gender": self.gender.as_dict()}


def read_speakers(path: str) -> dict[str, dict[int, dict]]:
    """document id -> attribution index -> its gold entity."""
    out: dict[str, dict[int, dict]] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None
            out[str(record["id"])] = {i: e for e in record.get("entities", []) for i in e.get("attributions", [])}
    return out


def _note(report: SpeakerReport, what: str, item: dict) -> None:
    report.errors.setdefault(what, []).append(item)


def _score_field(f: Field, predicted: str, gold: list[str]) -> bool | None:
    """Adds one attribution to ``f``; True/False when a prediction was made, None when not."""
    f.gold += bool(gold)
    if not predicted:
        return None
    f.predicted += 1
    ok = phrase_matches(predicted, gold)
    f.correct += ok
    return ok


def score_speaker(report: SpeakerReport, doc_id: str, quote: str, speaker: dict, entity: dict) -> None:
    """One matched attribution: the service's ``speaker`` (proto JSON) against its gold ``entity``."""
    report.attributions += 1
    where = {"id": doc_id, "quote": quote[:100], "gold": entity.get("canonical_name", "")}
    canonical = speaker.get("canonical_name") or speaker.get("name", "")
    if same_name(canonical, entity.get("canonical_name", "")):
        report.name_correct += 1
    else:
        _note(report, "canonical name", {**where, "predicted": canonical})
    _kind(report, speaker, entity, where)
    title = speaker.get("title", "")
    if _score_field(report.title, title, entity.get("titles", [])) is False or (not title and entity.get("titles")):
        _note(report, "title", {**where, "predicted": title, "gold_titles": entity.get("titles", [])})
    _affiliation(report, speaker, entity, canonical, where)
    _gender(report, speaker, entity, where)


def _kind(report: SpeakerReport, speaker: dict, entity: dict, where: dict) -> None:
    kind = _enum(speaker.get("kind", 0), KIND_NAMES, "SPEAKER_KIND_")
    gold = entity.get("kind", "")
    if gold == "OTHER":
        report.documents += 1
        report.documents_as_document += kind == "DOCUMENT"
        return
    report.kind_counted += 1
    if kind == gold:
        report.kind_correct += 1
    else:
        _note(report, "kind", {**where, "predicted": kind, "gold_kind": gold})


def _affiliation(report: SpeakerReport, speaker: dict, entity: dict, canonical: str, where: dict) -> None:
    affiliation, short = speaker.get("affiliation", ""), speaker.get("affiliation_short", "")
    if affiliation and (same_name(affiliation, canonical) or same_name(affiliation, entity.get("canonical_name", ""))):
        return   # an organisation as its own affiliation: neither way
    gold = entity.get("affiliations", []) + entity.get("acronyms", [])
    f = report.affiliation
    f.gold += bool(gold)
    if not (affiliation or short):
        if gold:
            _note(report, "affiliation", {**where, "predicted": "", "gold_affiliations": gold})
        return
    f.predicted += 1
    ok = phrase_matches(affiliation, gold) or (bool(short) and phrase_matches(short, gold))
    f.correct += ok
    if not ok:
        _note(report, "affiliation", {**where, "predicted": affiliation, "gold_affiliations": gold})


def _gender(report: SpeakerReport, speaker: dict, entity: dict, where: dict) -> None:
    predicted = _enum(speaker.get("gender", 0), GENDER_NAMES, "GENDER_").lower()
    predicted = "" if predicted in ("", "unspecified") else predicted
    gold = entity.get("gender", "unknown")
    f = report.gender
    f.gold += gold != "unknown"
    if predicted:
        f.predicted += 1
        f.correct += predicted == gold
        if predicted != gold:
            _note(report, "gender", {**where, "predicted": predicted, "gold_gender": gold})


def format_speakers(report: SpeakerReport) -> str:
    d = report.as_dict()
    lines = [f"speaker profiles, on {d['attributions']} attributions matched with the right speaker:",
             f"  canonical name accuracy {d['canonical_name_accuracy']:.3f}",
             f"  kind accuracy {d['kind_accuracy']:.3f} (n={d['kind_counted']}); documents as DOCUMENT "
             f"{d['documents_as_document']:.3f} (n={d['documents']})"]
    for name in ("title", "affiliation", "gender"):
        f = d[name]
        lines.append(f"  {name:<12} P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}  "
                     f"(correct {f['correct']}, returned {f['predicted']}, gold {f['gold']})")
    return "\n".join(lines)


def error_samples(report: SpeakerReport) -> Iterator[tuple[str, list[dict]]]:
    for name in ("canonical name", "title", "affiliation", "kind", "gender"):
        yield name, report.errors.get(name, [])
