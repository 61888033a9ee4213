"""`quotes serve --port 0` in a subprocess, for the tests (fixtures in tests/conftest.py).

A server's JSON log goes to a file, which is how its port is learnt (the "serving"
event) and how tests read what it did.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from support.paths import QUOTES, REPO


TEST_MAX_TEXT_LENGTH = 20_000   # above every seed, small enough to test the limits cheaply
START_TIMEOUT = 60.0


@dataclass
class ServerProcess:
    proc: subprocess.Popen
    log_path: Path
    port: int = 0
    pids: set[int] = field(default_factory=set)
    credentials: grpc.ChannelCredentials | None = None   #: for a TLS server: how health() connects

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def events(self, name: str | None = None) -> list[dict]:
        out = []
        for line in self.log_path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if name is None or record.get("event") == name:
                out.append(record)
        return out

    def wait_event(self, name: str, timeout: float = 10.0, **match) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for record in self.events(name):
                if all(record.get(k) == v for k, v in match.items()):
                    return record
            time.sleep(0.05)
        raise AssertionError(f"no {name} event matching {match} in {self.log_path}:\n{self.tail()}")

    def tail(self, lines: int = 20) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def health(self, service: str = "") -> str:
        with (grpc.secure_channel(self.target, self.credentials) if self.credentials
              else grpc.insecure_channel(self.target)) as channel:
            response = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=service), timeout=2)
        return health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)

    def signal(self, signum: int = signal.SIGTERM) -> None:
        self.proc.send_signal(signum)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.wait()


def launch(log_dir: Path, *args: str, workers: int = 1, env: dict[str, str] | None = None,
           credentials: grpc.ChannelCredentials | None = None) -> ServerProcess:
    """Start `quotes serve` on a free port and return once health says SERVING. ``env`` adds to the
    server's environment; ``credentials`` are what its health check connects with (a TLS server)."""
    log_path = log_dir / f"server-{time.monotonic_ns()}.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    env.pop("QUOTES_SERVER", None)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [QUOTES, "serve", "--host", "127.0.0.1", "--port", "0", "--workers", str(workers), *args],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=REPO, env=env)
    server = ServerProcess(proc, log_path, credentials=credentials)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{server.tail()}")
        serving = server.events("serving")
        if len(serving) >= workers:
            server.port = serving[0]["port"]
            server.pids = {record["pid"] for record in serving}
            try:
                if server.health() == "SERVING":
                    return server
            except grpc.RpcError:
                pass
        time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"server not SERVING after {START_TIMEOUT}s:\n{server.tail()}")


