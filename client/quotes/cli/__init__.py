"""The ``quotes`` command: ``quotes serve`` and ``quotes extract`` (see ``quotes.cli.commands``).

Errors end with one line on stderr and a non-zero exit code, never a traceback:
1 bad input, 2 usage or setup (service extra, model), 3 the service failed.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Sequence

from quotes import __version__
from quotes.cli.commands import COMMANDS, CommandError


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    parser = argparse.ArgumentParser(
        prog="quotes", description="Quote and attribution extraction: serve it, or extract with it.",
        epilog="exit codes: 0 ok, 1 bad input, 2 usage or setup, 3 the service failed",
    )
    parser.add_argument("--version", action="version", version=f"quotes {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    modules = {}
    for name in COMMANDS:
        module = importlib.import_module(f"quotes.cli.commands.{name}")
        passthrough = getattr(module, "PASSTHROUGH", False)
        command_parser = sub.add_parser(name, help=module.HELP, description=module.HELP,
                                        add_help=not passthrough)
        module.add_arguments(command_parser)
        modules[name] = module
    return parser, modules


def main(argv: Sequence[str] | None = None) -> int:
    parser, modules = build_parser()
    args, extra = parser.parse_known_args(sys.argv[1:] if argv is None else list(argv))
    module = modules[args.command]
    passthrough = getattr(module, "PASSTHROUGH", False)
    if extra and not passthrough:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return module.run(args, extra) if passthrough else module.run(args)
    except CommandError as exc:
        print(f"quotes: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `quotes extract ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
