"""The statuses the server makes itself, beside the plain ``context.abort`` calls of the servicer:

* ``bad_request``: INVALID_ARGUMENT with a google.rpc.BadRequest attached (read by
  grpc_status.rpc_status.from_call);
* ``unexpected_to_internal``: an exception nobody meant is logged with its traceback, and the
  caller gets INTERNAL naming the request id: never UNKNOWN, never a Python traceback.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Iterator

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from quotes_service.server import logs


def bad_request(message: str, field: str, description: str) -> grpc.Status:
    detail = any_pb2.Any()
    detail.Pack(error_details_pb2.BadRequest(
        field_violations=[error_details_pb2.BadRequest.FieldViolation(field=field, description=description)]
    ))
    return rpc_status.to_status(status_pb2.Status(
        code=code_pb2.INVALID_ARGUMENT, message=message, details=[detail]
    ))


@contextmanager
def unexpected_to_internal(context: grpc.ServicerContext, request_id: str, method: str,
                           stream: bool) -> Iterator[None]:
    """An abort passes through; any other exception becomes INTERNAL. For a ``stream`` whose call is
    already over (the caller cancelled or left, its deadline passed, or the drain's grace ran out,
    while it waited for a request) the exception ends the stream quietly: nobody is left to answer."""
    try:
        yield
    except Exception:
        if stream and not context.is_active():
            return
        if context.code() is None and context.is_active():
            logs.event("unexpected_error", logging.ERROR, exc_info=True, request_id=request_id, method=method)
            context.abort(grpc.StatusCode.INTERNAL, f"internal error (request id {request_id})")
        raise
