"""The `quotes` command in a subprocess, as a user runs it (without QUOTES_SERVER from the environment)."""
from __future__ import annotations

import os
import subprocess

from support.paths import QUOTES, REPO


def quotes(*args: str, stdin: bytes = b"", timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "QUOTES_SERVER"}
    return subprocess.run([QUOTES, *args], input=stdin, capture_output=True, cwd=REPO, env=env, timeout=timeout)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    err = result.stderr.decode()
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("quotes: ")
    return lines[0]
