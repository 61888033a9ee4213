"""Extraction in this process, behind the same call the CLI makes on a server.

``LocalExtractor.extract_many_messages`` validates and converts exactly as the
server does (``quotes_service.server.validation``, ``quotes.convert.response_to_proto``),
so ``quotes extract`` prints the same bytes with or without ``--server``.
quotes_service (and spaCy) are imported here, lazily, and nowhere else in the client.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from quotes.cli import extras
from quotes.convert import response_to_proto
from quotes.v1 import quotes_pb2 as pb
from quotes.wire import Document, request_for


class SetupError(Exception):
    """The service extra or the model is missing; the message is one line saying what to install."""


class InvalidDocument(Exception):
    def __init__(self, index: int, description: str):
        super().__init__(description)
        self.index = index
        self.description = description


class LocalExtractor:
    def __init__(self, max_text_length: int | None = None):
        missing = extras.missing_module()
        if missing:
            raise SetupError(f"in-process extraction needs the service extra ({missing} is missing): "
                             f"{extras.HINT}, or pass --server")
        from quotes_service.server.config import ServerConfig
        from quotes_service.extract.extractor import Extractor
        from quotes_service.extract.pipeline.model import ModelNotFound

        self.max_text_length = max_text_length or ServerConfig().max_text_length
        try:
            self._extractor = Extractor(max_length=self.max_text_length)
        except ModelNotFound as exc:
            raise SetupError(str(exc)) from None

    def extract_many_messages(self, docs: Iterable[Document]) -> Iterator[pb.ExtractQuotesResponse]:
        from quotes_service.server.validation import InvalidRequest, check_text

        for index, doc in enumerate(docs):
            request = request_for(doc)
            try:
                text = check_text(request.text, self.max_text_length)
            except InvalidRequest as bad:
                raise InvalidDocument(index, bad.description) from None
            found = self._extractor.extract_document(text)
            yield response_to_proto(request.document_id, text, found.quotes, found.speakers)


def rule_names() -> list[str]:
    """The extraction rules, in the order they are tried (ImportError without the service extra)."""
    from quotes_service.extract.rules.registry import RULES

    return [rule.name for rule in RULES]
