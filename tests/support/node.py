"""The Node.js toolchain of the tests (tests/node/: the grpc-js client and buf), found or refused.

`make node-deps` installs it from tests/node/package-lock.json; the tests call it too, which does
nothing when the lock file has not changed. Without node the tests skip, saying why, except under
CI=true, where a missing toolchain fails them: CI must not pass by skipping the contract checks.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from support.paths import REPO

NODE_DIR = REPO / "tests" / "node"
BUF = NODE_DIR / "node_modules" / ".bin" / "buf"
MIN_NODE_MAJOR = 20


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI=true: the Node client and buf tests must run, not skip)", pytrace=False)
    pytest.skip(reason)


def node() -> str:
    """The node executable, with tests/node/node_modules installed."""
    found = shutil.which("node")
    if found is None:
        _missing(f"node not found: install Node.js >= {MIN_NODE_MAJOR} and npm to run the Node client and buf tests")
    version = subprocess.run([found, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    if int(version.lstrip("v").split(".")[0]) < MIN_NODE_MAJOR:
        _missing(f"node {version} is too old: the Node tests need Node.js >= {MIN_NODE_MAJOR}")
    installed = subprocess.run(["make", "-s", "node-deps"], cwd=REPO, capture_output=True, text=True)
    if installed.returncode != 0 or not (NODE_DIR / "node_modules" / ".installed").exists():
        _missing(f"`make node-deps` did not install tests/node/node_modules:\n{installed.stderr}")
    return found


def buf() -> Path:
    node()
    return BUF
