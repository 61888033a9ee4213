"""tools/quotes_tools/compare_textacy.py in one run: this project ahead of textacy on every line."""
from __future__ import annotations

import importlib.util

import pytest


@pytest.mark.slow
def test_ahead_of_textacy_on_every_line():
    from quotes_tools import compare_textacy

    if not compare_textacy.DEFAULT_GOLD.exists():
        pytest.skip("../shared/eval is not beside the repository")
    assert importlib.util.find_spec("textacy"), "textacy is a dev dependency: make install brings it"
    result = compare_textacy.compare(compare_textacy.DEFAULT_GOLD)
    behind = [row for row in result["rows"] if row["quotes"] <= row["textacy"]]
    assert not behind, compare_textacy.format_table(result)
