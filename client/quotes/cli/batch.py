"""One batch of ``quotes extract``: documents through a backend, each outcome written in input order.

A document that fails for a reason of its own (``quotes.cli.outcomes``) is written in its place
as an error record, reported on stderr in one line, and passed over; with ``fail_fast`` it ends
the run instead (exit 1, as before batches went on). Documents an earlier run already wrote
(``quotes.cli.resume``) are counted and skipped. The tally gives the summary line and the exit code.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from quotes.cli.commands import EXIT_INPUT, EXIT_OK, CommandError
from quotes.cli.formats import Writer
from quotes.cli.progress import Progress
from quotes.cli.resume import Done


@dataclass
class Tally:
    documents: int = 0
    extracted: int = 0
    failed: int = 0
    resumed: int = 0       #: already in the output file (and counted as extracted or failed)

    def summary(self, output: str | None = None) -> str:
        line = (f"{self.documents} document{'' if self.documents == 1 else 's'}, "
                f"{self.extracted} extracted, {self.failed} failed")
        if self.resumed:
            line += f" ({self.resumed} of them already in {output})"
        return line

    @property
    def exit_code(self) -> int:
        return EXIT_INPUT if self.failed else EXIT_OK


def label(document_id: str, number: int) -> str:
    """How a message names a document: its id, else its place in the input (1-based)."""
    return document_id or f"document {number}"


def run_batch(docs: Iterable[tuple[str, str]], backend, writer: Writer, bar: Progress, *,
              say: Callable[[str], None], done: Done | None = None, fail_fast: bool = False) -> Tally:
    """Every document of ``docs`` through ``backend.outcomes`` into ``writer``. Raises CommandError
    for the first failed document when ``fail_fast``; errors that are not a document's propagate."""
    tally = Tally()
    numbers: deque[int] = deque()   # the input place of each document sent, for messages

    def to_extract() -> Iterator[tuple[str, str]]:
        for document_id, text in docs:
            tally.documents += 1
            earlier = done.take(document_id) if done is not None else None
            if earlier is None:
                numbers.append(tally.documents)
                yield document_id, text
                continue
            tally.resumed += 1
            tally.failed += earlier
            tally.extracted += not earlier
            bar.advance()

    for outcome in backend.outcomes(to_extract()):
        number = numbers.popleft()
        if outcome.error is not None:
            line = f"{label(outcome.document_id, number)}: {outcome.error.message}"
            if fail_fast:
                raise CommandError(line, EXIT_INPUT)
            tally.failed += 1
            say(line)
            writer.write_error(outcome.text, outcome.document_id, outcome.error)
        else:
            tally.extracted += 1
            writer.write(outcome.text, outcome.response)
        bar.advance()
    return tally
