"""Prometheus metrics for operators, served at ``/metrics`` on ``--metrics-port``.

What is counted (every QuoteService call, whatever its outcome):

* ``quotes_rpc_requests_total{method,code}``: finished calls by gRPC status code,
  calls shed for load (RESOURCE_EXHAUSTED) included;
* ``quotes_rpc_duration_seconds{method}``: a latency histogram;
* ``quotes_rpc_in_flight{method}``: calls in progress;
* ``quotes_documents_total``, ``quotes_tokens_total``, ``quotes_characters_total``,
  ``quotes_quotes_total``: the work done.

With one process the metrics live in its memory. With pre-forked workers each
worker writes its values to files in a directory the supervisor made
(prometheus_client's multiprocess mode, ``PROMETHEUS_MULTIPROC_DIR``) and the
supervisor serves the sum: one scrape sees the whole replica, not a random worker.
"""
from __future__ import annotations

import os
import shutil
import tempfile

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class Metrics:
    """The service's metrics; cheap to update from any handler thread."""

    def __init__(self, registry=None):
        from prometheus_client import REGISTRY, Counter, Gauge, Histogram

        registry = REGISTRY if registry is None else registry
        self.requests = Counter("quotes_rpc_requests", "QuoteService calls finished, by method and status code",
                                ["method", "code"], registry=registry)
        self.duration = Histogram("quotes_rpc_duration_seconds", "QuoteService call duration in seconds",
                                  ["method"], buckets=LATENCY_BUCKETS, registry=registry)
        self.in_flight = Gauge("quotes_rpc_in_flight", "QuoteService calls in progress", ["method"],
                               multiprocess_mode="livesum", registry=registry)
        self.documents = Counter("quotes_documents", "Documents extracted", registry=registry)
        self.tokens = Counter("quotes_tokens", "Tokens parsed", registry=registry)
        self.characters = Counter("quotes_characters", "Characters of text extracted from", registry=registry)
        self.quotes = Counter("quotes_quotes", "Quotes found", registry=registry)

    def finished(self, method: str, code: str, seconds: float) -> None:
        self.requests.labels(method, code).inc()
        self.duration.labels(method).observe(seconds)

    def extracted(self, characters: int, tokens: int, quotes: int) -> None:
        self.documents.inc()
        self.characters.inc(characters)
        self.tokens.inc(tokens)
        self.quotes.inc(quotes)


def serve(port: int, host: str, registry=None) -> int:
    """Start the /metrics HTTP endpoint on a daemon thread; returns the port bound (for port 0)."""
    from prometheus_client import REGISTRY, start_http_server

    server, _thread = start_http_server(port, addr=host or "0.0.0.0", registry=registry or REGISTRY)
    return server.server_port


class SharedMetricsDir:
    """The supervisor's side of multiprocess mode: a fresh directory for the workers' files,
    named in the environment before any worker is forked, removed when serving ends."""

    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="quotes-metrics-")
        os.environ[MULTIPROC_ENV] = self.path

    def serve(self, port: int, host: str) -> int:
        from prometheus_client import CollectorRegistry
        from prometheus_client.multiprocess import MultiProcessCollector

        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=self.path)
        return serve(port, host, registry)

    def worker_died(self, pid: int) -> None:
        """Its in-flight gauge goes; its counters stay, so totals never go backwards."""
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid, self.path)

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if os.environ.get(MULTIPROC_ENV) == self.path:
            del os.environ[MULTIPROC_ENV]
