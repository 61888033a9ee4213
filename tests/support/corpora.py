"""JSON lines corpora for the batch tests: the seeds, copied as often as wanted under new ids,
with an empty and an over-long document in the middle."""
from __future__ import annotations

import json
from pathlib import Path

from support.gold import read_text, seed_files

EMPTY_ID = "bad-empty"
LONG_ID = "bad-too-long"
IN_PROCESS_LIMIT = 1_000_000      # quotes_service.server.config.ServerConfig().max_text_length


def seed_documents(copies: int = 1) -> list[tuple[str, str]]:
    return [(f"{seed.stem}#{copy}", read_text(seed)) for copy in range(copies) for seed in seed_files()]


def with_bad_documents(docs: list[tuple[str, str]], over: int = IN_PROCESS_LIMIT) -> list[tuple[str, str]]:
    """``docs`` with an empty document and one of ``over`` + 1 characters in the middle."""
    middle = len(docs) // 2
    return [*docs[:middle], (EMPTY_ID, " \n\t "), (LONG_ID, "word " * ((over + 5) // 5)), *docs[middle:]]


def write_jsonl(path: Path, docs: list[tuple[str, str]]) -> str:
    with open(path, "w", encoding="utf-8") as out:
        for document_id, text in docs:
            out.write(json.dumps({"id": document_id, "text": text}, ensure_ascii=False) + "\n")
    return str(path)
