"""From rule findings to quotes: candidates, follow-on quotes, duplicates, folding, confidence.

One document's quotes are assembled in three passes over a parsed ``DocIndex``:

1. every passage in quote marks, in order: the registry's quoted-passage rules attribute it; a
   quote that hands over to the next ('"…," he said, "…"') gains that quote as a fragment; a
   sentence-like quote with no attribution of its own continues the one before (a fragment of it
   within its paragraph, a follow-on quote in a later one);
2. reported speech from every reported-speech rule, without the content already reported once
   or attributed by a direct quote's cue;
3. a quoted fragment inside a reported clause is reported once, as that clause (PARTIAL).

Every candidate remembers its rule, which sets its confidence (scoring.py) and stays on the quote.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from spacy.tokens import Token

from quotes.types import DocumentQuotes, Quote, QuoteType, Span, Speaker
from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.intervals import RangeIndex
from quotes_service.extract.marks import Marked
from quotes_service.extract.passages import looks_like_sentence, looks_like_title, names_a_work
from quotes_service.extract.rules import registry
from quotes_service.extract.rules.base import SUBJECT_DEPS, Attribution, Reported, first_word, with_particle
from quotes_service.extract.rules.quoted import reports_its_own
from quotes_service.extract.rules.registry import Rule
from quotes_service.extract.scoring import confidence
from quotes_service.extract.speakers.mentions import grow_mention
from quotes_service.extract.speakers.resolver import SpeakerResolver

Check = Callable[[], None]   # raises when the caller has given up
FOLLOW_ON_GAP = 300      # characters between a quote and an unattributed one that continues it
TIGHT = 4                # tokens from a closing mark to the verb of an attribution beside it
CHECK_EVERY = 256        # quotes or clauses handled between two looks at the caller's should_stop
_NOT_YET = object()      # an attribution not looked for yet (None: looked for, none found)


@dataclass
class Candidate:
    """A quote as the rules found it, before it becomes a ``Quote`` record."""

    rule: Rule
    type: QuoteType
    fragments: list[tuple[int, int]]   # character ranges of the quoted pieces
    speaker: Speaker
    cue: tuple[int, int] | None         # character range of the cue words
    #: the speaker's words in quote marks, marks excluded: the fragments of a direct quote, the
    #: quoted pieces inside a mixed one, none for reported speech in the writer's words
    quoted: list[tuple[int, int]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


def cue_range(tokens: list[Token]) -> tuple[int, int] | None:
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


class QuotedPass:
    """Pass 1: the passages in quote marks, in order (see the module docstring)."""

    def __init__(self, index: DocIndex, resolver: SpeakerResolver):
        self.index = index
        self.resolver = resolver
        self.found: list[Candidate] = []
        self.recent: list[tuple[int, str]] = []        # (end offset, canonical name) of quotes so far
        self.previous: tuple[Candidate, Marked] | None = None   # the last direct quote and its marks

    def run(self, check: Check) -> list[Candidate]:
        marked = self.index.marked
        i = 0
        while i < len(marked):
            if i % CHECK_EVERY == 0:
                check()
            i = self._attribute(i) + 1
        return self.found

    def _attribute(self, i: int) -> int:
        """Handles marked passage ``i`` (and the next, when it is this quote's second fragment);
        returns the index of the last passage used."""
        index, marked = self.index, self.index.marked
        m = marked[i]
        last = self.found[-1] if self.found else None
        fragments = list(m.fragments)
        qtype = QuoteType.DIRECT
        found = registry.attribute_quoted(m, index)
        around = _NOT_YET   # the around-side attribution, looked for once
        if found is not None and found[0].family == registry.AFTER and not index.at_sentence_start(m.open_at) \
                and not _attributed_beside(found[1], m, index):
            around = registry.attribute_around(m, index)
            if around is not None and around[1].cue[0].i < index.first_at_or_after(m.open_at):
                found = None
        if found is not None and looks_like_title(" ".join(index.text[s:e] for s, e in fragments)) and names_a_work(m, index):
            found = None   # 'said in his 2012 book, "An American Son."': a title, not words said
        if found is not None and found[1].joins_next and i + 1 < len(marked):
            i += 1
            fragments += marked[i].fragments
        if found is not None and found[0].partial_mid_sentence and not index.at_sentence_start(m.open_at):
            qtype = QuoteType.PARTIAL
        quote_text = " ".join(index.text[s:e] for s, e in fragments)
        continues = self._continues(m, quote_text)
        if found is None and not continues and not looks_like_title(quote_text):
            found = registry.attribute_around(m, index) if around is _NOT_YET else around
            qtype = QuoteType.PARTIAL
            if found is not None and last is not None and last.type == QuoteType.DIRECT and last.cue is not None \
                    and last.cue == cue_range(found[1].cue) and found[1].content is not None \
                    and self._content(found[1].content, m)[0] <= last.start:
                # 'Trump says "the game is rigged" because "football has gone soft."': the second
                # passage of the same cue, in a content that holds the first, continues that quote
                last.fragments += fragments
                last.quoted += fragments
                return i
        if found is not None:
            quoted = fragments
            if found[1].content is not None:
                fragments = [self._content(found[1].content, m)]
                if last is not None and last.rule is found[0] and len(last.fragments) == 1 \
                        and last.fragments[0][0] == fragments[0][0]:
                    # 'called the plan "reckless" and "dangerous."': one content (the second passage's
                    # reaches its closing mark)
                    last.fragments = [(fragments[0][0], max(last.fragments[0][1], fragments[0][1]))]
                    last.quoted += quoted
                    return i
            self._add(Candidate(found[0], qtype, fragments, self._speaker(found[1]), cue_range(found[1].cue),
                                quoted=list(quoted)), marked[i])
        elif continues:
            self._continue(m, fragments)
        return i

    def _continues(self, m: Marked, quote_text: str) -> bool:
        """A sentence that opens a sentence soon after the last direct quote: the same speaker's words."""
        return (self.previous is not None and looks_like_sentence(quote_text) and self.index.at_sentence_start(m.open_at)
                and 0 <= m.open_at - self.previous[1].close_at <= FOLLOW_ON_GAP)

    def _someone_else_between(self, start: int, end: int, speaker: Speaker) -> Token | None:
        """The subject of a sentence between two quotes, after the first one's attribution, that
        names another person ('"…," Tom Ebeling said. Betsy Ebeling shook her head. "…"'): the
        one whose words the next quote most likely are."""
        index = self.index
        doc, lo, hi = index.doc, index.first_at_or_after(start), index.first_at_or_after(end)
        names = set(speaker.canonical_name.lower().split()) | set(speaker.name.lower().split())
        first_end = next((t.i for t in doc[lo:hi] if index.is_sentence_end(t)), hi)
        for t in reversed(doc[first_end + 1:hi]):
            if t.dep_ in ("nsubj", "nsubjpass") and t.ent_type_ == "PERSON" and not index.in_quote(t):
                first, last = t.i, t.i + 1   # the name the subject ends, walked on the entity's tags
                while first > lo and doc[first].ent_iob_ == "I" and doc[first - 1].ent_type_ == "PERSON":
                    first -= 1
                while last < hi and doc[last].ent_iob_ == "I":
                    last += 1
                words = {w.lower_ for w in doc[first:last] if w.is_alpha}
                if not words <= names:
                    return t
        return None

    def _content(self, tokens: tuple[int, int], m: Marked) -> tuple[int, int]:
        """Reported content around the passage ``m``, in characters: from its first word or the
        opening mark, to its last word or the closing mark."""
        doc = self.index.doc
        last = doc[tokens[1] - 1]
        return min(doc[tokens[0]].idx, m.open_at), max(last.idx + len(last.text), m.close_at)

    def _speaker(self, found: Attribution) -> Speaker:
        mention = grow_mention(found.speaker, found.lo, found.hi or len(self.index.doc))
        return self.resolver.speaker(mention, self.recent)

    def _continue(self, m: Marked, fragments: list[tuple[int, int]]) -> None:
        prior, prior_marks = self.previous
        other = self._someone_else_between(prior_marks.close_at, m.open_at, prior.speaker)
        if other is not None:
            sentence = self.index.sentence(other)
            speaker = self.resolver.speaker(grow_mention(other, sentence[0], sentence[1]), self.recent)
            self._add(Candidate(registry.FOLLOW_ON_RULE, QuoteType.DIRECT, fragments, speaker, None,
                                quoted=list(fragments)), m)
            return
        if "\n" not in self.index.text[prior_marks.close_at:m.open_at]:
            # '"…," he said. "…"' in one paragraph: one quotation interrupted by its attribution,
            # like the comma-split form; it gains a fragment.
            prior.fragments += fragments
            prior.quoted += fragments
            self.previous = (prior, m)
            return
        self._add(Candidate(registry.FOLLOW_ON_RULE, QuoteType.DIRECT, fragments, prior.speaker, None,
                            quoted=list(fragments)), m)

    def _add(self, candidate: Candidate, m: Marked) -> None:
        self.found.append(candidate)
        if candidate.speaker.canonical_name:
            self.recent.append((candidate.end, candidate.speaker.canonical_name))
        if candidate.type == QuoteType.DIRECT:
            self.previous = (candidate, m)


def _attributed_beside(found: Attribution, m: Marked, index: DocIndex) -> bool:
    """'"…," the senator said' / '"…?" asked Dunn': the verb's own subject names the speaker right
    after the closing mark, and the verb reports nothing else. Not a clause joined on ('"…," but he
    noted'), an object ('"…," telling reporters'), nor the next sentence after a closed quote."""
    if not found.cue:
        return False   # an attribution without a cue word (hypothesis: '"The, "the"" said Ana Ruiz.  "The, ...')
    verb, speaker = found.cue[0], found.speaker
    first = index.first_at_or_after(m.close_at)
    doc = index.doc
    return (verb.i - first <= TIGHT and speaker.dep_ in SUBJECT_DEPS and speaker.head.i == verb.i
            and not any(t.dep_ in ("cc", "mark") for t in doc[first:verb.i])
            and not reports_its_own(verb)
            and not (speaker.i < verb.i and index.text[m.end - 1:m.end] in (".", "!", "?")))


def _mostly_within(s: int, e: int, a: int, b: int) -> bool:
    """[s, e) lies mostly inside [a, b): the same reported content attributed twice
    ("Reuters reported that …, according to sources"); the first attribution found is kept."""
    return max(0, min(e, b) - max(s, a)) >= 0.6 * (e - s)


def _content_end(doc, start: int, end: int) -> int:
    """Without a trailing conjunction or punctuation (a closing quote mark stays)."""
    while end > start and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct and not doc[end - 1].is_quote):
        end -= 1
    return end


def _starts_quoted(index: DocIndex, start: int, end: int) -> bool:
    """A clause that is one direct quote from its first word (the direct rules have it). Not one
    whose complementiser stands outside the marks ('tells supporters that "he loves you."'): the
    speaker's words inside a reported clause, which stays (the quote folds into it)."""
    doc = index.doc
    if doc[start].lower_ in lx.COMPLEMENTISERS and not index.in_quote(doc[start]):
        return False
    first = first_word(start, end, doc)
    starts = index.in_quote(doc[first]) or (first > 0 and index.in_quote(doc[first - 1]) and doc[first - 1].is_quote)
    return starts and index.quoted_count(start, end) * 2 >= end - start


def reported_pass(index: DocIndex, resolver: SpeakerResolver, quoted: list[Candidate],
                  recent: list[tuple[int, str]], check: Check) -> list[Candidate]:
    """Pass 2: reported speech, each content once; a clause with unquoted words around quoted ones
    is mixed and stays."""
    doc = index.doc
    out: list[Candidate] = []
    seen: RangeIndex[tuple[int, int]] = RangeIndex()
    # (A quote without a cue counts as one at offset 0, as it always has.)
    direct_cues = {(q.cue or (0, 0))[0] for q in quoted if q.type == QuoteType.DIRECT}
    for number, (rule, found) in enumerate(registry.reported_speech(index)):
        if number % CHECK_EVERY == 0:
            check()
        start, end = found.start, _content_end(doc, found.start, found.end)
        if end <= start:
            continue
        s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        # A range holding 60% of [s, e) holds its middle: only those are looked at.
        if _starts_quoted(index, start, end) or any(
                _mostly_within(s, e, a, b) for _, (a, b) in seen.holding((s + e) // 2)):
            continue
        if found.cue[0].idx in direct_cues:
            continue
        seen.add(s, e, (s, e))
        out.append(_reported_candidate(rule, found, _pieces(doc, start, end, found.gap), resolver, recent))
    return out


def _pieces(doc, start: int, end: int, gap: tuple[int, int] | None) -> list[tuple[int, int]]:
    """Content tokens [start, end) as character ranges: one, or two around an interrupting attribution."""
    ranges = [(start, end)] if gap is None or not start < gap[0] < gap[1] < end else [(start, gap[0]), (gap[1], end)]
    out = []
    for a, b in ranges:
        b = _content_end(doc, a, b)
        if b > a:
            out.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)))
    return out


def _reported_candidate(rule: Rule, found: Reported, content: list[tuple[int, int]], resolver: SpeakerResolver,
                        recent: list[tuple[int, str]]) -> Candidate:
    mention = grow_mention(found.speaker, 0, len(found.speaker.doc))
    # "Kim said her company …": only a clause the verb reports after it speaks of its reporter.
    own = rule.name in ("clause", "clause_after") and found.start > found.cue[-1].i
    speaker = (resolver.speaker_of_clause(mention, recent, found.start) if own
               else resolver.speaker(mention, recent))
    cue = found.cue[:-1] + with_particle(found.cue[-1])
    return Candidate(rule, QuoteType.INDIRECT, content, speaker, cue_range(cue))


def fold_fragments(quoted: list[Candidate], reported: list[Candidate], text: str) -> list[Candidate]:
    """Pass 3: a quoted fragment inside a reported clause ('Trump said Machado was "disgusting"') is
    reported once: the clause, typed PARTIAL because it quotes the speaker's words."""
    hosts: RangeIndex[Candidate] = RangeIndex()
    for r in reported:
        hosts.add(r.start, r.end, r)
    out = []
    for q in quoted:
        host = None
        if q.type == QuoteType.PARTIAL:
            # The first reported clause (in the order found) that holds the fragment, or the one of
            # the same cue that the fragment runs on past ('told backers that Cruz has "taken every
            # punch, and he's standing tall"': the parser ended the clause inside the quote marks).
            start, end = (q.quoted[0][0], q.quoted[-1][1]) if q.quoted else (q.start, q.end)
            host = next((r for _, r in hosts.holding(start) if r.start <= start and (
                end <= r.end + 1 or r.cue == q.cue)), None)
        if host is None:
            out.append(q)
        else:
            host.type = QuoteType.PARTIAL
            host.quoted += q.quoted
            # The quoted words stay inside the content ('said Machado was "disgusting."', whose
            # full stop the parser hangs on the verb).
            last_start, last_end = host.fragments[-1]
            host.fragments[-1] = (last_start, _with_closing_mark(text, max(last_end, end), end))
    return out + reported


def _quoting_unattributed(index: DocIndex, quoted: list[Candidate], reported: list[Candidate]) -> None:
    """Reported content holding quoted words that no rule attributed ("The industry, she said, is
    ``doing much better.``", whose attribution is neither beside the quote nor above it in the
    parse) quotes the speaker's words: PARTIAL, through the closing mark."""
    taken = {span for q in quoted for span in q.quoted}
    for host in reported:
        for m in index.marked:
            if not host.start <= m.start < m.end <= host.end + 1 or any(f in taken for f in m.fragments):
                continue
            host.type = QuoteType.PARTIAL   # (not ``mixed``: no rule of a quote's own confirms it)
            host.quoted += m.fragments
            last_start, last_end = host.fragments[-1]
            host.fragments[-1] = (last_start, _with_closing_mark(index.text, max(last_end, m.end), m.end))


def _with_closing_mark(text: str, end: int, quoted_end: int) -> int:
    """A content ending where its quoted words end keeps their closing mark (and a stop inside it)."""
    if end > quoted_end + 1:
        return end
    for _ in range(4):   # a stop and a typewriter double: ",''"
        if end < len(text) and (text[end] in lx.ALL_MARKS or text[end] in ".,!?" and text[end + 1:end + 2] in lx.ALL_MARKS):
            end += 1
    return end


def to_quote(text: str, c: Candidate) -> Quote:
    quote_text = " ".join(text[s:e] for s, e in c.fragments)
    quote = Quote(
        text=quote_text,
        span=Span(c.start, c.end),
        type=c.type,
        speaker=c.speaker,
        cue=text[c.cue[0]:c.cue[1]] if c.cue else "",
        cue_span=Span(*c.cue) if c.cue else Span(),
        fragments=[Span(s, e) for s, e in c.fragments],
        rule=c.rule.name,
        quoted=[Span(s, e) for s, e in sorted(c.quoted)],
    )
    quote.confidence = confidence(quote, text)
    return quote


def assemble(index: DocIndex, check: Check) -> DocumentQuotes:
    """Every quote of the indexed document, in order of start offset, and its distinct speakers."""
    resolver = SpeakerResolver(index)
    quoted_pass = QuotedPass(index, resolver)
    quoted = quoted_pass.run(check)
    check()
    reported = reported_pass(index, resolver, quoted, quoted_pass.recent, check)
    candidates = fold_fragments(quoted, reported, index.text)
    _quoting_unattributed(index, quoted, reported)
    candidates.sort(key=lambda c: (c.start, c.end))
    quotes = [to_quote(index.text, c) for c in candidates]
    return DocumentQuotes("", quotes, speakers=resolver.entities.finish(quotes))
