"""A one-line progress bar on stderr, shown only where someone watches it and it cannot garble output."""
from __future__ import annotations

import sys
import time
from typing import TextIO

MIN_DOCUMENTS = 5
REDRAW_SECONDS = 0.1
WIDTH = 30


def wanted(total: int | None, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> bool:
    """Many documents, stderr a terminal, and stdout not the same terminal."""
    return (total is None or total >= MIN_DOCUMENTS) and stderr.isatty() and not stdout.isatty()


class Progress:
    def __init__(self, total: int | None, enabled: bool, stream: TextIO = sys.stderr):
        self.total = total
        self.enabled = enabled
        self.stream = stream
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.enabled and (now - self._drawn >= REDRAW_SECONDS or self.done == self.total):
            self._drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-6)
        if self.total:
            filled = int(WIDTH * self.done / self.total)
            bar = f"[{'#' * filled}{'.' * (WIDTH - filled)}] {self.done}/{self.total}"
        else:
            bar = f"{self.done} documents"
        self.stream.write(f"\r{bar}  {rate:.1f} docs/s ")
        self.stream.flush()

    def note(self, line: str) -> None:
        """A line on the stream (a failed document), above the bar, which the next advance redraws."""
        if self.enabled and self._drawn:
            self.stream.write("\r\033[K")
            self._drawn = 0.0
        self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
