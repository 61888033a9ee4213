"""Streams that wait: an idle stream cannot hold a slot for ever, and a stream that ends while
waiting for its next request is logged and counted as what happened (never INTERNAL)."""
from __future__ import annotations

import time

import grpc
import pytest

from support.held_stream import HeldStream
from quotes.v1 import quotes_pb2 as pb
from quotes.v1 import quotes_pb2_grpc

TEXT = '"The plan is sound," said Maria Lopez, a senior fellow at the Urban Institute.'
IDLE = 2.0

pytestmark = pytest.mark.slow  # starts its own server


@pytest.fixture(scope="module")
def one_slot(start_server):
    """One QuoteService call at a time, and IDLE seconds per document and between messages."""
    return start_server("--max-concurrent-rpcs", "1", "--max-call-seconds", str(IDLE))


def test_an_idle_stream_ends_and_frees_its_slot(one_slot):
    with grpc.insecure_channel(one_slot.target) as channel:
        stub = quotes_pb2_grpc.QuoteServiceStub(channel)
        held = HeldStream()
        started = time.monotonic()
        stream = stub.StreamExtractQuotes(iter(held))            # no deadline, and nothing sent
        time.sleep(0.3)
        with pytest.raises(grpc.RpcError) as busy:                # the stream holds the only slot
            stub.ExtractQuotes(pb.ExtractQuotesRequest(text=TEXT), timeout=5)
        assert busy.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        with pytest.raises(grpc.RpcError) as ended:
            next(stream)
        waited = time.monotonic() - started
        assert ended.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        assert "no request for 2 s" in ended.value.details()
        assert IDLE <= waited < IDLE + 3
        held.end()
        reply = stub.ExtractQuotes(pb.ExtractQuotesRequest(text=TEXT), timeout=10)   # the slot is free again
        assert reply.quotes[0].speaker.canonical_name == "Maria Lopez"
    one_slot.wait_event("call", method="StreamExtractQuotes", code="DEADLINE_EXCEEDED")


def test_a_stream_that_keeps_sending_outlives_the_idle_limit(one_slot):
    with grpc.insecure_channel(one_slot.target) as channel:
        held = HeldStream()
        stream = quotes_pb2_grpc.QuoteServiceStub(channel).StreamExtractQuotes(iter(held), timeout=30)
        started = time.monotonic()
        for i in range(4):                                        # 4 messages 1 s apart: 3+ s in all
            held.send(TEXT, f"d{i}")
            assert next(stream).document_id == f"d{i}"
            time.sleep(IDLE / 2)
        held.end()
        assert list(stream) == [] and stream.code() == grpc.StatusCode.OK
        assert time.monotonic() - started > IDLE + 1


@pytest.mark.parametrize("how,code", [("cancel", "CANCELLED"), ("deadline", "DEADLINE_EXCEEDED")])
def test_a_stream_ended_while_waiting_is_not_an_internal_error(one_slot, how, code):
    request_id = f"waiting-{how}"
    with grpc.insecure_channel(one_slot.target) as channel:
        held = HeldStream()
        stream = quotes_pb2_grpc.QuoteServiceStub(channel).StreamExtractQuotes(
            iter(held), timeout=1.0 if how == "deadline" else 30, metadata=[("x-request-id", request_id)])
        held.send(TEXT, "first")
        assert next(stream).document_id == "first"
        if how == "cancel":
            time.sleep(0.5)                                       # the server is waiting for a request
            stream.cancel()
            # Ending the requests at once could let the half-close reach the server before the
            # cancellation, and the server end the call OK: end them once the cancel has gone.
            time.sleep(0.5)
        else:
            with pytest.raises(grpc.RpcError):
                next(stream)
            # The server's clock for the deadline starts a moment after the client's: ending the
            # requests at once could reach it first and end the call OK. Past its deadline, not.
            time.sleep(0.5)
        held.end()
    record = one_slot.wait_event("call", request_id=request_id)
    assert record["code"] == code
    assert not [e for e in one_slot.events("unexpected_error") if e.get("request_id") == request_id]
    with grpc.insecure_channel(one_slot.target) as channel:      # and the slot is free
        reply = quotes_pb2_grpc.QuoteServiceStub(channel).ExtractQuotes(pb.ExtractQuotesRequest(text=TEXT), timeout=10)
        assert reply.quotes
