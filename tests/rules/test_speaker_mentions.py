"""Speaker profiles: who a pronoun or a description stands for, and what the article's own
predicates say of a person (speakers/pronouns.py, speakers/people.py). Rows as in
test_speaker_profiles.py, each form with a negative or a variant in other words.
"""
from __future__ import annotations

import pytest

from quotes.types import SpeakerKind
from support.profiles import check_speakers



ROWS = [
    # a surname the recognizer left unlabelled is still a mention a later "he" or "she" refers to;
    # not a surname that opens a longer name
    ("Karl Ebering, a pollster, spoke first. Ted Marlow, the mayor, spoke later and took questions for an hour."
     "\n\nEbering said the turnout was high. \"It was a good night,\" he said.",
     [dict(canonical="Karl Ebering")] * 2),
    ("Karl Brewing, a pollster, spoke first. Ted Marlow, the mayor, spoke later and took questions for an hour."
     "\n\nLike a good neighbour, Brewing said the turnout was high. \"It was a good night,\" he said.",
     [dict(canonical="Karl Brewing")] * 2),
    ("Karl Ebering, a pollster, spoke first. Ted Marlow, the mayor, spoke later and took questions for an hour."
     "\n\nThe Ebering Institute said the turnout was high. \"It was a good night,\" he said.",
     [dict(kind=SpeakerKind.ORGANIZATION), dict(canonical="Ted Marlow")]),
    # a role that opens its sentence and speaks, then a person first named as the next sentence's
    # subject: the person it introduces; not a role set after what it said, nor a person named before
    ("A senior adviser to the mayor says the budget will pass in June.\n\nTomas Reyna spoke to reporters after "
     "a meeting with the council.",
     [dict(canonical="Tomas Reyna", kind=SpeakerKind.PERSON, title="senior adviser")]),
    ("The budget will pass in June, a city spokesman told the paper.\n\nTomas Reyna spoke to reporters after "
     "a meeting with the council.",
     [dict(canonical="city spokesman", kind=SpeakerKind.ROLE)]),
    ("Tomas Reyna met the council on Monday. A senior adviser to the mayor says the budget will pass in June."
     "\n\nReyna spoke to reporters after the meeting.",
     [dict(kind=SpeakerKind.ROLE)]),
]


@pytest.mark.parametrize("text,expected", ROWS, ids=[r[0][:60] for r in ROWS])
def test_mentions_and_predicates(extractor, text, expected):
    check_speakers(extractor, text, expected)
