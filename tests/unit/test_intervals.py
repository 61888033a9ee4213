"""``extract/intervals.RangeIndex``: which ranges hold an offset, in the order they were added."""
from __future__ import annotations

import random

import pytest

from quotes_service.extract.intervals import CELL, RangeIndex

RANGES = [(0, 3, "a"), (2, 9, "b"), (8, 8, "c"), (12, 30, "d"), (5, 5, "e")]

# offset -> the items holding it, in the order added (both ends of a range included)
HOLDING = [
    (0, ["a"]), (2, ["a", "b"]), (3, ["a", "b"]), (4, ["b"]), (5, ["b", "e"]), (8, ["b", "c"]), (9, ["b"]),
    (10, []), (11, []), (12, ["d"]), (20, ["d"]), (30, ["d"]), (31, []), (1000, []),
]


@pytest.mark.parametrize("cell", [4, 7, CELL], ids=lambda c: f"cell {c}")
@pytest.mark.parametrize("offset,expected", HOLDING)
def test_holding_whatever_the_cell_size(cell, offset, expected):
    index = RangeIndex(cell=cell)
    for start, end, item in RANGES:
        index.add(start, end, item)
    assert [item for _, item in index.holding(offset)] == expected
    assert len(index) == len(RANGES)


def test_order_is_the_order_added_not_the_position():
    index: RangeIndex[str] = RangeIndex(cell=4)
    index.add(10, 20, "late but first")
    index.add(0, 30, "early but second")
    assert list(index.holding(15)) == [(0, "late but first"), (1, "early but second")]


def test_an_empty_index_holds_nothing():
    index: RangeIndex[int] = RangeIndex()
    assert list(index.holding(0)) == [] and len(index) == 0


def test_agrees_with_looking_at_every_range():
    rng = random.Random(11)
    ranges = []
    for _ in range(300):
        start = rng.randrange(0, 5000)
        ranges.append((start, start + rng.randrange(0, 600)))
    index: RangeIndex[int] = RangeIndex(cell=64)
    for n, (start, end) in enumerate(ranges):
        index.add(start, end, n)
    for offset in range(0, 5700, 7):
        expected = [n for n, (start, end) in enumerate(ranges) if start <= offset <= end]
        assert [item for _, item in index.holding(offset)] == expected, offset
