"""Graceful shutdown on SIGTERM and SIGINT: health goes NOT_SERVING (watchers and load
balancers stop sending), the server refuses new calls, in-flight calls get ``grace``
seconds to finish, and ``server.wait_for_termination()`` returns so the process exits 0.

The handlers are installed first thing, before the model loads: a signal that arrives
while starting up is remembered, and the server drains as soon as it exists.
"""
from __future__ import annotations

import signal
from typing import TYPE_CHECKING

from quotes_service.server import logs

if TYPE_CHECKING:  # kept light: installed before gRPC and spaCy are imported
    import grpc
    from grpc_health.v1.health import HealthServicer


class GracefulShutdown:
    def __init__(self, grace: float):
        self.grace = grace
        self.requested = ""          # the signal's name, once one arrived
        self._server: "grpc.Server | None" = None
        self._health: "HealthServicer | None" = None
        self._drained = False
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._on_signal)

    def _on_signal(self, signum, _frame) -> None:
        if self.requested:
            return  # a second signal changes nothing: the grace period already bounds the wait
        self.requested = signal.Signals(signum).name
        logs.event("draining", signal=self.requested, grace_s=self.grace)
        self._drain()

    def attach(self, server: "grpc.Server", health: "HealthServicer") -> None:
        """Call after server.start(): drains at once if a signal came during start-up."""
        self._server, self._health = server, health
        if self.requested:
            self._drain()

    def _drain(self) -> None:
        if self._server is None or self._drained:
            return
        self._drained = True
        self._health.enter_graceful_shutdown()
        self._server.stop(self.grace)
