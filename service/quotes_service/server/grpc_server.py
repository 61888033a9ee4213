"""One server process, top to bottom: load the model, build the gRPC server, serve until a signal.

``run_server`` creates every gRPC object itself, after the model is loaded, so a
supervisor (``workers.py``) can fork before calling it.
"""
from __future__ import annotations

import logging
import time
from concurrent import futures

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from quotes.wire import SERVICE_NAME
from quotes_service.extract.extractor import Extractor
from quotes_service.server import logs, servicer
from quotes_service.server.admission import ExtractionSlots
from quotes_service.server.config import EXIT_CONFIG, ServerConfig, address
from quotes_service.server.metrics import Metrics
from quotes_service.server.metrics import serve as serve_metrics_endpoint
from quotes_service.server.observe import CallObserver
from quotes_service.server.security import TokenAuth, server_credentials
from quotes_service.server.shutdown import GracefulShutdown

SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING
HEALTH_NAMES = ("", SERVICE_NAME)
MAX_CONNECTION_AGE_MS = 5 * 60 * 1000
MAX_CONNECTION_AGE_GRACE_MS = 60 * 1000
# Handler threads kept beyond the extraction calls a worker admits, so a health check (or a
# refusal) always finds a thread at once; and how many calls gRPC itself lets wait for a thread,
# per admitted call, before it refuses them without reaching the handlers. Past that cap gRPC
# refuses every call, health checks too, so it must stay above any burst one worker takes at
# once: with SO_REUSEPORT one worker can get most of a burst's connections (at 4 per call, 68,
# a burst of 128 calls over two workers had a health check refused). The calls past admission
# wait only to be shed, which takes microseconds each.
SPARE_THREADS = 4
BACKLOG_PER_CALL = 16
HEALTH_PORT_THREADS = 2


def grpc_options(config: ServerConfig, reuse_port: bool) -> list[tuple[str, int]]:
    return [
        ("grpc.max_receive_message_length", config.max_message_bytes),
        # gRPC turns SO_REUSEPORT on by default, which lets a second server silently share a port:
        # only pre-forked workers, which mean to share it, get it.
        ("grpc.so_reuseport", 1 if reuse_port else 0),
        # Connections are closed (gently: GOAWAY, then a grace for calls in flight) after a few
        # minutes, so clients balancing over a DNS name re-resolve and find replicas added since.
        ("grpc.max_connection_age_ms", MAX_CONNECTION_AGE_MS),
        ("grpc.max_connection_age_grace_ms", MAX_CONNECTION_AGE_GRACE_MS),
    ]


def health_only_server(config: ServerConfig, health_servicer: health.HealthServicer,
                       reuse_port: bool) -> tuple[grpc.Server, int]:
    """``--health-port``: grpc.health.v1 and nothing else, in plaintext, on its own two threads.
    Kubernetes' gRPC probes and most load balancers' health checks cannot speak TLS; this port
    answers them about the same servicer the service port reports, and serves no article."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=HEALTH_PORT_THREADS,
                                                    thread_name_prefix="quotes-health"),
                         options=[("grpc.so_reuseport", 1 if reuse_port else 0)],
                         maximum_concurrent_rpcs=64)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    port = server.add_insecure_port(address(config.host, config.health_port))
    return server, port


def interceptors(config: ServerConfig, metrics: Metrics, admitted: int) -> list[grpc.ServerInterceptor]:
    """Outermost first: every call is observed (logged, counted, admitted), then its token checked."""
    out: list[grpc.ServerInterceptor] = [CallObserver(logs.identity(), metrics, max_in_flight=admitted)]
    if config.auth_tokens:
        out.append(TokenAuth(config.auth_tokens))
    return out


class StartFailed(Exception):
    """Serving cannot start with these settings; the reason is already logged."""


def build_server(config: ServerConfig, extractor: Extractor, health_servicer: health.HealthServicer,
                 reuse_port: bool) -> grpc.Server:
    """The service port's server, QuoteService, health and reflection registered; not yet bound."""
    metrics = Metrics()
    admitted = config.max_concurrent_rpcs
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=max(config.threads, admitted + SPARE_THREADS),
                                   thread_name_prefix="quotes-rpc"),
        interceptors=interceptors(config, metrics, admitted),
        options=grpc_options(config, reuse_port),
        maximum_concurrent_rpcs=admitted * BACKLOG_PER_CALL + SPARE_THREADS,
    )
    quote_service = servicer.QuoteService(extractor, config.max_text_length,
                                          ExtractionSlots(config.extract_concurrency), metrics,
                                          max_call_seconds=config.max_call_seconds)
    server.add_generic_rpc_handlers((servicer.handler(quote_service),))
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection((SERVICE_NAME, health.SERVICE_NAME, reflection.SERVICE_NAME), server)
    return server


def bind(server: grpc.Server, config: ServerConfig) -> int:
    """The service port (TLS when configured), bound; the port number (for --port 0)."""
    try:
        credentials = server_credentials(config)
    except OSError as exc:  # checked at start-up, but gone or unreadable since
        logs.event("tls_files_unreadable", logging.ERROR, error=str(exc))
        raise StartFailed() from None
    try:
        return (server.add_secure_port(config.address, credentials) if credentials is not None
                else server.add_insecure_port(config.address))
    except RuntimeError as exc:  # "Failed to bind to address ..."
        logs.event("bind_failed", logging.ERROR, address=config.address, error=str(exc))
        raise StartFailed() from None


def start_health_port(config: ServerConfig, health_servicer: health.HealthServicer,
                      reuse_port: bool) -> tuple[grpc.Server | None, int | None]:
    """With --health-port: its server, started, and its port; else (None, None)."""
    if config.health_port is None:
        return None, None
    try:
        health_server, health_port = health_only_server(config, health_servicer, reuse_port)
    except RuntimeError as exc:
        logs.event("bind_failed", logging.ERROR, address=address(config.host, config.health_port), error=str(exc))
        raise StartFailed() from None
    health_server.start()
    return health_server, health_port


def start_metrics(config: ServerConfig, *servers: grpc.Server | None) -> None:
    """With --metrics-port: the /metrics endpoint. If its port cannot be had, ``servers`` stop."""
    if config.metrics_port is None:
        return
    try:
        metrics_port = serve_metrics_endpoint(config.metrics_port, config.host)
    except OSError as exc:
        logs.event("metrics_bind_failed", logging.ERROR, port=config.metrics_port, error=str(exc))
        for server in servers:
            if server is not None:
                server.stop(0)
        raise StartFailed() from None
    logs.event("metrics", port=metrics_port, path="/metrics")


def run_server(config: ServerConfig, *, reuse_port: bool = False, shutdown: GracefulShutdown | None = None,
               serve_metrics: bool = True) -> int:
    """Serve until SIGTERM/SIGINT; returns the process exit code. Pass ``shutdown`` when it had to be
    installed earlier (before this module's imports) so that no signal finds the default handler.
    A pre-forked worker passes ``serve_metrics=False``: its supervisor serves every worker's metrics."""
    logs.setup(config.log_level)
    shutdown = shutdown or GracefulShutdown(config.grace)
    started = time.perf_counter()
    extractor = Extractor(max_length=config.max_text_length)  # ModelNotFound propagates to the caller
    logs.event("model_loaded", model=getattr(extractor.nlp, "meta", {}).get("name", ""),
               ms=round((time.perf_counter() - started) * 1000))

    health_servicer = health.HealthServicer()
    for name in HEALTH_NAMES:
        health_servicer.set(name, NOT_SERVING)
    server = build_server(config, extractor, health_servicer, reuse_port)
    try:
        port = bind(server, config)
        health_server, health_port = start_health_port(config, health_servicer, reuse_port)
        server.start()
        if serve_metrics:
            start_metrics(config, server, health_server)
    except StartFailed:
        return EXIT_CONFIG
    if not shutdown.requested:
        for name in HEALTH_NAMES:
            health_servicer.set(name, SERVING)
    logs.event("serving", address=address(config.host, port), host=config.host, port=port,
               served_by=logs.identity(), max_text_length=config.max_text_length,
               max_message_bytes=config.max_message_bytes, ms=round((time.perf_counter() - started) * 1000),
               tls="mutual" if config.tls_client_ca else "on" if config.tls_cert else "off",
               bearer_tokens=len(config.auth_tokens), health_port=health_port)
    shutdown.attach(server, health_servicer)
    server.wait_for_termination()
    if health_server is not None:
        # Probes saw NOT_SERVING here for the whole drain; the port closes with the process.
        health_server.stop(0)
    logs.event("stopped")
    return 0
