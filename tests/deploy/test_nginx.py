"""deploy/nginx/: the proxy's own behaviour, against stand-in upstreams that report what reached them.

The stand-in speaks the real contract (quotes.v1.QuoteService) and answers at
once, so these tests pin down what nginx does to a call (deadline, metadata,
body size, errors) without the cost of spaCy. test_replicas.py runs the same
configuration in front of real replicas.
"""
from __future__ import annotations

import os
from concurrent import futures

import grpc
import pytest

from deploy_support import Nginx, free_port, require_packages
from quotes.v1 import quotes_pb2 as pb
from quotes.v1 import quotes_pb2_grpc as pb_grpc

pytestmark = pytest.mark.deploy

FOUR_MB = 4 * 1024 * 1024


class ReportingQuoteService(pb_grpc.QuoteServiceServicer):
    """Answers ExtractQuotes with what arrived: deadline left, text length; tags itself in x-served-by."""

    def __init__(self, name: str):
        self.name = name

    def ExtractQuotes(self, request, context):
        remaining = context.time_remaining()
        context.send_initial_metadata((("x-served-by", self.name),))
        context.set_trailing_metadata((
            ("x-time-remaining", "none" if remaining is None else f"{remaining:.3f}"),
            ("x-text-length", str(len(request.text))),
        ))
        return pb.ExtractQuotesResponse(document_id=request.document_id)


@pytest.fixture(scope="module")
def standins():
    servers, addresses = [], []
    for i in range(3):
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=4),
                             options=[("grpc.max_receive_message_length", 2 * FOUR_MB)])
        pb_grpc.add_QuoteServiceServicer_to_server(ReportingQuoteService(f"standin-{i}"), server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        servers.append(server)
        addresses.append(f"127.0.0.1:{port}")
    yield addresses
    for server in servers:
        server.stop(grace=None)


@pytest.fixture(scope="module")
def proxy(standins, tmp_path_factory):
    require_packages("nginx-light")
    nginx = Nginx(tmp_path_factory.mktemp("nginx"), standins).start()
    yield nginx
    nginx.stop()


def call(target: str, text: str = "x", timeout: float | None = 10.0):
    with grpc.insecure_channel(target, options=[("grpc.max_send_message_length", 2 * FOUR_MB)]) as channel:
        stub = pb_grpc.QuoteServiceStub(channel)
        reply, rpc = stub.ExtractQuotes.with_call(pb.ExtractQuotesRequest(document_id="d", text=text), timeout=timeout)
    headers = dict(rpc.initial_metadata())
    trailers = dict(rpc.trailing_metadata())
    return reply, headers, trailers


def test_rendered_configuration_passes_nginx_t(proxy):
    conf = (proxy.workdir / "quotes-grpc.conf").read_text()
    assert "client_max_body_size 5m;" in conf
    assert conf.count("max_fails=1") == 3
    assert "${" not in conf and "${" not in proxy.conf.read_text()


def test_calls_round_robin_and_replica_metadata_passes_through(proxy):
    with grpc.insecure_channel(proxy.address) as channel:
        stub = pb_grpc.QuoteServiceStub(channel)
        served = []
        for _ in range(30):
            _, rpc = stub.ExtractQuotes.with_call(pb.ExtractQuotesRequest(text="x"), timeout=5)
            served.append(dict(rpc.initial_metadata())["x-served-by"])
    counts = {name: served.count(name) for name in set(served)}
    assert counts == {"standin-0": 10, "standin-1": 10, "standin-2": 10}


def test_the_callers_deadline_reaches_the_upstream(proxy):
    _, _, trailers = call(proxy.address, timeout=7.5)
    remaining = float(trailers["x-time-remaining"])
    # Close to the caller's 7.5 s (grpc-timeout is rounded up on the wire), not nginx's 120 s backstop.
    assert 6.5 < remaining < 7.6, remaining


def test_nginx_adds_no_deadline_of_its_own(proxy):
    _, _, trailers = call(proxy.address, timeout=None)
    # grpc reports "no deadline" as an effectively infinite time remaining.
    remaining = trailers["x-time-remaining"]
    assert remaining == "none" or float(remaining) > 1e9, remaining


def test_a_body_of_the_services_maximum_size_passes(proxy):
    # 1,000,000 code points of 4-byte UTF-8: the largest text the service accepts, ~4 MB on the wire
    # (nginx's default client_max_body_size, 1 MB, would refuse it).
    text = "\U0001F600" * 1_000_000
    _, _, trailers = call(proxy.address, text=text, timeout=30)
    assert trailers["x-text-length"] == str(len(text))


def test_a_body_over_the_proxy_limit_is_resource_exhausted(proxy):
    with pytest.raises(grpc.RpcError) as err:
        call(proxy.address, text="a" * (6 * 1024 * 1024), timeout=30)
    assert err.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED, err.value


def test_no_replica_reachable_is_unavailable(tmp_path):
    require_packages("nginx-light")
    nginx = Nginx(tmp_path, [f"127.0.0.1:{free_port()}"], workers="1").start()
    try:
        with pytest.raises(grpc.RpcError) as err:
            call(nginx.address, timeout=10)
        # UNAVAILABLE is what clients retry.
        assert err.value.code() == grpc.StatusCode.UNAVAILABLE, err.value
    finally:
        nginx.stop()


def test_nginx_workers_run_unprivileged_when_started_as_root(proxy):
    if os.geteuid() != 0:
        pytest.skip("nginx started without root keeps the starting user")
    workers = [p for p in os.listdir("/proc") if p.isdigit() and _ppid(p) == proxy.proc.pid]
    assert workers
    for pid in workers:
        assert _uid(pid) != 0, f"nginx worker {pid} runs as root"


def _status_field(pid: str, field: str) -> str:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return line.split()[1]
    return ""


def _ppid(pid: str) -> int:
    try:
        return int(_status_field(pid, "PPid") or 0)
    except OSError:
        return 0


def _uid(pid: str) -> int:
    return int(_status_field(pid, "Uid"))
