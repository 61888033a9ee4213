"""What the deploy tests share: system packages, free ports, health, nginx. Replicas are
``quotes_tools.server_process.ServerProcess``, the launcher the other tests and the benchmark use.

Processes started here are stopped by their own pid, never by name.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotes.client import check_health
from quotes.wire import SERVICE_NAME

REPO = Path(__file__).resolve().parents[2]
# Debian package -> the command the tests run from it.
COMMANDS = {"podman": "podman", "buildah": "buildah", "debootstrap": "debootstrap", "nginx-light": "nginx"}

_install_tried = False


def is_root() -> bool:
    return os.geteuid() == 0


def require_packages(*packages: str) -> None:
    """Skip, naming the missing package, where it cannot be installed; install it where it can.

    As root (CI, `make test`), a missing package is installed with
    deploy/install-system-deps.sh and its absence afterwards is a failure, so
    these tests never skip in CI.
    """
    global _install_tried
    missing = [p for p in packages if shutil.which(COMMANDS[p]) is None]
    if missing and is_root() and not _install_tried:
        _install_tried = True
        subprocess.run(["bash", str(REPO / "deploy" / "install-system-deps.sh")], check=False)
        missing = [p for p in packages if shutil.which(COMMANDS[p]) is None]
    if not missing:
        return
    if is_root():
        pytest.fail(f"{', '.join(missing)} still missing after deploy/install-system-deps.sh")
    pytest.skip(f"needs the Debian package {', '.join(missing)} (installed by `make deploy-deps` as root)")


def report(request, line: str) -> None:
    """A line on the terminal even under -q and output capture: the numbers a deploy test measured."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            if reporter._tw.width_of_current_line:  # after progress dots
                reporter.write("\n")
            reporter.write_line(line)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_serving(target: str, timeout: float, proc: subprocess.Popen | None = None,
                 log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    status = ""
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"{target}: exited {proc.returncode} before serving{tail(log)}")
        status = check_health(target, SERVICE_NAME, timeout=1.0)
        if status == "SERVING":
            return
        time.sleep(0.2)
    raise AssertionError(f"{target}: not SERVING after {timeout:.0f}s (last: {status}){tail(log)}")


def tail(log: Path | None, lines: int = 15) -> str:
    if log is None or not log.exists():
        return ""
    return "\n--- " + str(log) + "\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def quotes_cli() -> str:
    """The `quotes` console script of the interpreter running the tests (.venv/bin/quotes)."""
    path = Path(sys.executable).with_name("quotes")
    return str(path) if path.exists() else "quotes"


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 60.0) -> int:
    """Signal one process we started and wait for it; kill it if it hangs."""
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise AssertionError(f"pid {proc.pid} still running {timeout:.0f}s after signal {sig}")
    return proc.returncode


class Nginx:
    """nginx in the foreground with a rendered configuration under workdir."""

    def __init__(self, workdir: Path, upstreams: list[str], workers: str = "auto"):
        sys.path.insert(0, str(REPO / "deploy" / "nginx"))
        try:
            from render import render
        finally:
            sys.path.pop(0)
        self.workdir = workdir
        self.port = free_port()
        # As root the master drops its workers to www-data, as a packaged nginx does.
        self.conf = render(workdir, f"127.0.0.1:{self.port}", upstreams, workers,
                           user="www-data" if is_root() else None)
        self.proc: subprocess.Popen | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> "Nginx":
        args = ["nginx", "-p", str(self.workdir), "-e", str(self.workdir / "error.log"), "-c", str(self.conf)]
        check = subprocess.run(args + ["-t"], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        self.proc = subprocess.Popen(args + ["-g", "daemon off;"], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"nginx exited {self.proc.returncode}{tail(self.workdir / 'error.log')}"
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.05)
        raise AssertionError(f"nginx not listening on {self.address}{tail(self.workdir / 'error.log')}")

    def stop(self) -> None:
        if self.proc is not None:
            stop(self.proc, signal.SIGQUIT, timeout=15)  # SIGQUIT: nginx's graceful shutdown
