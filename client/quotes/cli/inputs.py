"""Documents for ``quotes extract``: whole files, and JSON lines {"id": ..., "text": ...}.

Files are read as bytes and decoded as UTF-8 with no newline translation, so
offsets in the output index the file's own characters.
"""
from __future__ import annotations

import json
import os
import sys
from typing import BinaryIO, Iterator, Sequence

STDIN = "-"


class InputError(Exception):
    """A missing or unreadable input; the message is one line naming the file (and line)."""


def check_paths(files: Sequence[str], jsonl: Sequence[str]) -> None:
    """Fail before any work if an input is missing, so no partial output precedes the error."""
    if list(files).count(STDIN) + list(jsonl).count(STDIN) > 1:
        raise InputError("stdin ('-') can be read only once")
    for path in [*files, *jsonl]:
        if path == STDIN:
            continue
        if not os.path.exists(path):
            raise InputError(f"{path}: no such file")
        if os.path.isdir(path):
            raise InputError(f"{path}: is a directory")
        if not os.access(path, os.R_OK):
            raise InputError(f"{path}: permission denied")


def _open(path: str) -> BinaryIO:
    if path == STDIN:
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror.lower() if exc.strerror else exc}") from None


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not valid UTF-8 (byte {exc.start})") from None


def read_file(path: str) -> tuple[str, str]:
    stream = _open(path)
    try:
        return path, _decode(stream.read(), path)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _document_id(value: object, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)):  # bool is an int: True -> "True"
        return str(value)
    raise InputError(f"{where}: \"id\" must be a string or a number")


def read_jsonl(path: str) -> Iterator[tuple[str, str]]:
    label = "<stdin>" if path == STDIN else path
    stream = _open(path)
    try:
        for number, raw in enumerate(stream, start=1):
            where = f"{label}:{number}"
            line = _decode(raw, where).strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: not valid JSON ({exc.msg})") from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise InputError(f"{where}: expected an object with a string \"text\"")
            yield _document_id(record.get("id"), where), record["text"]
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def read_documents(files: Sequence[str], jsonl: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(document_id, text) for every FILE, then every line of every JSONL file, lazily."""
    for path in files:
        yield read_file(path)
    for path in jsonl:
        yield from read_jsonl(path)


def count_documents(files: Sequence[str], jsonl: Sequence[str]) -> int | None:
    """How many documents, for a progress bar; None when stdin holds JSON lines (unknown ahead)."""
    total = len(files)
    for path in jsonl:
        if path == STDIN:
            return None
        with open(path, "rb") as stream:
            total += sum(1 for line in stream if line.strip())
    return total
