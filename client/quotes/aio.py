"""AsyncQuoteClient: QuoteClient's twin on grpc.aio, with the same targets, retries and errors.

    async with AsyncQuoteClient("localhost:50051") as client:
        doc = await client.extract(text)
        async for doc in client.extract_many(docs):
            ...
"""
from __future__ import annotations

import asyncio
from typing import AsyncIterable, AsyncIterator, Iterable, Union

import grpc
import grpc.aio

from quotes import channel
from quotes.convert import response_from_proto
from quotes.errors import from_rpc_error
from quotes.types import DocumentQuotes
from quotes.wire import Document, MidCallRetries, health_request, health_status, request_for, served_by

_UNSET = channel.UNSET


class AsyncQuoteClient(channel.ChannelOwner):
    """See ``quotes.client.QuoteClient``: the same arguments and behaviour, awaited."""

    channels = grpc.aio

    async def extract(self, text: str, document_id: str = "", *, timeout=_UNSET) -> DocumentQuotes:
        request = request_for((document_id, text))
        attempts = MidCallRetries(self._timeout(timeout), self.retries)
        while True:
            call = self._stub.ExtractQuotes(request, timeout=attempts.remaining(), metadata=self.metadata)
            try:
                response = await call
                return response_from_proto(response, served_by(await call.initial_metadata()))
            except grpc.RpcError as exc:
                metadata = await call.initial_metadata()
                pause = attempts.pause_after(exc.code(), metadata)
                if pause is None:
                    raise from_rpc_error(exc, served_by(metadata)) from None
                await asyncio.sleep(pause)

    async def extract_many(self, docs: Union[Iterable[Document], AsyncIterable[Document]], *,
                           timeout: float | None = None) -> AsyncIterator[DocumentQuotes]:
        """Results in the order of ``docs`` (a sync or async iterable), over one stream."""
        source_error: list[BaseException] = []

        async def requests():
            try:
                if hasattr(docs, "__aiter__"):
                    async for doc in docs:
                        yield request_for(doc)
                else:
                    for doc in docs:
                        yield request_for(doc)
            except Exception as exc:  # noqa: BLE001 - raised below, after the responses due
                source_error.append(exc)

        call = self._stub.StreamExtractQuotes(requests(), timeout=timeout, metadata=self.metadata)
        origin = ""
        try:
            origin = served_by(await call.initial_metadata())
            async for response in call:
                yield response_from_proto(response, origin)
        except grpc.RpcError as exc:
            if source_error:
                raise source_error[0]
            raise from_rpc_error(exc, origin) from None
        finally:
            call.cancel()
        if source_error:
            raise source_error[0]

    async def health(self, service: str = "", *, timeout=_UNSET) -> str:
        try:
            response = await self._health.Check(health_request(service), timeout=self._timeout(timeout),
                                                metadata=self.metadata)
        except grpc.RpcError as exc:
            raise from_rpc_error(exc) from None
        return health_status(response)

    async def close(self) -> None:
        await self._channel.close()

    async def __aenter__(self) -> "AsyncQuoteClient":
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.close()
