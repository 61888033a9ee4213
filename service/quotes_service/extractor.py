"""text -> spaCy Doc -> quote marks -> cues -> attribution -> speakers -> records.

Pure: no gRPC, no I/O. ``Extractor.extract(text)`` is what the server and the
in-process CLI call.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from quotes.types import Quote


class Cancelled(Exception):
    """Raised between stages when the caller's ``should_stop`` says so (deadline passed, client gone)."""


StopCheck = Callable[[], bool]


class Extractor:
    def __init__(self, nlp=None, max_length: int = 1_000_000):
        if nlp is None:
            from quotes_service.model import load_model

            nlp = load_model(max_length)
        self.nlp = nlp
        self.max_length = max_length

    def extract(self, text: str, should_stop: StopCheck | None = None) -> list[Quote]:
        """Every quote in ``text``, in order of start offset."""
        return []  # filled in by the rules

    def extract_many(self, texts: Iterable[str], should_stop: StopCheck | None = None) -> Iterator[list[Quote]]:
        for text in texts:
            yield self.extract(text, should_stop)
