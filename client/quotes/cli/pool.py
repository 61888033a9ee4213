"""``quotes extract --workers N``: N processes, each loading the model once, documents handed out
in chunks, outcomes in input order (``quotes.cli.ordered``).

Each worker is a ``LocalExtractor`` (``quotes.cli.local``), so its responses are the bytes a
single process gives. Workers are spawned (fresh interpreters): each imports spaCy and loads the
model in parallel, and the parent never imports either. Measured against forking after the
parent had imported the extraction code: the fork start took 4.8-5.7 s to the first results and
spawn 3.7-4.0 s (docs/batch.md). A worker ignores Ctrl-C (the parent stops the pool) and exits
when its parent is gone, even one killed with SIGKILL, so no orphan keeps parsing.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from quotes.cli import local
from quotes.cli.ordered import in_order
from quotes.cli.outcomes import DocumentError, Outcome
from quotes.v1 import quotes_pb2 as pb

# A chunk ends at this many documents or characters, whichever comes first: big enough that
# handing out costs nothing next to parsing (an article takes ~0.1 s), small enough that the
# last chunks keep every worker busy to the end.
CHUNK_DOCUMENTS = 8
CHUNK_CHARACTERS = 8_000
# Chunks in flight per worker: handed out ahead, so a worker never waits for its next chunk, and
# enough of them that the results held for output order behind one slow chunk (a long article)
# do not fill the window and leave the other workers idle (2 cost 2 workers a tenth of their rate).
CHUNKS_PER_WORKER = 8
PARENT_CHECK_SECONDS = 0.5
START_METHOD = "spawn"         # measured against fork: docs/batch.md

Chunk = list[tuple[str, str]]
# What a worker sends back per document: the serialized response, or (code, message).
Answer = tuple[bytes | None, tuple[str, str] | None]

_extractor: local.LocalExtractor | None = None


class WorkerFailed(Exception):
    """A worker process could not start (the model did not load) or died (killed, out of memory)."""


def chunks(docs: Iterable[tuple[str, str]]) -> Iterator[Chunk]:
    chunk: Chunk = []
    size = 0
    for doc in docs:
        chunk.append(doc)
        size += len(doc[1])
        if len(chunk) >= CHUNK_DOCUMENTS or size >= CHUNK_CHARACTERS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _start_worker(parent: int, max_text_length: int | None) -> None:
    global _extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.dup2(2, 1)   # stdout is the parent's output: anything a library prints here goes to stderr
    threading.Thread(target=_watch_parent, args=(parent,), name="quotes-parent-watch", daemon=True).start()
    _extractor = local.LocalExtractor(max_text_length)


def _extract_chunk(chunk: Chunk) -> list[Answer]:
    assert _extractor is not None
    answers: list[Answer] = []
    for document_id, text in chunk:
        try:
            answers.append((_extractor.extract_message(document_id, text).SerializeToString(), None))
        except DocumentError as failed:
            answers.append((None, (failed.code, failed.message)))
    return answers


class ProcessPool:
    """The backend of ``quotes extract --workers N`` (N >= 2)."""

    def __init__(self, workers: int, max_text_length: int | None = None):
        local.check_setup()
        self.workers = workers
        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context(START_METHOD),
            initializer=_start_worker, initargs=(os.getpid(), max_text_length))

    def _submit(self, chunk: Chunk) -> "_Tagged":
        return _Tagged(self._executor.submit(_extract_chunk, chunk), chunk)

    def outcomes(self, docs: Iterable[tuple[str, str]]) -> Iterator[Outcome]:
        try:
            for chunk, answers in in_order(self._submit, chunks(docs), self.workers * CHUNKS_PER_WORKER):
                for (document_id, text), (data, error) in zip(chunk, answers):
                    if error is not None:
                        yield Outcome(document_id, text, error=DocumentError(*error))
                    else:
                        yield Outcome(document_id, text, response=pb.ExtractQuotesResponse.FromString(data))
        except BrokenProcessPool as exc:
            raise WorkerFailed(f"a worker process died or could not start ({exc})") from None

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


class _Tagged:
    """A chunk's future whose result is (chunk, answers), so the ordering keeps the texts beside them."""

    def __init__(self, future, chunk: Chunk):
        self._future = future
        self._chunk = chunk

    def result(self):
        return self._chunk, self._future.result()

    def cancel(self) -> bool:
        return self._future.cancel()
