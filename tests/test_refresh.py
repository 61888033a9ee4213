"""--refresh-model-every: a worker loads a fresh model beside the one in use and switches between
calls; no call fails or changes its answer, and the old copy is freed."""
from __future__ import annotations

import gc
import threading
import time
import weakref

import grpc
import pytest

from gold import read_text, seed_files
from quotes.v1 import quotes_pb2 as pb
from quotes.v1 import quotes_pb2_grpc
from quotes_service.extractor import Extractor
from quotes_service.refresh import ModelRefresh

SEED = read_text(seed_files()[0])


def test_a_refresh_swaps_in_a_fresh_model_and_frees_the_old_one():
    first = Extractor()
    expected = first.extract(SEED)
    refresh = ModelRefresh(first, every=2)
    old = weakref.ref(first)
    old_nlp = weakref.ref(first.nlp)
    del first
    for _ in range(2):
        refresh.extractor.extract(SEED)
        refresh.parsed_one()
    deadline = time.monotonic() + 60
    while refresh.refreshes < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert refresh.refreshes == 1
    assert refresh.extractor is not old() and refresh.extractor.extract(SEED) == expected
    gc.collect()
    assert old() is None and old_nlp() is None, "the replaced model is still referenced"


def test_never_with_0():
    refresh = ModelRefresh(Extractor(), every=0)
    current = refresh.extractor
    for _ in range(5):
        refresh.parsed_one()
    assert refresh.extractor is current and refresh.refreshes == 0


@pytest.mark.slow
def test_refreshes_under_load_cost_no_call_and_change_no_answer(start_server):
    server = start_server("--refresh-model-every", "4", "--max-concurrent-rpcs", "8")
    with grpc.insecure_channel(server.target) as channel:
        stub = quotes_pb2_grpc.QuoteServiceStub(channel)
        expected = stub.ExtractQuotes(pb.ExtractQuotesRequest(text=SEED), timeout=30)
        answers, errors = [], []

        def load():
            for _ in range(8):
                try:
                    answers.append(stub.ExtractQuotes(pb.ExtractQuotesRequest(text=SEED), timeout=60))
                except grpc.RpcError as exc:
                    errors.append(exc.code())

        threads = [threading.Thread(target=load) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
    assert errors == []
    assert len(answers) == 24 and all(a == expected for a in answers)
    refreshed = server.wait_event("model_refreshed", timeout=60)
    assert refreshed["documents"] >= 4
    assert len(server.events("model_refreshed")) >= 2
