"""The reference: raw spaCy on the benchmark's articles, as a spaCy user would run it.

``spacy.load(name)`` of the very model the service loads (``quotes_service.extract.pipeline.model.model_name``:
``QUOTES_SPACY_MODEL``, else the official package, else the pinned mirror), every component
it ships with, in one process: a warm-up on the first articles, then a timed pass of one
``nlp(text)`` per article and a timed pass of ``nlp.pipe(texts)``. The faster of the two is the
figure. ``measure_in_subprocess`` runs it in a process of its own, so that its memory and its
GIL touch nothing the service measurements read.

Run directly: ``python -m quotes_tools.bench.reference GOLD [--limit N] [--passes P] [--warmup W]``
prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

METHODS = ("per_doc", "pipe")


class ReferenceFailed(RuntimeError):
    """The reference subprocess failed; the message says how, in one line."""


def _rate(seconds: float, docs: int, words: int, tokens: int) -> dict:
    return {"seconds": round(seconds, 3), "docs_per_s": round(docs / seconds, 3),
            "words_per_s": round(words / seconds, 1), "tokens_per_s": round(tokens / seconds, 1)}


def measure(gold: str, limit: int | None, passes: int, warmup: int, service_components: bool) -> dict:
    import spacy

    from quotes_tools.bench.corpus import read_articles
    from quotes_service.extract.pipeline.model import load_model, model_name

    articles = read_articles(gold, limit)
    texts = [a.text for a in articles]
    words = sum(a.words for a in articles)
    name = model_name()
    started = time.perf_counter()
    nlp = spacy.load(name)
    load_seconds = time.perf_counter() - started
    nlp.max_length = max(nlp.max_length, max(map(len, texts)) + 1)
    for text in texts[:warmup]:
        nlp(text)

    def per_doc() -> int:
        return sum(len(nlp(text)) for text in texts)

    def pipe() -> int:
        tokens = 0
        for doc in nlp.pipe(texts):
            tokens += len(doc)
        return tokens

    best: dict[str, float] = {}
    tokens = 0
    for _ in range(passes):   # alternated, so drift on a busy machine touches both alike
        for method, run in (("per_doc", per_doc), ("pipe", pipe)):
            started = time.perf_counter()
            tokens = run()
            best[method] = min(best.get(method, float("inf")), time.perf_counter() - started)
    rates = {m: _rate(best[m], len(texts), words, tokens) for m in METHODS}
    faster = max(METHODS, key=lambda m: rates[m]["words_per_s"])
    out = {
        "model": name,
        "model_version": nlp.meta.get("version", ""),
        "spacy": spacy.__version__,
        "components": list(nlp.pipe_names),
        "load_seconds": round(load_seconds, 2),
        "documents": len(texts),
        "words": words,
        "tokens": tokens,
        "passes": passes,
        **rates,
        "faster": faster,
        "docs_per_s": rates[faster]["docs_per_s"],
        "words_per_s": rates[faster]["words_per_s"],
    }
    if service_components:
        # What the service keeps of the same model (it may exclude components its rules never read).
        out["service_components"] = list(load_model().pipe_names)
    return out


def measure_in_subprocess(gold: str, limit: int | None, passes: int, warmup: int,
                          service_components: bool = False, timeout: float = 3600) -> dict:
    command = [sys.executable, "-m", "quotes_tools.bench.reference", gold, "--passes", str(passes),
               "--warmup", str(warmup)]
    if limit is not None:
        command += ["--limit", str(limit)]
    if service_components:
        command.append("--service-components")
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise ReferenceFailed(f"the reference took more than {timeout:.0f} s") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise ReferenceFailed(f"the reference exited with {done.returncode}: {last}")
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quotes_tools.bench.reference",
                                     description="raw spaCy docs/s and words/s on a gold file's texts (JSON out)")
    parser.add_argument("gold")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--passes", type=int, default=1, help="timed passes per method; the fastest counts")
    parser.add_argument("--warmup", type=int, default=10, help="articles parsed before timing")
    parser.add_argument("--service-components", action="store_true",
                        help="also load the pipeline as the service does and list its components")
    args = parser.parse_args(argv)
    result = measure(args.gold, args.limit, max(1, args.passes), args.warmup, args.service_components)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
