"""``quotes spark``: read documents (JSON lines or Parquet with ``id`` and ``text``), extract, write
the results (JSON lines or Parquet), print the tally. The same job runs under spark-submit
(``quotes/spark/submit.py``), where spark-submit's --master and configuration hold."""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass

from quotes.spark import extract_quotes

INPUT_FORMATS = ("json", "parquet")
OUTPUT_FORMATS = ("json", "parquet")
PARTITIONS_PER_CORE = 2   # an input read in fewer partitions than this many per core is spread first
OPEN_COST_BYTES = 64 * 1024


@dataclass(frozen=True)
class Job:
    input: str
    output: str
    input_format: str = "json"
    output_format: str = "json"
    master: str | None = None
    id_col: str = "id"
    text_col: str = "text"
    overwrite: bool = False
    server: str | None = None
    concurrency: int | None = None


@dataclass(frozen=True)
class Tally:
    documents: int
    failed: int
    seconds: float    #: the Spark job that reads, extracts and writes (not the session's start and stop)

    def summary(self) -> str:
        rate = self.documents / self.seconds if self.seconds > 0 else 0.0
        return (f"{self.documents} documents, {self.documents - self.failed} extracted, {self.failed} failed; "
                f"the Spark job took {self.seconds:.1f} s ({rate:.1f} documents/s)")


def input_format(path: str) -> str:
    """parquet for a path ending .parquet or a directory of .parquet files, json otherwise."""
    if path.rstrip("/").endswith(".parquet"):
        return "parquet"
    if os.path.isdir(path) and any(name.endswith(".parquet") for name in os.listdir(path)):
        return "parquet"
    return "json"


def _session(master: str | None):
    from pyspark.sql import SparkSession

    under_submit = "PYSPARK_GATEWAY_PORT" in os.environ   # spark-submit started the JVM and holds --master
    if not under_submit and (master is None or master.startswith("local")):
        # Python workers of a local Spark are this interpreter, which has quotes and the model;
        # on a cluster PYSPARK_PYTHON says where the executors' Python is (docs/batch.md).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("quotes")
    if master:
        builder = builder.master(master)
    elif not under_submit:
        builder = builder.master("local[*]")
    return builder.getOrCreate()


def _read(spark, job: Job, partitions: int):
    # Split the input by bytes into at least ``partitions`` pieces as it is read (JSON lines split
    # anywhere, Parquet at row groups): pieces of about equal text are about equal work, and no
    # shuffle is needed, which a repartition would cost; the open cost of a file (4 MB by default)
    # would otherwise keep a small corpus in one piece.
    # spark-submit's --conf (and the session's own settings) hold: these only fill in.
    given = spark.sparkContext.getConf()
    for key, value in (("spark.sql.files.minPartitionNum", partitions),
                       ("spark.sql.files.openCostInBytes", OPEN_COST_BYTES)):
        if not given.contains(key):
            spark.conf.set(key, str(value))
    if job.input_format == "parquet":
        return spark.read.parquet(job.input)
    # A schema, not inference (which would read the whole input once more); a numeric id
    # reads as its JSON text, as quotes extract reads it.
    schema = f"`{job.id_col}` string, `{job.text_col}` string"
    return spark.read.schema(schema).json(job.input)


def run(job: Job) -> Tally:
    spark = _session(job.master)
    try:
        wanted = spark.sparkContext.defaultParallelism * PARTITIONS_PER_CORE
        frame = _read(spark, job, wanted)
        partitions = wanted if frame.rdd.getNumPartitions() < wanted else None
        documents = spark.sparkContext.accumulator(0)
        failed = spark.sparkContext.accumulator(0)
        results = extract_quotes(frame, job.id_col, job.text_col, server=job.server,
                                 concurrency=job.concurrency, partitions=partitions,
                                 tally=(documents, failed))
        writer = results.write.mode("overwrite" if job.overwrite else "errorifexists")
        started = time.perf_counter()
        (writer.parquet if job.output_format == "parquet" else writer.json)(job.output)
        return Tally(documents.value, failed.value, time.perf_counter() - started)
    finally:
        spark.stop()
