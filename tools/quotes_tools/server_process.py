"""``quotes serve`` in a subprocess: the one launcher the tests, the benchmark, the deploy tests
and the memory measurement share.

    server = ServerProcess(tmp / "server.log", "--max-text-length", "20000", workers=2).start()
    QuoteClient(server.target) ...
    server.wait_event("call", request_id="r1")
    server.stop()

The server's JSON log (stdout and stderr) goes to a file, appended to, never truncated. The
"serving" events of the current run are how the port (``--port 0`` the first time: the kernel
picks one) and the workers' pids are learnt, and ``start`` returns once every worker has logged
one and health says SERVING. A relaunch keeps the port it had, as a replica behind a proxy must.
``stop`` ends the process by its pid: SIGTERM (it drains), then SIGKILL if it is still there after
``timeout`` seconds.
"""
from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import grpc

from quotes.client import check_health
from quotes.wire import SERVICE_NAME

START_TIMEOUT = 120.0
STOP_TIMEOUT = 60.0
POLL_SECONDS = 0.05


class ServerFailed(RuntimeError):
    """The server exited or never became SERVING. ``summary`` is one line (for a CLI's error);
    the message adds the end of the log."""

    def __init__(self, summary: str, tail: str):
        super().__init__(f"{summary}\n{tail}" if tail else summary)
        self.summary = summary


class ServerProcess:
    def __init__(self, log_path: Path, *args: str, workers: int = 1, port: int = 0, host: str = "127.0.0.1",
                 env: dict[str, str] | None = None, cwd: Path | None = None,
                 credentials: grpc.ChannelCredentials | None = None):
        """``args``: more ``quotes serve`` flags; ``env`` adds to the environment; ``credentials``:
        what health checks connect with (a TLS server's CA, and a client certificate for mutual TLS)."""
        self.log_path = Path(log_path)
        self.args = list(args)
        self.workers = workers
        self.port = port
        self.host = host
        self.env = dict(env or {})
        self.cwd = cwd
        self.credentials = credentials
        self.proc: subprocess.Popen | None = None
        self.pids: set[int] = set()       #: the pids of the "serving" events: the processes that answer
        self._log_start = 0               #: where this run's lines begin in the log

    # -- the process -----------------------------------------------------------------------------
    @property
    def command(self) -> list[str]:
        return [sys.executable, "-m", "quotes.cli", "serve", "--host", self.host, "--port", str(self.port),
                "--workers", str(self.workers), *self.args]

    @property
    def target(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def pid(self) -> int:
        """The process started: the server itself with one worker, else the supervisor."""
        assert self.proc is not None, "not launched"
        return self.proc.pid

    def start(self, timeout: float = START_TIMEOUT) -> "ServerProcess":
        return self.launch().wait(timeout)

    def launch(self) -> "ServerProcess":
        """Start the process and return at once (see ``wait``); again after a stop, on the same port."""
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        env.pop("QUOTES_SERVER", None)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self._log_start = log.tell()
            self.proc = subprocess.Popen(self.command, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, cwd=self.cwd, env=env)
        self.pids = set()
        return self

    def wait(self, timeout: float = START_TIMEOUT) -> "ServerProcess":
        """Until every worker has logged "serving" and health says SERVING; ServerFailed if the
        process exits first or ``timeout`` passes (the process is then stopped)."""
        assert self.proc is not None, "not launched"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServerFailed(f"{self.describe()} exited with {self.proc.returncode}: {self.last_line()}",
                                   self.tail())
            serving = self.events("serving")
            if len(serving) >= self.workers:
                self.port = serving[0]["port"]
                self.pids = {record["pid"] for record in serving}
                if self.health() == "SERVING":
                    return self
            time.sleep(POLL_SECONDS)
        self.stop()
        raise ServerFailed(f"{self.describe()} not SERVING after {timeout:.0f} s: {self.last_line()}", self.tail())

    def describe(self) -> str:
        return shlex.join(["quotes", "serve", "--workers", str(self.workers), *self.args])

    def health(self, service: str = SERVICE_NAME) -> str:
        """``quotes.client.check_health`` of this server: "SERVING", ..., or the failed call's code."""
        return check_health(self.target, service, credentials=self.credentials, timeout=2.0)

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def signal(self, signum: int = signal.SIGTERM) -> None:
        assert self.proc is not None, "not launched"
        self.proc.send_signal(signum)

    def stop(self, timeout: float = STOP_TIMEOUT) -> int | None:
        """SIGTERM, and SIGKILL after ``timeout`` seconds; the exit code (negative: the signal that
        ended it), None if it was never launched."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.wait()

    # -- the log ---------------------------------------------------------------------------------
    def lines(self) -> list[str]:
        """This run's lines of the log."""
        try:
            with open(self.log_path, "rb") as log:
                log.seek(self._log_start)
                return log.read().decode("utf-8", errors="replace").splitlines()
        except OSError:
            return []

    def events(self, name: str | None = None) -> list[dict]:
        """This run's JSON log records, those of the event ``name`` if given."""
        out = []
        for line in self.lines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and (name is None or record.get("event") == name):
                out.append(record)
        return out

    def wait_event(self, name: str, timeout: float = 10.0, **match) -> dict:
        """The first ``name`` event whose fields equal ``match``, once it is logged; AssertionError
        with the log's end if none is within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for record in self.events(name):
                if all(record.get(k) == v for k, v in match.items()):
                    return record
            time.sleep(POLL_SECONDS)
        raise AssertionError(f"no {name} event matching {match} in {self.log_path}:\n{self.tail()}")

    def event_counts(self, *names: str) -> dict[str, int]:
        counts = dict.fromkeys(names, 0)
        for record in self.events():
            if record.get("event") in counts:
                counts[record["event"]] += 1
        return counts

    def tail(self, lines: int = 20) -> str:
        return "\n".join(self.lines()[-lines:])

    def last_line(self) -> str:
        lines = [line for line in self.lines() if line.strip()]
        return lines[-1][:300] if lines else "(no log)"
