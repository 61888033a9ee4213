"""Work in flight on a pool, results in input order: the one ordering rule of ``quotes.cli.pool``
(processes) and ``quotes.cli.fanout`` (threads calling servers)."""
from __future__ import annotations

from collections import deque
from concurrent.futures import Future
from typing import Callable, Iterable, Iterator, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_order(submit: Callable[[Item], "Future[Result]"], items: Iterable[Item], window: int) -> Iterator[Result]:
    """``submit`` each item, keeping at most ``window`` submitted and not yet yielded, and yield
    their results in the order of ``items``. The window bounds memory for a corpus of any size
    and lets later items finish while an earlier slow one holds the head.

    An error from ``items`` itself (a bad input line) is raised after the results of the items
    before it, as a sequential run would; an error from a result is raised in its turn. Items
    not yet yielded when the caller stops are cancelled where they have not started."""
    pending: deque[Future] = deque()
    source = iter(items)
    failure: Exception | None = None
    try:
        while True:
            try:
                item = next(source)
            except StopIteration:
                break
            except Exception as exc:  # noqa: BLE001 - raised below, after the results due before it
                failure = exc
                break
            pending.append(submit(item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
    if failure is not None:
        raise failure
