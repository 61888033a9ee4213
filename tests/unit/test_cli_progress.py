"""The progress bar of `quotes extract`: shown only on a watched stderr, never over the output."""
from __future__ import annotations

import io

import pytest

from quotes.cli.progress import Progress, wanted


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("total,stdout,stderr,shown", [
    (100, io.StringIO(), Terminal(), True),     # output to a file, stderr on a terminal
    (None, io.StringIO(), Terminal(), True),    # unknown count (JSON lines on stdin)
    (2, io.StringIO(), Terminal(), False),      # too few documents to bother
    (100, Terminal(), Terminal(), False),       # output on the terminal: a bar would garble it
    (100, io.StringIO(), io.StringIO(), False), # nobody watching
])
def test_when_the_bar_is_shown(total, stdout, stderr, shown):
    assert wanted(total, stdout, stderr) is shown


def test_bar_counts_and_clears():
    stream = Terminal()
    bar = Progress(10, enabled=True, stream=stream)
    for _ in range(10):
        bar.advance()
    assert "10/10" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r\033[K")


def test_disabled_bar_writes_nothing():
    stream = Terminal()
    bar = Progress(10, enabled=False, stream=stream)
    bar.advance(10)
    bar.close()
    assert stream.getvalue() == ""


def test_a_note_clears_the_bar_and_the_next_advance_redraws_it():
    stream = Terminal()
    bar = Progress(10, enabled=True, stream=stream)
    bar.advance()
    bar.note("quotes: doc-2: text is empty or only whitespace")
    assert stream.getvalue().endswith("\r\033[Kquotes: doc-2: text is empty or only whitespace\n")
    bar.advance()
    assert stream.getvalue().rsplit("\n", 1)[1].startswith("\r[######")


def test_a_note_without_a_bar_is_just_the_line():
    stream = io.StringIO()
    Progress(10, enabled=False, stream=stream).note("quotes: x: failed")
    assert stream.getvalue() == "quotes: x: failed\n"
