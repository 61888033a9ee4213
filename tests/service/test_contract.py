"""The contract a caller sees from a real server: deadlines, health, reflection, metadata,
streams, exact spans, load shedding. What it answers to every kind of text, status code by
status code, is tests/service/test_input_contract.py.

The shared server runs with --max-text-length 20000 (conftest.TEST_MAX_TEXT_LENGTH).
"""
from __future__ import annotations

import time
import uuid

import grpc
import pytest
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from grpc_status import rpc_status

from support.servers import TEST_MAX_TEXT_LENGTH
from support.gold import read_text, seed_files
from support.held_stream import HeldStream
from support.spans import assert_valid_response
from quotes.v1 import quotes_pb2 as pb
from quotes.v1 import quotes_pb2_grpc
from quotes.wire import HEALTH_SERVICE_NAME, SERVICE_NAME

LIMIT = TEST_MAX_TEXT_LENGTH
SEED = read_text(seed_files()[0])


def _call(channel, text: str, timeout: float = 30):
    stub = quotes_pb2_grpc.QuoteServiceStub(channel)
    return stub.ExtractQuotes.with_call(pb.ExtractQuotesRequest(document_id="d", text=text), timeout=timeout)


def test_deadline_is_honoured_by_the_server(server, channel):
    """The caller gets DEADLINE_EXCEEDED, and the server gives up on the work too (its log says so)."""
    slow = "😀 " * (LIMIT // 2)  # ~2 s of parsing: one token per emoji
    request_id = uuid.uuid4().hex
    stub = quotes_pb2_grpc.QuoteServiceStub(channel)
    started = time.monotonic()
    with pytest.raises(grpc.RpcError) as caught:
        stub.ExtractQuotes(pb.ExtractQuotesRequest(text=slow), timeout=0.2,
                           metadata=(("x-request-id", request_id),))
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert time.monotonic() - started < 1.5
    call = server.wait_event("call", timeout=30, request_id=request_id)
    assert call["code"] == "DEADLINE_EXCEEDED"
    assert not [e for e in server.events("extracted") if e.get("request_id") == request_id]


def test_health_serving_for_server_and_service(server):
    assert server.health("") == "SERVING"
    assert server.health(SERVICE_NAME) == "SERVING"


def test_health_unknown_service_is_not_found(server):
    assert server.health("nope.v1.Nope") == "NOT_FOUND"   # the Check call's status code


def test_reflection_lists_the_services(channel):
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)
    responses = stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5)
    names = {s.name for r in responses for s in r.list_services_response.service}
    assert {SERVICE_NAME, HEALTH_SERVICE_NAME, "grpc.reflection.v1alpha.ServerReflection"} <= names


def _served_by(metadata) -> str:
    return dict(metadata or ()).get("x-served-by", "")


def test_x_served_by_on_success_and_on_error(server, channel):
    _, call = _call(channel, SEED)
    host, pid = _served_by(call.initial_metadata()).rsplit(":", 1)
    assert host and int(pid) in server.pids
    with pytest.raises(grpc.RpcError) as caught:
        _call(channel, "")
    assert _served_by(caught.value.initial_metadata()) == _served_by(call.initial_metadata())


def test_stream_answers_in_request_order(channel):
    stub = quotes_pb2_grpc.QuoteServiceStub(channel)
    seeds = seed_files()
    requests = [pb.ExtractQuotesRequest(document_id=p.name, text=read_text(p)) for p in seeds] * 2
    responses = list(stub.StreamExtractQuotes(iter(requests), timeout=60))
    assert [r.document_id for r in responses] == [r.document_id for r in requests]
    single = stub.ExtractQuotes(requests[0], timeout=30)
    assert responses[0] == single


def test_stream_ends_at_a_bad_message_naming_its_index(channel):
    stub = quotes_pb2_grpc.QuoteServiceStub(channel)
    texts = [SEED, SEED, "  ", SEED]
    call = stub.StreamExtractQuotes(iter(pb.ExtractQuotesRequest(text=t) for t in texts), timeout=60)
    received = []
    with pytest.raises(grpc.RpcError) as caught:
        for response in call:
            received.append(response)
    assert len(received) == 2
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert caught.value.details().startswith("message 2:")
    assert rpc_status.from_call(caught.value) is not None


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name[:3])
def test_spans_are_exact_over_the_wire(channel, path):
    text = read_text(path)
    response, _ = _call(channel, text)
    assert response.quotes, "every seed has quotes"
    assert_valid_response(text, response)


def test_utf8_spans_count_bytes_not_code_points(channel):
    text = "Intro 😀 café. “We will win,” said Ms. Ødegård, the minister."
    response, _ = _call(channel, text)
    [q] = [q for q in response.quotes if "We will win" in q.text]
    assert q.span_utf8.start == len(text[:q.span.start].encode()) == q.span.start + 6  # 😀 +3, é +1, “ +2 bytes
    assert q.span_utf8.end - q.span_utf8.start == len(q.text.encode())


def test_utf16_spans_count_code_units_not_code_points(channel):
    """What JavaScript, Java and C# index: an emoji outside the BMP is two units, é and “ one."""
    text = "Intro 😀 café. “We will 🎉 win,” said Ms. Ødegård, the minister."
    response, _ = _call(channel, text)
    [q] = [q for q in response.quotes if "We will" in q.text]
    assert q.span_utf16.start == q.span.start + 1
    assert q.span_utf16.end - q.span_utf16.start == len(q.text) + 1
    assert q.speaker.span_utf16.start == q.speaker.span.start + 2


def test_load_is_shed_with_resource_exhausted(second_server):
    """The second server takes one call at a time: while a stream is open, a call is refused."""
    with grpc.insecure_channel(second_server.target) as channel:
        stub = quotes_pb2_grpc.QuoteServiceStub(channel)
        held = HeldStream()
        stream = stub.StreamExtractQuotes(iter(held), timeout=30)
        held.send(SEED, "first")
        assert next(stream).document_id == "first"  # the stream is now in flight on the server
        with pytest.raises(grpc.RpcError) as caught:
            stub.ExtractQuotes(pb.ExtractQuotesRequest(text=SEED), timeout=10)
        assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        held.end()
        assert list(stream) == []
        assert stub.ExtractQuotes(pb.ExtractQuotesRequest(text=SEED), timeout=10).quotes
