"""quotes spark: the batch on Spark (quotes.spark.job), from JSON lines or Parquet to JSON lines or Parquet."""
from __future__ import annotations

import argparse
import sys

from quotes.cli import extras
from quotes.cli.commands import EXIT_INPUT, EXIT_OK, EXIT_SERVICE, EXIT_SETUP, CommandError

HELP = "extract quotes from a corpus with Spark (local, or a cluster through --master or spark-submit)"
DESCRIPTION = HELP + """.

Reads JSON lines or Parquet with an id and a text column; writes one row per document: document_id,
quotes (the fields quotes extract --format jsonl prints) and error (null, or code and message for a
document that could not be extracted). Without --master (and outside spark-submit) Spark runs here on
every core. Under spark-submit, give the file quotes/spark/submit.py of the installed package:
  spark-submit --master yarn "$(python -c 'import quotes.spark.submit as s; print(s.__file__)')" \\
      --input hdfs:///corpus/ --output hdfs:///quotes/
docs/batch.md has cluster setups. Exit codes: 0 every document extracted, 1 some failed, 2 usage or
setup, 3 Spark failed."""
JAVA_HINT = "Spark needs Java 17 or later: apt-get install openjdk-17-jre-headless (make install does it as root)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from quotes.spark.job import INPUT_FORMATS, OUTPUT_FORMATS

    parser.description = DESCRIPTION
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--input", required=True, metavar="PATH",
                        help="a file, directory or glob Spark can read (local, hdfs://, s3a://, ...)")
    parser.add_argument("--output", required=True, metavar="PATH", help="a directory Spark writes (must not exist)")
    parser.add_argument("--input-format", choices=INPUT_FORMATS, default=None,
                        help="default: parquet for a path ending .parquet or holding .parquet files, else json")
    parser.add_argument("--format", dest="output_format", choices=OUTPUT_FORMATS, default="json",
                        help="of the output: json (lines, Spark's part files) or parquet (default json)")
    parser.add_argument("--master", default=None, metavar="URL",
                        help="Spark master: local[N], yarn, k8s://..., spark://... (default: spark-submit's, "
                             "else local[*])")
    parser.add_argument("--id-col", default="id", metavar="NAME", help="the id column (default id)")
    parser.add_argument("--text-col", default="text", metavar="NAME", help="the text column (default text)")
    parser.add_argument("--overwrite", action="store_true", help="replace --output if it exists")
    parser.add_argument("--server", default=None, metavar="HOST:PORT",
                        help="extract on this gRPC service from the executors instead of in them")
    parser.add_argument("--concurrency", type=int, default=None, metavar="C",
                        help="with --server: calls in flight per Python worker (default 2 per address)")


def _check_setup() -> None:
    if extras.spark_missing():
        raise CommandError(f"quotes spark needs pyspark: {extras.SPARK_HINT}", EXIT_SETUP)
    if not extras.java_found():
        raise CommandError(JAVA_HINT, EXIT_SETUP)


def run(args: argparse.Namespace) -> int:
    from quotes.spark import job as spark_job

    _check_setup()
    if args.concurrency is not None and (args.concurrency < 1 or not args.server):
        raise CommandError("--concurrency needs --server and must be at least 1", EXIT_SETUP)
    job = spark_job.Job(
        input=args.input, output=args.output,
        input_format=args.input_format or spark_job.input_format(args.input),
        output_format=args.output_format, master=args.master, id_col=args.id_col, text_col=args.text_col,
        overwrite=args.overwrite, server=args.server, concurrency=args.concurrency)
    try:
        tally = spark_job.run(job)
    except ValueError as exc:   # a column missing
        raise CommandError(str(exc), EXIT_INPUT) from None
    except Exception as exc:   # noqa: BLE001 - Spark's own errors (AnalysisException, a failed job) in one line
        raise CommandError(f"Spark failed: {_first_line(exc)}", _exit_code(exc)) from None
    print(tally.summary(), file=sys.stderr, flush=True)
    return EXIT_INPUT if tally.failed else EXIT_OK


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _exit_code(exc: Exception) -> int:
    """AnalysisException (a path that does not exist, an output that does) is the input's fault."""
    name = type(exc).__name__
    return EXIT_INPUT if name in ("AnalysisException", "PathNotFoundException") else EXIT_SERVICE
