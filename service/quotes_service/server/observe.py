"""What happens around every QuoteService call, whatever the method: one concern per module,
run in this order, outermost first (in the manner of grpc-interceptor's one interceptor per concern):

1. ``request_ids.identified``: ``x-served-by`` and ``x-request-id`` go out, and the call has its
   request id (the caller's, or a new one);
2. ``call_log.recorded``: in flight while it runs; then one ``call`` log line and the metrics of
   how it ended, whatever the end;
3. ``Admission.admitted`` (admission.py): beyond ``max_in_flight`` calls in progress, this one
   ends RESOURCE_EXHAUSTED at once, logged and counted like any other end;
4. ``status.unexpected_to_internal``: an unexpected exception becomes INTERNAL.

Health and reflection are left alone (their non-blocking Watch must not be wrapped). The bearer
token is checked after all of this (``security.TokenAuth``, the next interceptor), so a refused
call is observed too.
"""
from __future__ import annotations

from contextlib import ExitStack
from typing import TYPE_CHECKING

import grpc

from quotes.wire import METHOD_PREFIX
from quotes_service.server import call_log, request_ids, status
from quotes_service.server.admission import Admission

if TYPE_CHECKING:
    from quotes_service.server.metrics import Metrics


class CallObserver(grpc.ServerInterceptor):
    def __init__(self, served_by: str, metrics: "Metrics | None" = None, max_in_flight: int | None = None):
        self._served_by = served_by
        self._metrics = metrics
        self._admission = Admission(max_in_flight) if max_in_flight else None

    def intercept_service(self, continuation, details: grpc.HandlerCallDetails):
        handler = continuation(details)
        if handler is None or not details.method.startswith(METHOD_PREFIX):
            return handler
        method = details.method[len(METHOD_PREFIX):]
        caller_id = request_ids.callers_id(details.invocation_metadata)
        if handler.unary_unary:
            return handler._replace(unary_unary=self._unary(handler.unary_unary, method, caller_id))
        if handler.stream_stream:
            return handler._replace(stream_stream=self._stream(handler.stream_stream, method, caller_id))
        return handler

    def _enter(self, stack: ExitStack, context: grpc.ServicerContext, method: str, caller_id: str,
               stream: bool, fields: dict) -> None:
        """The concerns, outermost first; they end in the reverse order."""
        request_id = stack.enter_context(request_ids.identified(context, caller_id, self._served_by))
        stack.enter_context(call_log.recorded(context, request_id, method, self._metrics, fields))
        if self._admission is not None:
            stack.enter_context(self._admission.admitted(context))
        stack.enter_context(status.unexpected_to_internal(context, request_id, method, stream))

    def _unary(self, behavior, method: str, caller_id: str):
        def observed(request, context):
            with ExitStack() as stack:
                self._enter(stack, context, method, caller_id, stream=False, fields={})
                return behavior(request, context)

        return observed

    def _stream(self, behavior, method: str, caller_id: str):
        def observed(requests, context):
            fields = {"responses": 0}
            with ExitStack() as stack:
                self._enter(stack, context, method, caller_id, stream=True, fields=fields)
                for response in behavior(requests, context):
                    fields["responses"] += 1
                    yield response

        return observed
