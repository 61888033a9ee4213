"""The benchmark's servers: ``quotes_tools.server_process.ServerProcess`` (the launcher the tests
share), plus what the benchmark reads of them from /proc: the live worker pids, their CPU time
and resident memory."""
from __future__ import annotations

from pathlib import Path

from quotes_tools.bench import system
from quotes_tools.server_process import ServerProcess

STOP_TIMEOUT = 40.0


class ServiceProcess(ServerProcess):
    def __init__(self, workers: int, log_path: Path, extra_args: list[str] | None = None):
        super().__init__(log_path, *(extra_args or []), workers=workers)

    def worker_pids(self) -> list[int]:
        """The processes that parse, now (a worker replaced since the start included): the server
        itself with one worker, else the supervisor's children."""
        return [self.pid] if self.workers == 1 else system.children(self.pid)

    def all_pids(self) -> list[int]:
        return sorted({self.pid, *self.worker_pids()})

    def cpu_seconds(self) -> float:
        return sum(system.cpu_seconds(pid) for pid in self.all_pids())

    def rss_kib(self) -> dict[int, int]:
        return {pid: kib for pid in self.worker_pids() if (kib := system.rss_kib(pid)) is not None}

    def stop(self, timeout: float = STOP_TIMEOUT) -> int | None:
        return super().stop(timeout)
