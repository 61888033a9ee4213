"""Real servers for the contract, client and CLI tests (fixtures in tests/conftest.py): each a
``quotes_tools.server_process.ServerProcess`` (`quotes serve --port 0` in a subprocess, its JSON
log in a file, which is how its port is learnt and how tests read what it did)."""
from __future__ import annotations

import time
from pathlib import Path

import grpc

from quotes_tools.server_process import ServerProcess
from support.paths import REPO

__all__ = ["TEST_MAX_TEXT_LENGTH", "ServerProcess", "launch"]

TEST_MAX_TEXT_LENGTH = 20_000   # above every seed, small enough to test the limits cheaply
START_TIMEOUT = 60.0


def launch(log_dir: Path, *args: str, workers: int = 1, env: dict[str, str] | None = None,
           credentials: grpc.ChannelCredentials | None = None) -> ServerProcess:
    """Start `quotes serve` on a free port and return once health says SERVING. ``env`` adds to the
    server's environment; ``credentials`` are what its health check connects with (a TLS server)."""
    log_path = log_dir / f"server-{time.monotonic_ns()}.log"
    server = ServerProcess(log_path, *args, workers=workers, env=env, cwd=REPO, credentials=credentials)
    return server.start(timeout=START_TIMEOUT)
