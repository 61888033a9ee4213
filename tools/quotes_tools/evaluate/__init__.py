"""The scorer behind ``quotes eval``: extracted quotes against annotated news (docs/quality.md).

``matching``: spans, overlap, one-to-one matching, speaker correctness; ``report``: the
figures (overall, by type, by confidence band, by rule) and how they are printed; ``speakers``:
speaker profiles (name, title, affiliation, kind, gender) against an annotation of the speakers.
"""
from quotes_tools.evaluate.matching import (
    GoldQuote, PredQuote, gold_quotes, match, overlap, pred_quotes, read_gold, sample, speaker_correct, strip_span,
)
from quotes_tools.evaluate.report import PRF, Report, RuleFigures, format_by_rule, format_report, score_document
from quotes_tools.evaluate.speakers import SpeakerReport, error_samples, format_speakers, read_speakers

__all__ = ["GoldQuote", "PredQuote", "PRF", "Report", "RuleFigures", "SpeakerReport", "error_samples", "format_by_rule",
           "format_report", "format_speakers", "gold_quotes", "match", "overlap", "pred_quotes", "read_gold",
           "read_speakers", "sample", "score_document", "speaker_correct", "strip_span"]
