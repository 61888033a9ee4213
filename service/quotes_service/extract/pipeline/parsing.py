"""Parsing text with bounded cost: guarded tokenization and parsing in pieces.

spaCy's tokenizer peels prefixes and suffixes off a whitespace-free run one
character at a time, which costs time quadratic in the run's length (100,000
quote marks take minutes; runs of 200 marks cost 2.7 s per 100,000 characters,
runs of 64 under 1 s). Runs longer than ``MAX_RUN`` characters are cut into
fixed pieces instead; nothing in such a run can hold or attribute a quote (in
the annotated news the runs that long are URLs and stray HTML).

The pipeline's cost is per token, and a text can hold a token per character, so
a long text is parsed in pieces, and the caller's ``should_stop`` is asked
before every component of every piece: a caller who gave up stops the work
within one component's run over one piece (a few tenths of a second here).
The text is tokenized ``CHUNK`` characters at a time (cut at paragraph, else
space, boundaries), each chunk runs through the pipeline ``CHUNK_TOKENS`` tokens
at a time, and the pieces are joined back into one Doc whose text is the
original, character for character. A text of at most ``CHUNK`` characters and
``CHUNK_TOKENS`` tokens (every article in the annotated news but one) is parsed
whole, exactly as ``nlp(text)`` would.
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

from spacy.attrs import IDX
from spacy.tokens import Doc

MAX_RUN = 64             # characters in one whitespace-free run before it is cut
PIECE = 50               # size of the pieces a long run is cut into
CHUNK = 20_000           # characters tokenized at a time for long texts
CHUNK_TOKENS = 4_000     # tokens run through the pipeline at a time
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))

Step = Callable[[Doc], Doc]

# Spaces other than " " (no-break, thin, narrow no-break, ideographic ...): the model's tokenizer
# splits words on " " only, so "Stu\u00a0Burguiere" became a name, a space token and another word,
# and the name was lost (1,479 of them in 243 of the 840 annotated train articles). Each is one
# code point, so writing " " in its place keeps every offset into the caller's text.
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


# A typographic apostrophe inside a word ("O’Neill", "don’t", "Trump’s"): the model
# learnt words with "'", and reads "O’Neill" as one unknown adverb. One code point for one.
_WORD_APOSTROPHE = re.compile("(?<=[^\\W\\d_])’(?=[^\\W\\d_])")


def plain_spaces(text: str) -> str:
    """``text`` with every other space character written as " " and apostrophes inside words as
    "'", offsets unchanged (what the model reads; records still slice the caller's text)."""
    if _ODD_SPACES.search(text):
        text = _ODD_SPACES.sub(" ", text)
    return _WORD_APOSTROPHE.sub("'", text) if "’" in text else text


class GuardedTokenizer:
    """Wraps a spaCy tokenizer; text without long runs goes straight through."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        runs = list(_LONG_RUN.finditer(text))
        if not runs:
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for run in runs:
            self._tokenize_into(text[pos:run.start()], words, spaces)
            for i in range(run.start(), run.end(), PIECE):
                words.append(text[i:min(i + PIECE, run.end())])
                spaces.append(False)
            pos = run.end()
        self._tokenize_into(text[pos:], words, spaces)
        # A single space after a piece belongs to it, as spaCy would have it.
        merged_words: list[str] = []
        merged_spaces: list[bool] = []
        for w, s in zip(words, spaces):
            if w == " " and merged_words and not merged_spaces[-1] and not merged_words[-1].isspace():
                merged_spaces[-1] = True
                continue
            merged_words.append(w)
            merged_spaces.append(s)
        return Doc(self.vocab, words=merged_words, spaces=merged_spaces)

    def _tokenize_into(self, segment: str, words: list[str], spaces: list[bool]) -> None:
        if not segment:
            return
        for tok in self.tokenizer(segment):
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))

    # spaCy calls these when it pickles or serialises the pipeline.
    def to_bytes(self, **kwargs):
        return self.tokenizer.to_bytes(**kwargs)

    def from_bytes(self, data, **kwargs):
        self.tokenizer.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path, **kwargs):
        self.tokenizer.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs):
        self.tokenizer.from_disk(path, **kwargs)
        return self


# Dashes spaCy's English tokenizer leaves glued to a word ("”―"): caption attributions
# ('"…" ― Name') need them as tokens of their own.
EXTRA_DASHES = ("\u2015", "\u2012")


def split_dashes(tokenizer) -> None:
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = tokenizer.vocab.lang_cls.Defaults if hasattr(tokenizer.vocab, "lang_cls") else None
    if defaults is None:
        from spacy.lang.en import English

        defaults = English.Defaults
    dashes = [re.escape(d) for d in EXTRA_DASHES]
    tokenizer.prefix_search = compile_prefix_regex(list(defaults.prefixes) + dashes).search
    tokenizer.suffix_search = compile_suffix_regex(list(defaults.suffixes) + dashes).search
    tokenizer.infix_finditer = compile_infix_regex(list(defaults.infixes) + dashes).finditer


def guard(nlp) -> None:
    if not isinstance(nlp.tokenizer, GuardedTokenizer):
        split_dashes(nlp.tokenizer)
        nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)


def split_chunks(text: str, size: int = CHUNK) -> list[str]:
    """Consecutive pieces of ``text`` of about ``size`` characters, cut after a newline if
    there is one in the second half of the window, else after a space, else anywhere."""
    chunks = []
    pos = 0
    n = len(text)
    while n - pos > size:
        window_end = pos + size
        cut = text.rfind("\n", pos + size // 2, window_end)
        if cut < 0:
            cut = text.rfind(" ", pos + size // 2, window_end)
        cut = window_end if cut < 0 else cut + 1
        chunks.append(text[pos:cut])
        pos = cut
    chunks.append(text[pos:])
    return chunks


def token_pieces(doc: Doc, size: int = CHUNK_TOKENS) -> list[tuple[int, int]]:
    """Token ranges of at most ``size`` tokens covering ``doc``, cut after a token followed by a
    newline if there is one in the second half of the window, else after one followed by a space."""
    n = len(doc)
    if n <= size:
        return [(0, n)]
    text = doc.text
    starts = doc.to_array([IDX]).reshape(-1).tolist() + [len(text)]
    pieces = []
    pos = 0
    while n - pos > size:
        cut = -1
        for wanted in ("\n", " "):
            for j in range(pos + size - 1, pos + size // 2 - 1, -1):
                # Token j with what follows it up to the next token (words hold no whitespace).
                if wanted in text[starts[j]:starts[j + 1]]:
                    cut = j + 1
                    break
            if cut > 0:
                break
        cut = pos + size if cut < 0 else cut
        pieces.append((pos, cut))
        pos = cut
    pieces.append((pos, n))
    return pieces


def parse(tokenizer: Callable[[str], Doc], steps: Sequence[Step], text: str,
          should_stop: Callable[[], bool] | None = None, on_stop: Callable[[], None] | None = None) -> Doc:
    """``text`` tokenized and run through ``steps`` (the pipeline's components, in order), in
    pieces, asking ``should_stop`` before each step; ``on_stop`` (which should raise) when it says so."""

    def check() -> None:
        if should_stop is not None and on_stop is not None and should_stop():
            on_stop()

    done: list[Doc] = []
    for chunk in split_chunks(text):
        check()
        doc = tokenizer(chunk)
        for start, end in token_pieces(doc):
            piece = doc if (start, end) == (0, len(doc)) else doc[start:end].as_doc()
            for step in steps:
                check()
                piece = step(piece)
            done.append(piece)
    if len(done) == 1:
        return done[0]
    return Doc.from_docs(done, ensure_whitespace=False)
