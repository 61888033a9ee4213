"""``quotes serve --port 0 --workers K`` in a subprocess, for the benchmark.

The server's JSON log goes to a file: its "serving" events give the port and each worker's
pid, as in the tests (tests/conftest.py). ``stop`` always ends it: SIGTERM (it drains), then
SIGKILL if it has not exited within the grace.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from quotes_tools.bench import system

START_TIMEOUT = 120.0
STOP_TIMEOUT = 40.0


class ServiceFailed(RuntimeError):
    """The server did not start or died; the message names the log's last line."""


class ServiceProcess:
    def __init__(self, workers: int, log_path: Path, extra_args: list[str] | None = None):
        self.workers = workers
        self.log_path = log_path
        self.command = [sys.executable, "-m", "quotes.cli", "serve", "--host", "127.0.0.1", "--port", "0",
                        "--workers", str(workers), *(extra_args or [])]
        self.proc: subprocess.Popen | None = None
        self.port = 0

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> "ServiceProcess":
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("QUOTES_SERVER", None)
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(self.command, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServiceFailed(f"quotes serve --workers {self.workers} exited with {self.proc.returncode}: "
                                    f"{self.last_line()}")
            serving = self.events("serving")
            if len(serving) >= self.workers:
                self.port = serving[0]["port"]
                if self.health() == "SERVING":
                    return self
            time.sleep(0.1)
        raise ServiceFailed(f"quotes serve --workers {self.workers} not SERVING after {START_TIMEOUT:.0f} s: "
                            f"{self.last_line()}")

    def events(self, name: str | None = None) -> list[dict]:
        out = []
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return out
        for line in lines:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and (name is None or record.get("event") == name):
                out.append(record)
        return out

    def event_counts(self, *names: str) -> dict[str, int]:
        counts = dict.fromkeys(names, 0)
        for record in self.events():
            if record.get("event") in counts:
                counts[record["event"]] += 1
        return counts

    def last_line(self) -> str:
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        except OSError:
            return "(no log)"
        return lines[-1][:300] if lines else "(no log)"

    def health(self) -> str:
        try:
            with grpc.insecure_channel(self.target) as channel:
                response = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=2)
        except grpc.RpcError:
            return "UNREACHABLE"
        return health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)

    def worker_pids(self) -> list[int]:
        """The processes that parse: the server itself with one worker, else the supervisor's children."""
        assert self.proc is not None
        return [self.proc.pid] if self.workers == 1 else system.children(self.proc.pid)

    def all_pids(self) -> list[int]:
        assert self.proc is not None
        return sorted({self.proc.pid, *self.worker_pids()})

    def cpu_seconds(self) -> float:
        return sum(system.cpu_seconds(pid) for pid in self.all_pids())

    def rss_kib(self) -> dict[int, int]:
        return {pid: kib for pid in self.worker_pids() if (kib := system.rss_kib(pid)) is not None}

    def stop(self) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.wait()
