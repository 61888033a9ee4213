"""The pieces of a batch that need no model: ordering with a bounded window, what --resume reads
back, which failed calls are a document's own, chunks, the summary line."""
from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest

from quotes import errors
from quotes.cli.batch import Tally
from quotes.cli.ordered import in_order
from quotes.cli.outcomes import document_error
from quotes.cli.pool import CHUNK_CHARACTERS, CHUNK_DOCUMENTS, chunks
from quotes.cli.resume import ResumeError, prepare


def test_results_come_in_input_order_with_at_most_window_in_flight():
    in_flight = 0
    most = 0
    lock = threading.Lock()

    def work(n: int) -> int:
        nonlocal in_flight, most
        time.sleep(random.uniform(0, 0.005))
        return n * n

    def submit(n: int):
        nonlocal in_flight, most
        with lock:
            in_flight += 1
            most = max(most, in_flight)
        return pool.submit(work, n)

    with ThreadPoolExecutor(4) as pool:
        out = []
        for result in in_order(submit, range(200), window=6):
            with lock:
                in_flight -= 1
            out.append(result)
    assert out == [n * n for n in range(200)]
    assert most == 6


def test_an_input_error_comes_after_the_results_before_it():
    def items():
        yield from (1, 2, 3)
        raise ValueError("line 4: not JSON")

    with ThreadPoolExecutor(2) as pool:
        got = []
        with pytest.raises(ValueError, match="line 4"):
            for result in in_order(lambda n: pool.submit(lambda: n), items(), window=10):
                got.append(result)
    assert got == [1, 2, 3]


def test_a_result_error_is_raised_in_its_turn():
    def work(n: int) -> int:
        if n == 2:
            raise RuntimeError("boom")
        return n

    with ThreadPoolExecutor(2) as pool:
        got = []
        with pytest.raises(RuntimeError, match="boom"):
            for result in in_order(lambda n: pool.submit(work, n), range(5), window=3):
                got.append(result)
    assert got == [0, 1]


def test_resume_reads_records_and_cuts_a_torn_last_line(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"document_id": "a", "quotes": []}\n'
                     b'{"document_id": "a", "error": {"code": "INVALID_ARGUMENT", "message": "x"}}\n'
                     b'\n'
                     b'{"document_id": "b", "quotes": [{"te')
    done = prepare(str(path))
    assert path.read_bytes().endswith(b'"x"}}\n\n')
    assert done.count == 2
    assert [done.take("a"), done.take("a"), done.take("a"), done.take("b")] == [False, True, None, None]


def test_resume_of_a_file_not_yet_there_is_nothing_done(tmp_path):
    assert prepare(str(tmp_path / "new.jsonl")).count == 0
    assert not (tmp_path / "new.jsonl").exists()


@pytest.mark.parametrize("line", [b"not json\n", b"[1, 2]\n", b'{"id": "a"}\n', b'{"document_id": 3}\n'])
def test_resume_refuses_lines_it_did_not_write(tmp_path, line):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"document_id": "a", "quotes": []}\n' + line)
    with pytest.raises(ResumeError, match=f"{path}:2: not a line of"):
        prepare(str(path))


def _error(kind, code: grpc.StatusCode, details: str) -> errors.QuotesError:
    return kind(code, details)


@pytest.mark.parametrize("error,deadline_passed,own", [
    (_error(errors.InvalidArgument, grpc.StatusCode.INVALID_ARGUMENT, "text is empty"), False, "INVALID_ARGUMENT"),
    (_error(errors.QuotesError, grpc.StatusCode.INTERNAL, "Exception calling application"), False, "INTERNAL"),
    (_error(errors.DeadlineExceeded, grpc.StatusCode.DEADLINE_EXCEEDED, "the server's limit"), False,
     "DEADLINE_EXCEEDED"),
    (_error(errors.DeadlineExceeded, grpc.StatusCode.DEADLINE_EXCEEDED, "Deadline Exceeded"), True, None),
    (_error(errors.ResourceExhausted, grpc.StatusCode.RESOURCE_EXHAUSTED,
            "Received message larger than max (4000100 vs. 80100)"), False, "RESOURCE_EXHAUSTED"),
    (_error(errors.ResourceExhausted, grpc.StatusCode.RESOURCE_EXHAUSTED, "16 calls in flight"), False, None),
    (_error(errors.Unavailable, grpc.StatusCode.UNAVAILABLE, "connection refused"), False, None),
    (_error(errors.Unauthenticated, grpc.StatusCode.UNAUTHENTICATED, "no token"), False, None),
])
def test_which_failed_calls_are_the_documents_own(error, deadline_passed, own):
    found = document_error(error, run_deadline_passed=deadline_passed)
    assert (found.code if found else None) == own


def test_chunks_end_at_a_count_or_a_size():
    short = [(str(n), "x" * 10) for n in range(CHUNK_DOCUMENTS * 2 + 1)]
    assert [len(c) for c in chunks(short)] == [CHUNK_DOCUMENTS, CHUNK_DOCUMENTS, 1]
    long = [(str(n), "x" * CHUNK_CHARACTERS) for n in range(3)]
    assert [len(c) for c in chunks(long)] == [1, 1, 1]
    assert [d for c in chunks(short) for d in c] == short


def test_summary_line():
    assert Tally(84, 82, 2).summary() == "84 documents, 82 extracted, 2 failed"
    assert Tally(1, 1, 0).summary() == "1 document, 1 extracted, 0 failed"
    assert Tally(10, 9, 1, resumed=4).summary("out.jsonl") == "10 documents, 9 extracted, 1 failed (4 of them already in out.jsonl)"
    assert Tally(3, 3, 0).exit_code == 0 and Tally(3, 2, 1).exit_code == 1
