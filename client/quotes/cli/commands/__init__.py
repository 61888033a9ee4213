"""The ``quotes`` subcommands. Each module here has HELP, ``add_arguments(parser)`` and
``run(args) -> exit code``; a module with PASSTHROUGH = True gets its raw arguments
instead (``serve`` hands them to the service's own parser). Add a command by adding
a module and its name to COMMANDS."""
from __future__ import annotations

COMMANDS = ("serve", "extract", "eval", "bench", "spark")

EXIT_OK = 0
EXIT_INPUT = 1      # a missing file, bad JSON lines, a document the service refuses
EXIT_SETUP = 2      # usage errors (argparse), the service extra or the model missing
EXIT_SERVICE = 3    # the server unreachable, a deadline passed, any other failed call


class CommandError(Exception):
    """Ends the command with a one-line message on stderr and an exit code."""

    def __init__(self, message: str, exit_code: int = EXIT_INPUT):
        super().__init__(message)
        self.exit_code = exit_code
