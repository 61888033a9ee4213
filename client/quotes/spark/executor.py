"""What runs in Spark's Python workers: Arrow batches of (id, text) in, Arrow batches of results out.

A Python worker is reused from task to task (spark.python.worker.reuse, on by default), so the
backend is made once per worker and kept here: the model loaded once (``quotes.cli.local``), or
the clients of a fan-out to the gRPC service (``quotes.cli.fanout``) when the model stays on the
service's nodes. A document that fails for a reason of its own gives a row with ``error``; an
error that is not the document's (the service unreachable) fails the task, which Spark retries.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from quotes.cli.outcomes import Outcome
from quotes.convert import response_to_dict
from quotes.spark.schema import ERROR_FIELD


@dataclass(frozen=True)
class Settings:
    """What the driver sends along with the function: where extraction runs and on which columns."""
    id_col: str
    text_col: str
    server: str | None = None          #: None: in the worker's own process
    concurrency: int | None = None     #: with server: calls in flight per Python worker
    client_options: tuple = field(default=())   #: with server: QuoteClient keyword arguments, as pairs


_backends: dict[Settings, object] = {}


def _backend(settings: Settings):
    key = Settings("", "", settings.server, settings.concurrency, settings.client_options)
    backend = _backends.get(key)
    if backend is None:
        if settings.server is None:
            from quotes.cli.local import LocalExtractor

            backend = LocalExtractor()
        else:
            from quotes.cli.fanout import FanOut, default_concurrency
            from quotes.client import QuoteClient

            options = {"timeout": None, **dict(settings.client_options)}
            backend = FanOut(lambda target, balancing: QuoteClient(target, **{**options, "load_balancing": balancing}),
                             settings.server, settings.concurrency or default_concurrency(settings.server))
        _backends[key] = backend
    return backend


def _document_id(value) -> str:
    return "" if value is None else str(value)   # as quotes extract reads a JSON line's "id"


def row(outcome: Outcome) -> dict:
    if outcome.error is not None:
        return {"document_id": outcome.document_id, ERROR_FIELD: outcome.error.as_dict()}
    return response_to_dict(outcome.response)


def extract_batches(batches: Iterator, settings: Settings, arrow_schema, tally=None) -> Iterator:
    """mapInArrow's function: each batch's documents extracted in order, one result row each.
    ``tally``: accumulators (documents, failed) to add to, or None."""
    import pyarrow as pa

    backend = _backend(settings)
    for batch in batches:
        ids = batch.column(settings.id_col).to_pylist()
        texts = batch.column(settings.text_col).to_pylist()
        docs = [(_document_id(i), t if isinstance(t, str) else "") for i, t in zip(ids, texts)]
        outcomes = list(backend.outcomes(docs))
        if tally is not None:
            tally[0].add(len(outcomes))
            tally[1].add(sum(outcome.error is not None for outcome in outcomes))
        rows = [row(outcome) for outcome in outcomes]
        yield pa.RecordBatch.from_pylist(rows, schema=arrow_schema)
