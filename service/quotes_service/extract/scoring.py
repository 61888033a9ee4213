"""How sure the service is of a quote: the chance that it is a quote an annotator marks, with the
speaker the annotator names, as a logistic model over what the quote record shows (its rule and
the rule's calibrated prior, type, cue, the kind of speaker and how it was found, lengths, how far
the speaker stands from the words).

The weights are data (``confidence_model.json`` beside this module), fitted on the PolNeAR train
split by ``python -m quotes_tools.train_confidence``; the dev split, which the figures in
docs/quality.md come from, is never seen by the fit. A feature the model has no weight for (a rule
added since, a cue it did not see often) weighs nothing, and a new rule still gets its registry
confidence through the prior. On dev, the quotes at 0.8 or above went from 867 at precision 0.924
(per-rule constants) to 872 at 0.953 with the weights of ddf12ce (docs/quality.md, "Confidence").
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from quotes.types import Quote, QuoteType, SpeakerKind
from quotes_service.extract.rules.registry import BY_NAME, Rule

MODEL_PATH = Path(__file__).with_name("confidence_model.json")
FLOOR, CEILING = 0.01, 0.99
OTHER_CUE = "cue=other"


def _logit(p: float) -> float:
    p = min(0.99, max(0.01, p))
    return math.log(p / (1 - p))


def _pronoun(quote: Quote) -> str:
    """How the speaker was found: through a pronoun resolved to a person, a lower-case mention no
    person was found for ("he", "they", "officials"), or a name."""
    speaker = quote.speaker
    if speaker.resolved_from_pronoun:
        return "resolved"
    return "lower" if speaker.name[:1].islower() else "named"


def _words(text: str, spans) -> int:
    return sum(len(text[s.start:s.end].split()) for s in spans)


def features(quote: Quote, text: str) -> dict[str, float]:
    """The evidence a quote record shows, as named features (one-hot names carry their value)."""
    rule: Rule | None = BY_NAME.get(quote.rule)
    kind = SpeakerKind(quote.speaker.kind).name
    qtype = QuoteType(quote.type).name
    words = _words(text, quote.fragments) or len(quote.text.split())
    quoted = _words(text, quote.quoted)
    spk = quote.speaker.span
    distance = max(0, spk.start - quote.span.end, quote.span.start - spk.end) if spk.end > spk.start else 1000
    return {
        "prior": _logit(rule.confidence if rule is not None else 0.5),
        f"rule={quote.rule}": 1.0,
        f"type={qtype}": 1.0,
        f"rule_type={quote.rule}/{qtype}": 1.0,
        f"kind={kind}": 1.0,
        f"rule_kind={quote.rule}/{kind}": 1.0,
        f"speaker={_pronoun(quote)}": 1.0,
        "title": float(bool(quote.speaker.title)),
        "affiliation": float(bool(quote.speaker.affiliation)),
        "fragments": float(min(len(quote.fragments), 3)),
        "quoted_pieces": float(min(len(quote.quoted), 3)),
        "log_words": math.log1p(words),
        "log_quoted_words": math.log1p(quoted),
        "short_quoted": float(qtype == "PARTIAL" and 0 < quoted <= 2),
        "speaker_before": float(spk.end <= quote.span.start),
        "log_distance": math.log1p(distance),
        f"cue={quote.cue.lower().strip()}": 1.0,
    }


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_PATH)) -> tuple[float, dict[str, float]]:
    """(bias, weights) of the fitted model."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return float(data["bias"]), {k: float(v) for k, v in data["weights"].items()}


def score(feats: dict[str, float], bias: float, weights: dict[str, float]) -> float:
    total = bias
    for name, value in feats.items():
        if name.startswith("cue=") and name not in weights:
            name = OTHER_CUE
        total += weights.get(name, 0.0) * value
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


def confidence(quote: Quote, text: str) -> float:
    """The model's chance that ``quote`` (whose text and offsets index ``text``) is right with its speaker."""
    bias, weights = load_model()
    return round(max(FLOOR, min(CEILING, score(features(quote, text), bias, weights))), 4)
