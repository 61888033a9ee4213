"""quotes bench: serving performance against raw spaCy, in one run (quotes_tools.bench, docs/performance.md)."""
from __future__ import annotations

import argparse
import shlex
import signal
import sys
import time

from quotes.cli import extras, local
from quotes.cli.commands import EXIT_INPUT, EXIT_SERVICE, EXIT_SETUP, CommandError

HELP = ("measure the service against raw spaCy: throughput on 1 and N workers, latency, memory over a soak; "
        "with --batch, the corpus-scale figures of docs/batch.md")
BATCH_PARTS = ("workers", "fanout", "spark", "bad", "resume")
DEFAULT_GOLD = "../shared/eval/polnear_dev_quotes.jsonl"

# flag: (full run, --quick). A flag given on the command line wins over both.
SETTINGS = {
    "docs": (None, 12),
    "seconds": (40.0, 4.0),
    "warmup_seconds": (5.0, 1.5),
    "latency_requests": (400, 40),
    "soak_requests": (20_000, 300),
    "soak_warmup": (2_000, 100),
    "reference_warmup": (10, 3),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", default=DEFAULT_GOLD, metavar="FILE",
                        help=f"JSON lines whose id and text are the articles sent (default {DEFAULT_GOLD})")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run of a minute or so: 12 articles, short windows, a 300-request soak")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="the second server's workers; 1 worker is always measured (default: the CPUs, "
                             "as quotes serve)")
    parser.add_argument("--docs", type=int, default=None, metavar="N", help="only the first N articles (default all)")
    parser.add_argument("--channels-per-worker", type=int, default=2, metavar="C",
                        help="concurrent client channels (connections) per worker (default 2)")
    parser.add_argument("--client-processes", type=int, default=2, metavar="P",
                        help="load generator processes sharing the channels (default 2)")
    parser.add_argument("--seconds", type=float, default=None, help="each throughput window (default 40)")
    parser.add_argument("--warmup-seconds", type=float, default=None,
                        help="load before each throughput window, not counted (default 5)")
    parser.add_argument("--latency-requests", type=int, default=None, metavar="N",
                        help="requests of the open-loop latency run on each server (default 400)")
    parser.add_argument("--latency-chars", type=int, default=2000, metavar="N",
                        help="latency texts: each article cut to about N characters (default 2000)")
    parser.add_argument("--soak-requests", type=int, default=None, metavar="N",
                        help="soak requests, each with new words, on the N-worker server; 0 skips it "
                             "(default 20000)")
    parser.add_argument("--soak-warmup", type=int, default=None, metavar="N",
                        help="soak requests before RSS is first read (default 2000)")
    parser.add_argument("--reference-passes", type=int, default=1, metavar="P",
                        help="timed passes of each reference method; the fastest counts (default 1)")
    parser.add_argument("--reference-warmup", type=int, default=None, metavar="N",
                        help="articles the reference parses before timing (default 10)")
    parser.add_argument("--serve-args", default="", metavar="'FLAGS'",
                        help="more flags for quotes serve, as one string: --serve-args='--threads 4'")
    batch = parser.add_argument_group("--batch (docs/batch.md)")
    batch.add_argument("--batch", action="store_true",
                       help="measure instead quotes extract --workers 1/2, --server A / A,B --concurrency 4, "
                            "quotes spark local[1]/local[2], a corpus with bad documents and a SIGKILLed run "
                            "resumed (30 minutes on a contended 2-core machine); writes batch-<date>.json")
    batch.add_argument("--repeats", type=int, default=3, metavar="R",
                       help="runs of each timed command; the fastest counts (default 3)")
    batch.add_argument("--parts", default=",".join(BATCH_PARTS), metavar="LIST",
                       help=f"which measurements, comma-separated (default all: {','.join(BATCH_PARTS)})")
    parser.add_argument("--out-dir", default="bench/results", metavar="DIR",
                        help="where the JSON goes: bench-<date>.json and latest.json (a --quick run: "
                             "bench-quick-<date>.json only) (default bench/results)")


def _value(args: argparse.Namespace, name: str):
    given = getattr(args, name)
    if given is not None:
        return given
    full, quick = SETTINGS[name]
    return quick if args.quick else full


def _settings(args: argparse.Namespace):
    from quotes_tools.bench.run import Settings

    settings = Settings(
        gold=args.gold,
        workers=args.workers or local.usable_cpus(),
        limit=_value(args, "docs"),
        channels_per_worker=args.channels_per_worker,
        client_processes=args.client_processes,
        warmup_seconds=_value(args, "warmup_seconds"),
        seconds=_value(args, "seconds"),
        latency_requests=_value(args, "latency_requests"),
        latency_chars=args.latency_chars,
        soak_requests=_value(args, "soak_requests"),
        soak_warmup=_value(args, "soak_warmup"),
        reference_passes=args.reference_passes,
        reference_warmup=_value(args, "reference_warmup"),
        serve_args=shlex.split(args.serve_args),
        quick=args.quick,
    )
    for name in ("workers", "channels_per_worker", "client_processes", "latency_requests", "latency_chars",
                 "reference_passes"):
        if getattr(settings, name) < 1:
            raise CommandError(f"--{name.replace('_', '-')} must be at least 1", EXIT_SETUP)
    if settings.seconds <= 0 or settings.warmup_seconds < 0 or settings.soak_requests < 0:
        raise CommandError("--seconds must be positive, --warmup-seconds and --soak-requests not negative",
                           EXIT_SETUP)
    if settings.limit is not None and settings.limit < 1:
        raise CommandError("--docs must be at least 1", EXIT_SETUP)
    return settings


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _stop_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt   # unwinds through the finally blocks that stop the servers


def run(args: argparse.Namespace) -> int:
    missing = extras.missing_module()
    if missing:
        raise CommandError(f"quotes bench needs the service extra ({missing} is missing): {extras.HINT}",
                           EXIT_SETUP)
    if extras.tools_missing():
        raise CommandError(f"quotes bench needs the developers' tools (quotes_tools): {extras.TOOLS_HINT}", EXIT_SETUP)
    if args.batch:
        return _run_batch(args)
    from quotes_tools.bench import corpus, report
    from quotes_tools.bench.load import LoadFailed
    from quotes_tools.bench.reference import ReferenceFailed
    from quotes_tools.bench.run import run as run_bench
    from quotes_tools.server_process import ServerFailed

    settings = _settings(args)
    problem = local.model_problem()
    if problem:
        raise CommandError(problem, EXIT_SETUP)
    try:
        corpus.read_articles(settings.gold, 1)
    except OSError as exc:
        raise CommandError(f"{settings.gold}: {exc.strerror or exc}", EXIT_INPUT) from None
    except ValueError as exc:
        raise CommandError(str(exc), EXIT_INPUT) from None

    started = time.gmtime()
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        results = run_bench(settings, _say)
    except ServerFailed as exc:
        raise CommandError(exc.summary, EXIT_SERVICE) from None
    except (LoadFailed, ReferenceFailed) as exc:
        raise CommandError(str(exc), EXIT_SERVICE) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    results = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", started),
        "command": shlex.join(["quotes", *sys.argv[1:]]),
        "quick": settings.quick,
        **results,
    }
    from quotes_tools.bench.system import git_state

    results["git"] = git_state()
    results["targets"] = report.targets(results)
    results["failed_calls"] = report.failed_calls(results)
    stem = ("bench-quick-" if settings.quick else "bench-") + time.strftime("%Y-%m-%dT%H%M%SZ", started)
    paths = report.write_json(results, args.out_dir, stem, latest=not settings.quick)
    print(report.table(results))
    print(f"\nwritten: {', '.join(paths)}")
    sys.stdout.flush()
    return EXIT_SERVICE if results["failed_calls"] else 0


def _run_batch(args: argparse.Namespace) -> int:
    from quotes_tools.bench import batch, batch_report, report
    from quotes_tools.bench.system import git_state

    parts = tuple(part.strip() for part in args.parts.split(",") if part.strip())
    unknown = sorted(set(parts) - set(BATCH_PARTS))
    if unknown or not parts or args.repeats < 1:
        raise CommandError(f"--parts takes {','.join(BATCH_PARTS)} (not {','.join(unknown)}); --repeats at least 1",
                           EXIT_SETUP)
    if "spark" in parts and extras.spark_missing():
        raise CommandError(f"quotes bench --batch measures quotes spark, which needs pyspark: {extras.SPARK_HINT}",
                           EXIT_SETUP)
    started = time.gmtime()
    try:
        results = batch.run(args.gold, args.repeats, _say, parts, limit=args.docs)
    except OSError as exc:
        raise CommandError(f"{args.gold}: {exc.strerror or exc}", EXIT_INPUT) from None
    except RuntimeError as exc:
        raise CommandError(str(exc), EXIT_SERVICE) from None
    results = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", started), "command": shlex.join(["quotes", *sys.argv[1:]]),
               **results, "git": git_state()}
    results["targets"] = batch_report.targets(results)
    stem = "batch-" + time.strftime("%Y-%m-%dT%H%M%SZ", started)
    paths = report.write_json(results, args.out_dir, stem, latest=False)
    print(batch_report.table(results))
    print(f"\nwritten: {', '.join(paths)}")
    sys.stdout.flush()
    return 0 if all(t["met"] for t in results["targets"]) else 1
