"""The fuzzer in CI: a bounded atheris run over the extractor (tests/rules/fuzz/fuzz_extractor.py), and
every input in its seed corpus and in tests/rules/fuzz/regressions/ replayed through the extractor.

QUOTES_FUZZ_SECONDS sets the run's length (default 60).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fuzz.fuzz_extractor import check

FUZZ = Path(__file__).resolve().parent / "fuzz"
HARNESS = FUZZ / "fuzz_extractor.py"
KEPT = sorted(p for d in (FUZZ / "corpus", FUZZ / "regressions") for p in d.iterdir() if p.suffix != ".md")
SECONDS = int(os.environ.get("QUOTES_FUZZ_SECONDS", "60"))



@pytest.mark.parametrize("path", KEPT, ids=[f"{p.parent.name}/{p.name}" for p in KEPT])
def test_kept_inputs_replay_cleanly(extractor, path):
    check(extractor, path.read_bytes())


@pytest.mark.slow
def test_a_bounded_fuzz_run_finds_no_crash(tmp_path):
    pytest.importorskip("atheris")
    found = tmp_path / "found"
    found.mkdir()
    artifacts = tmp_path / "crashes"
    artifacts.mkdir()
    # New inputs go to a scratch directory: the seed corpus is read, never written.
    result = subprocess.run(
        [sys.executable, str(HARNESS), str(found), str(FUZZ / "corpus"), f"-max_total_time={SECONDS}",
         "-timeout=20", "-rss_limit_mb=3072", f"-artifact_prefix={artifacts}/", "-print_final_stats=1"],
        capture_output=True, text=True, timeout=SECONDS + 240, cwd=tmp_path)
    crashes = sorted(artifacts.iterdir())
    tail = "\n".join(result.stderr.splitlines()[-40:])
    assert result.returncode == 0 and not crashes, (
        f"the fuzzer found {[p.name for p in crashes]}: add each to tests/rules/fuzz/regressions/ with its fix\n{tail}")
    runs = re.search(r"Done (\d+) runs", result.stderr)
    assert runs and int(runs.group(1)) > 100, tail
    print(f"\nfuzz: {runs.group(1)} inputs in {SECONDS}s, {len(list(found.iterdir()))} new corpus entries")
