"""Parsing text with bounded cost: guarded tokenization and parsing in chunks.

spaCy's tokenizer peels prefixes and suffixes off a whitespace-free run one
character at a time, which costs quadratic time on a long run of punctuation
(100,000 quote marks take minutes). Runs longer than ``MAX_RUN`` characters are
cut into fixed pieces instead; nothing in such a run can hold or attribute a
quote. Long texts are parsed in chunks at paragraph (else space) boundaries so
that a caller who gave up is noticed between chunks, and the chunks are joined
back into one Doc whose text is the original, character for character.
"""
from __future__ import annotations

import re
from typing import Callable

from spacy.tokens import Doc

MAX_RUN = 200            # characters in one whitespace-free run before it is cut
PIECE = 50               # size of the pieces a long run is cut into
CHUNK = 20_000           # characters parsed at a time for long texts
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))


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


def parse(nlp, text: str, should_stop: Callable[[], bool] | None = None, on_stop: Callable[[], None] | None = None) -> Doc:
    if len(text) <= CHUNK:
        return nlp(text)
    docs = []
    for chunk in split_chunks(text):
        if should_stop is not None and should_stop() and on_stop is not None:
            on_stop()
        docs.append(nlp(chunk))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    return doc
