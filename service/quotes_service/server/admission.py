"""How many documents a worker parses at once, waited for with the caller's deadline in mind.

spaCy is CPU-bound and holds the GIL for much of a parse: running several in one
process mostly makes each slower. Calls beyond the slots wait here (not in a
thread spaCy shares), and give up as soon as their deadline passes.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Callable, Iterator

from quotes_service.extract.extractor import Cancelled

POLL_SECONDS = 0.05


class ExtractionSlots:
    def __init__(self, count: int):
        self._semaphore = threading.BoundedSemaphore(count)

    @contextmanager
    def hold(self, should_stop: Callable[[], bool]) -> Iterator[None]:
        while not self._semaphore.acquire(timeout=POLL_SECONDS):
            if should_stop():
                raise Cancelled()
        try:
            yield
        finally:
            self._semaphore.release()
