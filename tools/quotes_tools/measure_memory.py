"""Measure one server worker's memory and time, the numbers deploy/k8s/ is sized from.

    .venv/bin/python -m quotes_tools.measure_memory [--sizes 100000,300000,1000000]

Starts `python -m quotes_service --workers 1` on a free loopback port, then
reports its resident memory (VmRSS) and high-water mark (VmHWM) once serving,
after 100 calls with the seed articles, and after one text of each size (the
seeds repeated; 1,000,000 code points is the default --max-text-length).
Stops it with SIGTERM and reports the exit code.
"""
from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quotes_tools.paths import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory(pid: int) -> str:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    mb = lambda name: int(fields[name].split()[0]) // 1024  # noqa: E731
    return f"RSS {mb('VmRSS')} MB, peak {mb('VmHWM')} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,300000,1000000", help="text lengths in code points")
    args = parser.parse_args()

    from quotes.client import QuoteClient

    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="quotes-measure-", suffix=".log", delete=False)
    server = subprocess.Popen([sys.executable, "-m", "quotes_service", "--workers", "1", "--port", str(port)],
                              stdout=log, stderr=log)
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    try:
        started = time.monotonic()
        with QuoteClient(f"127.0.0.1:{port}", timeout=600) as client:
            while client_health(client) != "SERVING":
                if server.poll() is not None or time.monotonic() - started > 120:
                    print(f"server did not start; log: {log.name}", file=sys.stderr)
                    return 1
                time.sleep(0.2)
            print(f"serving after {time.monotonic() - started:.1f} s: {memory(server.pid)}")
            for _ in range(20):
                for i, text in enumerate(texts):
                    client.extract(text, document_id=f"seed-{i}")
            print(f"after {20 * len(texts)} seed calls: {memory(server.pid)}")
            joined = "\n\n".join(texts)
            for size in (int(s) for s in args.sizes.split(",")):
                text = (joined * (size // len(joined) + 1))[:size]
                t = time.monotonic()
                result = client.extract(text, document_id=f"size-{size}")
                print(f"{size:>9,} code points: {time.monotonic() - t:5.1f} s, {len(result.quotes)} quotes, "
                      f"{memory(server.pid)}")
    finally:
        server.terminate()
        print(f"SIGTERM: exit {server.wait(timeout=60)}")
    return 0


def client_health(client) -> str:
    try:
        return client.health("quotes.v1.QuoteService", timeout=1)
    except Exception:
        return "UNAVAILABLE"


if __name__ == "__main__":
    sys.exit(main())
