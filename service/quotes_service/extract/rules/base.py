"""What every rule works with: the records rules return, and the grammar questions they share.

A rule finds a cue (a reporting verb or phrase) and the head token of its speaker.
Rules for a quoted passage return an ``Attribution``; rules for reported speech
return ``Reported`` content. Which rules exist, in what order they are tried and how
sure each is lives in one table, ``rules.registry``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Iterator, Mapping

from spacy.tokens import Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.marks import Marked
from quotes_service.extract.pipeline.lemmas import lemma
# the cue predicates live in cues.py; imported here for the rules that read them from base
from quotes_service.extract.rules.cues import is_reporting, negated  # noqa: F401
from quotes_service.extract.words import is_age_noun

WINDOW = 30            # tokens looked at beside a quote
CUE_REACH = 8          # the reporting verb is this close to the quote
SPEAKER_REACH = 12     # the speaker phrase before a verb is at most this long
SKIP_PUNCT = frozenset({",", "\u2014", "\u2013", "-", "--", ")", "(", ";"})
NAME_LEADERS = frozenset({":", "\u2015", "\u2014", "\u2013", "-", "--"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")
SPEAKER_POS = frozenset({"PROPN", "NOUN", "PRON"})
NON_SPEAKER_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
ADVERBIAL_POS = frozenset({"ADV", "AUX", "PART"})
FINITE_TAGS = frozenset({"MD", "VBD", "VBZ", "VBP"})
OBJECT_DEPS = frozenset({"dobj", "attr", "acomp", "ccomp", "xcomp", "oprd"})


@dataclass
class Attribution:
    """A quoted passage's cue and speaker head; the speaker phrase may not grow outside [lo, hi)."""

    speaker: Token
    cue: list[Token]
    lo: int = 0
    hi: int = 0
    joins_next: bool = False  # "…," he said, "…": the next quote is the same quote's second fragment
    #: a fragment inside reported speech: the reported content holding it, as tokens [start, end)
    content: tuple[int, int] | None = None


@dataclass
class Reported:
    """Reported speech found by one rule: the content is tokens [start, end)."""

    cue: list[Token]
    speaker: Token
    start: int
    end: int
    #: tokens [a, b) inside the content that are not part of it: the attribution that interrupts
    #: it ("The latest test, North Korea said, was its biggest"), so the content is two fragments
    gap: tuple[int, int] | None = None


class Stop:
    """Returned by a quoted-passage rule: the words on this side of the quote attribute it to no one,
    so the later rules of the same side are not tried."""


STOP = Stop()


def with_particle(verb: Token) -> list[Token]:
    """The verb and its particle right after it ("pointed out")."""
    return [verb] + [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]


def valid_speaker(tok: Token | None, index: DocIndex) -> bool:
    return (
        tok is not None
        and (tok.pos_ in SPEAKER_POS or (tok.pos_ == "ADJ" and tok.dep_ in SUBJECT_DEPS and tok.text.istitle())
             or is_age_noun(tok))
        and (tok.ent_type_ not in NON_SPEAKER_ENTS or is_age_noun(tok))   # an age is a DATE
        and not index.in_quote(tok)
        and tok.lower_ not in lx.NOT_SPEAKER_WORDS
        and tok.text[:1].isalpha()
        and not in_dateline(tok)
    )


MAX_DATELINE = 8         # tokens from a paragraph's start to the dash that ends its dateline


def in_dateline(tok: Token) -> bool:
    """"JACKSON, Miss. - U.S. District Judge Carlton W. Reeves said": the place a story is filed
    from, opening a paragraph in capitals and ending at a spaced dash, is never a speaker."""
    doc = tok.doc
    start = tok.i
    while start > 0 and not doc[start - 1].is_space:   # back to the paragraph's (or text's) start
        if tok.i - start >= MAX_DATELINE:
            return False
        start -= 1
    first = doc[start]
    if not (first.is_alpha and first.text[:1].isupper() and len(first) > 1):
        return False
    for t in doc[start:min(len(doc), start + MAX_DATELINE)]:
        if t.text in lx.DASHES and t.whitespace_ and t.i > 0 and doc[t.i - 1].whitespace_:
            # in capitals, or with the agency's name in brackets: "Washington (AFP) -"
            return tok.i < t.i and (first.is_upper or _agency_before(doc, t.i))
    return False


def fragment_root(m: Marked, index: DocIndex) -> tuple[Token, int, int] | None:
    """The quoted passage's root (its word whose head lies outside it) and its tokens [first, last)."""
    first, last = index.first_at_or_after(m.start), index.first_at_or_after(m.end)
    inner = [t for t in index.doc[first:last] if not t.is_punct]
    if not inner:
        return None
    return next((t for t in inner if not (first <= t.head.i < last) or t.head.i == t.i), inner[-1]), first, last


def _agency_before(doc, dash: int) -> bool:
    """"(AFP)", "(Reuters)" right before the dash at token ``dash``."""
    return dash >= 3 and doc[dash - 1].text == ")" and doc[dash - 3].text == "(" and doc[dash - 2].text[:1].isupper()


def _share_of_people(tok: Token, index: DocIndex) -> bool:
    """Poll subjects: "three-quarters of the voters said", "a mere 9 percent say", "one in four
    said", "a third of independents say", "most of them said"."""
    if index.in_quote(tok):
        return False
    if tok.ent_type_ in ("PERCENT", "CARDINAL") and tok.pos_ in ("NOUN", "NUM"):
        return tok.lower_ != "one" or any(c.dep_ == "prep" and c.lower_ in ("in", "out") for c in tok.children)
    return tok.lower_ in lx.SHARE_SUBJECTS and tok.pos_ in ("NOUN", "ADJ", "ADV")


def _agent_of(tok: Token, index: DocIndex) -> Token | None:
    for child in tok.children:  # passive "was quoted as saying by X" is rare; "by" agents are not
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj" and valid_speaker(obj, index):
                    return obj
    return None


def subject_of(verb: Token, index: DocIndex) -> Token | None:
    """The verb's subject, inherited along conjunctions and participles ("…, adding that")."""
    seen = 0
    tok = verb
    while tok is not None and seen < 4:
        # The reporting verb's own passive agent speaks, not its subject ("Rubio was asked by the
        # moderator whether …": the subject is whom it was said to); climbed to, the subject first
        # ("Clinton was expected by aides to say that …").
        agent = _agent_of(tok, index)
        if agent is not None and tok is verb:
            return agent
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS and (valid_speaker(child, index) or _share_of_people(child, index)):
                return child
            if child.dep_ in SUBJECT_DEPS:
                # "One of the men, Jessie Elkins, 70, said …", and a dateline the parser made the
                # subject ("CLEVELAND (UPI) — Former Attorney General Michael Mukasey told …"):
                # the subject is no speaker, the name set beside it is
                named = next((c for c in child.children if c.dep_ == "appos" and not in_dateline(c)), None)
                if valid_speaker(named, index):
                    return named
        if agent is not None:
            return agent
        # ("were quick to point out that …": the infinitive's subject is the adjective's)
        if tok.dep_ == "conj" and tok.tag_ in FINITE_TAGS and tok.head.tag_ not in FINITE_TAGS:
            tok = _finite_above(tok.head)   # 'says the city would fix it and tell them, and tells …'
        elif (tok.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep", "acomp") or tok.dep_ == "dep" and tok.tag_ in FINITE_TAGS
              and tok.head.i < tok.i) and tok.head.i != tok.i:   # "dep": 'Majorities of voters going to the polls say …'
            tok = tok.head
        elif tok.dep_ in ("acl", "relcl") and (valid_speaker(tok.head, index) or _share_of_people(tok.head, index)):
            # "officials who said …" speak; not "a figure which it says includes …", whose clause
            # has a subject of its own (one that is no speaker)
            own = any(c.dep_ in SUBJECT_DEPS and c.lower_ not in lx.RELATIVE_PRONOUNS for c in tok.children)
            return None if own else tok.head
        else:
            return None
        seen += 1
    return None


def _finite_above(tok: Token) -> Token:
    """The first finite verb above ``tok`` along conjunctions and clauses: a finite conjunct shares
    its subject with it, not with the bare verb it was hung on ("would fix … and tell")."""
    for _ in range(6):
        if tok.tag_ in FINITE_TAGS or tok.dep_ not in ("conj", "ccomp", "xcomp") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def noun_before(verb: Token, lo: int, index: DocIndex) -> Token | None:
    """The head of the phrase that ends right before the verb (adverbs and auxiliaries skipped)."""
    doc = verb.doc
    j = verb.i - 1
    while j >= lo and doc[j].pos_ in ADVERBIAL_POS:
        j -= 1
    if j - 3 >= lo and doc[j].text == "," and doc[j - 2].text == "," and doc[j - 1].like_num:
        j -= 3   # an age set off after the name: '"…," Ramos, 58, told AFP'
    if j < lo or not valid_speaker(doc[j], index):
        return None
    return doc[j]


def _capitalised_name_word(tok: Token) -> bool:
    """A word that continues a name: a proper noun, or "He" (a surname) before one."""
    if tok.ent_type_ in NON_SPEAKER_ENTS or tok.ent_type_ in ("GPE", "LOC"):
        return False  # "said Scott Kennedy Tuesday", "said Kennedy in Washington"
    if tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha:
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.text == "He" and nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper()


def noun_after(verb: Token, hi: int, index: DocIndex) -> Token | None:
    """Inverted order: "said Scott Kennedy, …", "says Trump"."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and verb.i < child.i < hi and valid_speaker(child, index):
            return name_head(child)
    j = verb.i + 1
    while j < hi and (doc[j].pos_ in ("ADV", "DET", "ADJ") or doc[j].ent_type_ in NON_SPEAKER_ENTS):
        j += 1
    if j >= hi or not valid_speaker(doc[j], index):
        return None
    if doc[j].text[:1].islower() and not doc[j].whitespace_ and j + 1 < len(doc) and doc[j + 1].text == "-":
        return None   # a word of a hyphenated one: "said matter-of-factly"
    k = j
    while k + 1 < hi and doc[k + 1].pos_ in ("PROPN", "NOUN") and doc[k + 1].dep_ in (
            "compound", "flat", "nsubj", "appos", "npadvmod", "dobj") and not doc[k].whitespace_ == "":
        if doc[k + 1].dep_ == "appos":
            break
        k += 1
    return doc[k]


def name_head(tok: Token) -> Token:
    """The last word of a name the parser split ("Scott" compound of "Kennedy"), or of a
    title-and-name run it cut short ("Premier" in "Vice Premier He Lifeng")."""
    doc = tok.doc
    k = tok.i
    while k + 1 < len(doc) and doc[k + 1].ent_iob_ == "I" and doc[k + 1].ent_type_ == tok.ent_type_ and tok.ent_type_:
        k += 1
    if tok.pos_ == "PROPN":
        while k + 1 < len(doc) and doc[k].whitespace_ and _capitalised_name_word(doc[k + 1]):
            k += 1
    return doc[k]


def speaker_head(tok: Token) -> Token:
    """A proper noun's name as a whole ends at its last word; other speakers are their head."""
    return name_head(tok) if tok.pos_ == "PROPN" else tok


def phrase_cue(tokens: list[Token]) -> list[Token] | None:
    """The first multi-word cue of the lexicon ("according to", "in a statement") among ``tokens``."""
    lows = [t.lower_ for t in tokens]
    for phrase in lx.PHRASE_CUES:
        n = len(phrase)
        for i in range(len(lows) - n + 1):
            if tuple(lows[i:i + n]) == phrase:
                return tokens[i:i + n]
    return None


def first_word(start: int, end: int, doc) -> int:
    """The first token of reported content [start, end) after its complementiser and punctuation."""
    while start < end and (doc[start].dep_ == "mark" and doc[start].lower_ in lx.COMPLEMENTISERS
                           or doc[start].is_punct or doc[start].is_space):
        start += 1
    return start


def trim_punct(doc, start: int, end: int) -> tuple[int, int]:
    """[start, end) without punctuation or spaces at either edge."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def cue_verbs(index: DocIndex, cues: Collection[str]) -> Iterator[tuple[Token, object]]:
    """Full verbs whose lemma is one of ``cues``, neither negated nor inside quote marks, each with
    its entry when ``cues`` is a mapping (None for a set)."""
    for verb in index.verbs:
        if verb.pos_ != "VERB":
            continue
        key = lemma(verb)
        if key not in cues or negated(verb) or index.in_quote(verb):
            continue
        yield verb, cues[key] if isinstance(cues, Mapping) else None


def phrase_end(start: int, first_free: int, limit: int, index: DocIndex) -> int:
    """End of an object phrase begun at ``start``: the verb's subtree up to ``limit``, cut at the
    first comma, semicolon, full stop, conjunction or paragraph break from ``first_free`` on."""
    doc = index.doc
    end = min(limit, start + 61)
    for t in doc[first_free:end]:
        if t.text in (",", ";", ".") or t.dep_ in ("cc",) or index.breaks_paragraph(t):
            end = t.i
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end


SECOND_REPORTS = lx.SPEECH_VERBS | lx.CHARACTERISING_VERBS | frozenset(lx.OBJECT_CUES)


def before_coordinated_report(head: Token, start: int, end: int, index: DocIndex) -> int:
    """End of reported content [start, end), headed by ``head``, before a second report of the same
    speaker that the parser coordinated to its head ('said that she had released her returns [and
    called on Sanders to do the same]'): a reporting verb in the head's chain of conjuncts, with no
    subject of its own, outside quote marks, in the reporting verb's tense ('says he'd sit Putin down
    and tell him "…" [and tells the crowd …]': "tell" is the content's, "tells" the speaker's). The
    content ends before its conjunction. (Only the head's own chain of conjuncts is read, a few
    deep: a long sentence of many reports stays linear.)"""
    doc = index.doc
    verb = head.head if head.head.i != head.i else None
    t = head
    for _ in range(6):
        t = next((c for c in t.children if c.dep_ == "conj" and c.pos_ == "VERB" and start <= c.i < end), None)
        if t is None:
            return end
        if index.in_quote(t) or not is_reporting(t, SECOND_REPORTS) or any(
                c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in t.children):
            continue
        if verb is not None and verb.tag_ in FINITE_TAGS and t.tag_ not in FINITE_TAGS:
            continue   # a bare or participial form after the content's own auxiliary ("'d sit … and tell")
        cut = t.left_edge.i
        while cut > start and (doc[cut - 1].dep_ == "cc" or doc[cut - 1].is_punct or doc[cut - 1].is_space):
            cut -= 1
        return max(cut, start + 1)
    return end


SET_OFF_REACH = 40      # tokens of an appositive or relative clause between a name and its verb


def set_off_subject(verb: Token, index: DocIndex) -> Token | None:
    """The name the parser did not make the verb's subject because an appositive or a relative
    clause sets it off: 'Senator Harry Reid, the minority leader, said that …', 'Beck, who
    backed Cruz in the primaries, last week said …'. The name opens the sentence or follows a
    comma, and ends at a comma; what sets it off opens like a noun phrase or a relative clause and
    ends at a comma before the verb (adverbs and times between)."""
    doc = index.doc
    first = index.sentence(verb)[0]
    close = verb.i - 1
    while close > first and (doc[close].pos_ in ADVERBIAL_POS or doc[close].ent_type_ in ("DATE", "TIME")):
        close -= 1
    if doc[close].text != "," or any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in verb.children):
        return None
    for comma in range(max(first, close - SET_OFF_REACH), close):
        if doc[comma].text != "," or comma + 1 >= close:
            continue
        opener = doc[comma + 1]
        if not (opener.lower_ in ("who", "whose") or opener.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM")):
            continue
        start = comma
        while start > first and doc[start - 1].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM", "PART") and comma - start < 8:
            start -= 1
        if start < comma and (start == first or doc[start - 1].text == ",") and valid_speaker(doc[comma - 1], index):
            return doc[comma - 1]
    return None
