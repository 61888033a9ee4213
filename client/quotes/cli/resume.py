"""``quotes extract --output FILE --resume``: what an earlier run already wrote to FILE, so that a
run killed at any point and started again ends with every document in FILE exactly once.

FILE is jsonl output (a response or an error record per line, written and flushed one line at a
time). A run killed mid-write leaves at most its last line torn, without its newline: that line
is cut off and its document done again. Any other line that is not such a record means FILE is
not this command's output, and nothing is appended to it.

Documents are matched by document_id, occurrence by occurrence: the k-th document of the input
with a given id is done when FILE holds at least k records with that id. Output keeps input
order, so that is the same document, also when ids repeat (or are all empty, for JSON lines
without an "id").
"""
from __future__ import annotations

import json
from collections import deque


class ResumeError(Exception):
    """FILE cannot be resumed; the message is one line naming it (and the line)."""


class Done:
    """The documents FILE holds, per id in the order written: whether each one failed."""

    def __init__(self) -> None:
        self._by_id: dict[str, deque[bool]] = {}
        self.count = 0

    def add(self, document_id: str, failed: bool) -> None:
        self._by_id.setdefault(document_id, deque()).append(failed)
        self.count += 1

    def take(self, document_id: str) -> bool | None:
        """None when this occurrence of ``document_id`` is not in FILE yet (do it); else whether
        its record there is an error record."""
        records = self._by_id.get(document_id)
        if not records:
            return None
        return records.popleft()


def _record(raw: bytes, where: str) -> tuple[str, bool]:
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        record = None
    if not isinstance(record, dict) or not isinstance(record.get("document_id"), str):
        raise ResumeError(f"{where}: not a line of `quotes extract --format jsonl` output; "
                          "not appending to this file")
    return record["document_id"], "error" in record


def prepare(path: str) -> Done:
    """What FILE holds (nothing when it does not exist yet), after cutting off a torn last line."""
    done = Done()
    try:
        stream = open(path, "r+b")
    except FileNotFoundError:
        return done
    except OSError as exc:
        raise ResumeError(f"{path}: cannot open it to resume ({exc.strerror or exc})") from None
    with stream:
        kept = 0
        for number, raw in enumerate(stream, start=1):
            if not raw.endswith(b"\n"):
                break              # torn by a kill mid-write: cut off below, the document done again
            if raw.strip():
                done.add(*_record(raw, f"{path}:{number}"))
            kept += len(raw)
        stream.truncate(kept)
    return done
