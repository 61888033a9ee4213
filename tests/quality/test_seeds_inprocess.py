"""The five seed articles, extracted in process, against their gold annotations."""
from __future__ import annotations

import pytest

from support.gold import judge, load_gold, read_text, seed_files
from quotes.convert import response_to_dict, response_to_proto



@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name[:3])
def test_seed_matches_gold(extractor, path):
    text = read_text(path)
    quotes = extractor.extract(text)
    predicted = response_to_dict(response_to_proto(path.name, text, quotes)).get("quotes", [])
    verdict = judge(text, load_gold(path), predicted)
    assert verdict.ok, f"\n{verdict}"


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name[:3])
def test_seed_spans_are_exact(extractor, path):
    text = read_text(path)
    for q in extractor.extract(text):
        assert q.fragments, q
        assert q.text == " ".join(text[f.start:f.end] for f in q.fragments)
        assert q.span.start == q.fragments[0].start and q.span.end == q.fragments[-1].end
        if len(q.fragments) == 1:
            assert text[q.span.start:q.span.end] == q.text
        if q.speaker.name:
            assert text[q.speaker.span.start:q.speaker.span.end] == q.speaker.name
        if q.cue:
            assert text[q.cue_span.start:q.cue_span.end] == q.cue
        assert 0.0 < q.confidence <= 1.0
