"""Offsets and neighbourhoods over a parsed document, shared by the rules."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.attrs import IDX, LOWER, POS, SENT_START
from spacy.parts_of_speech import AUX, PROPN, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from quotes_service.extract.marks import Marked

SENTENCE_END = frozenset({".", "!", "?"})


def doc_column(doc: Doc, attr: int) -> list[int]:
    return doc.to_array(attr).tolist() if len(doc) else []


class DocIndex:
    def __init__(self, doc: Doc, marked: list[Marked], text: str | None = None):
        self.doc = doc
        # ``doc.text`` joins every token anew each time it is read: callers that hold the text pass it.
        self.text = doc.text if text is None else text
        # Read as arrays in one pass: making a Token object per word costs more than the rules.
        columns = doc.to_array([IDX, POS, LOWER, SENT_START]) if len(doc) else None
        self.starts: list[int] = columns[:, 0].tolist() if len(doc) else []
        pos = columns[:, 1].tolist() if len(doc) else []
        self._lower = columns[:, 2].tolist() if len(doc) else []
        #: Verbs and auxiliaries, in order: the only tokens that can be a reporting verb.
        self.verbs: list[Token] = [doc[i] for i, p in enumerate(pos) if p == VERB or p == AUX]
        #: Proper nouns, in order: where a name the entity recognizer missed can start.
        self.proper_nouns: list[Token] = [doc[i] for i, p in enumerate(pos) if p == PROPN]
        # Sentence of each token, as (first token, end token): Token.sent walks the document.
        sent_starts = columns[:, 3].tolist() if len(doc) else []
        self._sent_of: list[int] = []
        self._sent_bounds: list[tuple[int, int]] = []
        for i, flag in enumerate(sent_starts):
            # A sentence never runs over a line break: the parser sometimes carries one on from a
            # timestamp or a headline line ("12:30 p.m.\n\nThe vast majority of Americans say …").
            if i == 0 or flag == 1 or (not self.text[self.starts[i]].isspace()
                                       and "\n" in self.text[self.starts[i - 1]:self.starts[i]]):
                if self._sent_bounds:
                    self._sent_bounds[-1] = (self._sent_bounds[-1][0], i)
                self._sent_bounds.append((i, len(doc)))
            self._sent_of.append(len(self._sent_bounds) - 1)
        self.marked = marked
        self._positions: dict[int, list[int]] | None = None
        #: what several rules ask of the same document, worked out once (rules.clauses)
        self.memo: dict[str, object] = {}
        # Per token: index of the quoted passage it lies in (marks included), or -1.
        self.quote_of = [-1] * len(doc)
        for qi, m in enumerate(marked):
            # From the token holding the opening mark (a typewriter '' is one token that starts
            # a character before the mark it stands for) to the closing mark's token.
            for ti in range(max(0, self.last_before(m.open_at + 1)), self.first_at_or_after(m.close_at)):
                self.quote_of[ti] = qi

        # Prefix sums, so "how many tokens of [a, b) are quoted" costs O(1).
        self._quoted_before = [0] * (len(doc) + 1)
        for i, q in enumerate(self.quote_of):
            self._quoted_before[i + 1] = self._quoted_before[i] + (q >= 0)

    def indices_with(self, attr: int, value: str) -> list[int]:
        """Indices of the tokens whose ``attr`` (spacy.attrs: TAG, DEP, ...) is ``value``, read from
        one array (filed once per attribute): a loop over every token makes a Token object each."""
        key = ("indices", attr)
        column = self.memo.get(key)
        if column is None:
            column = self.memo[key] = doc_column(self.doc, attr)
        wanted = get_string_id(value)
        return [i for i, v in enumerate(column) if v == wanted]

    def sentence_number(self, token_index: int) -> int:
        """The number of the sentence token ``token_index`` is in (0 for the first)."""
        return self._sent_of[token_index]

    def sentence_bounds(self, number: int) -> tuple[int, int]:
        """Sentence ``number`` as (first token index, end token index)."""
        return self._sent_bounds[number]

    def sentence_count(self) -> int:
        return len(self._sent_bounds)

    def sentence(self, tok: Token) -> tuple[int, int]:
        """The token's sentence as (first token index, end token index): what ``tok.sent`` gives."""
        return self._sent_bounds[self._sent_of[tok.i]]

    def tokens_written(self, lower: str) -> list[Token]:
        """Every token whose lower-cased text is ``lower`` (the positions of every word are
        filed once, on the first question, so asking about many words stays linear)."""
        if self._positions is None:
            self._positions = {}
            for i, k in enumerate(self._lower):
                self._positions.setdefault(k, []).append(i)
        return [self.doc[i] for i in self._positions.get(get_string_id(lower), ())]

    def quoted_count(self, start: int, end: int) -> int:
        return self._quoted_before[end] - self._quoted_before[start]

    def first_at_or_after(self, char: int) -> int:
        """Index of the first token starting at or after ``char`` (len(doc) if none)."""
        return bisect_left(self.starts, char)

    def last_before(self, char: int) -> int:
        """Index of the last token that starts before ``char`` (-1 if none)."""
        return bisect_right(self.starts, char - 1) - 1

    def in_quote(self, tok: Token) -> bool:
        return self.quote_of[tok.i] >= 0

    @staticmethod
    def breaks_paragraph(tok: Token) -> bool:
        return "\n" in tok.text or "\n" in tok.whitespace_

    def is_sentence_end(self, tok: Token) -> bool:
        return tok.text in SENTENCE_END or self.breaks_paragraph(tok)

    def at_sentence_start(self, char: int) -> bool:
        """Nothing but spaces since a sentence end, a paragraph break or another quote."""
        j = char - 1
        text = self.text
        while j >= 0 and text[j] in " \t'`\u00a0":
            j -= 1
        return j < 0 or text[j] in ".!?\n\"\u201d\u2019:"
