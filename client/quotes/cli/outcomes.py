"""What became of one document of a batch: its response, or an error that is the document's own.

A batch goes on past a document that fails for a reason of its own (empty, over the length
limit, refused by the server, a bug its text triggers) and records the failure in its place;
anything else (the server unreachable, a token refused, the run's deadline) ends the run. Every
way of extracting a batch (one process, a pool of processes, a fan-out over servers, Spark
executors) yields ``Outcome``s, in input order, and ``document_error`` is the one place that
says which failures are the document's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # not at run time: `quotes serve` comes through the CLI's modules before gRPC
    from quotes import errors
    from quotes.v1 import quotes_pb2 as pb


class DocumentError(Exception):
    """A document that could not be extracted, for a reason of its own. ``code`` is a gRPC
    status code's name ("INVALID_ARGUMENT"), ``message`` says why in one line."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass
class Outcome:
    document_id: str
    text: str
    response: "pb.ExtractQuotesResponse | None" = None
    error: DocumentError | None = None


def error_record(document_id: str, error: DocumentError) -> dict:
    """What jsonl and json output hold in a failed document's place."""
    return {"document_id": document_id, "error": error.as_dict()}


def document_error(exc: "errors.QuotesError", run_deadline_passed: bool = False) -> DocumentError | None:
    """The document's own failure that a failed call stands for, or None when the call failed
    for a reason that is not the document's (the run should end).

    INVALID_ARGUMENT: the server refused the text (empty, over its limit). INTERNAL: the text
    made extraction fail. DEADLINE_EXCEEDED, unless the run's own deadline passed: the server's
    limit per document (--max-call-seconds). RESOURCE_EXHAUSTED only when gRPC found the message
    over the server's size cap ("larger than max"); otherwise it is load shedding."""
    code = exc.code.name
    if code in ("INVALID_ARGUMENT", "INTERNAL") or (code == "DEADLINE_EXCEEDED" and not run_deadline_passed):
        return DocumentError(code, exc.details or code)
    if code == "RESOURCE_EXHAUSTED" and "larger than max" in exc.details:
        return DocumentError(code, exc.details)
    return None
