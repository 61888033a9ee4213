"""Find the spans of text between quote marks.

One pass over the characters, so time is linear in the text whatever the marks
do. Double quotes (straight and curly) are primary; single quotes count as
primary only outside a double quote (headlines, British style) and only where
they cannot be apostrophes. A quote left open at the end of a paragraph
continues when the next paragraph reopens the mark (the news convention for a
quote running over several paragraphs); otherwise it is dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from quotes_service.extract import lexicon as lx

_TYPEWRITER = re.compile(r"``|''")

# A quote longer than this inside one paragraph is almost surely a mispairing.
MAX_FRAGMENT_CHARS = 5000


@dataclass
class Marked:
    """A quoted passage: its fragments (content offsets, marks excluded)."""

    fragments: list[tuple[int, int]] = field(default_factory=list)
    open_at: int = 0           #: offset of the opening mark
    close_at: int = 0          #: offset just after the closing mark
    single: bool = False       #: delimited by single quote marks

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _opens(text: str, i: int) -> bool:
    """A straight mark at i reads as an opener: nothing word-like before, something after."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{\u2014\u2013-/:;,") and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not _is_word(after)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Content without surrounding spaces, and without the comma that hands over to the attribution."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


# The characters the scan acts on; everything between them is skipped over.
_ACTS_ON = re.compile("[\n" + re.escape("".join(sorted(lx.ALL_MARKS))) + "]")
REOPEN_REACH = 40   # characters after a paragraph end in which a continued quote reopens


def find_quoted(text: str) -> list[Marked]:
    """Every quoted passage of ``text``, in order (see the module docstring)."""
    written = text
    if "''" in text or "``" in text:
        # Typewriter doubles (``…'' and ''…''): read them as one straight double mark each; the
        # passage's marks are then the two characters of each double, as the tokenizer reads them.
        text = _TYPEWRITER.sub(lambda m: ' "' if m.end() < len(text) and text[m.end()].isalnum() else '" ', text)
    found = _Scan(text).run()
    if text is not written:
        for m in found:
            if m.open_at > 0 and written[m.open_at - 1:m.open_at + 1] in ("''", "``"):
                m.open_at -= 1
            if written[m.close_at - 1:m.close_at + 1] == "''":
                m.close_at += 1
    return found


class _Scan:
    """One pass over the marks and newlines of a text, pairing openers with closers."""

    def __init__(self, text: str):
        self.text = text
        self.found: list[Marked] = []
        self.open_double = -1          # offset of the pending opener, -1 when none
        self.open_single = -1
        self.carry: Marked | None = None   # a quote left open at the last paragraph end
        self.para_start = 0

    def run(self) -> list[Marked]:
        resume = 0
        for mark in _ACTS_ON.finditer(self.text):
            if mark.start() >= resume:
                resume = self._step(mark.start())
        return self.found

    def _step(self, i: int) -> int:
        """Acts on the character at ``i``; returns where the scan goes on."""
        ch = self.text[i]
        if ch == "\n":
            return self._paragraph_end(i)
        if ch in lx.DOUBLE_OPEN:
            self.open_double, self.open_single = i, -1
        elif ch in lx.DOUBLE_CLOSE:
            if self.open_double >= 0:
                self._emit(self.open_double, i, False)
                self.open_double = -1
            elif _opens(self.text, i) or i == self.para_start:
                # A closing mark typed where an opening one belongs (”Fear. I am …”).
                self.open_double, self.open_single = i, -1
        elif ch == lx.STRAIGHT_DOUBLE:
            self._straight_double(i)
        elif self.open_double < 0:
            self._single(i, ch)
        return i + 1

    def _straight_double(self, i: int) -> None:
        text = self.text
        if self.open_double < 0:
            if _opens(text, i) or i == self.para_start:
                self.open_double, self.open_single = i, -1
        elif _closes(text, i) or not _opens(text, i):
            self._emit(self.open_double, i, False)
            self.open_double = -1
        else:
            self.open_double = i  # the earlier opener was never closed

    def _single(self, i: int, ch: str) -> None:
        """Single marks count only outside a double quote, and only where they cannot be apostrophes."""
        text = self.text
        if ch in lx.SINGLE_OPEN:
            self.open_single = i
        elif ch == lx.SINGLE_CLOSE or ch == lx.STRAIGHT_SINGLE:
            after = text[i + 1] if i + 1 < len(text) else " "
            if self.open_single >= 0 and not _is_word(after) and i > self.open_single + 1:
                self._emit(self.open_single, i, True)
                self.open_single = -1
            elif ch == lx.STRAIGHT_SINGLE and self.open_single < 0 and _opens(text, i) and _is_word(after):
                self.open_single = i

    def _paragraph_end(self, i: int) -> int:
        """A quote open at a paragraph's end continues only if the next paragraph reopens it."""
        text, n = self.text, len(self.text)
        if self.open_double >= 0:
            j = i
            while j < n and j - i < REOPEN_REACH and text[j].isspace():
                j += 1
            if j < n and (text[j] in lx.DOUBLE_OPEN or text[j] == lx.STRAIGHT_DOUBLE) and j - i < REOPEN_REACH:
                start, end = _trim(text, self.open_double + 1, i)
                if end > start and i - self.open_double <= MAX_FRAGMENT_CHARS:
                    if self.carry is None:
                        self.carry = Marked([], self.open_double, i, False)
                    self.carry.fragments.append((start, end))
                self.open_double, self.open_single = j, -1
                return j + 1
            self.carry = None
        self.open_double, self.open_single = -1, -1
        self.para_start = i + 1
        return i + 1

    def _emit(self, opener: int, closer: int, single: bool) -> None:
        start, end = _trim(self.text, opener + 1, closer)
        if end <= start or closer - opener > MAX_FRAGMENT_CHARS:
            self.carry = None
            return
        if self.carry is not None:
            self.carry.fragments.append((start, end))
            self.carry.close_at = closer + 1
            self.found.append(self.carry)
            self.carry = None
        else:
            self.found.append(Marked([(start, end)], opener, closer + 1, single))
