"""Structured logs: one JSON object per line on stderr.

Fields are passed as ``extra={"fields": {...}}`` (see ``event``). Article text is
never a field: log lengths and counts, not content.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time

LOGGER_NAME = "quotes"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "event": record.getMessage(),
            "pid": record.process,
        }
        out.update(getattr(record, "fields", {}))
        if record.exc_info:
            out["error"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


def setup(level: str = "info") -> logging.Logger:
    logger = logging.getLogger(LOGGER_NAME)
    logger.handlers[:] = []
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.setLevel(level.upper())
    logger.propagate = False
    return logger


def get() -> logging.Logger:
    return logging.getLogger(LOGGER_NAME)


def event(name: str, level: int = logging.INFO, exc_info: bool = False, **fields) -> None:
    get().log(level, name, exc_info=exc_info, extra={"fields": fields})


def identity() -> str:
    """What ``x-served-by`` says: which host and process answered."""
    return f"{os.uname().nodename}:{os.getpid()}"
