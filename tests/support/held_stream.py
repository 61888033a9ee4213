"""A request stream the test feeds by hand, to keep a call in flight for as long as it likes."""
from __future__ import annotations

import queue

from quotes.v1 import quotes_pb2 as pb


class HeldStream:
    def __init__(self):
        self._queue: queue.Queue = queue.Queue()

    def __iter__(self):
        while (request := self._queue.get()) is not None:
            yield request

    def send(self, text: str, document_id: str = "") -> None:
        self._queue.put(pb.ExtractQuotesRequest(document_id=document_id, text=text))

    def end(self) -> None:
        self._queue.put(None)
