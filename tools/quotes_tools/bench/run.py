"""One benchmark run, phase by phase: reference, 1 worker (throughput, latency), reference, N
workers (throughput, latency), reference, soak. ``run(settings, say)`` returns the results as
one dict (see report.py for the table and the targets). Every server and load process it starts is stopped before it returns,
also on an error or Ctrl-C.
"""
from __future__ import annotations

import math
import os
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from quotes_tools.bench import corpus, reference, system
from quotes_tools.bench.load import Job, LoadGenerators, SoakSpec
from quotes_tools.bench.service import ServiceProcess

Say = Callable[[str], None]
# The soak runs in segments of fresh, re-placed connections: the server ends a connection after
# 5 minutes (grpc.max_connection_age_ms), and the kernel may hand all the reconnected channels
# to one worker, leaving the other idle for the rest of a long soak.
SOAK_SEGMENT = 2_000
REFERENCE_RULE = ("each service window against the mean of the reference runs right before and right after it "
                  "(before, between the servers, after), each run the faster of per-document nlp(text) and nlp.pipe")


@dataclass
class Settings:
    gold: str
    workers: int                      # N; 1 worker is always measured too
    limit: int | None = None          # only the first articles of the gold file
    channels_per_worker: int = 2      # C = this * K concurrent channels
    client_processes: int = 2         # load processes sharing the C channels
    warmup_seconds: float = 5.0       # closed-loop load before each throughput window
    seconds: float = 40.0             # each throughput window
    latency_requests: int = 400
    latency_chars: int = 2000         # latency texts: articles cut to about this many characters
    latency_load: float = 0.5         # offered load as a share of the saturated throughput
    soak_requests: int = 20_000
    soak_warmup: int = 2_000          # RSS is read after these, and again at the end
    reference_passes: int = 1
    reference_warmup: int = 10
    serve_args: list[str] = field(default_factory=list)
    quick: bool = False


# --- measurements on one server ----------------------------------------------------------------

@dataclass
class _CpuMark:
    machine: system.MachineTime
    server: float
    client: float


def _mark(service: ServiceProcess, client_pids: list[int]) -> _CpuMark:
    client = sum(system.cpu_seconds(pid) for pid in [*client_pids, os.getpid()])
    return _CpuMark(system.MachineTime.now(), service.cpu_seconds(), client)


def _cpu_shares(a: _CpuMark, b: _CpuMark) -> dict:
    """Shares of the machine's CPU time (all cores) over a window: the server's processes, the
    client (load processes and this one), everything else on the machine, and idle."""
    capacity = max(b.machine.total - a.machine.total, 1e-9)
    busy = b.machine.busy - a.machine.busy
    server, client = b.server - a.server, b.client - a.client
    pct = lambda x: round(100 * max(x, 0.0) / capacity, 1)   # noqa: E731
    return {"server_pct": pct(server), "client_pct": pct(client), "others_pct": pct(busy - server - client),
            "idle_pct": pct(capacity - busy), "server_cpu_s": round(server, 2), "client_cpu_s": round(client, 2)}


def _sleep_until(when: float) -> None:
    delay = when - time.monotonic()
    if delay > 0:
        time.sleep(delay)


def _plan(worker_pids: list[int], channels: int, processes: int) -> list[list[int]]:
    """The worker each channel should reach, channels round-robin over workers, in contiguous
    blocks per load process (so each process, too, talks to every worker)."""
    wanted = [worker_pids[g % len(worker_pids)] for g in range(channels)]
    processes = max(1, min(processes, channels))
    bounds = [round(p * channels / processes) for p in range(processes + 1)]
    return [wanted[bounds[p]:bounds[p + 1]] for p in range(processes)]


def _failures(records: list[tuple]) -> dict[str, int]:
    return dict(Counter(r[-1] for r in records if r[-1]))


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of ``values`` (q in 0..100)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def throughput(service: ServiceProcess, settings: Settings, articles: list[corpus.Article], say: Say) -> dict:
    workers = service.workers
    channels = settings.channels_per_worker * workers
    plan = _plan(service.worker_pids(), channels, settings.client_processes)
    payloads = [corpus.request_bytes(a.id, a.text) for a in articles]
    words = [a.words for a in articles]
    jobs, g = [], 0
    for block in plan:
        offsets = [(g + j) * len(articles) // channels for j in range(len(block))]
        g += len(block)
        jobs.append(Job(service.target, list(block), "closed", payloads, words, offsets=offsets,
                        run_seconds=settings.warmup_seconds + settings.seconds))
    with LoadGenerators(jobs) as load:
        placed = [pid for pids in load.ready() for pid in pids]
        start = load.go()
        window = (start + settings.warmup_seconds, start + settings.warmup_seconds + settings.seconds)
        _sleep_until(window[0])
        begin = _mark(service, load.pids)
        _sleep_until(window[1])
        end = _mark(service, load.pids)
        records = [r for rs in load.results(timeout=settings.seconds + 300) for r in rs]
    counted = [r for r in records if window[0] < r[0] <= window[1] and not r[2]]
    out = {
        "workers": workers,
        "channels": channels,
        "client_processes": len(plan),
        "connections_per_worker": dict(Counter(str(pid) for pid in placed)),
        "window_s": settings.seconds,
        "warmup_s": settings.warmup_seconds,
        "requests": len(counted),
        "docs_per_s": round(len(counted) / settings.seconds, 3),
        "words_per_s": round(sum(r[1] for r in counted) / settings.seconds, 1),
        "calls": len(records),
        "failed": sum(1 for r in records if r[2]),
        "failures_by_code": _failures(records),
        "cpu": _cpu_shares(begin, end),
    }
    say(f"  {workers} worker(s), {channels} channels: {out['docs_per_s']:.2f} docs/s, "
        f"{out['words_per_s']:,.0f} words/s, {out['failed']} failed, client CPU {out['cpu']['client_pct']}%")
    return out


def latency(service: ServiceProcess, settings: Settings, texts: list[corpus.Article], saturated_words_per_s: float,
            say: Say) -> dict:
    """Open loop at ``latency_load`` of the saturated throughput, in requests/s of these texts."""
    mean_words = sum(a.words for a in texts) / len(texts)
    rate = settings.latency_load * saturated_words_per_s / mean_words
    channels = settings.channels_per_worker * service.workers
    [block] = _plan(service.worker_pids(), channels, 1)
    job = Job(service.target, block, "open", [corpus.request_bytes(a.id, a.text) for a in texts],
              [a.words for a in texts], rate=rate, count=settings.latency_requests)
    with LoadGenerators([job]) as load:
        load.ready()
        start = load.go()
        [records] = load.results(timeout=settings.latency_requests / rate + 300)
    ok = [r for r in records if not r[4]]
    lat_ms = [1000 * (r[2] - r[0]) for r in ok] or [float("nan")]
    p50, p95, p99 = (round(percentile(lat_ms, q), 1) for q in (50, 95, 99))   # the ratio below from these
    last = max((r[2] for r in records), default=start)
    out = {
        "workers": service.workers,
        "channels": channels,
        "offered_load": settings.latency_load,
        "offered_rps": round(rate, 3),
        "achieved_rps": round(len(records) / max(last - start, 1e-9), 3),
        "requests": len(records),
        "text_chars_mean": round(sum(len(a.text) for a in texts) / len(texts)),
        "text_words_mean": round(mean_words, 1),
        "texts": len(texts),
        "p50_ms": p50, "p95_ms": p95, "p99_ms": p99,
        "max_ms": round(max(lat_ms), 1),
        "p99_over_p50": round(p99 / p50, 3) if p50 > 0 else None,
        "max_send_lag_ms": round(1000 * max((r[1] - r[0] for r in records), default=0.0), 1),
        "failed": len(records) - len(ok) + max(0, settings.latency_requests - len(records)),
        "failures_by_code": _failures(records),
    }
    say(f"  latency, {service.workers} worker(s) at {rate:.2f} req/s: p50 {out['p50_ms']} ms, "
        f"p95 {out['p95_ms']} ms, p99 {out['p99_ms']} ms, {out['failed']} failed")
    return out


def _soak_phase(service: ServiceProcess, settings: Settings, paragraphs: list[list[str]], first: int, count: int,
                tick: Callable[[], None] | None = None) -> list[tuple]:
    """Soak texts first .. first+count-1, split over the load processes, each sent once."""
    plan = _plan(service.worker_pids(), settings.channels_per_worker * service.workers, settings.client_processes)
    bounds = [first + round(p * count / len(plan)) for p in range(len(plan) + 1)]
    jobs = [Job(service.target, block, "count", soak=SoakSpec(paragraphs, bounds[p], bounds[p + 1] - bounds[p]))
            for p, block in enumerate(plan)]
    with LoadGenerators(jobs) as load:
        load.ready()
        load.go()
        return [r for rs in load.results(timeout=6 * 3600, tick=tick) for r in rs]


def soak(service: ServiceProcess, settings: Settings, articles: list[corpus.Article], say: Say) -> dict:
    paragraphs = corpus.article_paragraphs(articles)
    warmup = min(settings.soak_warmup, settings.soak_requests // 2)
    started = time.monotonic()
    series: list[dict] = []   # RSS every few seconds: its shape tells a leak from a plateau

    def read_rss() -> dict[int, int]:
        rss = service.rss_kib()
        series.append({"t_s": round(time.monotonic() - started, 1), "rss_kib": {str(k): v for k, v in rss.items()}})
        return rss

    records = _soak_phase(service, settings, paragraphs, 0, warmup)
    pids_before = service.worker_pids()
    after_warmup = read_rss()
    for first in range(warmup, settings.soak_requests, SOAK_SEGMENT):
        records += _soak_phase(service, settings, paragraphs, first,
                               min(SOAK_SEGMENT, settings.soak_requests - first), read_rss)
    end = read_rss()
    per_worker = {}
    for pid in sorted(set(after_warmup) | set(end)):
        a, b = after_warmup.get(pid), end.get(pid)
        per_worker[str(pid)] = {"after_warmup_kib": a, "end_kib": b,
                                "growth_pct": round(100 * (b - a) / a, 2) if a and b else None}
    growths = [w["growth_pct"] for w in per_worker.values() if w["growth_pct"] is not None]
    seconds = time.monotonic() - started
    out = {
        "workers": service.workers,
        "requests": len(records),
        "warmup_requests": warmup,
        "new_words_per_request": corpus.WORDS_INVENTED_PER_TEXT,
        "seconds": round(seconds, 1),
        "requests_per_s": round(len(records) / seconds, 2),
        "rss": per_worker,
        "workers_replaced": sorted(set(pids_before) ^ set(service.worker_pids())),
        "max_growth_pct": max(growths) if growths and len(growths) == len(per_worker) else None,
        "failed": sum(1 for r in records if r[2]) + max(0, settings.soak_requests - len(records)),
        "failures_by_code": _failures(records),
        "rss_series": series,
    }
    say(f"  soak: {out['requests']} requests in {out['seconds']:.0f} s, RSS growth "
        + ", ".join(f"{w['after_warmup_kib']}->{w['end_kib']} KiB ({w['growth_pct']}%)" for w in per_worker.values())
        + f", {out['failed']} failed")
    return out


# --- the whole run -----------------------------------------------------------------------------

def _reference(settings: Settings, when: str, say: Say, first: bool) -> dict:
    say(f"reference ({when} the servers' windows): raw spaCy in a subprocess ...")
    result = reference.measure_in_subprocess(settings.gold, settings.limit, settings.reference_passes,
                                             settings.reference_warmup, service_components=first)
    say(f"  per-document {result['per_doc']['docs_per_s']:.2f} docs/s, nlp.pipe {result['pipe']['docs_per_s']:.2f} "
        f"docs/s: {result['words_per_s']:,.0f} words/s ({result['faster']})")
    return result


def _serve(settings: Settings, workers: int, log_dir: Path, say: Say) -> ServiceProcess:
    service = ServiceProcess(workers, log_dir / f"serve-{workers}.log", settings.serve_args)
    say(f"service: quotes serve --workers {workers} ...")
    return service.start()


def run(settings: Settings, say: Say) -> dict:
    articles = corpus.read_articles(settings.gold, settings.limit)
    latency_texts = corpus.equal_length(articles, settings.latency_chars)
    machine = system.machine()
    results: dict = {
        "settings": asdict(settings),
        "machine": machine,
        "corpus": {"path": settings.gold, "documents": len(articles), "words": sum(a.words for a in articles),
                   "characters": sum(len(a.text) for a in articles),
                   "latency_texts": {"documents": len(latency_texts), "target_chars": settings.latency_chars}},
        "service": [], "latency": [], "soak": None, "server_events": {},
    }
    # A reference run before the first server and after each one's throughput and latency (the
    # server idle), before the soak: each service window is set against raw spaCy measured right
    # beside it, as on a shared VM the machine's speed drifts by 10% or more within a run.
    references = [_reference(settings, "before", say, first=True)]
    counts = sorted({1, settings.workers})
    with tempfile.TemporaryDirectory(prefix="quotes-bench-") as log_dir:
        for workers in counts:
            service = _serve(settings, workers, Path(log_dir), say)
            try:
                saturated = throughput(service, settings, articles, say)
                results["service"].append(saturated)
                results["latency"].append(latency(service, settings, latency_texts, saturated["words_per_s"], say))
                references.append(_reference(settings, "after" if workers == counts[-1] else "between", say,
                                             first=False))
                if workers == counts[-1] and settings.soak_requests > 0:
                    results["soak"] = soak(service, settings, articles, say)
            finally:
                service.stop()
                results["server_events"][str(workers)] = service.event_counts(
                    "worker_died", "unexpected_error", "worker_crashed")
    results["reference"] = _combine_references(references)
    for n, entry in enumerate(results["service"]):
        beside = _combine_references(references[n:n + 2])
        entry["reference"] = {k: beside[k] for k in ("docs_per_s", "words_per_s", "drift_pct")}
        entry["ratio"] = round(entry["words_per_s"] / beside["words_per_s"], 3)
        entry["docs_ratio"] = round(entry["docs_per_s"] / beside["docs_per_s"], 3)
    results["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    return results


def _combine_references(runs: list[dict]) -> dict:
    """The first and last runs of ``runs`` and their mean (the runs between are listed in ``between``)."""
    before, after = runs[0], runs[-1]
    mean = lambda key: round((before[key] + after[key]) / 2, 3)   # noqa: E731
    between = [{k: r[k] for k in ("per_doc", "pipe", "faster", "docs_per_s", "words_per_s")} for r in runs[1:-1]]
    return {
        "rule": REFERENCE_RULE,
        "model": before["model"], "model_version": before["model_version"], "spacy": before["spacy"],
        "components": before["components"], "service_components": before.get("service_components"),
        "before": {k: before[k] for k in ("per_doc", "pipe", "faster", "docs_per_s", "words_per_s")},
        "after": {k: after[k] for k in ("per_doc", "pipe", "faster", "docs_per_s", "words_per_s")},
        "between": between,
        "drift_pct": round(100 * (after["words_per_s"] - before["words_per_s"]) / before["words_per_s"], 1),
        "docs_per_s": mean("docs_per_s"),
        "words_per_s": mean("words_per_s"),
    }
