"""Rules for speech reported inside a relative clause: "a wall, which he said the city should pay
for", "a hacker who officials say is tied to …", "what he calls corruption in politics".

What was said is the relative pronoun and the rest of the relative clause; the attribution
between them (subject and verb) is a gap in the content, as annotators of news mark it.
"""
from __future__ import annotations

from spacy.tokens import Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.rules.base import (
    ADVERBIAL_POS, SUBJECT_DEPS, Reported, cue_verbs, phrase_end, speaker_head, trim_punct, valid_speaker,
)
from quotes_service.extract.rules.clauses import reporting_verbs


def _relative_speaker(verb: Token, index: DocIndex) -> Token | None:
    """The verb's subject, before it with nothing but adverbs and auxiliaries between them
    ("which she has repeatedly said")."""
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
    if subj is None or subj.left_edge.i == 0 or not valid_speaker(subj, index):
        return None
    if any(t.pos_ not in ADVERBIAL_POS for t in verb.doc[subj.right_edge.i + 1:verb.i]):
        return None
    return subj


def _relative_pronoun(speaker: Token, verb: Token, comp: Token) -> Token | None:
    """The relative pronoun right before the speaker, which the parser hangs on the reporting
    verb or on its clause ("which he said the city should pay for", "who officials say is
    tied to …"); not the complementiser "that" ("He thinks that officials say …")."""
    first = speaker.doc[speaker.left_edge.i - 1]
    if first.lower_ not in lx.RELATIVE_PRONOUNS or first.tag_ not in ("WDT", "WP") or first.dep_ == "mark":
        return None
    return first if first.head.i in (verb.i, comp.i) else None


def relative(index: DocIndex) -> list[Reported]:
    """"a wall, which he said the city should pay for", "a hacker who officials say is tied to
    a foreign service": speech reported inside a relative clause. What was said is the relative
    pronoun and the verb's clause; the attribution between them is left out (a gap)."""
    doc = index.doc
    found = []
    for verb in reporting_verbs(index):
        comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        speaker = _relative_speaker(verb, index) if comp is not None else None
        pronoun = _relative_pronoun(speaker, verb, comp) if speaker is not None else None
        if pronoun is None:
            continue
        start, end = trim_punct(doc, min(t.i for t in comp.subtree if t.i > verb.i), verb.right_edge.i + 1)
        if end - start < 2:
            continue
        found.append(Reported([verb], speaker_head(speaker), pronoun.i, end, gap=(pronoun.i + 1, start)))
    return found

def _naming_complement(verb: Token, complements: tuple[str, ...]) -> list[Token]:
    """What the verb names its object, after it: "calls [corruption]", "described [as his second
    home]", "dubbed [the little senator]"."""
    return [c for c in verb.children if c.i > verb.i and (
        c.dep_ in complements or c.dep_ == "prep" and c.lower_ in complements)]


def relative_naming(index: DocIndex) -> list[Reported]:
    """"ending what he calls corruption in politics", "Florida, which he describes as his second
    home", "Rubio, who he dubbed 'the little senator'": a relative clause whose pronoun is what
    the speaker calls or describes something. What was said is the pronoun and the name given."""
    doc = index.doc
    found = []
    for verb, complements in cue_verbs(index, lx.NAMING_CUES):
        named = _naming_complement(verb, complements)
        speaker = _relative_speaker(verb, index) if named else None
        pronoun = _relative_pronoun(speaker, verb, verb) if speaker is not None else None
        if pronoun is None or pronoun.dep_ != "dobj":
            continue
        start = named[0].left_edge.i
        end = phrase_end(start, named[-1].right_edge.i + 1, verb.right_edge.i + 1, index)
        _, end = trim_punct(doc, start, max(end, named[-1].right_edge.i + 1))
        while start < end and doc[start].is_punct and not doc[start].is_quote:
            start += 1
        if start > 0 and doc[start - 1].is_quote and index.in_quote(doc[start]):
            start -= 1   # the opening mark of a name in quote marks, hung elsewhere by the parser
        if end <= start:
            continue
        found.append(Reported([verb], speaker_head(speaker), pronoun.i, end, gap=(pronoun.i + 1, start)))
    return found
