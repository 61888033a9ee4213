"""Which call this is, and who answers it: the request id, and the metadata every QuoteService
call sends back first.

* ``x-served-by: host:pid`` and ``x-request-id`` go out as initial metadata, before any work, so
  responses and errors alike say which replica answered and under which id it logged the call;
* the request id is the caller's ``x-request-id`` (cut to 64 characters), or a new one, and is
  ``current_request_id()`` for the rest of the call, for the servicer's logs.
"""
from __future__ import annotations

import contextvars
import uuid
from contextlib import contextmanager
from typing import Iterator

import grpc

REQUEST_ID_KEY = "x-request-id"
SERVED_BY_KEY = "x-served-by"
MAX_CALLER_ID = 64

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")


def current_request_id() -> str:
    return _request_id.get()


def callers_id(invocation_metadata) -> str:
    """The caller's ``x-request-id``, or ""."""
    return dict(invocation_metadata or ()).get(REQUEST_ID_KEY, "")


@contextmanager
def identified(context: grpc.ServicerContext, caller_id: str, served_by: str) -> Iterator[str]:
    """Sends the metadata, and gives the call its request id for as long as it runs."""
    request_id = caller_id[:MAX_CALLER_ID] or uuid.uuid4().hex[:16]
    context.send_initial_metadata(((SERVED_BY_KEY, served_by), (REQUEST_ID_KEY, request_id)))
    token = _request_id.set(request_id)
    try:
        yield request_id
    finally:
        _request_id.reset(token)
