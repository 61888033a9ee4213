"""quotes extract: quotes from files or JSON lines, on a server or in this process."""
from __future__ import annotations

import argparse
import os
import re
import sys
from collections import deque
from typing import Iterator

from quotes.cli import inputs, progress
from quotes.cli.commands import EXIT_INPUT, EXIT_SETUP, EXIT_SERVICE, CommandError
from quotes.cli.formats import FORMATS

HELP = "extract quotes from documents (in process, or on a server with --server)"
_MESSAGE_INDEX = re.compile(r"^message (\d+): (.*)$", re.S)
TOKEN_ENV = "QUOTES_TOKEN"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="a document, read as UTF-8; its path is its document_id; '-' is stdin")
    parser.add_argument("--jsonl", action="append", default=[], metavar="FILE",
                        help='documents as JSON lines {"id": ..., "text": ...}; \'-\' is stdin; repeatable')
    parser.add_argument("--server", default=None, metavar="HOST:PORT",
                        help="the service to call (several, comma-separated, are balanced) [QUOTES_SERVER]; "
                             "without one, extraction runs in this process")
    parser.add_argument("--format", choices=sorted(FORMATS), default="table",
                        help="table (for reading), json (one array), jsonl (one object per line) "
                             "or html (one self-contained page with the quotes highlighted)")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help="deadline for the whole run on a server (default: none)")
    add_connection_arguments(parser)


def add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    """Retries, TLS and the bearer token for --server (shared with quotes eval)."""
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


def _backend(server: str, args: argparse.Namespace):
    if server:
        from quotes.client import QuoteClient

        try:
            return QuoteClient(server, retries=args.retries, tls=args.tls, tls_ca=args.tls_ca,
                               tls_cert=args.tls_cert, tls_key=args.tls_key,
                               tls_server_name=args.tls_server_name, token=_token(args))
        except OSError as exc:  # a PEM file that cannot be read
            raise CommandError(f"{exc.filename}: cannot read it ({exc.strerror or exc})", EXIT_SETUP) from None
        except ValueError as exc:  # an unparseable or unresolvable target, tls arguments that do not fit
            raise CommandError(f"bad --server {server!r} or security options: {exc}", EXIT_SETUP) from None
    from quotes.cli.local import LocalExtractor, SetupError

    try:
        return LocalExtractor()
    except SetupError as exc:
        raise CommandError(str(exc), EXIT_SETUP) from None


def run(args: argparse.Namespace) -> int:
    files, jsonl = list(args.files), list(args.jsonl)
    if not files and not jsonl:
        if sys.stdin.isatty():
            raise CommandError("no input: give FILE ..., '-' for stdin, or --jsonl FILE", EXIT_SETUP)
        files = [inputs.STDIN]
    try:
        inputs.check_paths(files, jsonl)
    except inputs.InputError as exc:
        raise CommandError(str(exc), EXIT_INPUT) from None
    server = args.server or os.environ.get("QUOTES_SERVER", "").strip()
    backend = _backend(server, args)
    show = progress.wanted(None if inputs.STDIN in jsonl else 1 + len(files) + 4 * len(jsonl))
    bar = progress.Progress(inputs.count_documents(files, jsonl) if show else None, enabled=show)
    writer = FORMATS[args.format](sys.stdout)
    pending: deque[tuple[str, str]] = deque()   # sent, not yet answered: (document_id, text)
    sent: list[str] = []                        # every document_id, to name one the service refused

    def documents() -> Iterator[tuple[str, str]]:
        for document_id, text in inputs.read_documents(files, jsonl):
            pending.append((document_id, text))
            sent.append(document_id)
            yield document_id, text

    try:
        calls = (backend.extract_many_messages(documents(), timeout=args.timeout) if server
                 else backend.extract_many_messages(documents()))
        for response in calls:
            _, text = pending.popleft()
            writer.write(text, response)
            bar.advance()
    except inputs.InputError as exc:
        raise CommandError(str(exc), EXIT_INPUT) from None
    except Exception as exc:
        raise _failure(exc, server, sent) from None
    finally:
        bar.close()
        writer.close()
        if server:
            backend.close()
    return 0


def _label(sent: list[str], index: int) -> str:
    if 0 <= index < len(sent) and sent[index]:
        return sent[index]
    return f"document {index + 1}"


def _failure(exc: Exception, server: str, sent: list[str]) -> Exception:
    from quotes import errors
    from quotes.cli.local import InvalidDocument

    if isinstance(exc, InvalidDocument):
        return CommandError(f"{_label(sent, exc.index)}: {exc.description}", EXIT_INPUT)
    if isinstance(exc, errors.InvalidArgument):
        found = _MESSAGE_INDEX.match(exc.details)
        if found:
            return CommandError(f"{_label(sent, int(found.group(1)))}: {found.group(2)}", EXIT_INPUT)
        return CommandError(f"the service refused a document: {exc.details}", EXIT_INPUT)
    if isinstance(exc, errors.Unauthenticated):
        return CommandError(f"the service at {server} wants a valid token ({TOKEN_ENV}, --token-file): "
                            f"{exc.details}", EXIT_SETUP)
    if isinstance(exc, errors.Unavailable):
        return CommandError(f"cannot reach the service at {server}: {exc.details}", EXIT_SERVICE)
    if isinstance(exc, errors.QuotesError):
        return CommandError(f"the service at {server} failed: {exc}", EXIT_SERVICE)
    return exc
