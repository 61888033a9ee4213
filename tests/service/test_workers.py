"""`quotes serve --workers 2`: a supervisor, two pre-forked workers on one port (SO_REUSEPORT)."""
from __future__ import annotations

import os
import signal
import time

import pytest

from quotes.client import QuoteClient

SHORT = '"We will see," she said.'

pytestmark = pytest.mark.slow  # each test starts its own server processes


def _pids_answering(target: str, connections: int = 16) -> set[int]:
    """The kernel spreads connections, not calls: each client has its own connection."""
    pids = set()
    for _ in range(connections):
        with QuoteClient(target, timeout=30) as client:
            pids.add(int(client.extract(SHORT).served_by.rsplit(":", 1)[1]))
    return pids


@pytest.fixture(scope="module")
def workers(start_server):
    return start_server(workers=2)


def test_two_workers_share_one_port(workers):
    assert len(workers.pids) == 2
    assert _pids_answering(workers.target) == workers.pids


def test_a_dead_worker_is_replaced(workers):
    victim = min(workers.pids)
    killed_at = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    died = workers.wait_event("worker_died", worker_pid=victim)
    assert died["exit_code"] == -signal.SIGKILL
    deadline = time.monotonic() + 30
    serving = set(workers.pids)
    while time.monotonic() < deadline and not serving - workers.pids:
        serving = {e["pid"] for e in workers.events("serving")}
        time.sleep(0.1)
    [new_pid] = serving - workers.pids
    replaced_in = time.monotonic() - killed_at
    assert replaced_in < 15, f"the replacement took {replaced_in:.1f}s to serve"
    started = [e for e in workers.events("worker_started") if e["worker_pid"] == new_pid]
    assert started and started[0]["worker"] == died["worker"]
    survivors = workers.pids - {victim} | {new_pid}
    assert _pids_answering(workers.target) == survivors
    workers.pids = survivors


def test_sigterm_drains_every_worker_and_exits_0(workers):
    workers.signal(signal.SIGTERM)
    assert workers.proc.wait(timeout=30) == 0
    stopped = {e["worker_pid"] for e in workers.events("worker_stopped")}
    assert workers.pids <= stopped
    assert all(e["exit_code"] == 0 for e in workers.events("worker_stopped"))


@pytest.mark.parametrize("workers_flag", ["1", "2"])
@pytest.mark.parametrize("which", ["--port", "--health-port"])
def test_a_port_held_by_another_process_stops_the_server_at_once(tmp_path, which, workers_flag):
    """A port that cannot be bound never will be: exit 2 (the settings' code), with a bind_failed
    line, instead of workers that load the model and die again and again."""
    import socket

    from support.paths import REPO
    from quotes_tools.server_process import ServerFailed, ServerProcess

    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))          # bound without SO_REUSEPORT: nobody else can have it
    holder.listen(1)
    taken = holder.getsockname()[1]
    port, args = (taken, []) if which == "--port" else (0, ["--health-port", str(taken)])
    server = ServerProcess(tmp_path / "server.log", *args, workers=int(workers_flag), port=port, cwd=REPO)
    started = time.monotonic()
    try:
        with pytest.raises(ServerFailed, match="exited with 2"):
            server.start(timeout=90)
    finally:
        holder.close()
        server.stop()
    text = "\n".join(server.lines())
    assert '"bind_failed"' in text and f":{taken}" in text
    assert text.count('"model_loaded"') <= int(workers_flag), "a worker was restarted"
    assert time.monotonic() - started < 60
