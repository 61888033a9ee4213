"""The contract checked by buf (proto/buf.yaml): lint with the STANDARD rules, and no breaking
change since the released contract (proto/released/quotes-v1.binpb, the proto as of 54af8f5).

The negatives copy the proto, break it one way each and show `buf breaking` refusing it, naming
the field; an added field is not a break. `make proto-check` runs the same two commands.
"""
from __future__ import annotations

import shutil
import subprocess

import pytest

from support import node
from support.paths import REPO

PROTO = REPO / "proto"
RELEASED = PROTO / "released" / "quotes-v1.binpb"


def _buf(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(node.buf()), *args], cwd=REPO, capture_output=True, text=True, timeout=60)


def test_buf_lint_passes():
    result = _buf("lint", "proto")
    assert result.returncode == 0, result.stdout + result.stderr


def test_buf_breaking_passes_against_the_released_contract():
    result = _buf("breaking", "proto", "--against", str(RELEASED))
    assert result.returncode == 0, result.stdout + result.stderr


CHANGES = {
    # name: (the released line, what it becomes, what buf must name; None: not a break)
    "renumbered field": ("float confidence = 7;", "float confidence = 20;", '"7" with name "confidence"'),
    "renamed field": ("string canonical_name = 3;", "string full_name = 3;", 'from "canonical_name" to "full_name"'),
    "retyped field": ("string cue = 5;", "bytes cue = 5;", 'name "cue" on message "Quote" changed type'),
    "renamed enum value": ("SPEAKER_KIND_ROLE = 3;", "SPEAKER_KIND_TITLE = 3;", "SPEAKER_KIND_ROLE"),
    "added field": ("float confidence = 7;", "float confidence = 7;\n  string note = 30;", None),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_buf_breaking_refuses_a_changed_contract(tmp_path, change):
    released, changed, named = change
    shutil.copy(PROTO / "buf.yaml", tmp_path / "buf.yaml")
    shutil.copytree(PROTO / "quotes", tmp_path / "quotes")
    path = tmp_path / "quotes" / "v1" / "quotes.proto"
    text = path.read_text()
    assert text.count(released) == 1, released
    path.write_text(text.replace(released, changed))
    result = _buf("breaking", str(tmp_path), "--against", str(RELEASED))
    if named is None:
        assert result.returncode == 0, result.stdout + result.stderr
    else:
        assert result.returncode != 0, f"buf breaking let a {changed!r} through"
        assert named in result.stdout, result.stdout + result.stderr
