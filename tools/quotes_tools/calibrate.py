"""Precision of each attribution rule on annotated news: the data behind the registry's confidences.

    .venv/bin/python -m quotes_tools.calibrate [GOLD.jsonl] [--limit N]

Defaults to the first 400 articles of the PolNeAR train split (not the dev split
the quality floor measures), so the confidences are not fitted to the figures
they are judged by. For each rule and quote type (a partial quote of one or two
words, and a speaker found through a pronoun, apart): how many quotes it made,
the share matching a gold quote at overlap 0.3, and the share also naming the
right speaker. Every quote names its rule (``Quote.rule``), so nothing is patched.
"""
from __future__ import annotations

import argparse
import collections

from quotes.convert import response_to_dict, response_to_proto
from quotes.types import Quote, QuoteType
from quotes_tools.evaluate import gold_quotes, match, pred_quotes, read_gold, speaker_correct
from quotes_tools.paths import TRAIN_QUOTES


def label(quote: Quote) -> str:
    short = quote.type == QuoteType.PARTIAL and len(quote.text.split()) <= 2
    return (quote.rule + ("/short" if short else "") + ("/pronoun" if quote.speaker.resolved_from_pronoun else "")
            + ":" + quote.type.name.lower())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", default=str(TRAIN_QUOTES))
    parser.add_argument("--limit", type=int, default=400)
    args = parser.parse_args()

    from quotes_service.extract.extractor import Extractor

    extractor = Extractor()
    stats: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    for n, doc in enumerate(read_gold(args.gold)):
        if n >= args.limit:
            break
        quotes = extractor.extract(doc["text"])
        predicted = response_to_dict(response_to_proto(doc["id"], doc["text"], quotes)).get("quotes", [])
        golds, preds = gold_quotes(doc), pred_quotes(doc["text"], predicted)
        matched = {pi: gi for gi, pi, _ in match(golds, preds, 0.3)}
        for pi, quote in enumerate(quotes):
            counts = stats[label(quote)]
            counts[0] += 1
            if pi in matched:
                counts[1] += 1
                counts[2] += speaker_correct(golds[matched[pi]], preds[pi])
    print(f"{'rule:type':<34}{'quotes':>8}{'matched':>9}{'+speaker':>10}")
    for key, (n, hit, right) in sorted(stats.items(), key=lambda kv: -kv[1][0]):
        print(f"{key:<34}{n:>8}{hit / n:>9.3f}{right / n:>10.3f}")


if __name__ == "__main__":
    main()
