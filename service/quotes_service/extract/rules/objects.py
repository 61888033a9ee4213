"""Rules for reported speech as a verb's object or verb phrase: "called for a moratorium",
"called the plan a disaster", "vowed to fight on". The verbs and their prepositions or
complements are data in the lexicon (OBJECT_CUES, COMPLEMENT_CUES, UNDERTAKING_VERBS).
"""
from __future__ import annotations

from spacy.tokens import Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.rules.base import Reported, cue_verbs, phrase_end, subject_of


def _object_and_cue(verb: Token, preps: tuple[str, ...]) -> tuple[Token | None, list[Token]]:
    """The verb's object (a direct object, or the object of one of ``preps`` right after it) and
    the cue tokens (the verb, with that preposition)."""
    cue = [verb]
    obj = None
    for child in verb.children:
        if child.i <= verb.i:
            continue
        if "" in preps and child.dep_ in ("dobj", "xcomp") and obj is None:
            obj = child
        elif child.dep_ in ("prep", "prt") and child.lower_ in preps and child.i == verb.i + 1:
            cue.append(child)
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            break
        elif child.dep_ == "advcl" and _opened_by(child, verb.i + 1, preps):
            # "called for the United States to take a stronger role": the parser makes "for" the
            # mark of a clause of its own; what was called for is that clause
            cue.append(child.doc[verb.i + 1])
            obj = child
            break
    return obj, cue


def _opened_by(clause: Token, at: int, preps: tuple[str, ...]) -> bool:
    """The clause's first word, at token ``at``, is a preposition of the cue that the parser made its mark."""
    first = clause.left_edge
    return first.i == at and first.dep_ == "mark" and first.lower_ in preps and first.head.i == clause.i


def object_speech(index: DocIndex) -> list[Reported]:
    """What was said as an object: "called for a moratorium", "mentioned the deal"."""
    found = []
    for verb, preps in cue_verbs(index, lx.OBJECT_CUES):
        if any(c.dep_ == "ccomp" for c in verb.children):
            continue  # the clause rules have it
        obj, cue = _object_and_cue(verb, preps)
        if obj is None or obj.pos_ == "PRON" and obj.lower_ not in ("what",):
            continue
        start = cue[-1].i + 1
        # Stop at a clause of its own after the object ("…, saying …", "and …").
        end = phrase_end(start, obj.right_edge.i + 1, verb.right_edge.i + 1, index)
        if end <= obj.i:
            end = phrase_end(start, obj.right_edge.i + 1, obj.right_edge.i + 1, index)
        if end - start < 2 or end - start > 60:
            continue
        speaker = subject_of(verb, index)
        if speaker is None or start <= speaker.i < end:
            continue
        found.append(Reported(cue, speaker, start, end))
    return found


def _complement(verb: Token, obj: Token, complements: tuple[str, ...]) -> Token | None:
    """The complement after the object: by dependency label, or a preposition the cue names."""
    for child in list(verb.children) + list(obj.children):
        if child.i <= obj.i:
            continue
        if child.dep_ in complements or child.dep_ == "prep" and child.lower_ in complements:
            return child
    return None


def _is_question(comp: Token) -> bool:
    """"asked him whether …", not "told him they …", which the clause rule has."""
    doc = comp.doc
    return any(t.tag_ in ("WDT", "WP", "WRB") or t.lower_ in ("whether", "if")
               for t in doc[comp.left_edge.i:comp.left_edge.i + 2])


def characterised(index: DocIndex) -> list[Reported]:
    """An object and what the speaker called it, accused it of or asked of it: "called the plan
    a disaster", "accused the firm of hiding losses", "described himself as a moderate",
    "asked the governor whether she would run". The object and its complement are the content."""
    found = []
    for verb, complements in cue_verbs(index, lx.COMPLEMENT_CUES):
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is None:
            continue
        comp = _complement(verb, obj, complements)
        if comp is None or comp.dep_ == "ccomp" and not _is_question(comp):
            continue
        start = obj.left_edge.i
        if start <= verb.i:
            continue
        end = phrase_end(start, comp.right_edge.i + 1, verb.right_edge.i + 1, index)
        end = max(end, comp.right_edge.i + 1)
        if end - start < 2 or index.quoted_count(start, end):
            continue  # with the speaker's words quoted, the contract's quote is the fragment alone
        speaker = subject_of(verb, index)
        if speaker is None or start <= speaker.i < end:
            continue
        found.append(Reported([verb], speaker, start, end))
    return found


def undertaking(index: DocIndex) -> list[Reported]:
    """What someone vowed, promised or proposed to do, as a verb phrase rather than a clause:
    "vowed to fight on", "threatened not to attend", "suggested delaying the vote"."""
    doc = index.doc
    found = []
    for verb, _ in cue_verbs(index, lx.UNDERTAKING_VERBS):
        if any(c.dep_ in ("dobj", "ccomp", "dative") for c in verb.children):
            continue  # an object or a clause of its own: the other rules have it
        comp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and c.pos_ == "VERB"), None)
        if comp is None:
            continue
        start = comp.left_edge.i
        if start <= verb.i or not (doc[start].lower_ in ("to", "not") or doc[start].tag_ == "VBG"):
            continue
        end = max(phrase_end(start, comp.i + 1, comp.right_edge.i + 1, index), comp.i + 1)
        if end - start < 3 or index.quoted_count(start, end):
            continue  # not a clause: with the speaker's words quoted, the quote is the fragment alone
        speaker = subject_of(verb, index)
        if speaker is None or start <= speaker.i < end:
            continue
        found.append(Reported([verb], speaker, start, end))
    return found


_ANSWERS = frozenset({"yes", "no", "so"})


def pro_form(index: DocIndex) -> list[Reported]:
    """What was said, as a word that stands for it: "75 percent of Democrats said yes", "the
    senator said no", "he said so", "43 percent said the same of Cruz" (with what it is said of)."""
    found = []
    for verb in index.verbs:
        if lemma(verb) != "say" or index.in_quote(verb) or any(c.dep_ == "ccomp" for c in verb.children):
            continue
        word = next((c for c in verb.children if c.i > verb.i and (
            c.lower_ in _ANSWERS and c.dep_ in ("intj", "advmod", "dobj")
            or c.lower_ == "same" and any(d.lower_ == "the" for d in c.lefts))), None)
        if word is None:
            continue
        start = word.left_edge.i
        end = word.right_edge.i + 1 if word.lower_ == "same" else word.i + 1
        speaker = subject_of(verb, index)
        if speaker is None or start <= speaker.i < end:
            continue
        found.append(Reported([verb], speaker, start, end))
    return found


def passive_report(index: DocIndex) -> list[Reported]:
    """"The meeting was first reported by Politico", "Both attacks were claimed by the group": a
    reporting verb in the passive with its agent named; its subject is what was reported."""
    found = []
    for verb in index.verbs:
        if index.in_quote(verb) or lemma(verb) not in lx.PASSIVE_REPORT_VERBS:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
        if subject is None or not any(c.dep_ == "auxpass" for c in verb.children):
            continue
        speaker = subject_of(verb, index) if any(c.dep_ == "agent" for c in verb.children) else None
        if speaker is None or speaker.i <= subject.right_edge.i:
            continue   # no agent that may speak: the subject is all the verb has
        if any(c.dep_ in ("ccomp", "xcomp", "oprd") for c in verb.children):
            continue  # "was said by aides to be …", "was described by X as …": another rule's form
        found.append(Reported([verb], speaker, subject.left_edge.i, subject.right_edge.i + 1))
    return found
