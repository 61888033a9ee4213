"""Who may call: TLS (and mutual TLS) credentials for the port, and bearer tokens for QuoteService.

* ``server_credentials(config)`` builds the port's credentials from the PEM files the
  settings name (``--tls-cert``/``--tls-key``, and ``--tls-client-ca`` to require and
  check a client certificate), or None for plaintext.
* ``TokenAuth`` is a server interceptor: with tokens configured, a QuoteService call
  whose ``authorization`` metadata is not ``Bearer <one of the tokens>`` ends
  UNAUTHENTICATED before it reaches the servicer. Health and reflection stay open, so
  load balancers and probes need no token. A presented token is compared with every
  configured one, through SHA-256 digests and ``hmac.compare_digest``, so the time
  taken says nothing about how close it came, nor which token or how long. Tokens are
  never logged, nor echoed in a status message.
"""
from __future__ import annotations

import hashlib
import hmac
from typing import Iterable

import grpc

from quotes.wire import METHOD_PREFIX
from quotes_service.server.config import ServerConfig

AUTHORIZATION = "authorization"
SCHEME = "bearer"


def _read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def server_credentials(config: ServerConfig) -> grpc.ServerCredentials | None:
    """TLS credentials for the listening port, or None when no certificate is configured."""
    if not config.tls_cert:
        return None
    client_ca = _read(config.tls_client_ca) if config.tls_client_ca else None
    return grpc.ssl_server_credentials(
        [(_read(config.tls_key), _read(config.tls_cert))],
        root_certificates=client_ca,
        require_client_auth=client_ca is not None,
    )


def _digest(token: str | bytes) -> bytes:
    raw = token.encode("utf-8", "surrogatepass") if isinstance(token, str) else token
    return hashlib.sha256(raw).digest()


class TokenAuth(grpc.ServerInterceptor):
    """Bearer-token check for QuoteService's methods (health and reflection pass untouched)."""

    def __init__(self, tokens: Iterable[str]):
        self._digests = [_digest(t) for t in tokens]
        if not self._digests:
            raise ValueError("TokenAuth needs at least one token")

    def accepts(self, metadata) -> bool:
        presented = _bearer(metadata)
        # Every token is compared, whatever the outcome of the ones before.
        digest = _digest(presented if presented is not None else b"")
        matched = 0
        for known in self._digests:
            matched |= hmac.compare_digest(digest, known)
        return bool(matched) and presented is not None

    def intercept_service(self, continuation, details: grpc.HandlerCallDetails):
        handler = continuation(details)
        if handler is None or not details.method.startswith(METHOD_PREFIX):
            return handler
        if self.accepts(details.invocation_metadata):
            return handler
        return _refusal(handler)


def _bearer(metadata) -> bytes | None:
    """The token of the first ``authorization: Bearer <token>`` entry, as bytes; None if there is none."""
    for key, value in metadata or ():
        if key.lower() != AUTHORIZATION:
            continue
        raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
        scheme, _, token = raw.strip().partition(b" ")
        if scheme.lower() == SCHEME.encode() and token.strip():
            return token.strip()
        return None
    return None


def _deny(_request_or_iterator, context: grpc.ServicerContext):
    context.abort(grpc.StatusCode.UNAUTHENTICATED,
                  "missing or invalid credentials: send metadata 'authorization: Bearer <token>'")


def _refusal(handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
    """A handler of the same shape as ``handler`` that refuses the call. The request is never
    decoded: a caller without a token costs no parsing."""
    kwargs = dict(request_deserializer=None, response_serializer=handler.response_serializer)
    if handler.unary_unary:
        return grpc.unary_unary_rpc_method_handler(_deny, **kwargs)
    if handler.unary_stream:
        return grpc.unary_stream_rpc_method_handler(_deny, **kwargs)
    if handler.stream_unary:
        return grpc.stream_unary_rpc_method_handler(_deny, **kwargs)
    return grpc.stream_stream_rpc_method_handler(_deny, **kwargs)
