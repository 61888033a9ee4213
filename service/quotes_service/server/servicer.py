"""quotes.v1.QuoteService: validate -> extract -> convert. Nothing else happens here."""
from __future__ import annotations

import time
from typing import Callable, Iterable, Iterator

import grpc
from google.protobuf.message import DecodeError

from quotes.convert import response_to_proto
from quotes.v1 import quotes_pb2 as pb
from quotes.wire import SERVICE_NAME
from quotes_service.extract.extractor import Cancelled, Extractor
from quotes_service.server import logs
from quotes_service.server.admission import ExtractionSlots
from quotes_service.server.metrics import Metrics
from quotes_service.server.request_ids import current_request_id
from quotes_service.server.streams import paced, settled
from quotes_service.server.status import bad_request
from quotes_service.server.validation import InvalidRequest, Undecodable, check_request


def stop_check(context: grpc.ServicerContext, give_up_at: float | None = None) -> Callable[[], bool]:
    """True once the caller is gone, its deadline has passed (time_remaining is inf without one),
    or the server's own limit, ``give_up_at`` on the monotonic clock, has."""
    if give_up_at is None:
        return lambda: not context.is_active() or context.time_remaining() <= 0
    return lambda: not context.is_active() or context.time_remaining() <= 0 or time.monotonic() >= give_up_at


class QuoteService:
    def __init__(self, extractor: Extractor, max_text_length: int, slots: ExtractionSlots,
                 metrics: Metrics | None = None, max_call_seconds: float | None = None):
        self._extractor = extractor
        self._max_text_length = max_text_length
        self._slots = slots
        self._metrics = metrics
        self._max_call_seconds = max_call_seconds or None   # 0: no limit of the server's own

    def ExtractQuotes(self, request, context: grpc.ServicerContext) -> pb.ExtractQuotesResponse:
        return self._answer(request, context, index=None)

    def StreamExtractQuotes(self, requests: Iterable, context: grpc.ServicerContext) -> Iterator[pb.ExtractQuotesResponse]:
        # One after another, so responses leave in request order.
        requests = settled(requests, context)
        if self._max_call_seconds is not None:
            requests = paced(requests, context, self._max_call_seconds)
        for index, request in enumerate(requests):
            yield self._answer(request, context, index=index)

    def _answer(self, request, context: grpc.ServicerContext, index: int | None) -> pb.ExtractQuotesResponse:
        where = "" if index is None else f"message {index}: "
        try:
            text = check_request(request, self._max_text_length)
        except InvalidRequest as bad:
            context.abort_with_status(bad_request(where + bad.description, bad.field, where + bad.description))
        give_up_at = None if self._max_call_seconds is None else time.monotonic() + self._max_call_seconds
        should_stop = stop_check(context, give_up_at)
        started = time.perf_counter()
        tokens = 0

        def parsed(count: int) -> None:
            nonlocal tokens
            tokens = count

        try:
            with self._slots.hold(should_stop):
                waited = time.perf_counter() - started
                found = self._extractor.extract_document(text, should_stop=should_stop, on_parsed=parsed)
        except Cancelled:
            if context.time_remaining() <= 0:
                context.abort(grpc.StatusCode.DEADLINE_EXCEEDED, where + "deadline passed before extraction finished")
            if context.is_active() and give_up_at is not None and time.monotonic() >= give_up_at:
                context.abort(grpc.StatusCode.DEADLINE_EXCEEDED,
                              f"{where}the server's limit of {self._max_call_seconds:g} s per document passed "
                              "before extraction finished")
            context.abort(grpc.StatusCode.CANCELLED, where + "call cancelled before extraction finished")
        if self._metrics is not None:
            self._metrics.extracted(len(text), tokens, len(found.quotes))
        logs.event("extracted", request_id=current_request_id(), index=index,
                   document_id=request.document_id[:200], chars=len(text), tokens=tokens, quotes=len(found.quotes),
                   wait_ms=round(waited * 1000, 1), ms=round((time.perf_counter() - started) * 1000, 1))
        return response_to_proto(request.document_id, text, found.quotes, found.speakers)


def parse_request(data: bytes):
    try:
        return pb.ExtractQuotesRequest.FromString(data)
    except DecodeError as exc:
        return Undecodable(str(exc))


def handler(servicer: QuoteService) -> grpc.GenericRpcHandler:
    """Registered by hand (not add_QuoteServiceServicer_to_server) for the tolerant request parser."""
    serialize = pb.ExtractQuotesResponse.SerializeToString
    return grpc.method_handlers_generic_handler(SERVICE_NAME, {
        "ExtractQuotes": grpc.unary_unary_rpc_method_handler(
            servicer.ExtractQuotes, request_deserializer=parse_request, response_serializer=serialize),
        "StreamExtractQuotes": grpc.stream_stream_rpc_method_handler(
            servicer.StreamExtractQuotes, request_deserializer=parse_request, response_serializer=serialize),
    })
