"""How much work a worker takes on: how many QuoteService calls it admits, and how many documents
it parses at once.

``Admission``: with ``limit`` QuoteService calls already in progress, a new one gets
RESOURCE_EXHAUSTED at once, never a queue that grows. The cap is here rather than only in gRPC's
``maximum_concurrent_rpcs`` (which counts every call, health checks included, and answers before
any interceptor sees the call) so that health checks are not counted against it nor queued behind
extractions, and so that shed calls are logged and counted like any other end (``observe.py``
admits a call inside its record). gRPC's own cap stays, set well above, as a backstop: past it,
calls of any kind are refused before they reach the interceptors and are not counted.

``ExtractionSlots``: spaCy is CPU-bound and holds the GIL for much of a parse: running several in
one process mostly makes each slower. Admitted calls beyond the slots wait here (not in a thread
spaCy shares), and give up as soon as their deadline passes.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Callable, Iterator

import grpc

from quotes_service.extract.extractor import Cancelled

POLL_SECONDS = 0.05


class Admission:
    """Counts QuoteService calls in progress; refuses one beyond ``limit``."""

    def __init__(self, limit: int):
        self.limit = limit
        self._count = 0
        self._lock = threading.Lock()

    def enter(self) -> bool:
        with self._lock:
            if self._count >= self.limit:
                return False
            self._count += 1
            return True

    def leave(self) -> None:
        with self._lock:
            self._count -= 1

    @contextmanager
    def admitted(self, context: grpc.ServicerContext) -> Iterator[None]:
        """The call runs inside, holding its place; beyond the limit it ends RESOURCE_EXHAUSTED."""
        if not self.enter():
            context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED,
                          f"server busy: {self.limit} calls in progress on this worker; retry later")
        try:
            yield
        finally:
            self.leave()


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
