"""The CLI's one door to the service's code: extraction in this process, ``quotes serve``, and
what the service would choose or load.

``LocalExtractor.extract_message`` validates and converts exactly as the server does
(``quotes_service.server.validation``, ``quotes.convert.response_to_proto``), so ``quotes
extract`` prints the same bytes with or without ``--server``, and so do its worker processes
(``quotes.cli.pool``) and Spark's executors (``quotes.spark``).
quotes_service (and spaCy) are imported here, lazily, inside functions, and nowhere else in the
client (tests/unit/test_import_rules.py holds it): the base install, without the service extra,
can import every module of the CLI.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator

from quotes.cli import extras

if TYPE_CHECKING:
    from quotes.cli.outcomes import Outcome
    from quotes.v1 import quotes_pb2 as pb

# Nothing heavier than ``extras`` at module level: ``quotes serve`` comes through here, and must
# reach its signal handlers (quotes_service.server.launch) before gRPC is imported.


class SetupError(Exception):
    """The service extra or the model is missing; the message is one line saying what to install."""


def check_setup() -> None:
    """SetupError unless in-process extraction can start: the service extra and a model installed.
    Cheap (no model is loaded), for a parent to check before it starts worker processes."""
    missing = extras.missing_module()
    if missing:
        raise SetupError(f"in-process extraction needs the service extra ({missing} is missing): "
                         f"{extras.HINT}, or pass --server")
    problem = model_problem()
    if problem:
        raise SetupError(problem)


class LocalExtractor:
    def __init__(self, max_text_length: int | None = None):
        check_setup()
        from quotes_service.server.config import ServerConfig
        from quotes_service.extract.extractor import Extractor
        from quotes_service.extract.pipeline.model import ModelNotFound

        self.max_text_length = max_text_length or ServerConfig().max_text_length
        try:
            self._extractor = Extractor(max_length=self.max_text_length)
        except ModelNotFound as exc:
            raise SetupError(str(exc)) from None

    def extract_message(self, document_id: str, text: str) -> "pb.ExtractQuotesResponse":
        """The response the server would give, or DocumentError: INVALID_ARGUMENT for a text the
        server refuses (same message), INTERNAL for a text that makes extraction fail."""
        from quotes.cli.outcomes import DocumentError
        from quotes.convert import response_to_proto
        from quotes_service.server.validation import InvalidRequest, check_text

        try:
            text = check_text(text, self.max_text_length)
        except InvalidRequest as bad:
            raise DocumentError("INVALID_ARGUMENT", bad.description) from None
        try:
            found = self._extractor.extract_document(text)
        except Exception as exc:  # noqa: BLE001 - one document's bug must not end a batch
            raise DocumentError("INTERNAL", f"extraction failed: {type(exc).__name__}: {exc}") from None
        return response_to_proto(document_id, text, found.quotes, found.speakers)

    def outcomes(self, docs: Iterable[tuple[str, str]]) -> Iterator["Outcome"]:
        """Each document's outcome in turn."""
        from quotes.cli.outcomes import DocumentError, Outcome

        for document_id, text in docs:
            try:
                yield Outcome(document_id, text, response=self.extract_message(document_id, text))
            except DocumentError as failed:
                yield Outcome(document_id, text, error=failed)

    def close(self) -> None:
        """Nothing to release; here so every backend of ``quotes extract`` closes alike."""


def rule_names() -> list[str]:
    """The extraction rules, in the order they are tried (ImportError without the service extra)."""
    from quotes_service.extract.rules.registry import RULES

    return [rule.name for rule in RULES]


def serve(argv: list[str], prog: str = "quotes serve") -> int:
    """``quotes serve``: the service's own launcher, which parses its own flags (defined once, in
    quotes_service.server.config); the process's exit code."""
    from quotes_service.server.launch import main

    return main(argv, prog=prog)


def usable_cpus() -> int:
    """The CPUs this process may use, as ``quotes serve`` counts them for its default --workers."""
    from quotes_service.server.config import default_workers

    return default_workers()


def model_problem() -> str:
    """"" when the spaCy model the service would load is installed; else the one line that says
    what to install."""
    from quotes_service.extract.pipeline.model import ModelNotFound, model_name

    try:
        model_name()
    except ModelNotFound as exc:
        return str(exc)
    return ""
