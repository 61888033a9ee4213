"""`quotes extract` on a corpus: a bad document is recorded in its place and the run goes on,
--workers N gives the bytes of one process, and --output/--resume survive a SIGKILL."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest

from support.cli import one_line_error, quotes
from support.corpora import EMPTY_ID, LONG_ID, seed_documents, with_bad_documents, write_jsonl
from support.paths import QUOTES, REPO
from support.servers import TEST_MAX_TEXT_LENGTH

SERVED_LONG = "text is 20,005 code points; the limit is 20,000 code points"


def lines(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode().splitlines()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> str:
    """The seeds with an empty and an over-long document in the middle."""
    return write_jsonl(tmp_path_factory.mktemp("batch") / "corpus.jsonl", with_bad_documents(seed_documents()))


@pytest.fixture(scope="module")
def served_corpus(tmp_path_factory) -> str:
    """The same, the over-long document over the test server's limit (but not its message size cap)."""
    docs = with_bad_documents(seed_documents(), over=TEST_MAX_TEXT_LENGTH)
    return write_jsonl(tmp_path_factory.mktemp("batch") / "served.jsonl", docs)


@pytest.fixture(scope="module")
def one_process(corpus) -> subprocess.CompletedProcess:
    return quotes("extract", "--jsonl", corpus, "--format", "jsonl", "--workers", "1")


@pytest.fixture(scope="module")
def by_seed(one_process) -> dict[str, dict]:
    """Each seed's record in the one-process run, by the seed's name (the id without its copy)."""
    return {record["document_id"].split("#")[0]: record for record in lines(one_process.stdout)
            if "error" not in record}


def test_bad_documents_are_recorded_in_place_and_the_run_goes_on(one_process):
    records = lines(one_process.stdout)
    ids = [r["document_id"] for r in records]
    seeds = [doc_id for doc_id, _ in seed_documents()]
    assert ids == [*seeds[:len(seeds) // 2], EMPTY_ID, LONG_ID, *seeds[len(seeds) // 2:]]
    empty, long = records[len(seeds) // 2], records[len(seeds) // 2 + 1]
    assert empty == {"document_id": EMPTY_ID, "error": {"code": "INVALID_ARGUMENT",
                                                         "message": "text is empty or only whitespace"}}
    assert long == {"document_id": LONG_ID, "error": {
        "code": "INVALID_ARGUMENT", "message": "text is 1,000,005 code points; the limit is 1,000,000 code points"}}
    assert all(r["quotes"] for r in records if "error" not in r)
    assert one_process.returncode == 1
    assert one_process.stderr.decode().splitlines() == [
        f"quotes: {EMPTY_ID}: text is empty or only whitespace",
        f"quotes: {LONG_ID}: text is 1,000,005 code points; the limit is 1,000,000 code points",
        f"{len(seeds) + 2} documents, {len(seeds)} extracted, 2 failed",
    ]


def test_two_workers_give_the_bytes_of_one(corpus, one_process):
    two = quotes("extract", "--jsonl", corpus, "--format", "jsonl", "--workers", "2")
    assert two.stdout == one_process.stdout
    assert two.stderr == one_process.stderr
    assert two.returncode == 1


def test_a_clean_corpus_exits_0_without_a_summary(server, tmp_path):
    path = write_jsonl(tmp_path / "clean.jsonl", seed_documents()[:2])
    result = quotes("extract", "--jsonl", path, "--format", "jsonl", "--server", server.target)
    assert result.returncode == 0 and result.stderr == b""
    assert len(result.stdout.splitlines()) == 2


def test_fail_fast_stops_at_the_first_bad_document(server, served_corpus):
    result = quotes("extract", "--jsonl", served_corpus, "--format", "jsonl", "--fail-fast", "--server", server.target)
    assert result.returncode == 1
    assert one_line_error(result) == f"quotes: {EMPTY_ID}: text is empty or only whitespace"
    assert [r["document_id"] for r in lines(result.stdout)] == [d for d, _ in seed_documents()][:2]


def test_json_holds_the_error_records_in_place(server, served_corpus):
    result = quotes("extract", "--jsonl", served_corpus, "--format", "json", "--server", server.target)
    assert result.returncode == 1
    array = json.loads(result.stdout)
    assert [r.get("error", {}).get("code") for r in array] == [None, None, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                                                               None, None, None]
    assert array[3]["error"]["message"] == SERVED_LONG


def test_table_and_html_say_which_documents_failed_and_why(server, served_corpus):
    table = quotes("extract", "--jsonl", served_corpus, "--server", server.target).stdout.decode()
    assert f"{EMPTY_ID}: not extracted: INVALID_ARGUMENT: text is empty or only whitespace\n" in table
    assert table.count(" quotes\n") + table.count(" quote\n") == 5
    page = quotes("extract", "--jsonl", served_corpus, "--format", "html", "--server", server.target).stdout.decode()
    assert page.count('<section class="doc failed">') == 2
    assert "not extracted: INVALID_ARGUMENT: text is empty or only whitespace" in page
    assert "word word" not in page    # a failed document's text is left out


def test_a_document_over_the_servers_message_cap_is_recorded_too(server, corpus):
    result = quotes("extract", "--jsonl", corpus, "--format", "jsonl", "--server", server.target)
    assert result.returncode == 1
    record = lines(result.stdout)[3]
    assert record["document_id"] == LONG_ID and record["error"]["code"] == "RESOURCE_EXHAUSTED"


@pytest.mark.parametrize("flags,complaint", [
    (["--resume"], "--resume needs --output"),
    (["--resume", "--output", "x.json", "--format", "json"], "--resume needs --format jsonl"),
    (["--workers", "-1"], "--workers must be"),
    (["--concurrency", "2"], "--concurrency needs --server"),
    (["--workers", "2", "--server", "127.0.0.1:1"], "with --server, use --concurrency"),
])
def test_usage_errors(corpus, flags, complaint):
    result = quotes("extract", "--jsonl", corpus, *flags)
    assert result.returncode == 2
    assert complaint in one_line_error(result)


def test_resume_refuses_a_file_it_did_not_write(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"document_id": "a", "quotes": []}\nsomething else\n{"document_id": "b"}\n')
    before = out.read_bytes()
    result = quotes("extract", "--jsonl", corpus, "--format", "jsonl", "--output", str(out), "--resume")
    assert result.returncode == 2
    assert f"{out}:2: not a line of" in one_line_error(result)
    assert out.read_bytes() == before


def test_resume_cuts_a_torn_line_and_counts_what_was_there(server, served_corpus, tmp_path):
    served = quotes("extract", "--jsonl", served_corpus, "--format", "jsonl", "--server", server.target).stdout
    whole = served.splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join(whole[:3]) + whole[3][:40])   # killed while writing the 4th (the over-long's record)
    result = quotes("extract", "--jsonl", served_corpus, "--format", "jsonl", "--server", server.target,
                    "--output", str(out), "--resume")
    assert out.read_bytes() == served
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode().splitlines() == [
        f"quotes: {LONG_ID}: {SERVED_LONG}", f"7 documents, 5 extracted, 2 failed (3 of them already in {out})"]
    again = quotes("extract", "--jsonl", served_corpus, "--format", "jsonl", "--server", server.target,
                   "--output", str(out), "--resume")
    assert out.read_bytes() == served
    assert again.stderr.decode().splitlines() == [f"7 documents, 5 extracted, 2 failed (7 of them already in {out})"]
    assert again.returncode == 1     # the failures an earlier run recorded still count


def test_resume_matches_repeated_ids_occurrence_by_occurrence(server, tmp_path):
    (first, text1), (second, text2) = seed_documents()[:2]
    corpus = write_jsonl(tmp_path / "dup.jsonl", [("same", text1), ("same", text2), ("other", text1)])
    full = quotes("extract", "--jsonl", corpus, "--format", "jsonl", "--server", server.target).stdout
    out = tmp_path / "out.jsonl"
    out.write_bytes(full.splitlines(keepends=True)[0])     # the first "same" is done, the second is not
    result = quotes("extract", "--jsonl", corpus, "--format", "jsonl", "--server", server.target,
                    "--output", str(out), "--resume")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == full


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


@pytest.mark.slow
def test_a_run_killed_with_sigkill_and_resumed_holds_every_document_once(tmp_path, by_seed):
    docs = with_bad_documents(seed_documents(copies=4))
    corpus = write_jsonl(tmp_path / "big.jsonl", docs)
    out = tmp_path / "out.jsonl"
    command = [QUOTES, "extract", "--jsonl", corpus, "--format", "jsonl", "--workers", "2", "--output", str(out),
               "--resume"]
    run = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 4):
        time.sleep(0.02)
    children = _children(run.pid)   # the two workers (and multiprocessing's resource tracker)
    run.send_signal(signal.SIGKILL)
    run.wait()
    written = out.read_bytes().count(b"\n")
    assert 4 <= written < len(docs), "killed too late to test anything"
    assert len(children) >= 2
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not all(_gone(pid) for pid in children):
        time.sleep(0.1)
    assert all(_gone(pid) for pid in children), "worker processes outlived their killed parent"

    resumed = subprocess.run(command, cwd=REPO, capture_output=True, timeout=300)
    assert resumed.returncode == 1, resumed.stderr
    records = lines(out.read_bytes())
    assert [r["document_id"] for r in records] == [doc_id for doc_id, _ in docs]
    for record in records:
        if "error" not in record:
            assert record["quotes"] == by_seed[record["document_id"].split("#")[0]]["quotes"]
    summary = resumed.stderr.decode().splitlines()[-1]
    assert summary.startswith(f"{len(docs)} documents, {len(docs) - 2} extracted, 2 failed (")
