"""Cues and speakers for quoted passages, and indirect (reported) speech.

Each rule returns an ``Attribution``: the cue tokens and the head of the
speaker mention. The order the extractor tries them in, and the confidence it
gives each, live in extractor.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Iterator, Mapping

from spacy.tokens import Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.marks import Marked

WINDOW = 30            # tokens looked at beside a quote
CUE_REACH = 8          # the reporting verb is this close to the quote
SPEAKER_REACH = 12     # the speaker phrase before a verb is at most this long
SKIP_PUNCT = frozenset({",", "\u2014", "\u2013", "-", "--", ")", "(", ";"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")
SPEAKER_POS = frozenset({"PROPN", "NOUN", "PRON"})
NON_SPEAKER_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
ADVERBIAL_POS = frozenset({"ADV", "AUX", "PART"})


@dataclass
class Attribution:
    rule: str
    speaker: Token | None
    cue: list[Token]
    lo: int = 0              # the speaker phrase may not grow outside [lo, hi)
    hi: int = 0
    joins_next: bool = False  # "…," he said, "…": the next quote is the same quote's second fragment


# Verbs whose clause before a colon introduces something other than the subject's words.
COLON_VERBS_NOT_SPEECH = frozenset("be have include read show find see get list follow release publish".split())


@dataclass
class Reported:
    """Reported speech found by one rule: the content is tokens [start, end)."""

    rule: str
    cue: list[Token]
    speaker: Token
    start: int
    end: int


def is_reporting(tok: Token, verbs: frozenset[str] = lx.SPEECH_VERBS) -> bool:
    return tok.pos_ in ("VERB", "AUX") and lemma(tok) in verbs and not negated(tok)


def negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(
        c.dep_ == "neg" for c in tok.head.children if tok.dep_ in ("xcomp",)
    )


def valid_speaker(tok: Token | None, index: DocIndex) -> bool:
    return (
        tok is not None
        and (tok.pos_ in SPEAKER_POS or (tok.pos_ == "ADJ" and tok.dep_ in SUBJECT_DEPS and tok.text.istitle()))
        and tok.ent_type_ not in NON_SPEAKER_ENTS
        and not index.in_quote(tok)
        and tok.lower_ not in ("it", "this", "that", "which", "who", "what", "there", "you", "me", "us", "them", "one")
        and tok.text[:1].isalpha()
    )


def subject_of(verb: Token, index: DocIndex) -> Token | None:
    """The verb's subject, inherited along conjunctions and participles ("…, adding that")."""
    seen = 0
    tok = verb
    while tok is not None and seen < 4:
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS and (valid_speaker(child, index) or _share_of_people(child, index)):
                return child
        for child in tok.children:  # passive "was quoted as saying by X" is rare; "by" agents are not
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj" and valid_speaker(obj, index):
                        return obj
        if tok.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep") and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ in ("acl", "relcl") and valid_speaker(tok.head, index):
            return tok.head
        else:
            return None
        seen += 1
    return None


def _share_of_people(tok: Token, index: DocIndex) -> bool:
    """Poll subjects: "three-quarters of the voters said", "a mere 9 percent say"."""
    return (tok.ent_type_ in ("PERCENT", "CARDINAL") and tok.pos_ in ("NOUN", "NUM")
            and not index.in_quote(tok) and tok.lower_ not in ("one",))


def _noun_before(verb: Token, lo: int, index: DocIndex) -> Token | None:
    """The head of the phrase that ends right before the verb (adverbs and auxiliaries skipped)."""
    doc = verb.doc
    j = verb.i - 1
    while j >= lo and doc[j].pos_ in ADVERBIAL_POS:
        j -= 1
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


def _noun_after(verb: Token, hi: int, index: DocIndex) -> Token | None:
    """Inverted order: "said Scott Kennedy, …", "says Trump"."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and verb.i < child.i < hi and valid_speaker(child, index):
            return _name_head(child)
    j = verb.i + 1
    while j < hi and (doc[j].pos_ in ("ADV", "DET", "ADJ") or doc[j].ent_type_ in NON_SPEAKER_ENTS):
        j += 1
    if j >= hi or not valid_speaker(doc[j], index):
        return None
    k = j
    while k + 1 < hi and doc[k + 1].pos_ in ("PROPN", "NOUN") and doc[k + 1].dep_ in ("compound", "flat", "nsubj", "appos", "npadvmod", "dobj") and not doc[k].whitespace_ == "":
        if doc[k + 1].dep_ == "appos":
            break
        k += 1
    return doc[k]


def _name_head(tok: Token) -> Token:
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


def _phrase_cue(tokens: list[Token]) -> list[Token] | None:
    lows = [t.lower_ for t in tokens]
    for phrase in lx.PHRASE_CUES:
        n = len(phrase)
        for i in range(len(lows) - n + 1):
            if tuple(lows[i:i + n]) == phrase:
                return tokens[i:i + n]
    return None


NAME_LEADERS = frozenset({":", "\u2015", "\u2014", "\u2013", "-", "--"})


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


def after_quote(m: Marked, index: DocIndex) -> Attribution | None:
    """'"…," Lipsky said.' / '"…," said Scott Kennedy, …' / '"…": Union Minister CR Patil'."""
    doc = index.doc
    first = index.first_at_or_after(m.close_at)
    window: list[Token] = []
    joins_next = False
    for t in doc[first:first + WINDOW]:
        if index.in_quote(t):
            joins_next = bool(window) and window[-1].text in (",", ":")
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
        window = [index.doc[window[0].i - 1]] + window
    # Headline and caption forms: '"…": Union Minister CR Patil', '"…" ― Sonya Herridge',
    # a name alone running to the end of the line or sentence.
    if window[0].text in NAME_LEADERS or window[0].text[:1] in NAME_LEADERS:
        rest = [t for t in window[1:] if not (t.is_punct and t.text != ".")]
        while rest and rest[-1].text == ".":
            rest = rest[:-1]
        if 0 < len(rest) <= 8 and all(t.pos_ in ("PROPN", "NOUN", "ADJ") or t.text in (".", "'s") for t in rest) \
                and any(t.pos_ == "PROPN" for t in rest) and _line_ends_after(rest[-1], index):
            head = next((t for t in reversed(rest) if t.pos_ == "PROPN"), rest[-1])
            return Attribution("headline", head, [], rest[0].i, rest[-1].i + 1)
        if window[0].text == ":":
            return None
    phrase = _phrase_cue(window[:CUE_REACH])
    if phrase is not None and phrase[0].lower_ == "according":
        obj = next((c for c in phrase[-1].children if c.dep_ == "pobj"), None)
        if obj is None and phrase[-1].i + 1 < hi:
            obj = doc[phrase[-1].i + 1]
        if valid_speaker(obj, index):
            return Attribution("according_after", _name_head(obj) if obj.pos_ == "PROPN" else obj, phrase, phrase[-1].i + 1, hi)
    for t in window[:CUE_REACH]:
        if is_reporting(t, lx.SPEECH_VERBS | lx.CHARACTERISING_VERBS):
            speaker = None
            if t.i > lo:
                speaker = _noun_before(t, lo, index)
                if speaker is None:
                    continue
                if t.i - lo > SPEAKER_REACH:
                    break
            else:
                speaker = _noun_after(t, hi, index)
            if speaker is None:
                return None
            cue = [t] + [c for c in t.children if c.dep_ == "prt" and c.i == t.i + 1]
            return Attribution("after", speaker, cue, lo, t.i if speaker.i < t.i else hi, joins_next)
        if t.pos_ == "VERB" and t.i > lo:
            # Another verb first: the quote is not what this clause reports, unless that verb is
            # inside a phrase set off after the speaker's name.
            break
    return _set_off_subject(window, lo, hi, index, joins_next)


def _set_off_subject(window: list[Token], lo: int, hi: int, index: DocIndex, joins_next: bool) -> Attribution | None:
    """'"…," Warren, who has not endorsed anyone, told reporters' / '"…," Lee, the party's
    candidate in the state, said': a name right after the quote, set off by a comma and an
    appositive or relative clause too long for the verb to sit beside it; the parse links them."""
    name = next((t for t in window[:3] if t.pos_ in ("PROPN", "NOUN")), None)
    if name is None:
        return None
    while name.dep_ in ("compound", "flat") and name.i < name.head.i < hi:
        name = name.head
    verb = name.head
    if name.dep_ not in SUBJECT_DEPS or not name.i < verb.i < hi or not valid_speaker(name, index):
        return None
    if name.i + 1 >= hi or index.doc[name.i + 1].text != "," or not is_reporting(verb, lx.SPEECH_VERBS):
        return None
    cue = [verb] + [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
    return Attribution("after", name, cue, lo, verb.i, joins_next)


def before_quote(m: Marked, index: DocIndex) -> Attribution | None:
    """'a Treasury spokesperson said: "…"' / 'Lipsky said, "…"' / 'He added: "…"'."""
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
            break
        window.insert(0, t)
    if not window:
        return None
    lo = window[0].i
    gap = 0
    tail = list(reversed(window))
    if tail and tail[0].text in (":", ","):
        tail = tail[1:]
    elif not (tail and is_reporting(tail[0])):
        return None  # the quote is inside the clause, not introduced by it: a partial quote
    for t in tail[:CUE_REACH]:
        if is_reporting(t):
            if gap > 5:
                return None
            speaker = subject_of(t, index)
            if speaker is None or speaker.i < lo or speaker.i > t.i:
                speaker = _noun_before(t, lo, index)
            if speaker is None:
                return None
            cue = [t] + [c for c in t.children if c.dep_ == "prt" and c.i == t.i + 1]
            return Attribution("before", speaker, cue, lo, t.i)
        gap += 1
    phrase = _phrase_cue(window)
    if phrase is not None and phrase[0].lower_ == "according" and window[-1].text == ",":
        obj = next((c for c in phrase[-1].children if c.dep_ == "pobj"), None)
        if valid_speaker(obj, index):
            return Attribution("according_before", _name_head(obj) if obj.pos_ == "PROPN" else obj, phrase, phrase[-1].i + 1, window[-1].i)
    if window[-1].text == ":" and len(window) > 1:
        return _colon_intro(window[:-1], index)
    return None


def _colon_intro(clause: list[Token], index: DocIndex) -> Attribution | None:
    """A quote after a colon with no reporting verb, in a clause whose subject is a person
    ("Kasich resisted:", "Trump went even further:"). A name alone before a colon was tried
    and dropped: on the train split it was right once in eleven (headings, captions)."""
    for t in clause:
        if t.dep_ == "nsubj" and t.head.pos_ == "VERB" and lemma(t.head) not in COLON_VERBS_NOT_SPEECH \
                and (t.ent_type_ == "PERSON" or t.lower_ in ("he", "she")) and not index.in_quote(t):
            return Attribution("colon_clause", t, [t.head], clause[0].i, t.head.i if t.head.i > t.i else clause[-1].i + 1)
    return None


def enclosing_cue(m: Marked, index: DocIndex, max_steps: int = 4) -> Attribution | None:
    """A fragment inside reported speech: 'blasted the move as a "power grab"'."""
    doc = index.doc
    first = index.first_at_or_after(m.start)
    last = index.first_at_or_after(m.end)
    inner = [t for t in doc[first:last] if not t.is_punct]
    if not inner:
        return None
    # The fragment's root: the inner token whose head lies outside the fragment.
    root = next((t for t in inner if not (first <= t.head.i < last) or t.head.i == t.i), inner[-1])
    tok = root
    for _ in range(max_steps + 1):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if index.in_quote(tok):
            continue
        if is_reporting(tok, lx.SPEECH_VERBS | lx.CHARACTERISING_VERBS):
            speaker = subject_of(tok, index)
            if speaker is None:
                return None
            return Attribution("partial", speaker, [tok], 0, tok.i if speaker.i < tok.i else len(doc))
    return None


FINITE_TAGS = frozenset({"MD", "VBD", "VBZ", "VBP"})


def first_word(start: int, end: int, doc) -> int:
    """The first token of reported content [start, end) after its complementiser and punctuation."""
    while start < end and (doc[start].dep_ == "mark" and doc[start].lower_ in lx.COMPLEMENTISERS
                           or doc[start].is_punct or doc[start].is_space):
        start += 1
    return start


def _clause_after(verb: Token, index: DocIndex) -> tuple[int, int] | None:
    """When the parser missed the clause ("vowed the US and its allies would not accept …"):
    a subject right after the verb (or after "that") and a finite verb soon after it, to the sentence end."""
    doc = verb.doc
    start = content = verb.i + 1
    if start < len(doc) and doc[start].lower_ == "that":
        start += 1
    if start >= len(doc) or doc[start].pos_ not in ("DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM") or index.in_quote(doc[start]):
        return None
    if doc[start].lower_ in ("them", "him", "her", "me", "us", "it"):
        return None
    end = start
    finite = False
    while end < len(doc) and end - start < 80:
        t = doc[end]
        if t.text in (".", "!", "?", ";") or index.breaks_paragraph(t) or index.in_quote(t):
            break
        if end - start <= 8 and t.tag_ in FINITE_TAGS and end > start:
            finite = True
        end += 1
    if not finite or end - start < 4:
        return None
    return content, end


OBJECT_DEPS = frozenset({"dobj", "attr", "acomp", "ccomp", "xcomp", "oprd"})


def _clause_hung_on_phrase(verb: Token) -> list[Token]:
    """'predicted at the debate that Republicans will win', 'said in a statement that the firm
    would appeal': the small model hangs the reported clause on the phrase's noun as a relative
    clause. Taken as the verb's clause when it begins with "that", has a subject of its own and
    leaves no gap for "that" to fill (the relative reading: 'in a statement that he released')."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            for rel in noun.children:
                first = rel.left_edge
                if rel.dep_ != "relcl" or first.lower_ != "that" or first.i <= noun.i:
                    continue
                own = [c for c in rel.children if c.i != first.i]
                if any(c.dep_ in SUBJECT_DEPS for c in own) and (
                        first.dep_ == "mark" or any(c.dep_ in OBJECT_DEPS for c in own)):
                    return [rel]
    return []


def indirect_speech(index: DocIndex) -> list[Reported]:
    """Reported speech: (cue tokens, speaker head, content start token, content end token)."""
    doc = index.doc
    found = []
    for verb in index.verbs:
        if not is_reporting(verb, lx.INDIRECT_VERBS) or index.in_quote(verb):
            continue
        content = [c for c in verb.children if c.dep_ == "ccomp"] or _clause_hung_on_phrase(verb)
        if not content:
            span = _clause_after(verb, index)
            if span is None:
                continue
            speaker = subject_of(verb, index)
            if speaker is not None:
                found.append(Reported("clause_after", [verb], speaker, span[0], span[1]))
            continue
        # A clause after the verb is what it reports; one before it is often a misparse of an
        # earlier sentence ("X went further: he said that …").
        clause = next((c for c in content if c.i > verb.i), content[0])
        if clause.i < verb.i and any(t.text in (":", ";") for t in doc[clause.right_edge.i:verb.i]):
            continue  # a colon or semicolon ends what came before; the verb does not report it
        start, end = clause.left_edge.i, clause.right_edge.i + 1
        # Trim edge punctuation. The complementiser ("that", "whether") stays: annotators count it
        # as part of what was reported; the length check counts the words after it.
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end - first_word(start, end, doc) < 4:
            continue
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children)
        if not has_subject and clause.i > verb.i:
            continue
        speaker = subject_of(verb, index)
        if speaker is None:
            if clause.i < verb.i:
                speaker = _noun_after(verb, min(len(doc), verb.i + 12), index)
            if speaker is None:
                continue
        if start <= speaker.i < end:
            continue
        found.append(Reported("clause", [verb], speaker, start, end))
    found += parenthetical(index)
    found += according_to(index)
    found += object_speech(index)
    found += characterised(index)
    found += undertaking(index)
    return found


def _cue_verbs(index: DocIndex, cues: Collection[str]) -> Iterator[tuple[Token, object]]:
    """Full verbs whose lemma is one of ``cues``, neither negated nor inside quote marks, each with
    its entry when ``cues`` is a mapping (None for a set)."""
    for verb in index.verbs:
        if verb.pos_ != "VERB":
            continue
        key = lemma(verb)
        if key not in cues or negated(verb) or index.in_quote(verb):
            continue
        yield verb, cues[key] if isinstance(cues, Mapping) else None


def undertaking(index: DocIndex) -> list[Reported]:
    """What someone vowed, promised or proposed to do, as a verb phrase rather than a clause:
    "vowed to fight on", "threatened not to attend", "suggested delaying the vote"."""
    doc = index.doc
    found = []
    for verb, _ in _cue_verbs(index, lx.UNDERTAKING_VERBS):
        if any(c.dep_ in ("dobj", "ccomp", "dative") for c in verb.children):
            continue  # an object or a clause of its own: the other rules have it
        comp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and c.pos_ == "VERB"), None)
        if comp is None:
            continue
        start = comp.left_edge.i
        if start <= verb.i or not (doc[start].lower_ in ("to", "not") or doc[start].tag_ == "VBG"):
            continue
        end = max(_phrase_end(start, comp.i + 1, comp.right_edge.i + 1, index), comp.i + 1)
        if end - start < 3 or index.quoted_count(start, end):
            continue  # not a clause: with the speaker's words quoted, the quote is the fragment alone
        speaker = subject_of(verb, index)
        if speaker is None or start <= speaker.i < end:
            continue
        found.append(Reported("undertaking", [verb], speaker, start, end))
    return found


def _phrase_end(start: int, first_free: int, limit: int, index: DocIndex) -> int:
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


def characterised(index: DocIndex) -> list[Reported]:
    """An object and what the speaker called it, accused it of or asked of it: "called the plan
    a disaster", "accused the firm of hiding losses", "described himself as a moderate",
    "asked the governor whether she would run". The object and its complement are the content."""
    doc = index.doc
    found = []
    for verb, complements in _cue_verbs(index, lx.COMPLEMENT_CUES):
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is None:
            continue
        comp = None
        for child in list(verb.children) + list(obj.children):
            if child.i <= obj.i:
                continue
            if child.dep_ in complements or child.dep_ == "prep" and child.lower_ in complements:
                comp = child
                break
        if comp is None:
            continue
        if comp.dep_ == "ccomp" and not any(t.tag_ in ("WDT", "WP", "WRB") or t.lower_ in ("whether", "if")
                                            for t in doc[comp.left_edge.i:comp.left_edge.i + 2]):
            continue  # "asked him whether …", not "told him they …", which the clause rule has
        start = obj.left_edge.i
        if start <= verb.i:
            continue
        end = _phrase_end(start, comp.right_edge.i + 1, verb.right_edge.i + 1, index)
        end = max(end, comp.right_edge.i + 1)
        if end - start < 2 or index.quoted_count(start, end):
            continue  # with the speaker's words quoted, the contract's quote is the fragment alone
        speaker = subject_of(verb, index)
        if speaker is None or start <= speaker.i < end:
            continue
        found.append(Reported("characterised", [verb], speaker, start, end))
    return found


def object_speech(index: DocIndex) -> list[Reported]:
    """What was said as an object: "called for a moratorium", "mentioned the deal"."""
    doc = index.doc
    found = []
    for verb, preps in _cue_verbs(index, lx.OBJECT_CUES):
        if any(c.dep_ == "ccomp" for c in verb.children):
            continue  # the clause rules have it
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
        if obj is None or obj.pos_ == "PRON" and obj.lower_ not in ("what",):
            continue
        start = cue[-1].i + 1
        # Stop at a clause of its own after the object ("…, saying …", "and …").
        end = _phrase_end(start, obj.right_edge.i + 1, verb.right_edge.i + 1, index)
        if end <= obj.i:
            end = _phrase_end(start, obj.right_edge.i + 1, obj.right_edge.i + 1, index)
        if end - start < 2 or end - start > 60:
            continue
        speaker = subject_of(verb, index)
        if speaker is None or start <= speaker.i < end:
            continue
        found.append(Reported("object", cue, speaker, start, end))
    return found


def parenthetical(index: DocIndex) -> list[Reported]:
    """"The latest test, North Korea said, was its biggest yet." / "People like Scott, he said."
    The attribution set off by a comma inside or after what was said."""
    doc = index.doc
    found = []
    for verb in index.verbs:
        if not is_reporting(verb, lx.INDIRECT_VERBS) or index.in_quote(verb):
            continue
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
        if subj is None or not valid_speaker(subj, index):
            continue
        left = subj.left_edge.i
        if left == 0 or doc[left - 1].text != "," or verb.i - subj.right_edge.i > 3:
            continue
        if any(c.dep_ == "ccomp" for c in verb.children if c.i > verb.i):
            continue
        if any(c.i > verb.i and c.dep_ in ("dobj", "xcomp", "attr", "oprd", "dative") for c in verb.children):
            continue  # "…, the candidate repeated his promise": the verb has its own object
        if verb.dep_ == "parataxis":
            head = verb.head
            start, end = head.left_edge.i, head.right_edge.i + 1
        elif verb.dep_ == "ROOT":
            start, end = index.sentence(verb)[0], left - 1
            if not any(t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in doc[start:end]):
                continue  # what precedes is a phrase, not something said
        else:
            continue
        if left - start > 150:
            continue
        # Not across another quote's closing mark or a paragraph break.
        for t in doc[start:left]:
            if index.breaks_paragraph(t) or (index.in_quote(t) and not index.in_quote(doc[left - 1])):
                start = t.i + 1
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end - start < 3 or index.in_quote(doc[start]) or index.in_quote(doc[end - 1]):
            continue
        found.append(Reported("parenthetical", [verb], subj, start, end))
    return found


def according_to(index: DocIndex) -> list[Reported]:
    """Reported speech attributed with "according to": the clause beside the phrase."""
    doc = index.doc
    found = []
    for tok in index.tokens_written("according"):
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to" or index.in_quote(tok):
            continue
        to = doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None and tok.i + 2 < len(doc):
            obj = doc[tok.i + 2]
        if not valid_speaker(obj, index):
            continue
        sent_start, sent_end = index.sentence(tok)
        pp_end = max(obj.right_edge.i, to.right_edge.i) + 1
        if pp_end - tok.i > 15:
            pp_end = obj.i + 1
        before = (sent_start, tok.i)
        after = (pp_end, sent_end)
        start, end = before if before[1] - before[0] >= after[1] - after[0] else after
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end - start < 4:
            continue
        head = _name_head(obj) if obj.pos_ == "PROPN" else obj
        found.append(Reported("according", [tok, to], head, start, end))
    return found
