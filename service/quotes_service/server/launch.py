"""``quotes serve`` / ``python -m quotes_service``: settings in, one server or a supervisor of workers out.

No gRPC object exists before the fork: with ``--workers 1`` the server runs in
this process (without SO_REUSEPORT); with more, ``workers.supervise`` forks first.
"""
from __future__ import annotations

import importlib.util
import os
import sys
from typing import Sequence

from quotes_service.server import logs
from quotes_service.server.config import from_argv
from quotes_service.extract.pipeline.model import INSTALL_HINT, ModelNotFound, model_name
from quotes_service.server.shutdown import GracefulShutdown

EXIT_MODEL_NOT_FOUND = 2


def main(argv: Sequence[str] | None = None, prog: str = "quotes serve") -> int:
    config = from_argv(argv, prog)
    try:
        _check_model_installed()
        if config.workers == 1:
            logs.setup(config.log_level)
            shutdown = GracefulShutdown(config.grace)  # before importing gRPC and spaCy, which takes a while
            logs.event("starting", address=config.address)
            from quotes_service.server.grpc_server import run_server

            return run_server(config, shutdown=shutdown)
        from quotes_service.server.workers import supervise

        return supervise(config)
    except ModelNotFound as exc:
        print(f"{prog.split()[0]}: {exc}", file=sys.stderr)
        return EXIT_MODEL_NOT_FOUND


def _check_model_installed() -> None:
    """Fail fast, before forking or loading anything, with the one-line message."""
    name = model_name()
    try:
        found = os.path.exists(name) or importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise ModelNotFound(f"spaCy model {name!r} is neither an installed package nor a path: {INSTALL_HINT}")
