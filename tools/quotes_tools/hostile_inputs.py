"""What hostile texts cost: in-process extraction time for 200,000-character inputs built to be
expensive, and the longest the extractor goes without asking whether its caller gave up
(the figures in docs/security.md).

    .venv/bin/python -m quotes_tools.hostile_inputs [--chars 200000]

The texts are made here (no article text is read). Work per token is what spaCy costs, so the
worst input is the one with the most tokens per character.
"""
from __future__ import annotations

import argparse
import random
import time


def inputs(chars: int) -> dict[str, str]:
    rnd = random.Random(0)
    sentence = '"We will see how the talks go," said Ana Ruiz, the mayor. Officials said the plan would work. '
    runs, n = [], 0
    while n < chars:
        run = "".join(rnd.choice('"“”‘’()!?.,;:') for _ in range(rnd.randint(30, 64)))
        runs.append(run)
        n += len(run) + 1
    return {
        "news-like sentences": (sentence * (chars // len(sentence) + 1))[:chars],
        "one emoji, one space, repeated": ("\U0001F600 " * (chars // 2 + 1))[:chars],
        "runs of 30-64 punctuation marks": " ".join(runs)[:chars],
        "one token of letters": "x" * chars,
        "one run of quote marks": "“" * chars,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=200_000)
    args = parser.parse_args()
    from quotes_service.extract.extractor import Extractor

    extractor = Extractor(max_length=max(1_000_000, args.chars))
    extractor.extract("Warm up.")
    print(f"{'input':34} {'chars':>9} {'tokens':>8} {'seconds':>8} {'chars/s':>9} {'longest gap':>12}")
    for name, text in inputs(args.chars).items():
        looks: list[float] = []
        tokens = [0]

        def should_stop() -> bool:
            looks.append(time.perf_counter())
            return False

        started = time.perf_counter()
        extractor.extract(text, should_stop=should_stop, on_parsed=lambda count: tokens.__setitem__(0, count))
        ended = time.perf_counter()
        points = [started, *looks, ended]
        gap = max(b - a for a, b in zip(points, points[1:]))
        seconds = ended - started
        print(f"{name:34} {len(text):>9,} {tokens[0]:>8,} {seconds:>8.2f} {len(text) / seconds:>9,.0f} {gap:>11.2f}s",
              flush=True)


if __name__ == "__main__":
    main()
