"""Quotes on Spark: ``extract_quotes(df)`` gives one row per document, ``explode_quotes`` one per quote.

    from quotes.spark import extract_quotes, explode_quotes
    results = extract_quotes(spark.read.json("articles.jsonl"), id_col="id", text_col="text")
    quotes = explode_quotes(results).select("document_id", "text", "speaker.canonical_name")

A result row holds ``document_id``, ``quotes`` (an array of structs whose fields are those
``quotes extract --format jsonl`` prints, by the same names and with the same values; the
types come from the proto, ``quotes.spark.schema``) and ``error``: null, or ``code`` and
``message`` for a document that could not be extracted (its ``quotes`` then null), so one bad
document never fails the job. Extraction runs in the executors' Python workers with
``mapInArrow``: each worker loads the model once and takes documents an Arrow batch at a time;
with ``server=`` the workers call the gRPC service instead, and the model stays on its nodes.
Setup for clusters (the wheel and the pinned model on the executors): docs/batch.md.

pyspark is imported by these functions, not by ``import quotes.spark``: the base install of
quotes has no pyspark (``pip install 'quotes[spark]'`` adds it).
"""
from __future__ import annotations

from typing import Any, Mapping

def _pyspark():
    from quotes.cli.extras import SPARK_HINT

    try:
        import pyspark.sql  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        raise ImportError(f"quotes.spark needs pyspark: {SPARK_HINT}") from None
    from pyspark.sql import types
    from pyspark.sql.pandas.types import to_arrow_schema

    return types, to_arrow_schema


def result_schema():
    """The StructType of ``extract_quotes``'s rows."""
    from quotes.spark.schema import result_schema as schema

    return schema(_pyspark()[0])


def extract_quotes(df, id_col: str = "id", text_col: str = "text", *, server: str | None = None,
                   concurrency: int | None = None, client_options: Mapping[str, Any] | None = None,
                   partitions: int | None = None, tally=None):
    """One row per row of ``df``: ``document_id`` (``id_col`` as a string, as ``quotes extract``
    reads a JSON line's id), ``quotes`` and ``error``; see the module's docstring.

    ``server``: a target the executors can reach (``host:port``, a comma-separated list, a
    ``dns:///`` name) to extract there instead of in the executors, ``concurrency`` calls in
    flight per Python worker (default 2 per address), ``client_options`` more ``QuoteClient``
    arguments (``tls_ca``, ``token``, ``retries``...). ``partitions``: repartition ``df`` first,
    for an input with fewer partitions than the cores that should work on it.
    ``tally``: a pair of Spark accumulators that count the documents and the failed ones
    (``quotes spark`` prints them; a retried task counts again)."""
    from quotes.spark.executor import Settings, extract_batches

    types, to_arrow_schema = _pyspark()
    for column in (id_col, text_col):
        if column not in df.columns:
            raise ValueError(f"extract_quotes: no column {column!r} (the frame has {', '.join(df.columns)})")
    schema = result_schema()
    arrow_schema = to_arrow_schema(schema)
    settings = Settings(id_col, text_col, server, concurrency, tuple(sorted((client_options or {}).items())))
    frame = df.select(id_col, text_col)
    if partitions:
        frame = frame.repartition(partitions)
    return frame.mapInArrow(lambda batches: extract_batches(batches, settings, arrow_schema, tally), schema)


def explode_quotes(results):
    """One row per quote of ``extract_quotes``'s results: ``document_id`` and the quote's fields
    (``text``, ``span``, ``type``, ``speaker``, ...). Documents without quotes, and failed ones,
    have no row here."""
    from pyspark.sql import functions

    return (results.select("document_id", functions.explode("quotes").alias("quote"))
            .select("document_id", "quote.*"))
