"""Precision of each attribution rule on annotated news: the data behind RULE_CONFIDENCE.

    .venv/bin/python -m quotes_tools.calibrate [GOLD.jsonl] [--limit N]

Defaults to the first 400 articles of the PolNeAR train split (not the dev split
the quality floor measures), so the confidences are not fitted to the figures
they are judged by. For each rule and quote type: how many quotes it made, the
share matching a gold quote at overlap 0.3, and the share also naming the right
speaker.
"""
from __future__ import annotations

import argparse
import collections

from quotes.convert import response_to_dict, response_to_proto
from quotes_tools.paths import TRAIN_QUOTES
from quotes_tools.evaluate import gold_quotes, match, pred_quotes, read_gold, speaker_correct
from quotes_service.extract import extractor as ex_module

DEFAULT_GOLD = TRAIN_QUOTES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    parser.add_argument("--limit", type=int, default=400)
    args = parser.parse_args()

    rules: dict[int, str] = {}
    record = ex_module.Extractor._record

    def tagged(text, fragments, qtype, speaker, cue_tokens, rule):
        quote = record(text, fragments, qtype, speaker, cue_tokens, rule)
        short = qtype == ex_module.QuoteType.PARTIAL and len(quote.text.split()) <= 2
        rules[id(quote)] = rule + ("/short" if short else "") + ("/pronoun" if speaker.resolved_from_pronoun else "")
        return quote

    ex_module.Extractor._record = staticmethod(tagged)  # this script only: label each quote with its rule
    extractor = ex_module.Extractor()
    stats: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    for n, doc in enumerate(read_gold(args.gold)):
        if n >= args.limit:
            break
        quotes = extractor.extract(doc["text"])
        predicted = response_to_dict(response_to_proto(doc["id"], doc["text"], quotes)).get("quotes", [])
        golds, preds = gold_quotes(doc), pred_quotes(doc["text"], predicted)
        matched = {pi: gi for gi, pi, _ in match(golds, preds, 0.3)}
        for pi, quote in enumerate(quotes):
            key = f"{rules.get(id(quote), '?')}:{quote.type.name.lower()}"
            stats[key][0] += 1
            if pi in matched:
                stats[key][1] += 1
                stats[key][2] += speaker_correct(golds[matched[pi]], preds[pi])
    print(f"{'rule:type':<34}{'quotes':>8}{'matched':>9}{'+speaker':>10}")
    for key, (n, hit, right) in sorted(stats.items(), key=lambda kv: -kv[1][0]):
        print(f"{key:<34}{n:>8}{hit / n:>9.3f}{right / n:>10.3f}")


if __name__ == "__main__":
    main()
