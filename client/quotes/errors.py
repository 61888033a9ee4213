"""Typed errors for callers of the service; one place maps gRPC status codes to them."""
from __future__ import annotations

from dataclasses import dataclass

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status


@dataclass(frozen=True)
class FieldViolation:
    field: str
    description: str


class QuotesError(Exception):
    """Any failed call. ``code`` is the gRPC status code, ``details`` the server's message."""

    def __init__(self, code: grpc.StatusCode, details: str, served_by: str = ""):
        super().__init__(f"{code.name}: {details}" if details else code.name)
        self.code = code
        self.details = details
        self.served_by = served_by


class InvalidArgument(QuotesError):
    """The request was refused: empty text, text over the server's limit, a bad message in a stream."""

    def __init__(self, code, details, served_by="", field_violations: list[FieldViolation] | None = None):
        super().__init__(code, details, served_by)
        self.field_violations = field_violations or []


class Unavailable(QuotesError):
    """No server answered (after the retries)."""


class DeadlineExceeded(QuotesError):
    """The call's deadline passed."""


class ResourceExhausted(QuotesError):
    """The request was larger than the server accepts, or the server is shedding load."""


class Unauthenticated(QuotesError):
    """The server wants credentials that were not given or not accepted."""


_BY_CODE: dict[grpc.StatusCode, type[QuotesError]] = {
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgument,
    grpc.StatusCode.UNAVAILABLE: Unavailable,
    grpc.StatusCode.DEADLINE_EXCEEDED: DeadlineExceeded,
    grpc.StatusCode.RESOURCE_EXHAUSTED: ResourceExhausted,
    grpc.StatusCode.UNAUTHENTICATED: Unauthenticated,
}


def field_violations(call) -> list[FieldViolation]:
    """The google.rpc.BadRequest violations a failed call carries, if any (sync or aio errors alike)."""
    try:
        status = rpc_status.from_call(call)
    except ValueError:  # code or message inconsistent with the status proto: ignore the details
        return []
    out: list[FieldViolation] = []
    for detail in status.details if status is not None else ():
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            out += [FieldViolation(v.field, v.description) for v in bad.field_violations]
    return out


def from_rpc_error(error: grpc.RpcError, served_by: str = "") -> QuotesError:
    code, details = error.code(), error.details() or ""
    kind = _BY_CODE.get(code, QuotesError)
    if kind is InvalidArgument:
        return InvalidArgument(code, details, served_by, field_violations(error))
    return kind(code, details, served_by)
