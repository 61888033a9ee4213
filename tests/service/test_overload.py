"""Overload and faults on real servers: a burst far above capacity is shed with
RESOURCE_EXHAUSTED while health answers SERVING and nothing else goes wrong; a worker
killed with SIGKILL under load is replaced, and QuoteClient's retries hide it."""
from __future__ import annotations

import os
import signal
import threading
import time
from concurrent import futures

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from support.gold import read_text, seed_files
from quotes import QuoteClient
from quotes.v1 import quotes_pb2 as pb
from quotes.v1 import quotes_pb2_grpc
from support.spans import assert_valid_response

BURST_PER_WORKER = 64
SEED = read_text(seed_files()[0])
SHED_OR_OK = {grpc.StatusCode.OK, grpc.StatusCode.RESOURCE_EXHAUSTED}


def _health_while(target: str, running: threading.Event, seen: list) -> None:
    """Health checks every 50 ms while ``running`` is set: (status, seconds) each."""
    with grpc.insecure_channel(target) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while running.is_set():
            started = time.perf_counter()
            try:
                status = health_pb2.HealthCheckResponse.ServingStatus.Name(
                    stub.Check(health_pb2.HealthCheckRequest(), timeout=5).status)
            except grpc.RpcError as exc:
                status = exc.code().name
            seen.append((status, time.perf_counter() - started))
            time.sleep(0.05)


def _burst(target: str, calls: int, channels: int) -> list[grpc.StatusCode]:
    """``calls`` ExtractQuotes calls at once, spread over ``channels`` connections."""
    opened = [grpc.insecure_channel(target, options=[("grpc.use_local_subchannel_pool", 1)])
              for _ in range(channels)]
    try:
        stubs = [quotes_pb2_grpc.QuoteServiceStub(ch) for ch in opened]
        pending = [stubs[i % channels].ExtractQuotes.future(pb.ExtractQuotesRequest(text=SEED), timeout=120)
                   for i in range(calls)]
        codes = []
        for call in pending:
            try:
                assert_valid_response(SEED, call.result())
                codes.append(grpc.StatusCode.OK)
            except grpc.RpcError as exc:
                codes.append(exc.code())
        return codes
    finally:
        for ch in opened:
            ch.close()


def _check_burst(server, workers: int) -> None:
    with QuoteClient(server.target) as client:
        before = client.extract(SEED)
    running = threading.Event()
    running.set()
    health: list = []
    prober = threading.Thread(target=_health_while, args=(server.target, running, health))
    prober.start()
    try:
        codes = _burst(server.target, BURST_PER_WORKER * workers, channels=4 * workers)
    finally:
        running.clear()
        prober.join(timeout=30)
    assert set(codes) <= SHED_OR_OK, {c.name for c in codes}
    assert codes.count(grpc.StatusCode.OK) >= workers, "each worker finished what it admitted"
    assert grpc.StatusCode.RESOURCE_EXHAUSTED in codes, "a burst this size is shed"
    assert health and {status for status, _ in health} == {"SERVING"}
    slowest = max(seconds for _, seconds in health)
    assert slowest < 1.0, f"a health check took {slowest:.2f}s during the burst"
    with QuoteClient(server.target) as client:
        after = client.extract(SEED)
    assert after.quotes == before.quotes
    logged = {e["code"] for e in server.events("call")}
    assert logged <= {"OK", "RESOURCE_EXHAUSTED"}, logged


def test_a_burst_is_shed_and_health_stays_serving(start_server):
    _check_burst(start_server(), workers=1)


@pytest.mark.slow
def test_a_burst_on_two_workers(start_server):
    _check_burst(start_server(workers=2), workers=2)


@pytest.mark.slow
def test_a_worker_killed_under_load_costs_no_failed_call(start_server):
    server = start_server(workers=2)
    victim = min(server.pids)
    stop = threading.Event()
    failures: list[str] = []
    done: list[int] = []

    def caller() -> None:
        with QuoteClient(server.target, timeout=60) as client:
            while not stop.is_set():
                try:
                    result = client.extract(SEED)
                    assert result.quotes
                    done.append(int(result.served_by.rsplit(":", 1)[1]))
                except Exception as exc:  # noqa: BLE001 - every failure is the finding
                    failures.append(repr(exc))

    with futures.ThreadPoolExecutor(6) as pool:
        running = [pool.submit(caller) for _ in range(6)]
        deadline = time.monotonic() + 30
        while victim not in done and time.monotonic() < deadline:
            time.sleep(0.05)
        assert victim in done, "the victim served calls before it was killed"
        os.kill(victim, signal.SIGKILL)
        killed_at = len(done)
        server.wait_event("worker_died", worker_pid=victim)
        replaced = time.monotonic() + 30
        while len({e["pid"] for e in server.events("serving")}) < 3 and time.monotonic() < replaced:
            time.sleep(0.1)
        time.sleep(1.0)
        stop.set()
        for f in running:
            f.result(timeout=120)
    assert not failures, failures[:3]
    assert len(done) > killed_at, "calls went on after the kill"
    assert len({e["pid"] for e in server.events("serving")}) == 3, "the killed worker was replaced"


def test_only_calls_a_server_had_begun_are_retried_by_the_client():
    from quotes.wire import MidCallRetries

    began = (("x-served-by", "host:1"),)
    attempts = MidCallRetries(timeout=10, retries=2)
    assert attempts.pause_after(grpc.StatusCode.UNAVAILABLE, ()) is None   # gRPC's own retries had it
    assert attempts.pause_after(grpc.StatusCode.DEADLINE_EXCEEDED, began) is None
    assert 0 <= attempts.pause_after(grpc.StatusCode.UNAVAILABLE, began) <= 0.2
    assert 0 <= attempts.pause_after(grpc.StatusCode.UNAVAILABLE, began) <= 0.4
    assert attempts.pause_after(grpc.StatusCode.UNAVAILABLE, began) is None  # retries spent
    # A unary call cancelled by the server (it raced a drain's GOAWAY) is sent again, begun or not.
    assert MidCallRetries(timeout=10, retries=1).pause_after(grpc.StatusCode.CANCELLED, ()) is not None
    assert 9 < attempts.remaining() <= 10
    spent = MidCallRetries(timeout=0.0, retries=3)
    assert spent.pause_after(grpc.StatusCode.UNAVAILABLE, began) == 0.0 and spent.remaining() == 0.0
    assert MidCallRetries(timeout=None, retries=1).remaining() is None
