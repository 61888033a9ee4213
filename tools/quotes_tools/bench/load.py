"""Load generators: separate processes, each with a few gRPC channels, that send pre-serialized
ExtractQuotesRequest bytes through generic unary-unary stubs (no message objects on the client,
responses left unparsed), so the client costs the machine as little as it can.

Each channel is its own connection (``grpc.use_local_subchannel_pool``), and is placed on a given
worker: the kernel spreads connections over SO_REUSEPORT workers by a hash of the connection, so
a handful of connections can all land on one worker; a channel that lands elsewhere is closed and
reopened (a new connection) until ``x-served-by`` names its worker.

Three ways to drive the service (``Job.mode``):

* ``closed``: every channel sends its next request as soon as the last one is answered, until
  ``run_seconds`` after the start: saturation, for throughput;
* ``count``: the same, but each of the job's requests once (the soak);
* ``open``: requests leave on a fixed schedule, ``rate`` per second, whatever the answers do,
  spread round-robin over the channels: latency at a chosen offered load. A request's latency
  runs from its scheduled time, so a client that falls behind cannot hide a slow server.

Each call is recorded as a tuple of monotonic times (the clock is the machine's, shared by the
processes) and its status code name ("" for OK).
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import signal
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import grpc

from quotes.wire import EXTRACT_QUOTES
from quotes_tools.bench import corpus

PROBE = corpus.request_bytes("probe", "\u201cWe will see,\u201d she said.")
CHANNEL_OPTIONS = [
    ("grpc.use_local_subchannel_pool", 1),     # this channel's own connection
    ("grpc.enable_retries", 0),                # a failed call is a failure, not a hidden retry
    ("grpc.max_receive_message_length", 64 * 1024 * 1024),
    ("grpc.max_send_message_length", -1),
]
READY_TIMEOUT = 120.0


@dataclass(frozen=True)
class SoakSpec:
    """Soak texts ``first`` .. ``first + count - 1`` (corpus.soak_text), made in the load process."""
    paragraphs: list[list[str]]
    first: int
    count: int
    seed: int = 0


@dataclass
class Job:
    target: str
    channel_pids: list[int | None]           # the worker pid each channel must reach; None: any
    mode: str                                 # "closed", "count" or "open"
    payloads: list[bytes] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    soak: SoakSpec | None = None              # instead of payloads, for the soak
    offsets: list[int] = field(default_factory=list)   # closed: where each channel starts in payloads
    run_seconds: float = 0.0                  # closed: how long to send after the start
    rate: float = 0.0                         # open: requests per second
    count: int = 0                            # open: how many
    timeout: float = 120.0                    # deadline of each call


class LoadFailed(RuntimeError):
    """A load process could not connect or died; the message says which and why."""


# --- in the load process -----------------------------------------------------------------------

def _code(error: BaseException | None) -> str:
    if error is None:
        return ""
    code = getattr(error, "code", None)
    return code().name if callable(code) else type(error).__name__


def _worker_pid(call) -> int | None:
    for key, value in call.initial_metadata() or ():
        if key == "x-served-by":
            return int(value.rsplit(":", 1)[1])
    return None


def _connect(target: str, want: int | None, attempts: int):
    """A channel (own connection) whose calls reach worker ``want``; the last one tried if none did."""
    for attempt in range(attempts):
        channel = grpc.insecure_channel(target, options=CHANNEL_OPTIONS)
        call = channel.unary_unary(EXTRACT_QUOTES)   # no serializers: bytes in, bytes out
        _, rendezvous = call.with_call(PROBE, timeout=60)
        pid = _worker_pid(rendezvous)
        if want is None or pid == want or attempt == attempts - 1:
            return channel, call, pid
        channel.close()
    raise AssertionError("unreachable")


def _closed_loop(call, payloads, words, first, stop_at, timeout, out) -> None:
    n = len(payloads)
    i = first
    while n and (stop_at is None or time.monotonic() < stop_at):
        k = i % n
        try:
            call(payloads[k], timeout=timeout)
            error = None
        except grpc.RpcError as exc:
            error = exc
        out.append((time.monotonic(), words[k], _code(error)))
        i += 1
        if stop_at is None and i - first >= n:
            return


def _open_loop(calls, payloads, words, start, rate, count, timeout) -> list[tuple]:
    records: list[tuple | None] = [None] * count
    remaining = [count]
    finished = threading.Condition()

    def done(index, scheduled, sent, future):
        records[index] = (scheduled, sent, time.monotonic(), words[index % len(words)], _code(future.exception()))
        with finished:
            remaining[0] -= 1
            finished.notify_all()

    for i in range(count):
        scheduled = start + i / rate
        delay = scheduled - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        sent = time.monotonic()
        future = calls[i % len(calls)].future(payloads[i % len(payloads)], timeout=timeout)
        future.add_done_callback(lambda f, i=i, s=scheduled, t=sent: done(i, s, t, f))
    with finished:
        finished.wait_for(lambda: remaining[0] == 0, timeout=timeout + 10)
    return [r for r in records if r is not None]


def _payloads(job: Job) -> tuple[list[bytes], list[int]]:
    if job.soak is None:
        return job.payloads, job.words
    payloads, words = [], []
    for number in range(job.soak.first, job.soak.first + job.soak.count):
        text = corpus.soak_text(job.soak.paragraphs, number, job.soak.seed)
        payloads.append(corpus.request_bytes(f"soak-{number}", text))
        words.append(len(text.split()))
    return payloads, words


def _run(job: Job, calls, payloads, words, start: float) -> list[tuple]:
    if job.mode == "open":
        return _open_loop(calls, payloads, words, start, job.rate, job.count, job.timeout)
    per_channel: list[list[tuple]] = [[] for _ in calls]
    threads = []
    for j, call in enumerate(calls):
        if job.mode == "closed":
            args = (call, payloads, words, job.offsets[j], start + job.run_seconds)
        else:   # count: channel j sends every len(calls)-th request, once
            args = (call, payloads[j::len(calls)], words[j::len(calls)], 0, None)
        threads.append(threading.Thread(target=_closed_loop, args=(*args, job.timeout, per_channel[j]), daemon=True))
    delay = start - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [record for records in per_channel for record in records]


def _process_main(job: Job, index: int, messages, go, start_at) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # the parent stops us; Ctrl-C is for it
    channels = []
    try:
        payloads, words = _payloads(job)
        attempts = max(10, 20 * len({p for p in job.channel_pids if p is not None}))
        placed = []
        calls = []
        for want in job.channel_pids:
            channel, call, pid = _connect(job.target, want, attempts)
            channels.append(channel)
            calls.append(call)
            placed.append(pid)
        messages.put(("ready", index, placed))
        go.wait()
        messages.put(("done", index, _run(job, calls, payloads, words, start_at.value)))
    except BaseException as exc:   # noqa: BLE001 - reported to the parent, which raises
        messages.put(("error", index, f"{type(exc).__name__}: {exc}"[:500]))
    finally:
        for channel in channels:
            channel.close()


# --- in the benchmark process ------------------------------------------------------------------

class LoadGenerators:
    """``with LoadGenerators(jobs) as load: load.ready(); start = load.go(); ...; load.results()``."""

    def __init__(self, jobs: list[Job]):
        context = mp.get_context("spawn")   # a fresh interpreter: no inherited gRPC state, no fork hazards
        self._messages = context.Queue()
        self._go = context.Event()
        self._start_at = context.Value("d", 0.0)
        self._processes = [context.Process(target=_process_main, args=(job, i, self._messages, self._go,
                                                                        self._start_at),
                                           name=f"quotes-bench-load-{i}", daemon=True)
                           for i, job in enumerate(jobs)]
        self._early: list[tuple] = []

    def __enter__(self) -> "LoadGenerators":
        for process in self._processes:
            process.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._go.set()
        for process in self._processes:
            if process.is_alive():
                process.join(timeout=0.5 if exc_info[0] is None else 0)
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self._processes if p.pid is not None]

    def _collect(self, kind: str, timeout: float, tick: Callable[[], None] | None = None,
                 every: float = 5.0) -> dict[int, object]:
        got: dict[int, object] = {}
        deadline = time.monotonic() + timeout
        next_tick = time.monotonic()
        while len(got) < len(self._processes):
            if tick is not None and time.monotonic() >= next_tick:
                tick()
                next_tick = time.monotonic() + every
            try:
                what, index, payload = self._messages.get(timeout=0.5)
            except queue.Empty:
                dead = [p for i, p in enumerate(self._processes) if p.exitcode is not None and i not in got]
                if dead:
                    # a process may have put its message just before exiting: look once more
                    try:
                        what, index, payload = self._messages.get(timeout=1.0)
                    except queue.Empty:
                        raise LoadFailed(f"load process {dead[0].name} exited with {dead[0].exitcode}") from None
                elif time.monotonic() > deadline:
                    raise LoadFailed(f"load processes gave no {kind} within {timeout:.0f} s") from None
                else:
                    continue
            if what == "error":
                raise LoadFailed(f"load process {index}: {payload}")
            if what != kind:
                raise LoadFailed(f"load process {index} said {what!r} before {kind!r}")
            got[index] = payload
        return got

    def ready(self, timeout: float = READY_TIMEOUT) -> list[list[int | None]]:
        """Each job's channels connected and placed: the worker pid each one reaches."""
        got = self._collect("ready", timeout)
        return [got[i] for i in range(len(self._processes))]   # type: ignore[misc]

    def go(self, delay: float = 0.25) -> float:
        """Start every job at the same moment, ``delay`` from now; returns that moment."""
        start = time.monotonic() + delay
        self._start_at.value = start
        self._go.set()
        return start

    def results(self, timeout: float, tick: Callable[[], None] | None = None) -> list[list[tuple]]:
        """Every job's records, once all are done; ``tick`` is called every few seconds meanwhile."""
        got = self._collect("done", timeout, tick)
        return [got[i] for i in range(len(self._processes))]   # type: ignore[misc]
