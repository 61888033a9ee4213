"""The `quotes` command end to end: served and in-process output identical, one-line errors."""
from __future__ import annotations

import json

import pytest

from support.addresses import dead_address
from support.cli import one_line_error, quotes
from support.paths import REPO
from support.gold import seed_files

SEED_PATHS = [str(p.relative_to(REPO)) for p in seed_files()]


@pytest.fixture(scope="module")
def seeds_jsonl(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "seeds.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for number, seed in enumerate(seed_files()):
            out.write(json.dumps({"id": number, "text": seed.read_bytes().decode("utf-8")}) + "\n")
        out.write("\n")  # blank lines are skipped
    return str(path)


@pytest.fixture(scope="module")
def in_process(seeds_jsonl):
    result = quotes("extract", "--format", "jsonl", *SEED_PATHS, "--jsonl", seeds_jsonl)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def test_served_and_in_process_output_are_identical(server, seeds_jsonl, in_process):
    served = quotes("extract", "--format", "jsonl", "--server", server.target, *SEED_PATHS, "--jsonl", seeds_jsonl)
    assert served.returncode == 0, served.stderr.decode()
    assert served.stdout == in_process


def test_jsonl_output_is_one_object_per_document(in_process):
    lines = [json.loads(line) for line in in_process.decode().splitlines()]
    ids = [line["document_id"] for line in lines]
    assert ids == SEED_PATHS + [str(n) for n in range(len(SEED_PATHS))]
    assert all(line["quotes"] for line in lines)
    first = lines[0]["quotes"][0]
    assert {"text", "span", "type", "speaker", "cue", "confidence", "fragments", "span_utf8"} <= set(first)
    assert first["type"].startswith("QUOTE_TYPE_")


def test_json_format_is_an_array_of_the_same_objects(server, in_process):
    result = quotes("extract", "--format", "json", "--server", server.target, *SEED_PATHS)
    assert result.returncode == 0
    assert json.loads(result.stdout) == [json.loads(line) for line in in_process.decode().splitlines()[:len(SEED_PATHS)]]


def test_table_format_is_readable(server):
    result = quotes("extract", "--server", server.target, SEED_PATHS[0])
    assert result.returncode == 0
    out = result.stdout.decode()
    assert out.startswith(f"{SEED_PATHS[0]}: ")
    assert "SPEAKER" in out and "CONF" in out and ("direct" in out or "indirect" in out)


def test_stdin_and_no_newline_translation(server):
    text = 'Markets fell.\r\n\r\n"We are watching closely," said Jane Roe, a Fed governor.\r\n'
    result = quotes("extract", "--format", "jsonl", "--server", server.target, "-", stdin=text.encode())
    record = json.loads(result.stdout)
    assert record["document_id"] == "-"
    [quote] = [q for q in record["quotes"] if "watching" in q["text"]]
    assert text[quote["span"]["start"]:quote["span"]["end"]] == quote["text"]


def test_missing_file_is_one_line_before_any_work(server):
    result = quotes("extract", "--server", server.target, SEED_PATHS[0], "no/such/file.txt")
    assert result.returncode == 1
    assert "no/such/file.txt" in one_line_error(result)
    assert result.stdout == b""


@pytest.mark.parametrize("line,complaint", [
    ("{not json", "not valid JSON"),
    ('{"id": 1}', 'string "text"'),
    ('["text"]', 'string "text"'),
    ('{"id": [1], "text": "x"}', '"id"'),
])
def test_bad_jsonl_names_the_line(server, tmp_path, line, complaint):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "ok", "text": "\\"Fine,\\" he said."}\n' + line + "\n", encoding="utf-8")
    result = quotes("extract", "--format", "jsonl", "--server", server.target, "--jsonl", str(path))
    assert result.returncode == 1
    message = one_line_error(result)
    assert f"{path}:2:" in message and complaint in message
    assert [json.loads(x)["document_id"] for x in result.stdout.decode().splitlines()] == ["ok"]


def test_invalid_utf8_file(server, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes('"Très bien," dit-il.'.encode("latin-1"))
    result = quotes("extract", "--server", server.target, str(path))
    assert result.returncode == 1 and "UTF-8" in one_line_error(result)


def test_unreachable_server():
    result = quotes("extract", "--server", dead_address(), "--retries", "1", SEED_PATHS[0])
    assert result.returncode == 3
    assert "cannot reach" in one_line_error(result)


def test_fail_fast_stops_at_a_refused_document_served_and_in_process(server, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    for where in (["--server", server.target], []):
        result = quotes("extract", "--format", "jsonl", "--fail-fast", *where, SEED_PATHS[0], str(empty), SEED_PATHS[1])
        assert result.returncode == 1
        assert f"{empty}: text is empty" in one_line_error(result)
        assert len(result.stdout.decode().splitlines()) == 1


def test_usage_errors_exit_2():
    assert quotes("extract", "--format", "yaml", "x").returncode == 2
    assert quotes("nonsense").returncode == 2
    assert quotes("extract", "--server", "no-port-here,other", SEED_PATHS[0]).returncode == 2
