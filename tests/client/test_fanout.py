"""`quotes extract --server A,B --concurrency C`: documents spread over both servers, output in input
order and byte for byte what one process gives, bad documents recorded, retries as the client's."""
from __future__ import annotations

import json
import signal
import subprocess
import time
import uuid
from collections import Counter

import pytest

from quotes.channel import address_count, spread_targets
from quotes.cli.fanout import default_concurrency
from support.cli import quotes
from support.corpora import seed_documents, with_bad_documents, write_jsonl
from support.paths import QUOTES, REPO
from support.servers import TEST_MAX_TEXT_LENGTH


@pytest.fixture(scope="module")
def replica(start_server):
    """A second server like the shared one, taking as many calls."""
    return start_server("--max-text-length", str(TEST_MAX_TEXT_LENGTH))


def test_default_concurrency_is_two_per_address():
    assert address_count("127.0.0.1:1,127.0.0.1:2,127.0.0.1:3") == 3
    assert default_concurrency("127.0.0.1:1,127.0.0.1:2") == 4
    assert default_concurrency("127.0.0.1:1") == 2
    assert default_concurrency("unix:/tmp/quotes.sock") == 2


def test_channels_are_dealt_out_evenly_over_a_list_of_servers():
    # each channel starts at its own server and falls back on the others in turn (pick_first)
    assert spread_targets("127.0.0.1:1,127.0.0.1:2", 4) == [
        ("ipv4:127.0.0.1:1,127.0.0.1:2", "pick_first"), ("ipv4:127.0.0.1:2,127.0.0.1:1", "pick_first")] * 2
    three = [target for target, _ in spread_targets("ipv4:127.0.0.1:1,127.0.0.1:2,127.0.0.1:3", 3)]
    assert [t.split(":", 1)[1].split(",")[0] for t in three] == ["127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3"]
    assert all(sorted(t.split(":", 1)[1].split(",")) == sorted(three[0].split(":", 1)[1].split(",")) for t in three)
    # fewer channels than servers, one address, or a name a resolver keeps up to date: round robin
    assert spread_targets("127.0.0.1:1,127.0.0.1:2", 1) == [("127.0.0.1:1,127.0.0.1:2", "round_robin")]
    assert spread_targets("127.0.0.1:1", 2) == [("127.0.0.1:1", "round_robin")] * 2
    assert spread_targets("dns:///quotes.internal:50051", 3) == [("dns:///quotes.internal:50051", "round_robin")] * 3


def _served(server, run_id: str) -> Counter:
    return Counter(record["document_id"] for record in server.events("extracted")
                   if record.get("document_id", "").startswith(run_id))


def test_documents_spread_over_both_servers_in_input_order(server, replica, tmp_path):
    run_id = uuid.uuid4().hex[:8]
    docs = [(f"{run_id}-{doc_id}", text) for doc_id, text in seed_documents(copies=3)]
    docs = with_bad_documents(docs, over=TEST_MAX_TEXT_LENGTH)
    corpus = write_jsonl(tmp_path / "corpus.jsonl", docs)
    both = f"{server.target},{replica.target}"
    fanned = quotes("extract", "--jsonl", corpus, "--format", "jsonl", "--server", both, "--concurrency", "4")
    assert fanned.returncode == 1   # the two bad documents
    records = [json.loads(line) for line in fanned.stdout.decode().splitlines()]
    assert [r["document_id"] for r in records] == [doc_id for doc_id, _ in docs]
    assert sum("error" in r for r in records) == 2

    first, second = _served(server, run_id), _served(replica, run_id)
    assert sum(first.values()) + sum(second.values()) == len(docs) - 2   # each good document parsed once
    assert first and second, f"one server did all the work: {sum(first.values())} / {sum(second.values())}"

    one = quotes("extract", "--jsonl", corpus, "--format", "jsonl", "--server", server.target, "--concurrency", "1")
    assert fanned.stdout == one.stdout


@pytest.mark.slow
def test_a_replica_killed_mid_run_costs_no_document(server, start_server, tmp_path):
    victim = start_server("--max-text-length", str(TEST_MAX_TEXT_LENGTH))
    run_id = uuid.uuid4().hex[:8]
    docs = [(f"{run_id}-{doc_id}", text) for doc_id, text in seed_documents(copies=6)]
    corpus = write_jsonl(tmp_path / "corpus.jsonl", docs)
    command = [QUOTES, "extract", "--jsonl", corpus, "--format", "jsonl", "--server",
               f"{server.target},{victim.target}", "--concurrency", "4"]
    with subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as run:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and sum(_served(victim, run_id).values()) < 2:
            time.sleep(0.02)
        victim.signal(signal.SIGKILL)
        out, err = run.communicate(timeout=300)
    assert run.returncode == 0, err.decode()
    assert [json.loads(line)["document_id"] for line in out.decode().splitlines()] == [d for d, _ in docs]
    assert sum(_served(victim, run_id).values()) >= 2
