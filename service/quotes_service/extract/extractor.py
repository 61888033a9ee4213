"""text -> spaCy Doc -> quote marks -> candidates (rules) -> quotes -> speakers -> records.

Pure: no gRPC, no I/O. ``Extractor.extract_document(text)`` (the quotes and the distinct
speakers) is what the server and the in-process CLI call; ``extract(text)`` gives the quotes
alone; ``extract_many`` parses short texts in batches.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from spacy.tokens import Doc

from quotes.types import DocumentQuotes, Quote
from quotes_service.extract.assemble import assemble
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.marks import find_quoted
from quotes_service.extract.pipeline.nlp import Pipeline

StopCheck = Callable[[], bool]
BATCH = 16               # documents parsed together by extract_many


class Cancelled(Exception):
    """Raised between stages when the caller's ``should_stop`` says so (deadline passed, client gone)."""


def _raise_cancelled() -> None:
    raise Cancelled()


def _checker(should_stop: StopCheck | None) -> Callable[[], None]:
    def check() -> None:
        if should_stop is not None and should_stop():
            raise Cancelled()
    return check


class Extractor:
    def __init__(self, nlp=None, max_length: int = 1_000_000):
        self.pipeline = Pipeline(nlp, max_length)
        self.nlp = self.pipeline.nlp
        self.max_length = max_length

    def parse(self, text: str) -> Doc:
        """``text`` through the pipeline as the rules need it (without the cancellation checks)."""
        return self.pipeline.parse_whole(text)

    def extract(self, text: str, should_stop: StopCheck | None = None,
                on_parsed: Callable[[int], None] | None = None) -> list[Quote]:
        """Every quote in ``text``, in order of start offset (``extract_document`` without the speakers)."""
        return self.extract_document(text, should_stop, on_parsed).quotes

    def extract_document(self, text: str, should_stop: StopCheck | None = None,
                         on_parsed: Callable[[int], None] | None = None) -> DocumentQuotes:
        """Every quote in ``text``, in order of start offset, and its distinct speakers. ``on_parsed``
        is told the number of tokens once the text is parsed (for metrics)."""
        check = _checker(should_stop)
        check()
        if not text.strip():
            return DocumentQuotes("")
        with self.pipeline.memory_zone():
            doc = self.pipeline.parse(text, should_stop, _raise_cancelled)
            if on_parsed is not None:
                on_parsed(len(doc))
            check()
            return self.document_in(doc, should_stop, text)

    def extract_many(self, texts: Iterable[str], should_stop: StopCheck | None = None,
                     batch_size: int = BATCH) -> Iterator[DocumentQuotes]:
        """Like ``extract_document`` for each text, in order; short texts are parsed ``batch_size``
        at a time with ``nlp.pipe``, and each batch's results are yielded before the next is read."""
        batch: list[str] = []
        for text in texts:
            if self.pipeline.parsed_in_pieces(text):
                yield from self._pipe(batch, should_stop)
                batch = []
                yield self.extract_document(text, should_stop)
                continue
            batch.append(text)
            if len(batch) >= batch_size:
                yield from self._pipe(batch, should_stop)
                batch = []
        yield from self._pipe(batch, should_stop)

    def _pipe(self, texts: list[str], should_stop: StopCheck | None) -> Iterator[DocumentQuotes]:
        if not texts:
            return
        _checker(should_stop)()
        with self.pipeline.memory_zone():
            results = [self.document_in(doc, should_stop, text) if text.strip() else DocumentQuotes("")
                       for text, doc in zip(texts, self.pipeline.pipe(texts))]
        yield from results

    def quotes_in(self, doc: Doc, should_stop: StopCheck | None = None) -> list[Quote]:
        """Every quote of a parsed document (from ``Pipeline.parse``, ``parse`` or ``pipe``)."""
        return self.document_in(doc, should_stop).quotes

    def document_in(self, doc: Doc, should_stop: StopCheck | None = None,
                    text: str | None = None) -> DocumentQuotes:
        """The quotes and distinct speakers of a parsed document (``text``: the text it was parsed
        from, when the caller has it, which spares joining its tokens again)."""
        self.pipeline.ready(doc)
        text = doc.text if text is None else text
        return assemble(DocIndex(doc, find_quoted(text), text), _checker(should_stop))
