"""Measure one server worker's memory and time, the numbers deploy/k8s/ is sized from.

    .venv/bin/python -m quotes_tools.measure_memory [--sizes 100000,300000,1000000]

Starts `quotes serve --workers 1 --port 0` (quotes_tools.server_process), then
reports its resident memory (VmRSS) and high-water mark (VmHWM) once serving,
after 100 calls with the seed articles, and after one text of each size (the
seeds repeated; 1,000,000 code points is the default --max-text-length).
Stops it with SIGTERM and reports the exit code.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from quotes_tools.paths import REPO
from quotes_tools.server_process import ServerFailed, ServerProcess


def memory(pid: int) -> str:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    mb = lambda name: int(fields[name].split()[0]) // 1024  # noqa: E731
    return f"RSS {mb('VmRSS')} MB, peak {mb('VmHWM')} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,300000,1000000", help="text lengths in code points")
    args = parser.parse_args()

    from quotes.client import QuoteClient

    log = Path(tempfile.mkdtemp(prefix="quotes-measure-")) / "server.log"
    server = ServerProcess(log, workers=1)
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    started = time.monotonic()
    try:
        server.start()
    except ServerFailed as exc:
        print(f"server did not start: {exc.summary} (log: {log})", file=sys.stderr)
        return 1
    try:
        print(f"serving after {time.monotonic() - started:.1f} s: {memory(server.pid)}")
        with QuoteClient(server.target, timeout=600) as client:
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
        print(f"SIGTERM: exit {server.stop()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
