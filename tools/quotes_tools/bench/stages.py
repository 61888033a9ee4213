"""Where one article's time goes, in process: ``python -m quotes_tools.bench.stages [--gold FILE]``.

Prints milliseconds per article, on one core, for raw spaCy (``nlp(text)`` each and
``nlp.pipe``), the service's own parse (its pipeline as a request runs it), the rules on
parsed documents (fresh parses, so no lemma is already written), and the conversion to the
proto. Each stage is timed ``--passes`` times and the fastest counts; with ``--profile N`` the
rules' N most costly functions follow (cProfile, cumulative). docs/performance.md quotes it.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from typing import Callable

from quotes_tools.bench.corpus import read_articles
from quotes_tools.paths import DEV_QUOTES


def _fastest(passes: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(passes):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=DEV_QUOTES, metavar="FILE", help="JSON lines with id and text")
    parser.add_argument("--passes", type=int, default=2, help="timed passes of each stage; the fastest counts")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the rules' N costliest functions")
    args = parser.parse_args(argv)

    import spacy

    from quotes.convert import response_to_proto
    from quotes_service.extract.extractor import Extractor
    from quotes_service.extract.pipeline.model import model_name

    texts = [article.text for article in read_articles(args.gold)]
    raw = spacy.load(model_name())
    extractor = Extractor()
    list(raw.pipe(texts[:4]))
    extractor.extract_document(texts[0])
    n = len(texts)
    rows = [("raw spaCy, nlp(text) each", _fastest(args.passes, lambda: [raw(t) for t in texts])),
            ("raw spaCy, nlp.pipe", _fastest(args.passes, lambda: list(raw.pipe(texts)))),
            ("service parse, each", _fastest(args.passes, lambda: [extractor.pipeline.parse(t) for t in texts]))]
    batches = [[extractor.pipeline.parse(t) for t in texts] for _ in range(args.passes)]
    rules = float("inf")
    for docs in batches:
        started = time.perf_counter()
        found = [extractor.document_in(doc, None, text) for doc, text in zip(docs, texts)]
        rules = min(rules, time.perf_counter() - started)
    rows.append(("rules on the parsed document", rules))
    rows.append(("conversion to the proto", _fastest(args.passes, lambda: [
        response_to_proto("id", t, f.quotes, f.speakers).SerializeToString() for t, f in zip(texts, found)])))
    print(f"{n} articles from {args.gold}; fastest of {args.passes} passes, one core")
    for name, seconds in rows:
        print(f"  {name:32} {1000 * seconds / n:7.1f} ms/article")
    print(f"  rules / service parse            {rules / rows[2][1]:7.1%}")
    if args.profile:
        docs = [extractor.pipeline.parse(t) for t in texts]
        profile = cProfile.Profile()
        profile.enable()
        for doc, text in zip(docs, texts):
            extractor.document_in(doc, None, text)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
