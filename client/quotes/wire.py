"""Shared by the sync and async clients: documents to request messages, metadata to fields."""
from __future__ import annotations

from typing import Iterable, Iterator, Tuple, Union

from quotes.v1 import quotes_pb2 as pb

#: A document: its text alone, or (document_id, text). A numeric id is turned into a string.
Document = Union[str, Tuple[object, str]]


def request_for(doc: Document) -> pb.ExtractQuotesRequest:
    if isinstance(doc, str):
        return pb.ExtractQuotesRequest(text=doc)
    document_id, text = doc
    if not isinstance(text, str):
        raise TypeError(f"document text must be str, not {type(text).__name__}")
    return pb.ExtractQuotesRequest(document_id="" if document_id is None else str(document_id), text=text)


def served_by(metadata) -> str:
    for key, value in metadata or ():
        if key == "x-served-by":
            return value
    return ""


class RequestStream:
    """The request side of a stream. gRPC pulls it on its own thread and would swallow an error
    raised by the caller's iterable (reading a file, say); here the stream is closed early instead
    and the error kept, for the client to raise once the responses already due are delivered."""

    def __init__(self, docs: Iterable[Document]):
        self._docs = docs
        self.error: BaseException | None = None

    def __iter__(self) -> Iterator[pb.ExtractQuotesRequest]:
        try:
            for doc in self._docs:
                yield request_for(doc)
        except Exception as exc:  # noqa: BLE001 - re-raised by the client in the caller's thread
            self.error = exc
