"""Rules for a passage in quote marks: who said it, read from the words after it, before it, or
around it.

Each side of a quote is read once into a ``Side`` (the tokens between the quote and the
sentence or paragraph edge); the rules of that side are then tried in the registry's order.
A rule returns an ``Attribution``, None (not this rule: try the next), or ``STOP`` (this side
names no speaker: the side's later rules are not tried).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.marks import Marked
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.rules.base import (
    CUE_REACH, NAME_LEADERS, SKIP_PUNCT, SPEAKER_REACH, STOP, SUBJECT_DEPS, WINDOW, Attribution, before_coordinated_report,
    fragment_root, is_reporting, noun_after, noun_before, phrase_cue, speaker_head, subject_of, valid_speaker,
    with_particle,
)
from quotes_service.extract.rules.cues import characterises_as

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})   # a verb with a tense: a clause, not a description


@dataclass
class Side:
    """The words on one side of a quote, as the rules of that side read them."""

    index: DocIndex
    window: list[Token]
    lo: int                  # first token a speaker phrase may use
    hi: int = 0              # end of the tokens a speaker phrase may use (after the quote)
    joins_next: bool = False  # after the quote: '"…," he said, "…"' continues in the next quote
    closed: bool = False      # after the quote: its words end with a full stop (or ! ?) inside the marks
    tail: list[Token] | None = None   # before the quote: the window backwards, without its last , or :


# --- after the quote ------------------------------------------------------------------------------

def after_side(m: Marked, index: DocIndex) -> Side | None:
    """The tokens after the closing mark up to the sentence's end, the next quote or the paragraph's
    end; punctuation at their start skipped, except a dash or colon that leads a name."""
    doc = index.doc
    first = index.first_at_or_after(m.close_at)
    window: list[Token] = []
    joins_next = False
    for t in doc[first:first + WINDOW]:
        if index.in_quote(t):
            # '"…," he said, "…"' is one quote; '"…," he said, adding: "…"' and '…, though he
            # said, "…"' are two, the second with a cue of its own
            joins_next = bool(window) and window[-1].text in (",", ":") and sum(
                is_reporting(w) for w in window) <= 1
            break
        if t.is_space:
            break
        window.append(t)
        if t.text in (".", "!", "?") or index.breaks_paragraph(t):
            break
    if not window:
        return None
    leader = window[0].text
    while window and window[0].text in SKIP_PUNCT:
        window = window[1:]
    if not window:
        return None
    lo, hi = window[0].i, window[-1].i + 1
    if leader in NAME_LEADERS and window[0].text != leader:
        window = [doc[window[0].i - 1]] + window
    closed = index.text[m.end - 1:m.end] in (".", "!", "?")
    return Side(index, window, lo, hi, joins_next, closed=closed)


def _line_ends_after(tok: Token, index: DocIndex) -> bool:
    """Nothing but a full stop, spaces or the next quote between ``tok`` and the end of its line."""
    doc = index.doc
    j = tok.i + 1
    while j < len(doc) and doc[j].text in (".", ",") and not index.breaks_paragraph(doc[j - 1]):
        j += 1
    return (
        j >= len(doc)
        or index.breaks_paragraph(doc[j - 1])
        or doc[j].is_space
        or index.in_quote(doc[j])
        or (doc[j - 1].text == "." and doc[j].text[:1].isupper())
    )


def headline(side: Side):
    """'"…": Union Minister CR Patil', '"…" ― Sonya Herridge': a name alone after a colon or dash,
    running to the end of the line or sentence. A colon followed by anything else attributes nothing."""
    window = side.window
    if not (window[0].text in NAME_LEADERS or window[0].text[:1] in NAME_LEADERS):
        return None
    rest = [t for t in window[1:] if not (t.is_punct and t.text != ".")]
    while rest and rest[-1].text == ".":
        rest = rest[:-1]
    if 0 < len(rest) <= 8 and all(t.pos_ in ("PROPN", "NOUN", "ADJ") or t.text in (".", "'s") for t in rest) \
            and any(t.pos_ == "PROPN" for t in rest) and _line_ends_after(rest[-1], side.index):
        head = next((t for t in reversed(rest) if t.pos_ == "PROPN"), rest[-1])
        return Attribution(head, [], rest[0].i, rest[-1].i + 1)
    if window[0].text != ":":
        return _caption(window[1:], side.index)
    return STOP


CAPTION_NAME = 5          # words of a name in a caption
CAPTION_DESCRIPTION = 16  # words of the description after it


def _caption(words: list[Token], index: DocIndex) -> Attribution | None:
    """'"…" — Grace Liu, a librarian at the branch': after the dash a name, a comma, and a noun
    phrase about the name's bearer (no verb of its own) running to the end of the line."""
    k = 0
    while k < min(len(words), CAPTION_NAME) and (words[k].pos_ == "PROPN" or words[k].text == "." and k):
        k += 1
    if k == 0 or k >= len(words) or words[k].text != ",":
        return None
    description = words[k + 1:]
    while description and description[-1].text == ".":
        description = description[:-1]
    if not 0 < len(description) <= CAPTION_DESCRIPTION or not _line_ends_after(description[-1], index):
        return None
    if any(t.tag_ in FINITE_TAGS for t in description) or not any(t.pos_ == "NOUN" for t in description):
        return None   # a clause of its own; or names and dates ("— Smith, Jones and Lee", "— Washington, Jan. 5")
    head = next(t for t in reversed(words[:k]) if t.pos_ == "PROPN")
    return Attribution(head, [], words[0].i, description[-1].i + 1)


def according_after(side: Side):
    """'"…," according to Peter Hall, the company's chief executive.'"""
    phrase = phrase_cue(side.window[:CUE_REACH])
    if phrase is None or phrase[0].lower_ != "according":
        return None
    obj = next((c for c in phrase[-1].children if c.dep_ == "pobj"), None)
    if obj is None and phrase[-1].i + 1 < side.hi:
        obj = side.index.doc[phrase[-1].i + 1]
    if not valid_speaker(obj, side.index):
        return None
    return Attribution(speaker_head(obj), phrase, phrase[-1].i + 1, side.hi)


_AFTER_VERBS = lx.SPEECH_VERBS | lx.CHARACTERISING_VERBS | lx.MANNER_VERBS
_SET_OFF_VERBS = lx.SPEECH_VERBS | lx.MANNER_VERBS


def verb_after(side: Side):
    """'"…," Lipsky said.' / '"…," said Scott Kennedy, …': a reporting verb within a few words,
    its speaker right before it or (inverted) right after it. Another verb first ends the search."""
    index, lo, hi = side.index, side.lo, side.hi
    for t in side.window[:CUE_REACH]:
        if is_reporting(t, _AFTER_VERBS):
            if t.i > lo:
                speaker = noun_before(t, lo, index)
                if speaker is None:
                    continue
                if t.i - lo > SPEAKER_REACH:
                    return None
            else:
                speaker = noun_after(t, hi, index)
            if speaker is None:
                return STOP
            if side.closed and reports_its_own(t):
                return STOP   # '…soft like the country." He says referees are …': the next sentence's report
            if side.closed and speaker.i < t.i and any(not w.is_punct for w in side.index.doc[lo:speaker.left_edge.i]):
                return STOP   # '…mercy." South Carolina, he said, was …': the next sentence's attribution
            return Attribution(speaker, with_particle(t), lo, t.i if speaker.i < t.i else hi, side.joins_next)
        if t.pos_ == "VERB" and t.i > lo:
            # Another verb first: the quote is not what this clause reports, unless that verb is
            # inside a phrase set off after the speaker's name.
            return None
    return None


def reports_its_own(verb: Token) -> bool:
    """The verb has a clause of its own after it: it reports that, not the quote before."""
    return any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)


def set_off(side: Side):
    """'"…," Warren, who has not endorsed anyone, told reporters' / '"…," Lee, the party's
    candidate in the state, said': a name right after the quote, set off by a comma and an
    appositive or relative clause too long for the verb to sit beside it; the parse links them."""
    index, window, lo, hi = side.index, side.window, side.lo, side.hi
    name = next((t for t in window[:3] if t.pos_ in ("PROPN", "NOUN")), None)
    if name is None:
        return None
    while name.dep_ in ("compound", "flat") and name.i < name.head.i < hi:
        name = name.head
    verb = name.head
    if name.dep_ not in SUBJECT_DEPS or not name.i < verb.i < hi:
        verb = _verb_after_commas(name, window)
        if verb is None:
            return None
    if not valid_speaker(name, index):
        return None
    if name.i + 1 >= hi or index.doc[name.i + 1].text != "," or not is_reporting(verb, _SET_OFF_VERBS):
        return None
    if side.closed and reports_its_own(verb):
        return STOP   # '…arbitrary." Hendler, a party operative, warned that …': the next sentence's report
    return Attribution(name, with_particle(verb), lo, verb.i, side.joins_next)


def _verb_after_commas(name: Token, window: list[Token]) -> Token | None:
    """When the parser did not make the name the verb's subject ('"…," Texas delegate Bill
    Eastland, wearing a cowboy hat, said'): the reporting verb right after the comma that closes
    what is set off after the name, ending the sentence's words (no subject or clause of its own)."""
    after = [t for t in window if t.i > name.i]
    for t in after[:SPEAKER_REACH + 8]:
        if t.doc[t.i - 1].text == "," and t.pos_ == "VERB" and t.i - 1 > name.i + 1:
            if not is_reporting(t, _SET_OFF_VERBS) or any(
                    c.dep_ in SUBJECT_DEPS or c.dep_ == "ccomp" for c in t.children if c.i > t.i):
                return None
            return t
    return None


# --- before the quote -----------------------------------------------------------------------------

def before_side(m: Marked, index: DocIndex) -> Side | None:
    """The tokens before the opening mark back to the sentence's or paragraph's start or the last
    quote; None when they do not end in a comma, a colon or a reporting verb (then the quote sits
    inside its clause: a partial quote, for the rules around it)."""
    doc = index.doc
    last = index.last_before(m.open_at)
    if last < 0:
        return None
    window: list[Token] = []
    for t in reversed(doc[max(0, last - WINDOW):last + 1]):
        if index.in_quote(t) or index.breaks_paragraph(t) and window:
            break
        if t.text in (".", "!", "?") and window:
            break
        if t.is_space:
            if not window and ("\n" not in t.text or t.i > 0 and doc[t.i - 1].text == ":"):
                continue   # 'McDonald:<no-break space> "…"', and a block quote after 'echoed:' and a break
            break
        window.insert(0, t)
    if not window:
        return None
    tail = list(reversed(window))
    if tail[0].text in (":", ","):
        tail = tail[1:]
    elif not is_reporting(tail[0]):
        return None
    return Side(index, window, window[0].i, tail=tail)


def verb_before(side: Side):
    """'a Treasury spokesperson said: "…"' / 'Lipsky said, "…"' / 'He added: "…"'."""
    index, lo = side.index, side.lo
    for gap, t in enumerate(side.tail[:CUE_REACH]):
        if not is_reporting(t):
            continue
        if gap > 5:
            return STOP
        speaker = subject_of(t, index)
        if speaker is None or speaker.i < lo or speaker.i > t.i:
            speaker = noun_before(t, lo, index)
        if speaker is None:
            return STOP
        return Attribution(speaker, with_particle(t), lo, t.i)
    return None


def according_before(side: Side):
    """'According to the ministry, "…"'."""
    window = side.window
    phrase = phrase_cue(window)
    if phrase is None or phrase[0].lower_ != "according" or window[-1].text != ",":
        return None
    obj = next((c for c in phrase[-1].children if c.dep_ == "pobj"), None)
    if not valid_speaker(obj, side.index):
        return None
    return Attribution(speaker_head(obj), phrase, phrase[-1].i + 1, window[-1].i)


def colon_clause(side: Side):
    """A quote after a colon with no reporting verb, in a clause whose subject is a person
    ("Kasich resisted:", "Trump went even further:"). A name alone before a colon was tried
    and dropped: on the train split it was right once in eleven (headings, captions)."""
    window = side.window
    if window[-1].text != ":" or len(window) < 2:
        return None
    clause = window[:-1]
    for t in clause:
        if t.dep_ == "nsubj" and t.head.pos_ == "VERB" and lemma(t.head) not in lx.COLON_VERBS_NOT_SPEECH \
                and (t.ent_type_ == "PERSON" or t.lower_ in ("he", "she")) and not side.index.in_quote(t):
            return Attribution(t, [t.head], clause[0].i, t.head.i if t.head.i > t.i else clause[-1].i + 1)
    return None


def name_colon(side: Side):
    """'- Michael P. McDonald: "At long last the contests have started …"': a full name alone before
    a colon, opening its paragraph or after a spaced dash (the attribution line of a round-up or
    a transcript), and a long quote after it. Not a heading ("WASHINGTON:"), a short caption or a
    name inside a clause (those have a verb, for the rules before this one)."""
    window = side.window
    if window[-1].text != ":" or len(window) < 3:
        return None
    k = len(window) - 1
    while k > 0 and window[k - 1].ent_type_ == "PERSON" and window[k - 1].text[:1].isupper():
        k -= 1
    name = window[k:-1]
    if not 2 <= len(name) <= 5 or name[0].ent_iob_ != "B" or name[-1].is_upper:
        return None
    doc = name[0].doc
    before = doc[name[0].i - 1] if name[0].i > 0 else None
    if not (before is None or before.is_space or "\n" in before.whitespace_
            or before.text in lx.DASHES and before.whitespace_):
        return None
    return Attribution(name[-1], [window[-1]], name[0].i, window[-1].i)


_HELD_OBJECTS = frozenset({"dobj", "dative", "iobj", "attr", "oprd"})


# --- around the quote -----------------------------------------------------------------------------

def enclosing_cue(m: Marked, index: DocIndex, max_steps: int = 7):
    """A fragment inside reported speech: 'blasted the move as a "power grab"'. The content is the
    reported clause or the objects that hold the fragment (``reported_around``). (Seven heads up,
    not four: 'accused him of keeping families from being able to "stand together"'; train 1-300
    quote+speaker 2787 -> 2791, 301-840 5768 -> 5772, ten gained no more.)"""
    found = fragment_root(m, index)
    if found is None:
        return None
    tok, first, last = found
    doc = index.doc
    for _ in range(max_steps + 1):
        if tok.head.i == tok.i:
            break
        child, tok = tok, tok.head
        if index.in_quote(tok):
            continue
        if is_reporting(tok, lx.SPEECH_VERBS | lx.CHARACTERISING_VERBS) or characterises_as(tok, child):
            speaker = subject_of(tok, index)
            if speaker is None:
                return None
            child = _clause_in_phrase(child, first) or child
            content = None if child.dep_ in SUBJECT_DEPS else reported_around(tok, child, last, index)
            if content is not None and content[0] <= speaker.i < content[1]:
                content = None   # the fragment is in the speaker's own words about itself
            return Attribution(speaker, [tok], 0, tok.i if speaker.i < tok.i else len(doc), content=content)
    return None


def _addressed(child: Token) -> bool:
    """A clause told to someone ('told reporters that "…"', 'telling CBS that …'): with a subject
    of its own, the objects before it are whom it was told, not what. Without one the object is
    its subject ('argued the pipeline "wouldn't go 10 feet"'); a question keeps them ('asked him
    whether …')."""
    if child.dep_ != "ccomp" or child.left_edge.lower_ in lx.QUESTION_WORDS:
        return False
    return any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in child.children)


def _clause_in_phrase(child: Token, first: int) -> Token | None:
    """'says in a statement that Trump's "rhetoric …"': the parser hangs the reported clause on the
    phrase's noun; the clause (a relative one opening with "that", holding the fragment at token
    ``first``) is what was said, not the phrase."""
    if child.dep_ != "prep":
        return None
    for noun in child.children:
        for rel in noun.children:
            if rel.dep_ in ("relcl", "acl") and rel.left_edge.lower_ == "that" and rel.left_edge.i < first <= rel.right_edge.i:
                return rel
    return None


def reported_around(verb: Token, child: Token, last: int, index: DocIndex) -> tuple[int, int]:
    """What ``verb`` reports, as tokens [start, end): the dependent ``child`` that holds the quoted
    fragment, with the objects between the verb and it ('called [the plan] [a "disaster"]',
    'accused [Sanders] [of "misrepresenting …"]', 'said [that he "sort of hopes" …]'), through the
    fragment's last word ``last`` at least (a quote may run on past the clause)."""
    start = child.left_edge.i
    doc = index.doc
    if child.i > verb.i and not _addressed(child):
        objects = [c for c in verb.rights if c.i < child.i and c.dep_ in _HELD_OBJECTS]
        start = min([start] + [c.left_edge.i for c in objects])
    # 'said, mentioning the album is "in the home stretch"' (the participle parsed as the clause's
    # subject): a participle of speech that opens the content is its cue, not what was said.
    while start < child.i and is_reporting(doc[start]) and doc[start].tag_ == "VBG":
        start += 1
    end = max(before_coordinated_report(child, start, child.right_edge.i + 1, index), last)
    # 'accused the council of "selling out" last year': a time after the quote is the report's.
    if end > last + 1 and all(t.ent_type_ in ("DATE", "TIME") or t.is_punct for t in doc[last + 1:end]):
        end = last
    while end > start + 1 and (doc[end - 1].is_punct and not doc[end - 1].is_quote or doc[end - 1].is_space):
        end -= 1
    return start, end
