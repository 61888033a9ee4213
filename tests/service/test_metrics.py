"""Prometheus metrics (`--metrics-port`) and health that answers while every slot is busy."""
from __future__ import annotations

import threading
import time
import urllib.request

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from prometheus_client.parser import text_string_to_metric_families

from quotes.v1 import quotes_pb2 as pb
from quotes.v1 import quotes_pb2_grpc

SHORT = '"We will see," she said. The minister said the plan would work.'


def scrape(port: int) -> dict[tuple[str, tuple], float]:
    """Every sample as {(name, sorted labels): value}."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        body = response.read().decode()
    samples = {}
    for family in text_string_to_metric_families(body):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def extract(target: str, text: str, timeout: float = 30):
    with grpc.insecure_channel(target, options=[("grpc.use_local_subchannel_pool", 1)]) as channel:
        return quotes_pb2_grpc.QuoteServiceStub(channel).ExtractQuotes(pb.ExtractQuotesRequest(text=text),
                                                                         timeout=timeout)


def test_metrics_count_calls_codes_documents_and_tokens(start_server):
    server = start_server("--metrics-port", "0")
    port = server.wait_event("metrics")["port"]
    for _ in range(3):
        assert extract(server.target, SHORT).quotes
    with pytest.raises(grpc.RpcError) as caught:
        extract(server.target, "   ")
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT

    samples = scrape(port)
    assert value(samples, "quotes_rpc_requests_total", method="ExtractQuotes", code="OK") == 3
    assert value(samples, "quotes_rpc_requests_total", method="ExtractQuotes", code="INVALID_ARGUMENT") == 1
    assert value(samples, "quotes_rpc_duration_seconds_count", method="ExtractQuotes") == 4
    assert value(samples, "quotes_rpc_in_flight", method="ExtractQuotes") == 0
    assert value(samples, "quotes_documents_total") == 3
    assert value(samples, "quotes_characters_total") == 3 * len(SHORT)
    assert value(samples, "quotes_tokens_total") >= 3 * len(SHORT.split())
    assert value(samples, "quotes_quotes_total") >= 3


@pytest.mark.slow
def test_workers_metrics_are_summed_by_the_supervisor(start_server):
    server = start_server("--metrics-port", "0", workers=2)
    port = server.wait_event("metrics")["port"]
    served_by = set()
    for _ in range(12):  # a channel each: the kernel spreads connections over the workers
        with grpc.insecure_channel(server.target, options=[("grpc.use_local_subchannel_pool", 1)]) as channel:
            _, call = quotes_pb2_grpc.QuoteServiceStub(channel).ExtractQuotes.with_call(
                pb.ExtractQuotesRequest(text=SHORT), timeout=30)
            served_by.add(dict(call.initial_metadata())["x-served-by"])
    assert len(served_by) == 2, "both workers should have answered"
    samples = scrape(port)
    assert value(samples, "quotes_rpc_requests_total", method="ExtractQuotes", code="OK") == 12
    assert value(samples, "quotes_documents_total") == 12


def test_health_answers_at_once_while_every_slot_is_busy(start_server):
    """Two calls admitted, both busy parsing; more callers are refused; health still answers."""
    server = start_server("--max-concurrent-rpcs", "2", "--metrics-port", "0")
    port = server.wait_event("metrics")["port"]
    long_text = (SHORT + " ") * 300   # about a second of parsing
    stop = threading.Event()
    codes: list[grpc.StatusCode] = []

    def load():
        while not stop.is_set():
            try:
                extract(server.target, long_text, timeout=60)
                codes.append(grpc.StatusCode.OK)
            except grpc.RpcError as exc:
                codes.append(exc.code())
                time.sleep(0.05)   # a refused caller backs off a little, as the client library does

    threads = [threading.Thread(target=load) for _ in range(6)]
    for t in threads:
        t.start()
    try:
        time.sleep(1.0)
        slowest = 0.0
        with grpc.insecure_channel(server.target) as channel:
            health = health_pb2_grpc.HealthStub(channel)
            for _ in range(20):
                started = time.perf_counter()
                status = health.Check(health_pb2.HealthCheckRequest(), timeout=5).status
                slowest = max(slowest, time.perf_counter() - started)
                assert status == health_pb2.HealthCheckResponse.SERVING
                time.sleep(0.05)
        in_flight = value(scrape(port), "quotes_rpc_in_flight", method="ExtractQuotes")
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=120)
    assert slowest < 0.5, f"a health check took {slowest:.3f}s while the worker was busy"
    assert set(codes) <= {grpc.StatusCode.OK, grpc.StatusCode.RESOURCE_EXHAUSTED}
    assert grpc.StatusCode.RESOURCE_EXHAUSTED in codes and grpc.StatusCode.OK in codes
    assert in_flight >= 1  # sampled while calls were being served
    samples = scrape(port)
    assert value(samples, "quotes_rpc_requests_total", method="ExtractQuotes", code="RESOURCE_EXHAUSTED") == \
        codes.count(grpc.StatusCode.RESOURCE_EXHAUSTED)
