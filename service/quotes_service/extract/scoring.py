"""How sure the service is of a quote: its rule's calibrated confidence, adjusted for what the
rule could not check (a pronoun nobody was found for, a quote inside the writer's sentence, a
fragment of a word or two, which is often a scare quote).

Precision by the confidence reported, on the PolNeAR dev split, is in docs/quality.md.
"""
from __future__ import annotations

from quotes.types import QuoteType, Speaker, SpeakerKind
from quotes_service.extract.rules.registry import Rule

SHORT_FRAGMENT_CONFIDENCE = 0.35   # a one- or two-word partial quote is often a scare quote
MIXED_CONFIDENCE = 0.9             # reported clause with the speaker's own words quoted inside
MID_SENTENCE_PENALTY = 0.35        # '… the deal was "terrific," Trump said': partial, attribution after
UNRESOLVED_PRONOUN_PENALTY = 0.25
RESOLVED_PRONOUN_PENALTY = 0.03
FLOOR, CEILING = 0.05, 1.0


def confidence(rule: Rule, quote_type: QuoteType, speaker: Speaker, words: int, fragments: int,
               mixed: bool = False) -> float:
    """``words``: words of the quoted text; ``fragments``: its pieces; ``mixed``: a reported clause
    that holds the speaker's own words in quote marks."""
    score = rule.confidence
    if speaker.kind == SpeakerKind.PERSON and speaker.name[:1].islower() and not speaker.resolved_from_pronoun:
        score -= UNRESOLVED_PRONOUN_PENALTY
    elif speaker.resolved_from_pronoun:
        score -= RESOLVED_PRONOUN_PENALTY
    if quote_type == QuoteType.PARTIAL and rule.partial_mid_sentence and fragments == 1:
        score -= MID_SENTENCE_PENALTY
    if quote_type == QuoteType.PARTIAL and words <= 2:
        score = min(score, SHORT_FRAGMENT_CONFIDENCE)
    score = max(FLOOR, min(CEILING, score))
    return max(score, MIXED_CONFIDENCE) if mixed else score
