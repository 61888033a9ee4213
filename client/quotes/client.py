"""QuoteClient: typed results, a deadline on every call, retries and round-robin balancing.

    with QuoteClient("localhost:50051") as client:
        doc = client.extract(text, document_id="a1")
        for doc in client.extract_many([("a1", text1), ("a2", text2)]):
            ...
"""
from __future__ import annotations

import time
from contextlib import closing
from typing import Iterable, Iterator

import grpc
from grpc_health.v1 import health_pb2_grpc

from quotes import channel
from quotes.convert import response_from_proto
from quotes.errors import from_rpc_error
from quotes.types import DocumentQuotes
from quotes.v1 import quotes_pb2 as pb
from quotes.wire import (SERVICE_NAME, Document, MidCallRetries, RequestStream, health_request, health_status,
                         request_for, served_by)

_UNSET = channel.UNSET


class QuoteClient(channel.ChannelOwner):
    """A client for one target (see ``quotes.channel`` for what a target may be).

    ``timeout`` is each unary call's deadline in seconds; a stream (``extract_many``) has no
    deadline unless one is given. ``retries`` is how many times a call that finds the server
    UNAVAILABLE is retried (gRPC caps attempts at 5); ``extract`` also retries, within its
    deadline, a call whose server went away mid-call (a worker killed: ``wire.lost_mid_call``).
    ``metadata`` is sent with every call.

    Security: ``tls=True`` connects over TLS trusting the system's CAs; ``tls_ca`` (a path or PEM
    bytes) trusts those CAs instead; ``tls_cert`` and ``tls_key`` present a client certificate to
    a server that wants mutual TLS; ``tls_server_name`` checks the server's certificate for that
    name rather than the target's host. ``token`` is sent as ``authorization: Bearer <token>``.
    ``credentials`` (any ``grpc.ChannelCredentials``) replaces the tls arguments. ``options`` are
    more gRPC channel options. ``load_balancing``: ``"round_robin"`` (the default) over every
    address of the target, or ``"pick_first"``: the first of them that answers, in order.
    """

    channels = grpc

    # -- calls ---------------------------------------------------------------------------------
    def extract(self, text: str, document_id: str = "", *, timeout=_UNSET) -> DocumentQuotes:
        response, origin = self._extract(text, document_id, timeout)
        return response_from_proto(response, origin)

    def extract_message(self, text: str, document_id: str = "", *, timeout=_UNSET) -> pb.ExtractQuotesResponse:
        """Like ``extract``, but the wire message itself (for tools that print it)."""
        return self._extract(text, document_id, timeout)[0]

    def extract_many(self, docs: Iterable[Document], *, timeout: float | None = None) -> Iterator[DocumentQuotes]:
        """Results in the order of ``docs`` (texts, or (document_id, text) pairs), over one stream."""
        with closing(self._stream(docs, timeout)) as responses:
            origin = next(responses, None)
            for response in responses:
                yield response_from_proto(response, origin or "")

    def extract_many_messages(self, docs: Iterable[Document], *,
                              timeout: float | None = None) -> Iterator[pb.ExtractQuotesResponse]:
        """Like ``extract_many``, but the wire messages themselves (for tools that print them)."""
        with closing(self._stream(docs, timeout)) as responses:
            next(responses, None)
            yield from responses

    def health(self, service: str = "", *, timeout=_UNSET) -> str:
        """The server's health for ``service`` ("" = the server): "SERVING", "NOT_SERVING", ..."""
        try:
            response = self._health.Check(health_request(service), timeout=self._timeout(timeout),
                                          metadata=self.metadata)
        except grpc.RpcError as exc:
            raise from_rpc_error(exc) from None
        return health_status(response)

    # -- plumbing ------------------------------------------------------------------------------
    def _extract(self, text: str, document_id: str, timeout) -> tuple[pb.ExtractQuotesResponse, str]:
        """One unary call with its retries: (response, who served it)."""
        request = request_for((document_id, text))
        attempts = MidCallRetries(self._timeout(timeout), self.retries)
        while True:
            try:
                response, call = self._stub.ExtractQuotes.with_call(
                    request, timeout=attempts.remaining(), metadata=self.metadata)
                return response, served_by(call.initial_metadata())
            except grpc.RpcError as exc:
                pause = attempts.pause_after(exc.code(), exc.initial_metadata())
                if pause is None:
                    raise from_rpc_error(exc, served_by(exc.initial_metadata())) from None
                time.sleep(pause)

    def _stream(self, docs: Iterable[Document], timeout: float | None) -> Iterator:
        """Yields who serves the stream first, then the responses; raises typed errors."""
        requests = RequestStream(docs)
        call = self._stub.StreamExtractQuotes(iter(requests), timeout=timeout, metadata=self.metadata)
        origin = ""
        try:
            origin = served_by(call.initial_metadata())
            yield origin
            yield from call
        except grpc.RpcError as exc:
            if requests.error is not None:
                raise requests.error
            raise from_rpc_error(exc, origin) from None
        finally:
            call.cancel()  # no-op once finished; stops the server's work if the caller stopped early
        if requests.error is not None:
            raise requests.error

    def close(self) -> None:
        self._channel.close()

    def __enter__(self) -> "QuoteClient":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def check_health(target: str, service: str = SERVICE_NAME, *,
                 credentials: grpc.ChannelCredentials | None = None, timeout: float = 3.0) -> str:
    """One grpc.health.v1 Check of ``target`` (a ``host:port``) on a channel of its own, as a probe
    makes it: the container's HEALTHCHECK, the launchers of tests and benchmarks, the deploy tests.

    Returns the status's name ("SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"), or, when the call
    itself fails, the name of its gRPC status code: "UNAVAILABLE" (nothing listening, or the
    connection refused), "DEADLINE_EXCEEDED", "NOT_FOUND" (a service the server does not know).
    It never raises for what the server says and never retries: a probe reports what it saw.
    The default ``service`` is QuoteService, which the server marks SERVING only once its model is
    loaded and NOT_SERVING as soon as it drains; "" asks about the server as a whole.
    ``credentials``: a TLS port's channel credentials (default: plaintext)."""
    made = grpc.secure_channel(target, credentials) if credentials is not None else grpc.insecure_channel(target)
    with made as probe:
        try:
            response = health_pb2_grpc.HealthStub(probe).Check(health_request(service), timeout=timeout)
        except grpc.RpcError as exc:
            return exc.code().name
    return health_status(response)
