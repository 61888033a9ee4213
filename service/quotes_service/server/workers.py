"""Pre-forked workers: a supervisor that holds no gRPC object and no model forks N
workers; each loads the model and binds the same port with SO_REUSEPORT, and the
kernel spreads incoming connections over them.

The supervisor restarts a worker that dies, forwards SIGTERM/SIGINT so every
worker drains, and exits 0 once all have. A worker that cannot start at all
(no model) stops everything with its exit code; one that keeps dying right after
start is retried with backoff, then given up on.
"""
from __future__ import annotations

import errno
import logging
import os
import signal
import socket
import time
from dataclasses import replace

from quotes_service.server import logs
from quotes_service.server.config import EXIT_CONFIG, ServerConfig
from quotes_service.server.shutdown import GracefulShutdown

QUICK_DEATH_SECONDS = 5.0
MAX_QUICK_DEATHS = 5
POLL_SECONDS = 0.2
_SIGNALS = {signal.SIGTERM, signal.SIGINT}


def _reserve_port(host: str) -> tuple[socket.socket, int]:
    """For --port 0 (or --health-port 0): pick one port for every worker. The socket stays bound (not listening, so it
    takes no connections) for the supervisor's life, so nothing else takes the port meanwhile."""
    family, kind, proto, _, sockaddr = socket.getaddrinfo(host or None, 0, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(sockaddr)
    return sock, sock.getsockname()[1]


def _die_with_parent(parent: int) -> None:
    """Linux: a worker gets SIGTERM (and drains) if the supervisor is killed outright. A supervisor
    that died between the fork and this call sends no such signal: the worker, already an orphan,
    exits at once rather than serve on the shared port unsupervised."""
    try:
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)


def _run_worker(config: ServerConfig, slot: int, parent: int) -> int:
    shutdown = GracefulShutdown(config.grace)  # replaces the supervisor's handlers, before the slow imports
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)  # blocked by the supervisor around fork
    _die_with_parent(parent)
    logs.setup(config.log_level)
    from quotes_service.extract.pipeline.model import ModelNotFound
    from quotes_service.server.grpc_server import run_server

    try:
        return run_server(config, reuse_port=True, shutdown=shutdown, serve_metrics=False)
    except ModelNotFound as exc:
        logs.event("model_not_found", logging.ERROR, worker=slot, error=str(exc))
        return EXIT_CONFIG
    except BaseException:
        logs.event("worker_crashed", logging.ERROR, exc_info=True, worker=slot)
        return 1


class Supervisor:
    def __init__(self, config: ServerConfig):
        self.config = config
        self.children: dict[int, int] = {}            # pid -> slot
        self.started_at: dict[int, float] = {}        # slot -> when its current worker started
        self.quick_deaths: dict[int, int] = {}        # slot -> consecutive deaths soon after start
        self.due: dict[int, float] = {}               # slot -> when to restart it
        self.stopping = False
        self.exit_code = 0
        self.metrics_dir = None                       # SharedMetricsDir with --metrics-port

    def run(self) -> int:
        logs.setup(self.config.log_level)
        reservations = []
        if self.config.port == 0:
            reservation, port = _reserve_port(self.config.host)
            reservations.append(reservation)
            self.config = replace(self.config, port=port)
        if self.config.health_port == 0:
            reservation, port = _reserve_port(self.config.host)
            reservations.append(reservation)
            self.config = replace(self.config, health_port=port)
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._on_signal)
        try:
            if self.config.metrics_port is not None and not self._serve_metrics():
                return 1
            logs.event("supervising", workers=self.config.workers, address=self.config.address,
                       port=self.config.port)
            for slot in range(self.config.workers):
                self._spawn(slot)
            while self.children or (self.due and not self.stopping):
                self._reap()
                self._restart_due()
                time.sleep(POLL_SECONDS)
        finally:
            for reservation in reservations:
                reservation.close()
            if self.metrics_dir is not None:
                self.metrics_dir.remove()
        logs.event("supervisor_stopped", exit_code=self.exit_code)
        return self.exit_code

    def _serve_metrics(self) -> bool:
        """Before any fork: the workers must find the shared directory in their environment."""
        from quotes_service.server.metrics import SharedMetricsDir

        self.metrics_dir = SharedMetricsDir()
        try:
            port = self.metrics_dir.serve(self.config.metrics_port, self.config.host)
        except OSError as exc:
            logs.event("metrics_bind_failed", logging.ERROR, port=self.config.metrics_port, error=str(exc))
            self.exit_code = 1
            return False
        logs.event("metrics", port=port, path="/metrics", workers=self.config.workers)
        return True

    def _spawn(self, slot: int) -> None:
        if self.stopping:
            return
        # Signals wait while forking: the child installs its own handler before it can be hit, and the
        # supervisor knows the child's pid before it forwards anything.
        signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = _run_worker(self.config, slot, parent)
            finally:
                logging.shutdown()
                os._exit(code)
        self.children[pid] = slot
        self.started_at[slot] = time.monotonic()
        logs.event("worker_started", worker=slot, worker_pid=pid)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)

    def _on_signal(self, signum, _frame) -> None:
        if self.stopping:
            return
        self.stopping = True
        logs.event("draining_workers", signal=signal.Signals(signum).name, workers=len(self.children))
        self._signal_children(signal.SIGTERM)

    def _signal_children(self, signum: int) -> None:
        for pid in list(self.children):
            try:
                os.kill(pid, signum)
            except ProcessLookupError:
                pass

    def _reap(self) -> None:
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                self.children.clear()
                return
            except OSError as exc:
                if exc.errno == errno.EINTR:
                    continue
                raise
            if pid == 0:
                return
            slot = self.children.pop(pid, None)
            if slot is None:
                continue
            if self.metrics_dir is not None:
                self.metrics_dir.worker_died(pid)
            code = os.waitstatus_to_exitcode(status)
            self._after_death(slot, pid, code)

    def _after_death(self, slot: int, pid: int, code: int) -> None:
        if self.stopping:
            logs.event("worker_stopped", worker=slot, worker_pid=pid, exit_code=code)
            if code != 0 and self.exit_code == 0:
                self.exit_code = 1
            return
        logs.event("worker_died", logging.ERROR, worker=slot, worker_pid=pid, exit_code=code)
        if code == EXIT_CONFIG:
            self._give_up(EXIT_CONFIG)
            return
        quick = time.monotonic() - self.started_at[slot] < QUICK_DEATH_SECONDS
        self.quick_deaths[slot] = self.quick_deaths.get(slot, 0) + 1 if quick else 0
        if self.quick_deaths[slot] >= MAX_QUICK_DEATHS:
            self._give_up(1)
            return
        self.due[slot] = time.monotonic() + (0.5 * 2 ** self.quick_deaths[slot] if quick else 0)

    def _restart_due(self) -> None:
        now = time.monotonic()
        for slot, when in list(self.due.items()):
            if self.stopping:
                self.due.clear()
                return
            if when <= now:
                del self.due[slot]
                self._spawn(slot)

    def _give_up(self, code: int) -> None:
        logs.event("supervisor_giving_up", logging.ERROR, exit_code=code)
        self.stopping = True
        self.exit_code = code
        self.due.clear()
        self._signal_children(signal.SIGTERM)


def supervise(config: ServerConfig) -> int:
    return Supervisor(config).run()
