"""Where a document's time goes, in one process: raw spaCy, the service's parse, the rules.

For each article, in turn and in alternating order (so that a drift of the machine's speed
touches all three alike): raw ``nlp(text)`` of ``spacy.load(name)`` with every component, the
Extractor's parse (``Pipeline.parse`` in a memory zone, as the server runs it), and the rules on
that parse (``Extractor.document_in``). CPU time of this process (``time.process_time``), so
other processes on the machine count for little. Prints one JSON object.

    python -m quotes_tools.bench.split ../shared/eval/polnear_dev_quotes.jsonl [--limit N] [--passes P]

What it leaves out, which ``quotes bench`` measures: gRPC and the protobuf response, and
``nlp.pipe``'s batching, which the reference may choose when it is faster.
"""
from __future__ import annotations

import argparse
import json
import sys
import time


def measure(gold: str, limit: int | None, passes: int, warmup: int = 5) -> dict:
    import spacy

    from quotes_service.extract.extractor import Extractor
    from quotes_service.extract.pipeline.model import model_name
    from quotes_tools.bench.corpus import read_articles

    texts = [a.text for a in read_articles(gold, limit)]
    raw = spacy.load(model_name())
    extractor = Extractor()
    raw.max_length = max(raw.max_length, max(map(len, texts)) + 1)
    for text in texts[:warmup]:
        raw(text)
        extractor.extract_document(text)
    spent = {"raw": 0.0, "parse": 0.0, "rules": 0.0}

    def run_raw(text: str) -> None:
        started = time.process_time()
        raw(text)
        spent["raw"] += time.process_time() - started

    def run_service(text: str) -> None:
        with extractor.pipeline.memory_zone():
            started = time.process_time()
            doc = extractor.pipeline.parse(text)
            parsed = time.process_time()
            extractor.document_in(doc, text=text)
            spent["parse"] += parsed - started
            spent["rules"] += time.process_time() - parsed

    n = 0
    for _ in range(passes):
        for text in texts:
            first, second = (run_raw, run_service) if n % 2 == 0 else (run_service, run_raw)
            first(text)
            second(text)
            n += 1
    ms = {k: round(v / n * 1000, 1) for k, v in spent.items()}
    return {"documents": len(texts), "passes": passes, "ms_per_document": ms,
            "raw_over_parse": round(spent["raw"] / spent["parse"], 3),
            "raw_over_parse_and_rules": round(spent["raw"] / (spent["parse"] + spent["rules"]), 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quotes_tools.bench.split",
                                     description="raw spaCy, the service's parse and the rules, ms per document")
    parser.add_argument("gold")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--passes", type=int, default=1, help="passes over the articles")
    args = parser.parse_args(argv)
    json.dump(measure(args.gold, args.limit, max(1, args.passes)), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
