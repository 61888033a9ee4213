"""QuoteClient and AsyncQuoteClient against real servers: results, typed errors, retries, balancing."""
from __future__ import annotations

import asyncio
import time
import grpc
import pytest

from support.addresses import dead_address
from support.servers import TEST_MAX_TEXT_LENGTH
from support.gold import read_text, seed_files
from quotes import AsyncQuoteClient, QuoteClient
from quotes.client import check_health
from quotes.errors import (DeadlineExceeded, FieldViolation, InvalidArgument, QuotesError, ResourceExhausted,
                           Unavailable)
from quotes.types import DocumentQuotes, QuoteType
from quotes.wire import SERVICE_NAME

SEEDS = [(p.name, read_text(p)) for p in seed_files()]
SEED = SEEDS[0][1]
SHORT = '"We will see," she said.'


@pytest.fixture
def client(server):
    with QuoteClient(server.target, timeout=30) as c:
        yield c


def test_extract_returns_typed_records(server, client):
    result = client.extract(SEED, document_id="seed-0")
    assert isinstance(result, DocumentQuotes) and result.document_id == "seed-0"
    assert result.quotes and all(q.type in (QuoteType.DIRECT, QuoteType.INDIRECT, QuoteType.PARTIAL)
                                 for q in result.quotes)
    host, pid = result.served_by.rsplit(":", 1)
    assert host and int(pid) in server.pids


def test_health(client):
    assert client.health() == "SERVING"
    assert client.health(SERVICE_NAME) == "SERVING"


@pytest.mark.parametrize("service,expected", [
    (SERVICE_NAME, "SERVING"), ("", "SERVING"), ("nope.v1.Nope", "NOT_FOUND"),
])
def test_check_health_names_what_the_server_said(server, service, expected):
    assert check_health(server.target, service) == expected


def test_check_health_of_nothing_listening_is_unavailable_and_quick():
    started = time.monotonic()
    assert check_health(dead_address(), timeout=5) == "UNAVAILABLE"
    assert time.monotonic() - started < 4   # no retries: a probe says what it saw


def test_extract_many_keeps_order_and_ids(client):
    docs = SEEDS + [(7, SHORT), ("", SHORT)]
    results = list(client.extract_many(docs))
    assert [r.document_id for r in results] == [d for d, _ in SEEDS] + ["7", ""]
    assert results[0].quotes == client.extract(SEED).quotes
    assert all(r.served_by for r in results)


def test_extract_many_accepts_plain_texts(client):
    assert [len(r.quotes) > 0 for r in client.extract_many([SHORT, SEED])] == [True, True]


@pytest.mark.parametrize("text,words", [("", ["empty"]), ("x" * (TEST_MAX_TEXT_LENGTH + 1), [f"{TEST_MAX_TEXT_LENGTH:,}"])],
                         ids=["empty", "over-limit"])
def test_invalid_argument_has_field_violations(client, text, words):
    with pytest.raises(InvalidArgument) as caught:
        client.extract(text)
    error = caught.value
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT and error.served_by
    assert [v.field for v in error.field_violations] == ["text"]
    assert all(w in error.field_violations[0].description for w in words)


def test_invalid_message_in_a_stream_raises_after_the_good_ones(client):
    results = []
    with pytest.raises(InvalidArgument) as caught:
        for r in client.extract_many([("a", SHORT), ("b", " ")]):
            results.append(r.document_id)
    assert results == ["a"]
    assert caught.value.details.startswith("message 1:")
    assert caught.value.field_violations == [FieldViolation("text", caught.value.details)]


def test_an_error_in_the_callers_documents_surfaces_unchanged(client):
    def docs():
        yield "a", SHORT
        raise LookupError("the caller's own bug")

    seen = []
    with pytest.raises(LookupError, match="caller's own bug"):
        for r in client.extract_many(docs()):
            seen.append(r.document_id)
    assert seen == ["a"]


def test_resource_exhausted_over_the_message_cap(client):
    with pytest.raises(ResourceExhausted):
        client.extract("a" * (4 * TEST_MAX_TEXT_LENGTH + 70_000))


def test_deadline_exceeded(client):
    with pytest.raises(DeadlineExceeded):
        client.extract("😀 " * (TEST_MAX_TEXT_LENGTH // 2), timeout=0.1)


def test_unreachable_server_is_unavailable_after_retries():
    with QuoteClient(dead_address(), timeout=10, retries=2) as client:
        with pytest.raises(Unavailable) as caught:
            client.extract(SHORT)
    assert isinstance(caught.value, QuotesError) and caught.value.code == grpc.StatusCode.UNAVAILABLE
    with QuoteClient(dead_address(), timeout=10) as client:
        with pytest.raises(Unavailable):
            list(client.extract_many([SHORT]))


def test_round_robin_over_a_comma_separated_target(server, second_server):
    with QuoteClient(f"{server.target},{second_server.target}") as client:
        served = {client.extract(SHORT).served_by for _ in range(8)}
    assert {int(s.rsplit(":", 1)[1]) for s in served} == server.pids | second_server.pids


def test_a_dead_address_in_the_target_costs_no_failed_call(server):
    """round_robin sends calls only to addresses it is connected to."""
    with QuoteClient(f"{dead_address()},{server.target}", retries=0) as client:
        for _ in range(10):
            assert client.extract(SHORT).quotes


def test_dns_target_works(server):
    with QuoteClient(f"dns:///localhost:{server.port}") as client:
        assert client.health() == "SERVING"


def test_async_client(server):
    async def run():
        async with AsyncQuoteClient(server.target) as client:
            assert await client.health() == "SERVING"
            one = await client.extract(SEED, "x")
            many = [r async for r in client.extract_many(SEEDS)]
            with pytest.raises(InvalidArgument) as caught:
                await client.extract("   ")
            return one, many, caught.value

    one, many, error = asyncio.run(run())
    assert one.document_id == "x" and one.quotes and one.served_by
    assert [r.document_id for r in many] == [d for d, _ in SEEDS]
    assert many[0].quotes == one.quotes
    assert error.field_violations and error.served_by


def test_async_client_unavailable():
    async def run():
        async with AsyncQuoteClient(dead_address(), retries=1) as client:
            await client.extract(SHORT)

    with pytest.raises(Unavailable):
        asyncio.run(run())
