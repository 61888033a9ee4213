"""SIGTERM and SIGINT drain a server: health NOT_SERVING, in-flight calls finish OK, exit 0."""
from __future__ import annotations

import signal
import time

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from support.paths import REPO
from support.gold import read_text, seed_files
from support.held_stream import HeldStream
from quotes.v1 import quotes_pb2 as pb
from quotes.v1 import quotes_pb2_grpc
from quotes.client import check_health
from quotes.wire import SERVICE_NAME
from quotes_tools.server_process import ServerProcess

SEED = read_text(seed_files()[0])
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING

pytestmark = pytest.mark.slow  # each test starts its own server processes


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_drains_in_flight_calls_and_exits_0(start_server, signum):
    server = start_server("--grace", "20")
    with grpc.insecure_channel(server.target) as channel:
        watch = health_pb2_grpc.HealthStub(channel).Watch(
            health_pb2.HealthCheckRequest(service=SERVICE_NAME), timeout=30)
        assert next(watch).status == health_pb2.HealthCheckResponse.SERVING

        held = HeldStream()
        stream = quotes_pb2_grpc.QuoteServiceStub(channel).StreamExtractQuotes(iter(held), timeout=30)
        held.send(SEED, "before")
        assert next(stream).document_id == "before"

        server.signal(signum)
        assert next(watch).status == NOT_SERVING   # load balancers watching are told first
        watch.cancel()
        server.wait_event("draining")
        assert server.proc.poll() is None          # still running: a call is in flight

        held.send(SEED, "during")                  # the in-flight call keeps working ...
        held.end()
        rest = list(stream)
        assert [r.document_id for r in rest] == ["during"] and rest[0].quotes
        assert stream.code() == grpc.StatusCode.OK  # ... and completes OK

    assert server.proc.wait(timeout=20) == 0
    assert server.events("stopped")


def test_new_calls_are_refused_while_draining(start_server):
    server = start_server("--grace", "20")
    with grpc.insecure_channel(server.target) as channel:
        stub = quotes_pb2_grpc.QuoteServiceStub(channel)
        held = HeldStream()
        stream = stub.StreamExtractQuotes(iter(held), timeout=30)
        held.send(SEED, "keep-alive")
        next(stream)
        server.signal()
        server.wait_event("draining")
        # On the open connection gRPC refuses with UNAVAILABLE or, when the call races the server's
        # GOAWAY, CANCELLED; either way the call is not served.
        with pytest.raises(grpc.RpcError) as caught:
            stub.ExtractQuotes(pb.ExtractQuotesRequest(text=SEED), timeout=5)
        assert caught.value.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED)
        with grpc.insecure_channel(server.target) as fresh:  # a new connection is not accepted at all
            with pytest.raises(grpc.RpcError) as caught:
                quotes_pb2_grpc.QuoteServiceStub(fresh).ExtractQuotes(pb.ExtractQuotesRequest(text=SEED), timeout=5)
            assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
        held.end()
        list(stream)
    assert server.proc.wait(timeout=20) == 0


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigterm_during_start_up_still_exits_0(tmp_path, workers):
    """A signal that arrives while spaCy is still being imported is not fatal: the server stops cleanly."""
    server = ServerProcess(tmp_path / "server.log", workers=int(workers), cwd=REPO).launch()
    deadline = time.monotonic() + 30
    while not server.lines() and time.monotonic() < deadline:  # the first line: signal handlers are in
        time.sleep(0.01)
    server.signal(signal.SIGTERM)
    assert server.proc.wait(timeout=60) == 0, server.tail()


def test_the_health_port_reports_the_drain_until_the_end(start_server):
    """--health-port: the probes' plaintext port says NOT_SERVING for the whole drain (the service
    port no longer takes connections then), and closes when the process exits 0."""
    server = start_server("--grace", "20", "--health-port", "0")
    (health_port,) = {e["health_port"] for e in server.events("serving")}
    assert health_port not in (0, server.port)
    probe_target = f"127.0.0.1:{health_port}"

    def probe() -> str:
        return check_health(probe_target, SERVICE_NAME, timeout=2)

    assert probe() == "SERVING"
    with grpc.insecure_channel(server.target) as channel:
        held = HeldStream()
        stream = quotes_pb2_grpc.QuoteServiceStub(channel).StreamExtractQuotes(iter(held), timeout=30)
        held.send(SEED, "before")
        next(stream)
        server.signal()
        server.wait_event("draining")
        time.sleep(0.5)
        assert probe() == "NOT_SERVING" and server.proc.poll() is None
        held.end()
        list(stream)
    assert server.proc.wait(timeout=20) == 0
    assert probe() == "UNAVAILABLE"
