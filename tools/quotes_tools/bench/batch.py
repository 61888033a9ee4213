"""``quotes bench --batch``: the corpus-scale figures of docs/batch.md, each from the commands a
user runs, in subprocesses, on the gold file's articles.

1. ``quotes extract --jsonl ARTICLES --workers 1`` and ``--workers 2``: the extraction rate (see
   ``Corpus``) and the whole command's, and the output's sha256 (identical);
2. two ``quotes serve --workers 1``: ``--server A`` (its default concurrency) and ``--server A,B
   --concurrency 4``, the same rates, output identical to in process;
3. ``quotes spark --master local[1]`` and ``local[2]``: the same two rates of the Spark job (its
   own figure, without the JVM's start), results identical to ``quotes extract``;
4. the articles with an empty and an over-long document in the middle: exit 1, error records
   for those two, every other article as in the clean run;
5. a ``--workers 2 --output F --resume`` run SIGKILLed a third of the way, then resumed: F holds
   every document once, byte for byte the clean run.

Each timed command runs ``repeats`` times; the fastest counts (others share this machine), and
every run is kept with the load average before it. ARTICLES holds only the gold lines' id and text.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from quotes_tools.bench import system
from quotes_tools.bench.service import ServiceProcess

Say = Callable[[str], None]
QUOTES = [sys.executable, "-m", "quotes.cli"]
_SPARK_RATE = re.compile(r"the Spark job took ([\d.]+) s")


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _children_cpu() -> float:
    """CPU seconds of every finished, waited-for descendant (a command and the workers it waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str], servers: tuple = ()) -> tuple[subprocess.CompletedProcess, float, float]:
    """The command's result, its seconds, and the share of the machine's CPU (all cores, %) that
    other processes took meanwhile: busy time less the command's own and ``servers``'."""
    env = {k: v for k, v in os.environ.items() if k != "QUOTES_SERVER"}
    machine, own, serving = system.MachineTime.now(), _children_cpu(), sum(s.cpu_seconds() for s in servers)
    started = time.perf_counter()
    result = subprocess.run([*QUOTES, *args], capture_output=True, env=env, timeout=1800)
    seconds = time.perf_counter() - started
    after = system.MachineTime.now()
    mine = _children_cpu() - own + sum(s.cpu_seconds() for s in servers) - serving
    capacity = max(after.total - machine.total, 1e-9)
    return result, seconds, round(100 * max(after.busy - machine.busy - mine, 0.0) / capacity, 1)


class Corpus:
    """The articles (``short``) and the same articles twice under new ids (``long``): the extraction
    rate is the second copy's documents over the time they add, so the start-up (imports, the
    model, connections), which a corpus pays once, is left out; whole-command rates are kept too."""

    def __init__(self, articles: list, work: Path):
        self.documents = len(articles)
        self.short = str(work / "articles.jsonl")
        self.long = str(work / "articles-twice.jsonl")
        rows = [{"id": a.id, "text": a.text} for a in articles]
        _write(self.short, rows)
        _write(self.long, rows + [{"id": f"{r['id']}#2", "text": r["text"]} for r in rows])


def _write(path: str, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def _once(label: str, command: Callable[[str], list[str]], corpus: Corpus, say: Say, servers: tuple) -> dict:
    load = _load()
    timed = {}
    for name, path in (("short", corpus.short), ("long", corpus.long)):
        result, seconds, others = _run(command(path), servers)
        if result.returncode != 0:
            raise RuntimeError(f"{label}: exit {result.returncode}: {result.stderr.decode()[-500:]}")
        timed[name] = (seconds, hashlib.sha256(result.stdout).hexdigest(), others)
    (short, short_sha, others_short), (long, long_sha, others_long) = timed["short"], timed["long"]
    rate = corpus.documents / (long - short) if long > short else 0.0
    say(f"  {label}: {rate:.2f} docs/s extracting; whole command {corpus.documents / short:.2f} docs/s "
        f"({short:.1f} s for {corpus.documents}, {long:.1f} s for {2 * corpus.documents}; load {load[0]}, "
        f"others {others_short:.0f}% / {others_long:.0f}% of the CPU)")
    return {"docs_per_s": round(rate, 2), "whole_command_docs_per_s": round(corpus.documents / short, 2),
            "seconds": round(short, 2), "seconds_twice": round(long, 2), "load_before": load,
            "others_cpu_pct": [others_short, others_long], "sha256": short_sha, "sha256_twice": long_sha}


def _timed(label: str, command: Callable[[str], list[str]], corpus: Corpus, repeats: int, say: Say,
           servers: tuple = ()) -> dict:
    runs = [_once(label, command, corpus, say, servers) for _ in range(repeats)]
    return {"command": "quotes " + " ".join(command("ARTICLES.jsonl")), "runs": runs,
            "best": max(runs, key=lambda r: r["docs_per_s"])}


def _ratio(fast: dict, slow: dict, key: str = "docs_per_s") -> float:
    return round(fast["best"][key] / slow["best"][key], 3) if slow["best"][key] else 0.0


def _same(*entries: dict) -> set[tuple[str, str]]:
    return {(r["sha256"], r["sha256_twice"]) for entry in entries for r in entry["runs"]}


def workers(corpus: Corpus, repeats: int, say: Say) -> dict:
    say("quotes extract --workers 1 / 2")
    one = _timed("--workers 1", lambda path: ["extract", "--jsonl", path, "--format", "jsonl", "--workers", "1"],
                 corpus, repeats, say)
    two = _timed("--workers 2", lambda path: ["extract", "--jsonl", path, "--format", "jsonl", "--workers", "2"],
                 corpus, repeats, say)
    return {"workers_1": one, "workers_2": two, "ratio": _ratio(two, one),
            "whole_command_ratio": _ratio(two, one, "whole_command_docs_per_s"),
            "identical": len(_same(one, two)) == 1, "sha256": one["best"]["sha256"]}


def fan_out(corpus: Corpus, repeats: int, say: Say, clean_sha: str, log_dir: Path) -> dict:
    say("quotes extract --server A / --server A,B --concurrency 4 (two quotes serve --workers 1)")
    servers = [ServiceProcess(1, log_dir / f"server-{n}.log") for n in range(2)]
    try:
        for server in servers:
            server.start()
        a, both = servers[0].target, f"{servers[0].target},{servers[1].target}"
        one = _timed("one server", lambda path: ["extract", "--jsonl", path, "--format", "jsonl", "--server", a],
                     corpus, repeats, say, tuple(servers))
        two = _timed("two servers", lambda path: ["extract", "--jsonl", path, "--format", "jsonl", "--server", both,
                                                  "--concurrency", "4"], corpus, repeats, say, tuple(servers))
        served = [s.event_counts("extracted")["extracted"] for s in servers]
    finally:
        for server in servers:
            server.stop()
    shas = {sha for sha, _ in _same(one, two)}
    return {"one_server": one, "two_servers": two, "ratio": _ratio(two, one),
            "whole_command_ratio": _ratio(two, one, "whole_command_docs_per_s"),
            "identical": shas == {clean_sha} and len(_same(one, two)) == 1, "extracted_per_server": served}


def _spark_records(out: Path) -> dict[str, dict]:
    records = {}
    for part in sorted(out.glob("part-*.json")):
        for line in part.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            records[record["document_id"]] = record
    return records


def _jsonl_records(data: bytes) -> dict[str, dict]:
    return {r["document_id"]: r for r in (json.loads(line) for line in data.decode().splitlines())}


def _twice(records: dict[str, dict]) -> dict[str, dict]:
    """The records of ``Corpus.long``: each document, then again under its id with "#2"."""
    return {**records, **{f"{k}#2": {**r, "document_id": f"{k}#2"} for k, r in records.items()}}


def _spark_job(master: str, path: str, out: Path) -> tuple[float, float]:
    """One ``quotes spark`` run: the seconds of its Spark job (its own figure, without the JVM's
    start and stop) and of the whole command."""
    done, seconds, _ = _run(["spark", "--input", path, "--output", str(out), "--master", master])
    job = _SPARK_RATE.search(done.stderr.decode())
    if done.returncode != 0 or job is None:
        raise RuntimeError(f"quotes spark --master {master}: exit {done.returncode}: {done.stderr.decode()[-800:]}")
    return float(job.group(1)), seconds


def spark(corpus: Corpus, repeats: int, say: Say, clean: bytes, work: Path) -> dict:
    """As ``_once`` for the commands above: the rate is the second copy's documents over the time
    they add to the Spark job, leaving out what a job pays once (its Python workers' start and
    the model they load); the whole job's rate is kept too."""
    say("quotes spark --master local[1] / local[2]")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    result: dict = {}
    want = _jsonl_records(clean)
    n_docs = corpus.documents
    for master in ("local[1]", "local[2]"):
        runs = []
        for n in range(repeats):
            out = work / f"spark-{master[6]}-{n}"
            load = _load()
            short, seconds = _spark_job(master, corpus.short, out)
            twice = work / f"spark-{master[6]}-{n}-twice"
            long, _ = _spark_job(master, corpus.long, twice)
            rate = n_docs / (long - short) if long > short else 0.0
            runs.append({"seconds": round(seconds, 2), "job_seconds": short, "job_seconds_twice": long,
                         "docs_per_s": round(rate, 2), "whole_job_docs_per_s": round(n_docs / short, 2),
                         "load_before": load, "identical": _spark_records(out) == want
                         and _spark_records(twice) == _twice(want)})
            say(f"  {master}: {rate:.2f} docs/s extracting; whole job {n_docs / short:.2f} docs/s ({short:.1f} s "
                f"for {n_docs}, {long:.1f} s for {2 * n_docs}); whole command {seconds:.1f} s (load {load[0]})")
        result[master] = {"command": f"quotes spark --input ARTICLES.jsonl --output DIR --master {master}",
                          "runs": runs, "best": max(runs, key=lambda r: r["docs_per_s"])}
    result["ratio"] = _ratio(result["local[2]"], result["local[1]"])
    result["whole_job_ratio"] = _ratio(result["local[2]"], result["local[1]"], "whole_job_docs_per_s")
    result["identical"] = all(r["identical"] for m in ("local[1]", "local[2]") for r in result[m]["runs"])
    return result


def bad_documents(gold_docs: list[tuple[str, str]], clean: bytes, say: Say, work: Path) -> dict:
    say("a corpus with an empty and an over-long document in the middle (--workers 2)")
    middle = len(gold_docs) // 2
    docs = [*gold_docs[:middle], ("bench-empty", ""), ("bench-too-long", "word " * 200_001), *gold_docs[middle:]]
    path = work / "bad.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in docs), encoding="utf-8")
    result, _, _ = _run(["extract", "--jsonl", str(path), "--format", "jsonl", "--workers", "2"])
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    failed = [r["document_id"] for r in records if "error" in r]
    others = [json.dumps(r, ensure_ascii=False) for r in records if "error" not in r]
    clean_lines = clean.decode().splitlines()
    return {"documents": len(docs), "exit_code": result.returncode, "failed": failed,
            "others_as_clean_run": others == clean_lines,
            "summary": result.stderr.decode().strip().splitlines()[-1:],
            "met": result.returncode == 1 and failed == ["bench-empty", "bench-too-long"] and others == clean_lines}


def killed_and_resumed(corpus: Corpus, clean: bytes, say: Say, work: Path) -> dict:
    say("--workers 2 --output F --resume, SIGKILLed a third of the way, then resumed")
    out = work / "resumed.jsonl"
    command = [*QUOTES, "extract", "--jsonl", corpus.short, "--format", "jsonl", "--workers", "2", "--output",
               str(out), "--resume"]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < corpus.documents // 3):
        time.sleep(0.01)
    run.send_signal(signal.SIGKILL)
    run.wait()
    at_kill = out.read_bytes()
    resumed = subprocess.run(command, capture_output=True, timeout=1800)
    final = out.read_bytes()
    ids = [json.loads(line)["document_id"] for line in final.decode().splitlines()]
    return {"lines_at_kill": at_kill.count(b"\n"), "torn_line_at_kill": not at_kill.endswith(b"\n"),
            "resume_exit_code": resumed.returncode, "documents_in_file": len(ids), "distinct_ids": len(set(ids)),
            "identical_to_clean_run": final == clean, "met": final == clean and resumed.returncode == 0}


def run(gold: str, repeats: int, say: Say, parts: tuple[str, ...] = ("workers", "fanout", "spark", "bad", "resume"),
        limit: int | None = None) -> dict:
    """Every measurement of ``parts``, in order; a dict for batch_report."""
    from quotes_tools.bench import corpus as gold_corpus

    articles = gold_corpus.read_articles(gold, limit)
    with tempfile.TemporaryDirectory(prefix="quotes-bench-batch-") as tmp:
        work = Path(tmp)
        corpus = Corpus(articles, work)   # only id and text: what every command below reads
        results: dict = {"machine": system.machine(), "documents": corpus.documents, "repeats": repeats, "gold": gold}
        say(f"{corpus.documents} articles from {gold}; each timed command {repeats} times, the fastest counts")
        clean, _, _ = _run(["extract", "--jsonl", corpus.short, "--format", "jsonl"])
        if clean.returncode != 0:
            raise RuntimeError(f"quotes extract: exit {clean.returncode}: {clean.stderr.decode()[-500:]}")
        results["clean_sha256"] = hashlib.sha256(clean.stdout).hexdigest()
        if "workers" in parts:
            results["workers"] = workers(corpus, repeats, say)
        if "fanout" in parts:
            results["fanout"] = fan_out(corpus, repeats, say, results["clean_sha256"], work)
        if "spark" in parts:
            results["spark"] = spark(corpus, repeats, say, clean.stdout, work)
        if "bad" in parts:
            results["bad_documents"] = bad_documents([(a.id, a.text) for a in articles], clean.stdout, say, work)
        if "resume" in parts:
            results["resume"] = killed_and_resumed(corpus, clean.stdout, say, work)
        results["load_average_after"] = _load()
    return results
