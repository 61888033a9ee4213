"""quotes extract: quotes from files or JSON lines, on a server or in this process."""
from __future__ import annotations

import argparse
import os
import re
import sys
from collections import deque
from typing import Iterator

from quotes import inputs, progress
from quotes.commands import EXIT_INPUT, EXIT_SETUP, EXIT_SERVICE, CommandError
from quotes.formats import FORMATS

HELP = "extract quotes from documents (in process, or on a server with --server)"
_MESSAGE_INDEX = re.compile(r"^message (\d+): (.*)$", re.S)


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
    parser.add_argument("--retries", type=int, default=3, help="retries when the server is unavailable")


def _backend(server: str, retries: int):
    if server:
        from quotes.client import QuoteClient

        try:
            return QuoteClient(server, retries=retries)
        except ValueError as exc:  # an unparseable or unresolvable target
            raise CommandError(f"bad --server {server!r}: {exc}", EXIT_SETUP) from None
    from quotes.local import LocalExtractor, SetupError

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
    backend = _backend(server, args.retries)
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
    from quotes.local import InvalidDocument

    if isinstance(exc, InvalidDocument):
        return CommandError(f"{_label(sent, exc.index)}: {exc.description}", EXIT_INPUT)
    if isinstance(exc, errors.InvalidArgument):
        found = _MESSAGE_INDEX.match(exc.details)
        if found:
            return CommandError(f"{_label(sent, int(found.group(1)))}: {found.group(2)}", EXIT_INPUT)
        return CommandError(f"the service refused a document: {exc.details}", EXIT_INPUT)
    if isinstance(exc, errors.Unavailable):
        return CommandError(f"cannot reach the service at {server}: {exc.details}", EXIT_SERVICE)
    if isinstance(exc, errors.QuotesError):
        return CommandError(f"the service at {server} failed: {exc}", EXIT_SERVICE)
    return exc
