"""Three real replicas (`quotes serve --workers 1`) on loopback, balanced two ways:
per call through nginx (deploy/nginx/), and by the client's own round robin over
the three addresses. Then one replica is stopped with SIGTERM in the middle of
steady load, as a rolling update does, and the caller must not notice.
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

import pytest

from deploy_support import REPO, Nginx, report, require_packages
from quotes_tools.server_process import ServerProcess

pytestmark = [pytest.mark.deploy, pytest.mark.slow]

SEEDS = sorted((REPO / "seeds").glob("*.txt"))
SHORT_TEXT = min((p.read_text(encoding="utf-8") for p in SEEDS), key=len)       # ~3k chars, ~0.1 s
LONG_TEXT = "\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS)            # ~26k chars, ~1 s


def QuoteClient(target: str, **kwargs):
    from quotes.client import QuoteClient as client_class

    return client_class(target, **kwargs)


def pid_of(served_by: str) -> int:
    """x-served-by is host:pid."""
    return int(served_by.rsplit(":", 1)[1])


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    """Three `quotes serve --workers 1`, started at once: x-served-by names each one's own pid."""
    workdir = tmp_path_factory.mktemp("replicas")
    group = [ServerProcess(workdir / f"replica-{i}.log", cwd=workdir).launch() for i in range(3)]
    try:
        for replica in group:
            replica.wait()
        yield group
    finally:
        for replica in group:
            replica.stop()


@pytest.fixture(scope="module")
def proxy(replicas, tmp_path_factory):
    require_packages("nginx-light")
    nginx = Nginx(tmp_path_factory.mktemp("nginx"), [r.target for r in replicas]).start()
    yield nginx
    nginx.stop()


def spread(client, calls: int) -> Counter:
    return Counter(pid_of(client.extract(SHORT_TEXT, document_id=f"spread-{i}").served_by) for i in range(calls))


def assert_even(counts: Counter, replicas: list[ServerProcess], calls: int) -> None:
    assert set(counts) == {r.pid for r in replicas}, counts
    share = calls / len(replicas)
    assert max(counts.values()) - min(counts.values()) <= max(2, share * 0.1), counts


def test_calls_spread_evenly_through_nginx(proxy, replicas):
    with QuoteClient(proxy.address) as client:
        counts = spread(client, 60)
    assert_even(counts, replicas, 60)


def test_calls_spread_evenly_with_client_round_robin(replicas):
    with QuoteClient(",".join(r.target for r in replicas)) as client:
        warm_up(client, replicas)
        counts = spread(client, 60)
    assert_even(counts, replicas, 60)


def warm_up(client, replicas: list[ServerProcess], limit: float = 20.0) -> None:
    """Until every replica has answered once: round robin only counts connected subchannels."""
    wanted, seen = {r.pid for r in replicas}, set()
    deadline = time.monotonic() + limit
    while seen != wanted and time.monotonic() < deadline:
        seen.add(pid_of(client.extract(SHORT_TEXT, document_id="warm-up").served_by))
    assert seen == wanted, f"only {seen} of {wanted} answered within {limit:.0f}s"


def test_a_deadline_through_nginx_stops_the_replicas_work(proxy, replicas):
    """The caller's deadline reaches the replica, which gives up instead of parsing on for seconds."""
    from quotes.errors import DeadlineExceeded

    text = LONG_TEXT * 12  # ~300k chars: well over ten seconds of parsing
    before = {r.target: len(r.events("call")) for r in replicas}
    started = time.monotonic()
    with QuoteClient(proxy.address) as client, pytest.raises(DeadlineExceeded):
        client.extract(text, document_id="deadline", timeout=1.5)
    assert time.monotonic() - started < 3.0
    time.sleep(1.0)  # the replica notices at its next chunk of parsing
    ended = [e for r in replicas for e in r.events("call")[before[r.target]:] if e.get("code") != "OK"]
    assert ended, "no replica logged the abandoned call"
    assert ended[0]["code"] in ("DEADLINE_EXCEEDED", "CANCELLED"), ended
    assert ended[0]["ms"] < 5000, f"the replica worked on for {ended[0]['ms']} ms after the deadline"


def test_a_text_at_the_services_limit_passes_nginx(proxy):
    """~4 MB of UTF-8 gets through nginx (its default body limit is 1 MB) to the service's own check."""
    from quotes.errors import InvalidArgument

    text = "\U0001F600" * 1_000_001  # one code point over the default limit, 4 bytes each
    with QuoteClient(proxy.address) as client, pytest.raises(InvalidArgument) as err:
        client.extract(text, document_id="too-long", timeout=60)
    assert "1000000" in err.value.details.replace(",", ""), err.value.details


@dataclass
class Load:
    served: list[tuple[float, int]] = field(default_factory=list)    # (when it returned, replica pid)
    failures: list[str] = field(default_factory=list)


def under_load(client, seconds: float, threads: int, action: Callable[[], None], after: float = 2.0) -> Load:
    """Steady calls from `threads` threads while `action` runs: for `seconds`, and at least `after`
    seconds past the end of `action` (on a busy machine a drain can outlast the planned window,
    and the calls after it are what shows the balancer moved on). Bounded in time and count."""
    load, lock = Load(), threading.Lock()
    window = {"until": time.monotonic() + seconds, "action_done": False}

    def caller(n: int) -> None:
        for i in range(10_000):
            if window["action_done"] and time.monotonic() >= window["until"]:
                return
            try:
                served_by = client.extract(SHORT_TEXT, document_id=f"load-{n}-{i}").served_by
                with lock:
                    load.served.append((time.monotonic(), pid_of(served_by)))
            except Exception as exc:  # any failure the caller sees counts
                with lock:
                    load.failures.append(f"{type(exc).__name__}: {exc}")

    workers = [threading.Thread(target=caller, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    try:
        action()
    finally:
        window["until"] = max(window["until"], time.monotonic() + after)
        window["action_done"] = True
        for w in workers:
            w.join(timeout=seconds + after + 60)
    return load


def rolling_stop(victim: ServerProcess, client_target: str, replicas: list[ServerProcess]) -> Load:
    """SIGTERM one replica mid-load; every call succeeds, the in-flight one on the victim included."""
    from quotes.client import QuoteClient as client_class

    with client_class(client_target) as client:
        if "," in client_target:
            warm_up(client, replicas)
        stopped: dict = {}

        def sigterm_mid_load() -> None:
            time.sleep(1.5)
            in_flight: dict = {}
            # A slow call straight to the victim, in flight when the signal lands: draining must finish it.
            with client_class(victim.target, retries=0) as direct:
                probe = threading.Thread(target=lambda: in_flight.update(
                    result=_try(lambda: direct.extract(LONG_TEXT, document_id="in-flight", timeout=30))))
                probe.start()
                time.sleep(0.3)
                stopped["at"] = time.monotonic()
                stopped["code"] = victim.stop(timeout=30)
                stopped["exited"] = time.monotonic()
                probe.join(timeout=30)
            stopped["in_flight"] = in_flight.get("result")

        load = under_load(client, seconds=7.0, threads=4, action=sigterm_mid_load)

    assert stopped["code"] == 0, f"the replica exited {stopped['code']} on SIGTERM"
    assert not load.failures, f"{len(load.failures)} of {len(load.failures) + len(load.served)} calls failed: " \
                              f"{Counter(load.failures).most_common(3)}"
    result = stopped["in_flight"]
    assert not isinstance(result, Exception), f"the in-flight call failed during the drain: {result}"
    assert pid_of(result.served_by) == victim.pid
    before = Counter(pid for when, pid in load.served if when < stopped["at"])
    after = Counter(pid for when, pid in load.served if when > stopped["exited"])
    assert before[victim.pid] > 0, f"the victim served nothing before the stop: {before}"
    assert sum(after.values()) > 0 and victim.pid not in after, after
    return load


def _try(call):
    try:
        return call()
    except Exception as exc:
        return exc


@pytest.fixture
def victim(replicas):
    """The replica a test stops; started again (same port) afterwards for the tests that follow."""
    replica = replicas[1]
    yield replica
    if not replica.running():
        replica.start()


def test_sigterm_of_a_replica_behind_nginx_costs_no_call(request, proxy, replicas, victim):
    load = rolling_stop(victim, proxy.address, replicas)
    report(request, f"replicas: SIGTERM mid-load behind nginx: {len(load.served)} calls, 0 failed")


def test_sigterm_of_a_replica_with_client_round_robin_costs_no_call(request, replicas, victim):
    load = rolling_stop(victim, ",".join(r.target for r in replicas), replicas)
    report(request, f"replicas: SIGTERM mid-load, client round robin: {len(load.served)} calls, 0 failed")
