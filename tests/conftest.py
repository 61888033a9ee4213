"""Real servers for the contract, client and CLI tests (support/servers.py).

One server is shared by the whole session; tests that stop or overload a server
start their own with ``start_server``.
"""
from __future__ import annotations

import grpc
import pytest

from support.servers import TEST_MAX_TEXT_LENGTH, ServerProcess, launch


@pytest.fixture(scope="session")
def start_server(tmp_path_factory):
    """Factory: start_server(*flags, workers=1, env=None, credentials=None) -> a SERVING ServerProcess,
    stopped at session end."""
    log_dir = tmp_path_factory.mktemp("servers")
    started: list[ServerProcess] = []

    def start(*args: str, workers: int = 1, **kwargs) -> ServerProcess:
        server = launch(log_dir, *args, workers=workers, **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def server(start_server) -> ServerProcess:
    """The shared server, with a small text limit so the limit tests are cheap."""
    return start_server("--max-text-length", str(TEST_MAX_TEXT_LENGTH))


@pytest.fixture(scope="session")
def second_server(start_server) -> ServerProcess:
    """Another replica, for balancing; it takes one call at a time, for the load-shedding test."""
    return start_server("--max-text-length", str(TEST_MAX_TEXT_LENGTH), "--max-concurrent-rpcs", "1")


@pytest.fixture
def channel(server):
    with grpc.insecure_channel(server.target) as ch:
        yield ch


@pytest.fixture(scope="session")
def extractor():
    """One in-process Extractor for every rule and seed test: the model loads once per run."""
    from quotes_service.extract.extractor import Extractor

    return Extractor()
