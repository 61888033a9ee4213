"""What the benchmark reads from Linux's /proc: a process's RSS and CPU time, its children,
the whole machine's busy time, and what the machine is."""
from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass

_TICKS = os.sysconf("SC_CLK_TCK")


def rss_kib(pid: int) -> int | None:
    """VmRSS of ``pid`` in KiB, None if it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _stat_fields(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            data = fh.read()
    except OSError:
        return None
    # The command name, in parentheses, may hold spaces: fields are counted after its ')'.
    return data[data.rindex(")") + 2:].split()


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of ``pid`` (all its threads) so far; 0 if it is gone."""
    fields = _stat_fields(pid)
    if not fields:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS   # utime, stime: fields 14 and 15 of stat


def children(pid: int) -> list[int]:
    """The live processes whose parent is ``pid``."""
    out = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            fields = _stat_fields(int(name))
            if fields and int(fields[1]) == pid:
                out.append(int(name))
    return sorted(out)


@dataclass(frozen=True)
class MachineTime:
    """Jiffies of the whole machine, from the first line of /proc/stat, in seconds."""
    busy: float
    total: float

    @classmethod
    def now(cls) -> "MachineTime":
        with open("/proc/stat", encoding="ascii") as fh:
            values = [int(v) for v in fh.readline().split()[1:]]
        idle = values[3] + (values[4] if len(values) > 4 else 0)   # idle + iowait
        total = sum(values[:8])                                     # guest time is inside user already
        return cls((total - idle) / _TICKS, total / _TICKS)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ram_gib() -> float | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 2**20, 1)
    except (OSError, ValueError):
        pass
    return None


def machine() -> dict:
    import sys

    import grpc
    from quotes_service.server.config import default_workers   # plain os/argparse: no spaCy, no gRPC server

    return {
        "cpu_model": cpu_model(),
        "cpus": os.cpu_count(),
        "usable_cpus": default_workers(),   # affinity, capped by a container's CPU quota
        "ram_gib": ram_gib(),
        "kernel": platform.release(),
        "python": sys.version.split()[0],
        "grpcio": grpc.__version__,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def git_state(cwd: str | None = None) -> dict | None:
    """The commit the code was at and whether the tree had changes, when run inside a git checkout."""
    here = cwd or os.path.dirname(os.path.abspath(__file__))
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=here, capture_output=True, text=True,
                                timeout=10).stdout.strip()
        if not commit:
            return None
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=here,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": commit, "uncommitted_changes": bool(dirty)}
