"""What happens around every QuoteService call, whatever the method:

* ``x-served-by: host:pid`` and ``x-request-id`` go out as initial metadata, so
  responses and errors alike say which replica answered;
* the call gets a request id (the caller's ``x-request-id``, or a new one) that
  the servicer's logs carry;
* one JSON log line per call with its status code and duration;
* an unexpected exception is logged with its traceback and the caller gets
  INTERNAL naming the request id: never UNKNOWN, never a Python traceback.

Health and reflection are left alone (their non-blocking Watch must not be wrapped).
"""
from __future__ import annotations

import contextvars
import logging
import time
import uuid

import grpc

from quotes_service import logs

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")


def current_request_id() -> str:
    return _request_id.get()


class CallObserver(grpc.ServerInterceptor):
    def __init__(self, served_by: str, service_name: str):
        self._served_by = served_by
        self._prefix = f"/{service_name}/"

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

    def _begin(self, context: grpc.ServicerContext, caller_id: str) -> tuple[str, contextvars.Token]:
        request_id = caller_id[:64] or uuid.uuid4().hex[:16]
        context.send_initial_metadata((("x-served-by", self._served_by), ("x-request-id", request_id)))
        return request_id, _request_id.set(request_id)

    def _unary(self, behavior, method: str, caller_id: str):
        def observed(request, context):
            request_id, token = self._begin(context, caller_id)
            started = time.perf_counter()
            try:
                return behavior(request, context)
            except Exception:
                self._fail(context, request_id, method)
                raise
            finally:
                self._log(context, request_id, method, started)
                _request_id.reset(token)

        return observed

    def _stream(self, behavior, method: str, caller_id: str):
        def observed(requests, context):
            request_id, token = self._begin(context, caller_id)
            started = time.perf_counter()
            sent = 0
            try:
                for response in behavior(requests, context):
                    sent += 1
                    yield response
            except Exception:
                self._fail(context, request_id, method)
                raise
            finally:
                self._log(context, request_id, method, started, responses=sent)
                _request_id.reset(token)

        return observed

    @staticmethod
    def _fail(context: grpc.ServicerContext, request_id: str, method: str) -> None:
        """Called with an exception in flight: an abort passes through, anything else becomes INTERNAL."""
        if context.code() is not None:  # context.abort() set the code before raising
            return
        logs.event("unexpected_error", logging.ERROR, exc_info=True, request_id=request_id, method=method)
        context.abort(grpc.StatusCode.INTERNAL, f"internal error (request id {request_id})")

    @staticmethod
    def _log(context: grpc.ServicerContext, request_id: str, method: str, started: float, **fields) -> None:
        code = context.code() or grpc.StatusCode.OK
        if code == grpc.StatusCode.OK and not context.is_active() and "responses" in fields:
            code = grpc.StatusCode.CANCELLED  # the caller left mid-stream
        logs.event("call", request_id=request_id, method=method, code=code.name,
                   ms=round((time.perf_counter() - started) * 1000, 1), peer=context.peer(), **fields)
