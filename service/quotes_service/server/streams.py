"""A stream's pace: one that sends no message for ``--max-call-seconds`` ends DEADLINE_EXCEEDED
(the servicer's limit between the messages of a stream, as it has one per document)."""
from __future__ import annotations

import queue
import threading
import time
from typing import Iterable, Iterator

import grpc

_END = object()

# How long a stream whose requests ended waits for a cancellation to show (below).
SETTLE_SECONDS = 0.05


class _ReadFailed:
    def __init__(self, error: BaseException):
        self.error = error


def settled(requests: Iterable, context: grpc.ServicerContext, grace: float = SETTLE_SECONDS) -> Iterator:
    """``requests``; once they end, up to ``grace`` seconds for the call to show it was cancelled.

    gRPC's request iterator ends the same way when the client half-closes and when the call is
    cancelled or its deadline passes: the message it waited for comes back empty, and the call is
    marked cancelled by a second event a moment later. A handler that returned at once would
    answer a cancelled call and log it as OK. A genuine half-close costs ``grace`` once, at the
    stream's end; a cancellation ends the wait as soon as it shows.
    """
    ended = threading.Event()
    if not context.add_callback(ended.set):
        return                                  # the call is over already
    yield from requests
    ended.wait(grace)


def paced(requests: Iterable, context: grpc.ServicerContext, idle_seconds: float) -> Iterator:
    """``requests``, but a stream that sends no message for ``idle_seconds`` ends DEADLINE_EXCEEDED.

    A stream holds an admission slot and a handler thread for its whole life, so without this a
    caller with no deadline could hold every slot with streams that never send. gRPC's request
    iterator cannot be waited on with a timeout: a reader thread of the stream's own moves the
    requests through a one-place queue (one message read ahead, no more) and ends when the call does.
    """
    box: queue.Queue = queue.Queue(maxsize=1)

    def put(item) -> None:
        while context.is_active():
            try:
                box.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    def read() -> None:
        try:
            for request in requests:
                put(request)
            put(_END)
        except BaseException as exc:   # the call ended (cancelled, deadline, drain), or a bad message
            put(_ReadFailed(exc))

    threading.Thread(target=read, name="quotes-stream-reader", daemon=True).start()
    while True:
        give_up_at = time.monotonic() + idle_seconds
        item = None
        while item is None:
            if not context.is_active():
                return                    # the call ended while waiting: nobody to answer
            left = give_up_at - time.monotonic()
            if left <= 0:
                context.abort(grpc.StatusCode.DEADLINE_EXCEEDED,
                              f"no request for {idle_seconds:g} s: the server's limit between the messages of a "
                              "stream (--max-call-seconds); close the stream when done")
            try:
                item = box.get(timeout=min(left, 0.5))
            except queue.Empty:
                pass
        if item is _END:
            return
        if isinstance(item, _ReadFailed):
            raise item.error
        yield item
