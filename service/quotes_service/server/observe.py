"""What happens around every QuoteService call, whatever the method:

* ``x-served-by: host:pid`` and ``x-request-id`` go out as initial metadata, so
  responses and errors alike say which replica answered;
* the call gets a request id (the caller's ``x-request-id``, or a new one) that
  the servicer's logs carry;
* one JSON log line per call with its status code and duration;
* an unexpected exception is logged with its traceback and the caller gets
  INTERNAL naming the request id: never UNKNOWN, never a Python traceback;
* admission: with ``max_in_flight`` QuoteService calls already in progress, a new
  one gets RESOURCE_EXHAUSTED at once. The cap is here rather than only in gRPC's
  ``maximum_concurrent_rpcs`` (which counts every call, health checks included,
  and answers before any interceptor sees the call) so that health checks are not
  counted against it nor queued behind extractions, and shed calls show in the metrics
  (gRPC's own cap stays, set well above, as a backstop: past it, calls of any kind are
  refused before they reach this interceptor and are not counted);
* metrics (see ``metrics.py``): calls by method and code, latency, calls in flight.

Health and reflection are left alone (their non-blocking Watch must not be wrapped).
"""
from __future__ import annotations

import contextvars
import logging
import threading
import time
import uuid
from typing import TYPE_CHECKING

import grpc

from quotes_service.server import logs

if TYPE_CHECKING:
    from quotes_service.server.metrics import Metrics

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")


def current_request_id() -> str:
    return _request_id.get()


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


class CallObserver(grpc.ServerInterceptor):
    def __init__(self, served_by: str, service_name: str, metrics: "Metrics | None" = None,
                 max_in_flight: int | None = None):
        self._served_by = served_by
        self._prefix = f"/{service_name}/"
        self._metrics = metrics
        self._admission = Admission(max_in_flight) if max_in_flight else None

    def intercept_service(self, continuation, details: grpc.HandlerCallDetails):
        handler = continuation(details)
        if handler is None or not details.method.startswith(self._prefix):
            return handler
        method = details.method[len(self._prefix):]
        caller_id = dict(details.invocation_metadata or ()).get("x-request-id", "")
        if handler.unary_unary:
            return handler._replace(unary_unary=self._unary(handler.unary_unary, method, caller_id))
        if handler.stream_stream:
            return handler._replace(stream_stream=self._stream(handler.stream_stream, method, caller_id))
        return handler

    def _begin(self, context: grpc.ServicerContext, caller_id: str, method: str) -> tuple[str, contextvars.Token]:
        request_id = caller_id[:64] or uuid.uuid4().hex[:16]
        context.send_initial_metadata((("x-served-by", self._served_by), ("x-request-id", request_id)))
        if self._metrics is not None:
            self._metrics.in_flight.labels(method).inc()
        return request_id, _request_id.set(request_id)

    def _admit(self, context: grpc.ServicerContext) -> None:
        """Called inside the observed call, so a refusal is logged and counted like any other end."""
        if self._admission is not None and not self._admission.enter():
            context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED,
                          f"server busy: {self._admission.limit} calls in progress on this worker; retry later")

    def _end(self, context, request_id: str, method: str, started: float, token, admitted: bool, **fields) -> None:
        if admitted and self._admission is not None:
            self._admission.leave()
        self._log(context, request_id, method, started, **fields)
        _request_id.reset(token)

    def _unary(self, behavior, method: str, caller_id: str):
        def observed(request, context):
            request_id, token = self._begin(context, caller_id, method)
            started = time.perf_counter()
            admitted = False
            try:
                self._admit(context)
                admitted = True
                return behavior(request, context)
            except Exception:
                self._fail(context, request_id, method)
                raise
            finally:
                self._end(context, request_id, method, started, token, admitted)

        return observed

    def _stream(self, behavior, method: str, caller_id: str):
        def observed(requests, context):
            request_id, token = self._begin(context, caller_id, method)
            started = time.perf_counter()
            admitted = False
            sent = 0
            try:
                self._admit(context)
                admitted = True
                for response in behavior(requests, context):
                    sent += 1
                    yield response
            except Exception:
                if not context.is_active():
                    # The call is over: the caller cancelled or left, its deadline passed, or the
                    # drain's grace ran out, while the stream waited for a request. Nothing to answer.
                    return
                self._fail(context, request_id, method)
                raise
            finally:
                self._end(context, request_id, method, started, token, admitted, responses=sent)

        return observed

    @staticmethod
    def _fail(context: grpc.ServicerContext, request_id: str, method: str) -> None:
        """Called with an exception in flight: an abort passes through, anything else becomes INTERNAL."""
        if context.code() is not None or not context.is_active():  # aborted, or the call is already over
            return
        logs.event("unexpected_error", logging.ERROR, exc_info=True, request_id=request_id, method=method)
        context.abort(grpc.StatusCode.INTERNAL, f"internal error (request id {request_id})")

    def _log(self, context: grpc.ServicerContext, request_id: str, method: str, started: float, **fields) -> None:
        code = context.code() or grpc.StatusCode.OK
        if code == grpc.StatusCode.OK and not context.is_active():
            # The call ended before an answer: its deadline passed, or the caller left.
            code = grpc.StatusCode.DEADLINE_EXCEEDED if context.time_remaining() <= 0 else grpc.StatusCode.CANCELLED
        seconds = time.perf_counter() - started
        if self._metrics is not None:
            self._metrics.in_flight.labels(method).dec()
            self._metrics.finished(method, code.name, seconds)
        logs.event("call", request_id=request_id, method=method, code=code.name,
                   ms=round(seconds * 1000, 1), peer=context.peer(), **fields)
