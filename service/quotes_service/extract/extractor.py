"""text -> spaCy Doc -> quote marks -> cues -> attribution -> speakers -> records.

Pure: no gRPC, no I/O. ``Extractor.extract(text)`` is what the server and the
in-process CLI call.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from spacy.tokens import Doc

from quotes.types import Quote, QuoteType, Span, Speaker, SpeakerKind
from quotes_service.extract.rules import attribution as at
from quotes_service.extract.pipeline.attributes import FastAttributes, UnsupportedPattern
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.intervals import RangeIndex
from quotes_service.extract.pipeline.lemmas import USER_DATA_KEY, LazyLemmas
from quotes_service.extract.marks import Marked, find_quoted
from quotes_service.extract.pipeline.parsing import CHUNK, CHUNK_TOKENS, guard, parse
from quotes_service.extract.speakers.resolver import SpeakerResolver, grow_mention

StopCheck = Callable[[], bool]

# How sure each rule is, before adjustments for the kind of speaker found.
RULE_CONFIDENCE = {
    # Calibrated on 400 articles of the PolNeAR train split (tools/quotes_tools/calibrate.py): roughly the
    # share of each rule's quotes that match a gold quote with the right speaker.
    "after": 0.95,
    "before": 0.85,
    "according_after": 0.9,
    "according_before": 0.9,
    "headline": 0.85,
    "colon_clause": 0.75,
    "partial": 0.7,
    "follow_on": 0.6,
    "clause": 0.8,
    "clause_after": 0.55,
    "parenthetical": 0.78,
    "according": 0.85,
    "object": 0.55,
    "characterised": 0.72,
    "undertaking": 0.65,
}
SHORT_FRAGMENT_CONFIDENCE = 0.35   # a one- or two-word partial quote is often a scare quote
MIXED_CONFIDENCE = 0.9             # reported clause with the speaker's own words quoted inside
MID_SENTENCE_PENALTY = 0.35        # '… the deal was "terrific," Trump said': partial, attribution after
BATCH = 16               # documents parsed together by extract_many
FOLLOW_ON_GAP = 300      # characters between a quote and an unattributed one that continues it
TITLE_SMALL_WORDS = frozenset({"of", "the", "a", "an", "and", "for", "in", "on", "to", "with", "at", "or"})
CHECK_EVERY = 256        # quotes or clauses handled between two looks at the caller's should_stop


class Cancelled(Exception):
    """Raised between stages when the caller's ``should_stop`` says so (deadline passed, client gone)."""


def _raise_cancelled() -> None:
    raise Cancelled()


def _check(should_stop: StopCheck | None) -> None:
    if should_stop is not None and should_stop():
        raise Cancelled()


def looks_like_title(text: str) -> bool:
    """"Phase One", 'Masterpiece', "Meet the Press.": names and titles in quote marks, not speech."""
    text = text.rstrip().rstrip(".,;:")
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if not words or len(words) > 6:
        return False
    if text[-1:] in "?!":
        return False
    return all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS or not w[0].isalpha() for w in words)


def looks_like_sentence(text: str) -> bool:
    words = text.split()
    return len(words) >= 4 and text[:1].isupper() and not looks_like_title(text)


def _mostly_within(s: int, e: int, a: int, b: int) -> bool:
    """[s, e) lies mostly inside [a, b): the same reported content attributed twice
    ("Reuters reported that …, according to sources"); the first attribution found is kept."""
    return max(0, min(e, b) - max(s, a)) >= 0.6 * (e - s)


def _fold_fragments(quoted: list[Quote], reported: list[Quote]) -> list[Quote]:
    """A quoted fragment inside a reported clause ('Trump said Machado was "disgusting"') is
    reported once: the clause, typed PARTIAL because it quotes the speaker's words."""
    hosts: RangeIndex[Quote] = RangeIndex()
    for r in reported:
        hosts.add(r.span.start, r.span.end, r)
    out = []
    for q in quoted:
        host = None
        if q.type == QuoteType.PARTIAL:
            # The first reported clause (in the order found) that holds the fragment.
            host = next((r for _, r in hosts.holding(q.span.start)
                         if r.span.start <= q.span.start and q.span.end <= r.span.end + 1), None)
        if host is None:
            out.append(q)
        else:
            host.type = QuoteType.PARTIAL
            host.confidence = max(host.confidence, MIXED_CONFIDENCE)
    return out + reported


class Extractor:
    def __init__(self, nlp=None, max_length: int = 1_000_000):
        if nlp is None:
            from quotes_service.extract.pipeline.model import load_model

            nlp = load_model(max_length)
        guard(nlp)
        self._lemmas = None
        if "lemmatizer" in nlp.pipe_names:
            # Lemmas are computed for the few tokens the rules ask about (see lemmas.py).
            self._lemmas = LazyLemmas(nlp.get_pipe("lemmatizer"))
            nlp.disable_pipe("lemmatizer")
        self._attributes = None
        if "attribute_ruler" in nlp.pipe_names:
            try:
                self._attributes = FastAttributes(nlp.get_pipe("attribute_ruler"))
                nlp.disable_pipe("attribute_ruler")  # applied after the pipeline (see attributes.py)
            except UnsupportedPattern:
                pass                                  # another model's ruler: left where it is
        self.nlp = nlp
        self.max_length = max_length
        # The pipeline as steps, so a long parse can stop between them (parsing.parse).
        self._steps = [proc for _, proc in nlp.pipeline]
        if self._attributes is not None:
            self._steps.append(self._attributes)

    def parse(self, text: str) -> Doc:
        """``text`` through the pipeline as the rules need it (without the cancellation checks)."""
        doc = self.nlp(text)
        return self._attributes(doc) if self._attributes is not None else doc

    def extract(self, text: str, should_stop: StopCheck | None = None,
                on_parsed: Callable[[int], None] | None = None) -> list[Quote]:
        """Every quote in ``text``, in order of start offset. ``on_parsed`` is told the number of
        tokens once the text is parsed (for metrics)."""
        _check(should_stop)
        if not text.strip():
            return []
        # Strings the parse adds to the vocabulary are freed when the zone closes, so a
        # long-running server does not grow with every new word; records hold plain str.
        with self.nlp.memory_zone():
            doc = parse(self.nlp.tokenizer, self._steps, text, should_stop, _raise_cancelled)
            if on_parsed is not None:
                on_parsed(len(doc))
            _check(should_stop)
            return self.quotes_in(doc, should_stop)

    def extract_many(self, texts: Iterable[str], should_stop: StopCheck | None = None,
                     batch_size: int = BATCH) -> Iterator[list[Quote]]:
        """Like ``extract`` for each text, in order; short texts are parsed ``batch_size`` at a
        time with ``nlp.pipe``, and each batch's results are yielded before the next is read."""
        batch: list[str] = []
        for text in texts:
            if self._parsed_in_pieces(text):
                yield from self._pipe(batch, should_stop)
                batch = []
                yield self.extract(text, should_stop)
                continue
            batch.append(text)
            if len(batch) >= batch_size:
                yield from self._pipe(batch, should_stop)
                batch = []
        yield from self._pipe(batch, should_stop)

    def _parsed_in_pieces(self, text: str) -> bool:
        """Too long for one batch: parsed by ``extract``, which can stop between pieces."""
        if len(text) > CHUNK:
            return True
        if len(text) <= CHUNK_TOKENS:
            return False
        with self.nlp.memory_zone():
            return len(self.nlp.tokenizer(text)) > CHUNK_TOKENS

    def _pipe(self, texts: list[str], should_stop: StopCheck | None) -> Iterator[list[Quote]]:
        if not texts:
            return
        _check(should_stop)
        with self.nlp.memory_zone():
            docs = self.nlp.pipe(texts, batch_size=len(texts))
            if self._attributes is not None:
                docs = map(self._attributes, docs)
            results = [self.quotes_in(doc, should_stop) if text.strip() else []
                       for text, doc in zip(texts, docs)]
        yield from results

    # ------------------------------------------------------------------------------------------
    def quotes_in(self, doc: Doc, should_stop: StopCheck | None = None) -> list[Quote]:
        text = doc.text
        if self._lemmas is not None:
            doc.user_data[USER_DATA_KEY] = self._lemmas
        marked = find_quoted(text)
        index = DocIndex(doc, marked)
        resolver = SpeakerResolver(index)
        recent: list[tuple[int, str]] = []
        quotes: list[Quote] = []
        previous: tuple[Quote, Marked] | None = None
        grown: list[Quote] = []   # quotes that gained fragments: their text is joined once, at the end
        i = 0
        while i < len(marked):
            if i % CHECK_EVERY == 0:
                _check(should_stop)
            m = marked[i]
            fragments = list(m.fragments)
            att = at.after_quote(m, index)
            qtype = QuoteType.DIRECT
            if att is not None and att.joins_next and i + 1 < len(marked):
                i += 1
                fragments += marked[i].fragments
            elif att is None:
                att = at.before_quote(m, index)
            if att is not None and not index.at_sentence_start(m.open_at) and att.rule in ("after", "according_after"):
                qtype = QuoteType.PARTIAL
            quote_text = " ".join(text[s:e] for s, e in fragments)
            continues = (previous is not None and looks_like_sentence(quote_text) and index.at_sentence_start(m.open_at)
                         and 0 <= m.open_at - previous[1].close_at <= FOLLOW_ON_GAP)
            if att is None and not continues and not looks_like_title(quote_text):
                att = at.enclosing_cue(m, index)
                qtype = QuoteType.PARTIAL
            quote: Quote | None = None
            if att is not None and att.speaker is not None:
                mention = grow_mention(att.speaker, att.lo, att.hi or len(doc))
                speaker = resolver.speaker(mention, recent)
                quote = self._record(text, fragments, qtype, speaker, att.cue, att.rule)
            elif continues:
                prior = previous[0]
                if "\n" not in text[previous[1].close_at:m.open_at]:
                    # '"…," he said. "…"' in one paragraph: one quotation interrupted by its
                    # attribution, like the comma-split form; it gains a fragment.
                    prior.fragments += [Span(s, e) for s, e in fragments]
                    prior.span = Span(prior.fragments[0].start, prior.fragments[-1].end)
                    if not grown or grown[-1] is not prior:
                        grown.append(prior)
                    previous = (prior, m)
                    i += 1
                    continue
                quote = self._record(text, fragments, QuoteType.DIRECT, prior.speaker, [], "follow_on")
            if quote is not None:
                quotes.append(quote)
                if quote.speaker.canonical_name:
                    recent.append((quote.span.end, quote.speaker.canonical_name))
                previous = (quote, marked[i]) if quote.type == QuoteType.DIRECT else previous
            i += 1
        for quote in grown:
            quote.text = " ".join(text[f.start:f.end] for f in quote.fragments)
        _check(should_stop)
        reported = self._indirect(index, resolver, quotes, recent, should_stop)
        quotes = _fold_fragments(quotes, reported)
        quotes.sort(key=lambda q: (q.span.start, q.span.end))
        return quotes

    def _indirect(self, index: DocIndex, resolver: SpeakerResolver, direct: list[Quote], recent,
                  should_stop: StopCheck | None = None) -> list[Quote]:
        doc, text = index.doc, index.text
        out: list[Quote] = []
        seen: RangeIndex[tuple[int, int]] = RangeIndex()
        direct_cues = {q.cue_span.start for q in direct if q.type == QuoteType.DIRECT}
        for number, found in enumerate(at.indirect_speech(index)):
            if number % CHECK_EVERY == 0:
                _check(should_stop)
            cue, head, start, end = found.cue, found.speaker, found.start, found.end
            while end > start and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct and not doc[end - 1].is_quote):
                end -= 1
            if end <= start:
                continue
            span = doc[start:end]
            s, e = span.start_char, span.end_char
            # A clause that is one direct quote from its first word belongs to the direct rules;
            # one with unquoted words around quoted ones is mixed and stays.
            first = at.first_word(start, end, doc)
            starts_quoted = index.in_quote(doc[first]) or (first > 0 and index.in_quote(doc[first - 1]) and doc[first - 1].is_quote)
            inside = index.quoted_count(start, end)
            # A range holding 60% of [s, e) holds its middle: only those are looked at.
            if (starts_quoted and inside * 2 >= len(span)) or any(
                    _mostly_within(s, e, a, b) for _, (a, b) in seen.holding((s + e) // 2)):
                continue
            if cue[0].idx in direct_cues:
                continue
            seen.add(s, e, (s, e))
            mention = grow_mention(head, 0, len(doc))
            speaker = resolver.speaker(mention, recent)
            verb = cue[-1]
            cue = cue + [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
            out.append(self._record(text, [(s, e)], QuoteType.INDIRECT, speaker, cue, found.rule))
        return out

    @staticmethod
    def _record(text: str, fragments: list[tuple[int, int]], qtype: QuoteType, speaker: Speaker,
                cue_tokens, rule: str) -> Quote:
        confidence = RULE_CONFIDENCE[rule]
        if speaker.kind == SpeakerKind.PERSON and speaker.name[:1].islower() and not speaker.resolved_from_pronoun:
            confidence -= 0.25  # an unresolved pronoun
        elif speaker.resolved_from_pronoun:
            confidence -= 0.03
        if qtype == QuoteType.PARTIAL and rule != "partial" and len(fragments) == 1 and rule in ("after", "according_after"):
            confidence -= MID_SENTENCE_PENALTY
        if qtype == QuoteType.PARTIAL and sum(len(text[s:e].split()) for s, e in fragments) <= 2:
            confidence = min(confidence, SHORT_FRAGMENT_CONFIDENCE)
        if cue_tokens:
            cs, ce = cue_tokens[0].idx, cue_tokens[-1].idx + len(cue_tokens[-1].text)
            cue, cue_span = text[cs:ce], Span(cs, ce)
        else:
            cue, cue_span = "", Span()
        spans = [Span(s, e) for s, e in fragments]
        return Quote(
            text=" ".join(text[s:e] for s, e in fragments),
            span=Span(spans[0].start, spans[-1].end),
            type=qtype,
            speaker=speaker,
            cue=cue,
            cue_span=cue_span,
            confidence=max(0.05, min(1.0, confidence)),
            fragments=spans,
        )
