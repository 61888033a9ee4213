"""Graceful shutdown on SIGTERM and SIGINT: health goes NOT_SERVING (watchers and load
balancers stop sending), the server refuses new calls, in-flight calls get ``grace``
seconds to finish, and ``server.wait_for_termination()`` returns so the process exits 0."""
from __future__ import annotations

import signal

import grpc
from grpc_health.v1.health import HealthServicer

from quotes_service import logs


def drain_on_signals(server: grpc.Server, health: HealthServicer, grace: float) -> None:
    draining = False

    def drain(signum, _frame) -> None:
        nonlocal draining
        if draining:
            return  # a second signal changes nothing: the grace period already bounds the wait
        draining = True
        logs.event("draining", signal=signal.Signals(signum).name, grace_s=grace)
        health.enter_graceful_shutdown()
        server.stop(grace)

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, drain)
