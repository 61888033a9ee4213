"""Affiliations the text gives outside the name's own phrase: the name's clause (a position held
at a body, a verb of working at one, for the surname alone too) and a body the person is said to
have, named beside it. Each form with a variant in other words; the last rows are forms that give
no affiliation. Rows as in test_speaker_profiles.py."""
from __future__ import annotations

import pytest

from support.profiles import check_speakers

ROWS = [
    # the name's own clause: a position held at a body, a verb of working at one (also for the
    # surname alone, which the recognizer may leave unlabelled), a body described and then named
    ('Ann Booth is a senior fellow at the Brookings Institution. "Rates will rise," Booth said.',
     [dict(canonical="Ann Booth", affiliation="Brookings Institution")]),
    ('Victor Osei is a scholar at the Hoover Institution. "The data are thin," Osei said.',
     [dict(canonical="Victor Osei", affiliation="Hoover Institution")]),
    ('Tom Rankin works for the Virginia Department of Transportation. "The bridge is safe," Rankin said.',
     [dict(canonical="Tom Rankin", affiliation="Virginia Department of Transportation")]),
    ('Maria Delgado worked at a North Carolina law firm, Moore & Van Allen, for a decade. "We were busy," '
     'Delgado said.',
     [dict(canonical="Maria Delgado", affiliation="Moore & Van Allen")]),
    ('Loretta Lynch spoke on Tuesday. Lynch herself was a partner at Hogan & Hartson from 2002 to 2010. '
     '"It was hard," Lynch said.',
     [dict(canonical="Loretta Lynch", affiliation="Hogan & Hartson")]),
    # a body the person is said to have, named beside it (a his/her's person is its antecedent)
    ('Ruth Kim spoke. In the 1990s, she turned one of her companies, Lenox Healthcare, into a big business. '
     '"It grew," Kim said.',
     [dict(canonical="Ruth Kim", affiliation="Lenox Healthcare")]),
    ('Paul Andersen spoke. Andersen\'s company, Baltic Shipping Corp., doubled its fleet. "We grew," Andersen said.',
     [dict(canonical="Paul Andersen", affiliation="Baltic Shipping Corp.")]),
    # ... not a relation ("a critic of"), nor a body the clause does not say the name is in
    ('Ann Booth is a critic of the Brookings Institution. "Rates will rise," Booth said.',
     [dict(canonical="Ann Booth", affiliation="")]),
    ('Tom Rankin drove past the Virginia Department of Transportation. "The bridge is safe," Rankin said.',
     [dict(canonical="Tom Rankin", affiliation="")]),
]


@pytest.mark.parametrize("text,expected", ROWS, ids=[r[0][:60] for r in ROWS])
def test_affiliation_outside_the_name_phrase(extractor, text, expected):
    check_speakers(extractor, text, expected)
