"""What a finished QuoteService call leaves behind: one ``call`` log line (request id, method,
status code, milliseconds, peer; a stream's count of responses) and its metrics (calls by method
and code, latency, calls in flight: ``metrics.py``).

Every call is recorded, however it ends: answered, refused (INVALID_ARGUMENT, a shed call's
RESOURCE_EXHAUSTED, UNAUTHENTICATED), failed, or abandoned. A call that ended before an answer
with no status of its own is logged as what its caller saw: DEADLINE_EXCEEDED when its deadline
passed, else CANCELLED (the caller left).
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

import grpc

from quotes_service.server import logs

if TYPE_CHECKING:
    from quotes_service.server.metrics import Metrics


def final_code(context: grpc.ServicerContext) -> grpc.StatusCode:
    """The status the caller sees, once the call is over."""
    code = context.code() or grpc.StatusCode.OK
    if code == grpc.StatusCode.OK and context.time_remaining() <= 0:
        return grpc.StatusCode.DEADLINE_EXCEEDED    # an OK now reaches nobody: the caller has given up
    if code == grpc.StatusCode.OK and not context.is_active():
        return grpc.StatusCode.CANCELLED            # the call ended before an answer: the caller left
    return code


@contextmanager
def recorded(context: grpc.ServicerContext, request_id: str, method: str, metrics: "Metrics | None",
             fields: dict) -> Iterator[None]:
    """Counts the call in flight while it runs, then logs and counts how it ended. ``fields`` go
    into the log line as they are when the call ends (a stream's ``responses``)."""
    if metrics is not None:
        metrics.in_flight.labels(method).inc()
    started = time.perf_counter()
    try:
        yield
    finally:
        code = final_code(context)
        seconds = time.perf_counter() - started
        if metrics is not None:
            metrics.in_flight.labels(method).dec()
            metrics.finished(method, code.name, seconds)
        logs.event("call", request_id=request_id, method=method, code=code.name,
                   ms=round(seconds * 1000, 1), peer=context.peer(), **fields)
