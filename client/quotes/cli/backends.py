"""Where ``quotes extract`` and ``quotes eval`` extract, and the flags that reach a server.

In this process (``LocalExtractor``, or ``ProcessPool`` for ``--workers N``), or on a server
(``FanOut``: ``--concurrency`` calls in flight, each on a client of its own). Every backend has
``outcomes(docs)`` (``quotes.cli.outcomes``, in input order) and ``close()``. ``failure`` turns an
error that ends a run into one line and an exit code.
"""
from __future__ import annotations

import argparse
import os

from quotes.cli.commands import EXIT_SERVICE, EXIT_SETUP, CommandError

TOKEN_ENV = "QUOTES_TOKEN"


def add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    """Retries, TLS and the bearer token for --server (quotes extract, quotes eval)."""
    parser.add_argument("--retries", type=int, default=3, help="retries when the server is unavailable")
    group = parser.add_argument_group("security (with --server)")
    group.add_argument("--tls", action="store_true",
                       help="connect with TLS, trusting the system's CAs (implied by --tls-ca)")
    group.add_argument("--tls-ca", metavar="FILE", help="PEM CA bundle to trust for the server's certificate")
    group.add_argument("--tls-cert", metavar="FILE", help="PEM client certificate chain, for mutual TLS")
    group.add_argument("--tls-key", metavar="FILE", help="PEM private key of --tls-cert")
    group.add_argument("--tls-server-name", metavar="NAME",
                       help="check the server's certificate for NAME instead of the --server host")
    group.add_argument("--token-file", metavar="FILE",
                       help="send the bearer token in FILE (its first line that is not blank or a # comment)")
    group.add_argument("--token", metavar="TOKEN",
                       help=f"send this bearer token [{TOKEN_ENV}]; prefer {TOKEN_ENV} or --token-file, which "
                            "other users cannot read in the process list")


def server_target(args: argparse.Namespace) -> str:
    return args.server or os.environ.get("QUOTES_SERVER", "").strip()


def _token(args: argparse.Namespace) -> str | None:
    if args.token and args.token_file:
        raise CommandError("give --token or --token-file, not both", EXIT_SETUP)
    if args.token_file:
        try:
            with open(args.token_file, encoding="utf-8") as fh:
                lines = [line.strip() for line in fh.read().splitlines()]
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"--token-file {args.token_file}: cannot read it ({exc})", EXIT_SETUP) from None
        token = next((line for line in lines if line and not line.startswith("#")), None)
        if token is None:
            raise CommandError(f"--token-file {args.token_file} holds no token", EXIT_SETUP)
        return token
    return args.token or os.environ.get(TOKEN_ENV, "").strip() or None


def _client_factory(server: str, args: argparse.Namespace):
    """A function making one QuoteClient for a target and load-balancing policy (the fan-out's
    share of ``server``; no deadline per call: the fan-out gives each call what is left of the
    run's), checked by making one for ``server``."""
    from quotes.client import QuoteClient

    token = _token(args)

    def make(target: str = server, load_balancing: str = "round_robin"):
        return QuoteClient(target, timeout=None, retries=args.retries, tls=args.tls, tls_ca=args.tls_ca,
                           tls_cert=args.tls_cert, tls_key=args.tls_key,
                           tls_server_name=args.tls_server_name, token=token, load_balancing=load_balancing)

    try:
        make().close()
    except OSError as exc:  # a PEM file that cannot be read
        raise CommandError(f"{exc.filename}: cannot read it ({exc.strerror or exc})", EXIT_SETUP) from None
    except ValueError as exc:  # an unparseable or unresolvable target, tls arguments that do not fit
        raise CommandError(f"bad --server {server!r} or security options: {exc}", EXIT_SETUP) from None
    return make


def open_backend(server: str, args: argparse.Namespace, *, workers: int = 1, concurrency: int | None = None,
                 timeout: float | None = None):
    """The backend for a run; ``workers`` in process (0: every usable CPU), ``concurrency`` on a
    server (None: 2 per address the target resolves to)."""
    if server:
        from quotes.cli.fanout import FanOut, default_concurrency

        make = _client_factory(server, args)
        return FanOut(make, server, concurrency or default_concurrency(server), timeout=timeout)
    from quotes.cli import local

    try:
        if workers == 0:
            local.check_setup()
            workers = local.usable_cpus()
        if workers == 1:
            return local.LocalExtractor()
        from quotes.cli.pool import ProcessPool

        return ProcessPool(workers)
    except local.SetupError as exc:
        raise CommandError(str(exc), EXIT_SETUP) from None


def failure(exc: Exception, server: str) -> Exception:
    """The one-line CommandError for an error that ends a run (not a document's own), else ``exc``."""
    from quotes import errors
    from quotes.cli.pool import WorkerFailed

    if isinstance(exc, WorkerFailed):
        return CommandError(f"in-process extraction failed: {exc}", EXIT_SERVICE)
    if isinstance(exc, errors.Unauthenticated):
        return CommandError(f"the service at {server} wants a valid token ({TOKEN_ENV}, --token-file): "
                            f"{exc.details}", EXIT_SETUP)
    if isinstance(exc, errors.Unavailable):
        return CommandError(f"cannot reach the service at {server}: {exc.details}", EXIT_SERVICE)
    if isinstance(exc, errors.QuotesError):
        return CommandError(f"the service at {server} failed: {exc}", EXIT_SERVICE)
    return exc
