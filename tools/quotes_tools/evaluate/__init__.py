"""The scorer behind ``quotes eval``: extracted quotes against annotated news (docs/quality.md).

``matching``: spans, overlap, one-to-one matching, speaker correctness; ``report``: the
figures (overall, by type, by confidence band, by rule) and how they are printed.
"""
from quotes_tools.evaluate.matching import (
    GoldQuote, PredQuote, gold_quotes, match, overlap, pred_quotes, read_gold, sample, speaker_correct, strip_span,
)
from quotes_tools.evaluate.report import PRF, Report, RuleFigures, format_by_rule, format_report, score_document

__all__ = ["GoldQuote", "PredQuote", "PRF", "Report", "RuleFigures", "format_by_rule", "format_report", "gold_quotes",
           "match", "overlap", "pred_quotes", "read_gold", "sample", "score_document", "speaker_correct", "strip_span"]
