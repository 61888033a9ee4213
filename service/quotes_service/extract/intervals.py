"""Which of many character ranges hold a given offset, without looking at them all.

The rules ask, for each quote or reported clause, about the ranges found before
it ("is this clause mostly inside one already reported?", "which reported clause
holds this quoted fragment?"). Asked of a list, that is quadratic in the number of
quotes, and a long text of short quotes took seconds. Here each range is filed
under the fixed-size cells of the text it covers, and a question looks only at the
ranges filed under one cell.
"""
from __future__ import annotations

from typing import Generic, Iterator, TypeVar

T = TypeVar("T")

CELL = 256   # characters per cell: a cell holds the ranges of a sentence or two


class RangeIndex(Generic[T]):
    """Ranges [start, end] (both ends included) with an item each, in the order they were added."""

    def __init__(self, cell: int = CELL):
        self._cell = cell
        self._cells: dict[int, list[tuple[int, int, int, T]]] = {}
        self._count = 0

    def add(self, start: int, end: int, item: T) -> None:
        entry = (self._count, start, end, item)
        self._count += 1
        for c in range(start // self._cell, end // self._cell + 1):
            self._cells.setdefault(c, []).append(entry)

    def holding(self, offset: int) -> Iterator[tuple[int, T]]:
        """(order added, item) for every range with start <= offset <= end, in the order added."""
        for order, start, end, item in self._cells.get(offset // self._cell, ()):
            if start <= offset <= end:
                yield order, item

    def __len__(self) -> int:
        return self._count
