"""``quotes serve`` / ``python -m quotes_service``: settings in, one server or a supervisor of workers out.

No gRPC object exists before the fork: with ``--workers 1`` the server runs in
this process (without SO_REUSEPORT); with more, ``workers.supervise`` forks first.
"""
from __future__ import annotations

import sys
from typing import Sequence

from quotes_service.config import from_argv
from quotes_service.model import ModelNotFound, model_name

EXIT_MODEL_NOT_FOUND = 2


def main(argv: Sequence[str] | None = None, prog: str = "quotes serve") -> int:
    config = from_argv(argv, prog)
    try:
        model_name()  # fail fast, before forking or loading anything
        if config.workers == 1:
            from quotes_service.server import run_server

            return run_server(config)
        from quotes_service.workers import supervise

        return supervise(config)
    except ModelNotFound as exc:
        print(f"{prog.split()[0]}: {exc}", file=sys.stderr)
        return EXIT_MODEL_NOT_FOUND
