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


def find_quoted(text: str) -> list[Marked]:
    found: list[Marked] = []
    n = len(text)
    open_double = -1          # offset of the pending opener, -1 when none
    open_single = -1
    carry: Marked | None = None   # a quote left open at the last paragraph end
    para_start = 0

    def emit(opener: int, closer: int, single: bool) -> None:
        nonlocal carry
        start, end = _trim(text, opener + 1, closer)
        if end <= start or closer - opener > MAX_FRAGMENT_CHARS:
            carry = None
            return
        if carry is not None:
            carry.fragments.append((start, end))
            carry.close_at = closer + 1
            found.append(carry)
            carry = None
        else:
            found.append(Marked([(start, end)], opener, closer + 1, single))

    if "''" in text or "``" in text:
        # Typewriter doubles (``…'' and ''…''): read them as one straight double mark each.
        text = _TYPEWRITER.sub(lambda m: ' "' if m.end() < len(text) and text[m.end()].isalnum() else '" ', text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            if open_double >= 0:
                # Open at paragraph end: it continues only if the next paragraph reopens.
                j = i
                while j < n and j - i < 40 and text[j].isspace():
                    j += 1
                if j < n and (text[j] in lx.DOUBLE_OPEN or text[j] == lx.STRAIGHT_DOUBLE) and j - i < 40:
                    start, end = _trim(text, open_double + 1, i)
                    if end > start and i - open_double <= MAX_FRAGMENT_CHARS:
                        if carry is None:
                            carry = Marked([], open_double, i, False)
                        carry.fragments.append((start, end))
                    open_double = j
                    open_single = -1
                    i = j + 1
                    continue
                carry = None
            open_double = -1
            open_single = -1
            para_start = i + 1
            i += 1
            continue
        if ch in lx.DOUBLE_OPEN:
            open_double = i
            open_single = -1
        elif ch in lx.DOUBLE_CLOSE:
            if open_double >= 0:
                emit(open_double, i, False)
                open_double = -1
            elif _opens(text, i) or i == para_start:
                # A closing mark typed where an opening one belongs (”Fear. I am …”).
                open_double = i
                open_single = -1
        elif ch == lx.STRAIGHT_DOUBLE:
            if open_double < 0:
                if _opens(text, i) or i == para_start:
                    open_double = i
                    open_single = -1
            elif _closes(text, i) or not _opens(text, i):
                emit(open_double, i, False)
                open_double = -1
            else:
                open_double = i  # the earlier opener was never closed
        elif open_double < 0:
            if ch in lx.SINGLE_OPEN:
                open_single = i
            elif ch == lx.SINGLE_CLOSE or ch == lx.STRAIGHT_SINGLE:
                after = text[i + 1] if i + 1 < n else " "
                if open_single >= 0 and not _is_word(after) and i > open_single + 1:
                    emit(open_single, i, True)
                    open_single = -1
                elif ch == lx.STRAIGHT_SINGLE and open_single < 0 and _opens(text, i) and _is_word(after):
                    open_single = i
        i += 1
    return found
