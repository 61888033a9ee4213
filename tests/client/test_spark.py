"""quotes.spark on a real SparkSession (local[2]) and `quotes spark` under spark-submit: the rows
are what `quotes extract --format jsonl` prints, a bad document is a row with an error, and the
schema follows the proto."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quotes.cli.extras import java_found
from support.cli import quotes
from support.corpora import EMPTY_ID, LONG_ID, seed_documents, with_bad_documents, write_jsonl
from support.paths import DEV_QUOTES
from support.subprocesses import python_without_spacy

pytestmark = pytest.mark.slow
SPARK_SUBMIT = Path(sys.executable).with_name("spark-submit")


SPARK_READY = java_found() and SPARK_SUBMIT.exists()
# As root, make install installs Java and pyspark: there their absence fails (in the spark fixture).
needs_spark = pytest.mark.skipif(not SPARK_READY and os.geteuid() != 0, reason=(
    "Spark needs pyspark (the [spark] extra) and Java 17+ (make install: deploy/install-java.sh, as root)"))


def _records(data: bytes) -> dict[str, dict]:
    return {r["document_id"]: r for r in (json.loads(line) for line in data.decode().splitlines())}


def _row_record(row) -> dict:
    """A result row as the JSON quotes extract prints: null fields (error on success, quotes on failure) left out."""
    return {key: value for key, value in row.asDict(recursive=True).items() if value is not None}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> str:
    return write_jsonl(tmp_path_factory.mktemp("spark") / "corpus.jsonl", with_bad_documents(seed_documents()))


@pytest.fixture(scope="module")
def expected(corpus) -> dict[str, dict]:
    result = quotes("extract", "--jsonl", corpus, "--format", "jsonl", "--workers", "2")
    assert result.returncode == 1, result.stderr   # the two bad documents
    return _records(result.stdout)


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    if not SPARK_READY:
        pytest.fail("Java or pyspark missing although make install, as root, installs both (deploy/install-java.sh)")
    os.environ["PYSPARK_PYTHON"] = sys.executable   # the workers' Python: this one, with quotes and the model
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("quotes-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("warehouse")))
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@needs_spark
def test_rows_are_what_quotes_extract_prints(spark, corpus, expected):
    from quotes.spark import extract_quotes

    frame = spark.read.schema("id string, text string").json(corpus)
    rows = extract_quotes(frame, partitions=3).collect()
    assert {row.document_id: _row_record(row) for row in rows} == expected
    assert expected[EMPTY_ID]["error"]["code"] == expected[LONG_ID]["error"]["code"] == "INVALID_ARGUMENT"


@needs_spark
def test_explode_gives_one_row_per_quote(spark, corpus, expected):
    from quotes.spark import explode_quotes, extract_quotes

    frame = spark.read.schema("id string, text string").json(corpus)
    exploded = explode_quotes(extract_quotes(frame))
    assert exploded.columns[:4] == ["document_id", "text", "span", "type"]
    got = sorted((r.document_id, r.span.start, r.text) for r in exploded.select("document_id", "span", "text").collect())
    want = sorted((doc_id, q["span"]["start"], q["text"]) for doc_id, record in expected.items()
                  for q in record.get("quotes", []))
    assert got == want and want


def _filled(message):
    """``message`` with every field set to something other than its default (two of each repeated)."""
    from google.protobuf.descriptor import FieldDescriptor as F

    for field in message.DESCRIPTOR.fields:
        for _ in range(2 if field.is_repeated else 1):
            if field.message_type is not None:
                target = getattr(message, field.name)
                _filled(target.add() if field.is_repeated else target)
                continue
            value = {F.TYPE_STRING: "s", F.TYPE_BOOL: True, F.TYPE_FLOAT: 0.25, F.TYPE_DOUBLE: 0.25,
                     F.TYPE_ENUM: 1}.get(field.type, 7)
            if field.is_repeated:
                getattr(message, field.name).append(value)
            else:
                setattr(message, field.name, value)
    return message


@needs_spark
def test_the_schema_holds_every_proto_field_as_the_json_prints_it(spark):
    """A response with every field set, in the JSON mapping, goes through the schema unchanged:
    a field added to the proto is in the schema, by its name, with a type that holds its value."""
    from quotes.convert import response_to_dict
    from quotes.spark import result_schema
    from quotes.v1 import quotes_pb2 as pb

    record = response_to_dict(_filled(pb.ExtractQuotesResponse()))
    [row] = spark.createDataFrame([{**record, "error": None}], result_schema()).collect()
    assert _row_record(row) == record


@needs_spark
def test_spark_submit_runs_the_job_as_is(spark, corpus, expected, tmp_path):
    import quotes.spark.submit

    parquet = str(tmp_path / "corpus.parquet")
    spark.read.schema("id string, text string").json(corpus).write.parquet(parquet)
    out = tmp_path / "out"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    env.pop("PYSPARK_GATEWAY_PORT", None)
    result = subprocess.run([str(SPARK_SUBMIT), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                             quotes.spark.submit.__file__, "--input", parquet, "--output", str(out)],
                            capture_output=True, cwd=tmp_path, env=env, timeout=300)
    assert result.returncode == 1, result.stderr.decode()[-3000:]   # the two bad documents
    # spark-submit hands the Python driver's stderr to its own stdout
    output = (result.stdout + result.stderr).decode().splitlines()
    summary = [line for line in output if line.startswith("7 documents")]
    assert summary and summary[0].startswith("7 documents, 5 extracted, 2 failed; the Spark job took ")
    written = b"".join(part.read_bytes() for part in sorted(out.glob("part-*.json")))
    assert _records(written) == expected


def test_import_needs_no_pyspark_and_use_names_the_extra():
    result = python_without_spacy(
        "sys.modules['pyspark'] = None; import quotes.spark, quotes.spark.job, quotes.cli; "
        "from quotes.spark import extract_quotes\n"
        "try:\n    extract_quotes(None)\nexcept ImportError as exc:\n    print(exc)\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "quotes.spark needs pyspark: pip install 'quotes[spark]'"
    command = python_without_spacy("sys.modules['pyspark'] = None; from quotes.cli import main; "
                                   "sys.exit(main(['spark', '--input', 'x', '--output', 'y']))")
    assert command.returncode == 2
    assert command.stderr.strip() == "quotes: quotes spark needs pyspark: pip install 'quotes[spark]'"


@needs_spark
@pytest.mark.skipif(os.environ.get("CI") == "true" or not DEV_QUOTES.exists(),
                    reason="the dev split, outside CI only (about a minute)")
def test_the_dev_split_gives_what_quotes_extract_gives(spark):
    from quotes.spark import extract_quotes

    result = quotes("extract", "--jsonl", str(DEV_QUOTES), "--format", "jsonl", "--workers", "2", timeout=600)
    assert result.returncode == 0, result.stderr
    frame = spark.read.schema("id string, text string").json(str(DEV_QUOTES))
    rows = extract_quotes(frame, partitions=4).collect()
    assert {row.document_id: _row_record(row) for row in rows} == _records(result.stdout)


@needs_spark
def test_executors_can_extract_on_the_grpc_service(spark, server, corpus, expected):
    from quotes.spark import extract_quotes

    frame = spark.read.schema("id string, text string").json(corpus)
    rows = {row.document_id: _row_record(row) for row in extract_quotes(frame, server=server.target).collect()}
    assert {k: v for k, v in rows.items() if "error" not in v} == {k: v for k, v in expected.items() if "error" not in v}
    assert rows[EMPTY_ID] == expected[EMPTY_ID]
    assert rows[LONG_ID]["error"]["code"] == "RESOURCE_EXHAUSTED"   # over the test server's message cap
