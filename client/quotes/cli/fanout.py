"""``quotes extract --server TARGET --concurrency C``: C documents in flight, each a unary call on a
client of its own, outcomes in input order (``quotes.cli.ordered``).

One stream would pin the whole batch to one connection, so to one worker of one replica. Here
each of the C calls in flight holds one of C ``QuoteClient``s, each with a channel (and
connections) of its own: round robin over the addresses of a ``dns:`` name, a proxy in front of
replicas, and SO_REUSEPORT in front of a server's workers all see C connections. A list of
addresses gets the channels dealt out evenly over its servers (``channel.spread_targets``), each
moving to the next server when its own is down.
Each call retries as ``QuoteClient.extract`` does (UNAVAILABLE, a server lost mid-call), and a
failure that is the document's (``outcomes.document_error``) becomes its outcome.
"""
from __future__ import annotations

import queue
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterable, Iterator

import grpc

from quotes import channel, errors
from quotes.cli.ordered import in_order
from quotes.cli.outcomes import Outcome, document_error

PER_ADDRESS = 2        # default calls in flight per server address: one parsing, one on its way
WINDOW_PER_CALL = 4    # results held for output order, per call in flight, behind a slow document


def default_concurrency(target: str) -> int:
    return PER_ADDRESS * channel.address_count(target)


class FanOut:
    """The backend of ``quotes extract --server``. ``make_client(target, load_balancing)`` makes
    one QuoteClient, called for each of ``channel.spread_targets(target, concurrency)``;
    ``timeout`` is the deadline of the whole run in seconds (None: none)."""

    def __init__(self, make_client: Callable[[str, str], object], target: str, concurrency: int,
                 timeout: float | None = None):
        self.concurrency = concurrency
        self._deadline = None if timeout is None else time.monotonic() + timeout
        self._clients: queue.SimpleQueue = queue.SimpleQueue()
        self._all = []
        for slot_target, load_balancing in channel.spread_targets(target, concurrency):
            client = make_client(slot_target, load_balancing)
            self._all.append(client)
            self._clients.put(client)
        self._executor = ThreadPoolExecutor(concurrency, thread_name_prefix="quotes-fanout")

    def _remaining(self) -> float | None:
        return None if self._deadline is None else self._deadline - time.monotonic()

    def _extract(self, doc: tuple[str, str]) -> Outcome:
        document_id, text = doc
        client = self._clients.get()
        try:
            remaining = self._remaining()
            if remaining is not None and remaining <= 0:
                raise errors.DeadlineExceeded(grpc.StatusCode.DEADLINE_EXCEEDED,
                                              "the run's --timeout passed")
            return Outcome(document_id, text, response=client.extract_message(text, document_id, timeout=remaining))
        except errors.QuotesError as exc:
            remaining = self._remaining()
            failed = document_error(exc, run_deadline_passed=remaining is not None and remaining <= 0)
            if failed is None:
                raise
            return Outcome(document_id, text, error=failed)
        finally:
            self._clients.put(client)

    def outcomes(self, docs: Iterable[tuple[str, str]]) -> Iterator[Outcome]:
        return in_order(lambda doc: self._executor.submit(self._extract, doc), docs,
                        self.concurrency * WINDOW_PER_CALL)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        for client in self._all:
            client.close()   # ends calls still in flight, so a stopped run does not wait for them
