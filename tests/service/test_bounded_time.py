"""Bounded time: the rules grow linearly with the text on inputs built to make them work
hard, and a server abandons the work, and stops using the CPU, once the caller's
deadline passes or the caller cancels.

Timings are the fastest of a few runs, the small and the large text taking turns so that a
burst of load elsewhere falls on both; the growth allowed is generous (6x the time for 4x the
text; linear is 4x, quadratic 16x); and a growth over it is measured once more before it counts
(a quadratic path fails both times, a machine busy for a moment does not).
"""
from __future__ import annotations

import gc
import os
import time
import uuid

import grpc
import pytest

from quotes.v1 import quotes_pb2 as pb
from quotes.v1 import quotes_pb2_grpc
from quotes_service.extract.extractor import Extractor

SIZE = 10_000          # characters of the smaller text; the larger has 4 times as many
GROWTH = 4
ALLOWED = 6.0          # time at GROWTH x the size <= ALLOWED x the time at 1x
REPEATS = 3


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def _speakers(size: int) -> str:
    out, i = [], 0
    while sum(map(len, out)) < size:
        out.append(f'"We will win the vote," said Senator Dana Smith{i % 50}, chair of the budget committee '
                   f"at Harvard University. Smith{i % 50} said later that the committee would meet. ")
        i += 1
    return "".join(out)


# Each builds a text of about ``size`` characters that makes one part of the rules work hard.
PATHOLOGICAL = {
    "quote marks of every kind": lambda n: _repeat("\" “ ” ‘ ’ « » ' \"a\" ", n),
    "one quote continued sentence after sentence": lambda n: '"Aaa bbb ccc ddd," John Smith said. '
                                                             + _repeat('"Eee fff ggg hhh." ', n),
    "speakers with titles and affiliations": _speakers,
    "said-cues in one long sentence": lambda n: _repeat("He said that she said that ", n),
    "partial quotes inside reported speech": lambda n: _repeat(
        'Trump said the deal was "terrific" and good for all of them. ', n),
    "pronouns looking for their antecedents": lambda n: _repeat(
        'Mary Jones met Bob Brown. "It is fine," he said. "No," she said. ', n),
    "according to, again and again": lambda n: _repeat(
        "The plan would fail, according to officials, and the money was gone, according to John Smith, ", n),
}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _fastest_pair(run_small, run_large) -> tuple[float, float]:
    """The fastest of REPEATS runs of each, taking turns, with Python's garbage collector held
    off: its passes cost more as more objects live, which is not the growth these tests look for."""
    best = [float("inf"), float("inf")]
    gc.collect()
    gc.disable()
    try:
        for _ in range(REPEATS):
            for k, run in enumerate((run_small, run_large)):
                started = time.perf_counter()
                run()
                best[k] = min(best[k], time.perf_counter() - started)
    finally:
        gc.enable()
    return best[0], best[1]


def _assert_linear(measure, floor: float, what: str) -> None:
    """``measure()`` gives (small, large) seconds; the large may take ALLOWED x the small (or
    the floor, for times too short to time), on the first measurement or on a second one."""
    for attempt in range(2):
        t_small, t_large = measure()
        if t_large <= ALLOWED * max(t_small, floor):
            return
    pytest.fail(f"{what}: {t_small * 1000:.1f} ms -> {t_large * 1000:.1f} ms, twice over {ALLOWED}x")


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_the_rules_grow_linearly(extractor, name):
    """The rules alone (marks, attribution, speakers, reported speech) on a parsed text."""
    build = PATHOLOGICAL[name]
    small, large = build(SIZE), build(GROWTH * SIZE)
    assert 3.5 < len(large) / len(small) < 4.5
    with extractor.nlp.memory_zone():
        doc_small, doc_large = extractor.pipeline.parse(small), extractor.pipeline.parse(large)
        _assert_linear(lambda: _fastest_pair(lambda: extractor.quotes_in(doc_small),
                                             lambda: extractor.quotes_in(doc_large)),
                       0.002, f"{name}: {len(small):,} -> {len(large):,} chars")


@pytest.mark.parametrize("unit", ['"', "“”", "😀", "a-"], ids=["straight marks", "curly marks", "emoji", "hyphens"])
def test_long_runs_without_spaces_cost_linear_time(extractor, unit):
    """spaCy's tokenizer is quadratic in a run's length; runs are cut before it sees them."""
    small, large = unit * (2 * SIZE // len(unit)), unit * (2 * GROWTH * SIZE // len(unit))
    _assert_linear(lambda: _fastest_pair(lambda: extractor.extract(small), lambda: extractor.extract(large)),
                   0.005, f"{len(small):,} -> {len(large):,} characters of {unit!r}")


# -- deadlines and cancellation on a server ------------------------------------------------------
LONG_TEXT = "\U0001F600 " * 100_000        # 200,000 characters, 100,000 tokens: about 15 s of parsing
CPU_AFTER_GIVING_UP = 1.0                  # CPU seconds the server may still use once the caller is gone
SERVER_LIMIT = 2.0                         # --max-call-seconds of the server here


def _cpu_seconds(pid: int) -> float:
    """utime + stime of every thread of ``pid`` (/proc/<pid>/stat, fields 14 and 15)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu_once_idle(pid: int, within: float = 10.0) -> tuple[float, float]:
    """(CPU seconds, wall seconds) when the process has used no more CPU for 0.5 s."""
    started = time.monotonic()
    last = _cpu_seconds(pid)
    while time.monotonic() - started < within:
        time.sleep(0.5)
        now = _cpu_seconds(pid)
        if now - last < 0.02:
            return now, time.monotonic() - started
        last = now
    raise AssertionError(f"process {pid} still busy after {within}s")


@pytest.fixture(scope="module")
def busy_server(start_server):
    return start_server("--max-text-length", str(len(LONG_TEXT)), "--max-call-seconds", str(SERVER_LIMIT))


@pytest.fixture(scope="module")
def stub(busy_server):
    with grpc.insecure_channel(busy_server.target) as channel:
        yield quotes_pb2_grpc.QuoteServiceStub(channel)


@pytest.mark.parametrize("deadline", [0.05, 1.0], ids=["50 ms", "1 s, mid-parse"])
def test_work_stops_when_the_deadline_passes(busy_server, stub, deadline):
    [pid] = busy_server.pids
    before, _ = _cpu_once_idle(pid)
    request_id = uuid.uuid4().hex
    with pytest.raises(grpc.RpcError) as caught:
        stub.ExtractQuotes(pb.ExtractQuotesRequest(text=LONG_TEXT), timeout=deadline,
                           metadata=(("x-request-id", request_id),))
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    gave_up = _cpu_seconds(pid)
    idle, _ = _cpu_once_idle(pid)
    assert idle - gave_up <= CPU_AFTER_GIVING_UP, f"{idle - gave_up:.2f} CPU s after the deadline"
    if deadline >= 1.0:
        assert gave_up - before > 0.3, "the server was parsing when the deadline passed"
    call = busy_server.wait_event("call", request_id=request_id)
    assert call["code"] == "DEADLINE_EXCEEDED"
    assert not [e for e in busy_server.events("extracted") if e.get("request_id") == request_id]


def test_work_stops_when_the_caller_cancels(busy_server, stub):
    [pid] = busy_server.pids
    before, _ = _cpu_once_idle(pid)
    request_id = uuid.uuid4().hex
    call = stub.ExtractQuotes.future(pb.ExtractQuotesRequest(text=LONG_TEXT), timeout=60,
                                     metadata=(("x-request-id", request_id),))
    waited = time.monotonic()   # until the server is well into parsing (on a busy machine, more than 1 s)
    while _cpu_seconds(pid) - before < 0.5 and time.monotonic() - waited < 10:
        time.sleep(0.1)
    assert call.cancel()
    cancelled = _cpu_seconds(pid)
    idle, _ = _cpu_once_idle(pid)
    assert cancelled - before > 0.3, "the server was parsing when the call was cancelled"
    assert idle - cancelled <= CPU_AFTER_GIVING_UP, f"{idle - cancelled:.2f} CPU s after the cancel"
    assert busy_server.wait_event("call", request_id=request_id)["code"] == "CANCELLED"
    with grpc.insecure_channel(busy_server.target) as channel:  # and the next caller is served
        reply = quotes_pb2_grpc.QuoteServiceStub(channel).ExtractQuotes(
            pb.ExtractQuotesRequest(text='"Fine," she said.'), timeout=30)
    assert [q.text for q in reply.quotes] == ["Fine"]


def test_the_servers_own_limit_holds_for_a_caller_without_a_deadline(busy_server, stub):
    [pid] = busy_server.pids
    _cpu_once_idle(pid)
    started = time.monotonic()
    with pytest.raises(grpc.RpcError) as caught:
        stub.ExtractQuotes(pb.ExtractQuotesRequest(text=LONG_TEXT))  # no deadline at all
    took = time.monotonic() - started
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert f"limit of {SERVER_LIMIT:g} s" in caught.value.details()
    assert SERVER_LIMIT <= took < SERVER_LIMIT + 3, f"{took:.1f}s"
    gave_up = _cpu_seconds(pid)
    idle, _ = _cpu_once_idle(pid)
    assert idle - gave_up <= CPU_AFTER_GIVING_UP
