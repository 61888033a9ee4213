"""quotes extract: quotes from files or JSON lines, in this process (N worker processes) or on servers
(C calls in flight); a batch goes on past a document that fails, and can resume where a killed run stopped."""
from __future__ import annotations

import argparse
import sys

from quotes.cli import inputs, progress
from quotes.cli.backends import add_connection_arguments, failure, open_backend, server_target
from quotes.cli.batch import run_batch
from quotes.cli.commands import EXIT_INPUT, EXIT_SETUP, CommandError
from quotes.cli.formats import FORMATS
from quotes.cli.resume import ResumeError, prepare

HELP = "extract quotes from documents (in process, or on a server with --server)"
RESUMABLE = "jsonl"

FAILED_DOCUMENTS = """\
a document that cannot be extracted (empty, over the length limit, refused by the server) is
reported on stderr and the run goes on: jsonl and json hold an error record in its place,
{"document_id": ..., "error": {"code": "INVALID_ARGUMENT", "message": ...}}; the table a line
"ID: not extracted: CODE: MESSAGE"; the html page the document's heading and why, without its
text. A summary ends the run ("84 documents, 82 extracted, 2 failed") and the exit code is 1 when
any failed. Errors that are not a document's own (the server unreachable, a token refused) end
the run: exit codes 0 ok, 1 bad input, 2 usage or setup, 3 the service failed."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = FAILED_DOCUMENTS
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
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
    parser.add_argument("--output", "-o", metavar="FILE", default=None,
                        help="write to FILE instead of stdout, flushed after each document")
    parser.add_argument("--resume", action="store_true",
                        help=f"with --output FILE and --format {RESUMABLE}: skip the documents FILE already "
                             "holds (by document_id) and append the rest, so a killed run started again ends "
                             "with every document once")
    parser.add_argument("--fail-fast", action="store_true",
                        help="stop at the first document that cannot be extracted (exit 1)")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="in process: N worker processes, each loading the model once; 0 = every usable "
                             "CPU (default 1)")
    parser.add_argument("--concurrency", type=int, default=None, metavar="C",
                        help="with --server: C documents in flight, each on a connection of its own, spread "
                             "over every address (default 2 per address the target resolves to)")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help="deadline for the whole run on a server (default: none)")
    add_connection_arguments(parser)


def _check_flags(args: argparse.Namespace, server: str) -> None:
    def usage(message: str) -> CommandError:
        return CommandError(message, EXIT_SETUP)

    if args.workers is not None and args.workers < 0:
        raise usage("--workers must be 0 (every usable CPU) or more")
    if server and args.workers not in (None, 1):
        raise usage("--workers is for extraction in this process; with --server, use --concurrency")
    if args.concurrency is not None and (args.concurrency < 1 or not server):
        raise usage("--concurrency needs --server and must be at least 1")
    if args.resume and not args.output:
        raise usage("--resume needs --output FILE: the file to resume")
    if args.resume and args.format != RESUMABLE:
        raise usage(f"--resume needs --format {RESUMABLE}: only its lines can be read back and appended to")


def _open_output(args: argparse.Namespace):
    if not args.output:
        return sys.stdout, None
    done = None
    try:
        if args.resume:
            done = prepare(args.output)
        return open(args.output, "a" if args.resume else "w", encoding="utf-8"), done
    except ResumeError as exc:
        raise CommandError(str(exc), EXIT_SETUP) from None
    except OSError as exc:
        raise CommandError(f"--output {args.output}: {exc.strerror or exc}", EXIT_SETUP) from None


def run(args: argparse.Namespace) -> int:
    files, jsonl = list(args.files), list(args.jsonl)
    if not files and not jsonl:
        if sys.stdin.isatty():
            raise CommandError("no input: give FILE ..., '-' for stdin, or --jsonl FILE", EXIT_SETUP)
        files = [inputs.STDIN]
    server = server_target(args)
    _check_flags(args, server)
    try:
        inputs.check_paths(files, jsonl)
    except inputs.InputError as exc:
        raise CommandError(str(exc), EXIT_INPUT) from None
    out, done = _open_output(args)
    try:
        backend = open_backend(server, args, workers=1 if args.workers is None else args.workers,
                               concurrency=args.concurrency, timeout=args.timeout)
    except BaseException:
        if out is not sys.stdout:
            out.close()
        raise
    show = progress.wanted(None if inputs.STDIN in jsonl else 1 + len(files) + 4 * len(jsonl), stdout=out)
    bar = progress.Progress(inputs.count_documents(files, jsonl) if show else None, enabled=show)
    writer = FORMATS[args.format](out)
    try:
        tally = run_batch(inputs.read_documents(files, jsonl), backend, writer, bar,
                          say=lambda line: bar.note(f"quotes: {line}"), done=done, fail_fast=args.fail_fast)
    except inputs.InputError as exc:
        raise CommandError(str(exc), EXIT_INPUT) from None
    except CommandError:
        raise
    except Exception as exc:
        raise failure(exc, server) from None
    finally:
        bar.close()
        try:
            writer.close()   # may raise too (a closed pipe): the backend is stopped all the same
        finally:
            backend.close()
            if out is not sys.stdout:
                out.close()
    if tally.failed or tally.resumed or show:
        print(tally.summary(args.output), file=sys.stderr, flush=True)
    return tally.exit_code
