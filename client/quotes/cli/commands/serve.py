"""quotes serve: run the gRPC service (flags: ``quotes serve --help``)."""
from __future__ import annotations

import argparse

from quotes.cli import extras, local
from quotes.cli.commands import EXIT_SETUP, CommandError

HELP = "run the gRPC service (needs the [service] extra)"
PASSTHROUGH = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Nothing: the service parses its own flags, so they are defined once (quotes_service.server.config)."""


def run(args: argparse.Namespace, argv: list[str]) -> int:
    missing = extras.missing_module()
    if missing:
        raise CommandError(f"quotes serve needs the service extra ({missing} is missing): {extras.HINT}",
                           EXIT_SETUP)
    return local.serve(argv, prog="quotes serve")
