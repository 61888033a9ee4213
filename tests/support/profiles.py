"""Checking a text's speakers against a row of a speaker-profile table (tests/rules/test_speaker_*.py).

A row: the text, then for each quote in order what its speaker must be. ``title`` and
``affiliation`` are the speaker's main ones (Speaker.title / .affiliation); ``titles`` and
``affiliations`` must be among the entity's (ExtractQuotesResponse.speakers).
"""
from __future__ import annotations


def _entity(response_speakers, speaker_id):
    return next(e for e in response_speakers if e.id == speaker_id)


def check_speakers(extractor, text, expected):
    """Asserts that ``text``'s quotes have the speakers ``expected`` describes."""
    found = extractor.extract_document(text)
    got = [(q.speaker.canonical_name, q.speaker.title, q.speaker.affiliation, q.speaker.kind.name) for q in found.quotes]
    assert len(found.quotes) == len(expected), got
    for quote, want in zip(found.quotes, expected):
        s = quote.speaker
        entity = _entity(found.speakers, quote.speaker_id)
        assert text[s.span.start:s.span.end] == s.name, s   # the name as written, odd spaces and all
        if "canonical" in want:
            assert s.canonical_name == want["canonical"], got
            assert entity.canonical_name == want["canonical"], got
        if "kind" in want:
            assert s.kind == want["kind"], got
        if "title" in want:
            assert s.title == want["title"], got
        if "affiliation" in want:
            assert s.affiliation == want["affiliation"], got
        if "short" in want:
            assert s.affiliation_short == want["short"], got
        for title in want.get("titles", ()):
            assert title in entity.titles, (entity.titles, got)
        for affiliation in want.get("affiliations", ()):
            assert affiliation in entity.affiliations, (entity.affiliations, got)
        for title in want.get("not_titles", ()):
            assert title not in entity.titles, (entity.titles, got)
        if "not_title" in want:
            assert want["not_title"] not in s.title, got
        if "gender" in want:
            assert s.gender == want["gender"], got
            assert entity.gender == want["gender"], got
