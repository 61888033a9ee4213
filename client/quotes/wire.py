"""The names on the wire, and what the sync and async clients share: documents to request
messages, metadata to fields.

``SERVICE_NAME`` and the method paths are read from the generated descriptor (``quotes.v1``), so
the contract's names are written once, in proto/quotes/v1/quotes.proto, and every caller, the
server, the tools and the tests take them from here. This module imports grpc and the generated
messages only: the server may import it without pulling in anything of the client's behaviour.
"""
from __future__ import annotations

import random
import time
from typing import Iterable, Iterator, Tuple, Union

import grpc

from grpc_health.v1 import health_pb2

from quotes.v1 import quotes_pb2 as pb

_QUOTE_SERVICE = pb.DESCRIPTOR.services_by_name["QuoteService"]
#: "quotes.v1.QuoteService": what health checks ask about, and what reflection lists.
SERVICE_NAME = _QUOTE_SERVICE.full_name
#: "grpc.health.v1.Health".
HEALTH_SERVICE_NAME = health_pb2.DESCRIPTOR.services_by_name["Health"].full_name
#: What every QuoteService method's path starts with: "/quotes.v1.QuoteService/".
METHOD_PREFIX = f"/{SERVICE_NAME}/"


def method_path(name: str) -> str:
    """The full path of a QuoteService method ("/quotes.v1.QuoteService/ExtractQuotes"); KeyError
    for a name the proto does not have."""
    return METHOD_PREFIX + _QUOTE_SERVICE.methods_by_name[name].name


EXTRACT_QUOTES = method_path("ExtractQuotes")
STREAM_EXTRACT_QUOTES = method_path("StreamExtractQuotes")

#: A document: its text alone, or (document_id, text). A numeric id is turned into a string.
Document = Union[str, Tuple[object, str]]


def request_for(doc: Document) -> pb.ExtractQuotesRequest:
    if isinstance(doc, str):
        return pb.ExtractQuotesRequest(text=doc)
    document_id, text = doc
    if not isinstance(text, str):
        raise TypeError(f"document text must be str, not {type(text).__name__}")
    return pb.ExtractQuotesRequest(document_id="" if document_id is None else str(document_id), text=text)


def health_request(service: str) -> health_pb2.HealthCheckRequest:
    return health_pb2.HealthCheckRequest(service=service)


def health_status(response: health_pb2.HealthCheckResponse) -> str:
    """ "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN" or "UNKNOWN"."""
    return health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)


def served_by(metadata) -> str:
    for key, value in metadata or ():
        if key == "x-served-by":
            return value
    return ""


def lost_mid_call(code: grpc.StatusCode, initial_metadata) -> bool:
    """UNAVAILABLE after the server had begun the call (its x-served-by came back): the process
    or its connection went away mid-call, a worker killed, say. gRPC's own retries stop once a
    call has its response headers, but extraction has no side effects, so the client may
    safely send it again, to whichever server now answers. Or CANCELLED: a unary call's caller
    cannot cancel it through this library (a cancelled asyncio task raises CancelledError, not
    an RpcError), so the server cancelled it: a call that raced a draining server's GOAWAY on
    an open connection, which gRPC's retry policy does not cover."""
    if code == grpc.StatusCode.CANCELLED:
        return True
    return code == grpc.StatusCode.UNAVAILABLE and bool(served_by(initial_metadata))


class MidCallRetries:
    """The attempts of one unary call: its deadline across them, and the pause before the next
    when the last was lost mid-call (exponential with jitter, as gRPC's policy: 0.1 s doubling
    to 2 s, never past the deadline)."""

    def __init__(self, timeout: float | None, retries: int):
        self._deadline = None if timeout is None else time.monotonic() + timeout
        self._left = retries
        self._attempt = 0

    def remaining(self) -> float | None:
        """The timeout for the next attempt: what is left of the call's deadline."""
        return None if self._deadline is None else max(0.0, self._deadline - time.monotonic())

    def pause_after(self, code: grpc.StatusCode, initial_metadata) -> float | None:
        """Seconds to wait before trying again, or None when the failure is the caller's to see."""
        if self._left <= 0 or not lost_mid_call(code, initial_metadata):
            return None
        self._left -= 1
        self._attempt += 1
        pause = random.uniform(0, min(2.0, 0.1 * 2 ** self._attempt))
        remaining = self.remaining()
        return pause if remaining is None else min(pause, remaining)


class RequestStream:
    """The request side of a stream. gRPC pulls it on its own thread and would swallow an error
    raised by the caller's iterable (reading a file, say); here the stream is closed early instead
    and the error kept, for the client to raise once the responses already due are delivered."""

    def __init__(self, docs: Iterable[Document]):
        self._docs = docs
        self.error: BaseException | None = None

    def __iter__(self) -> Iterator[pb.ExtractQuotesRequest]:
        try:
            for doc in self._docs:
                yield request_for(doc)
        except Exception as exc:  # noqa: BLE001 - re-raised by the client in the caller's thread
            self.error = exc
