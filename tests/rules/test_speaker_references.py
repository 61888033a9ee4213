"""Speaker references resolved by the grammar, round 3 of the canonical-name work: what a "they"
stands for, the fuller name of an organisation, whom "he" and "the newspaper" refer to. Rows as in test_speaker_profiles.py (the
text, then for each quote in order what its speaker must be), each with a variant or a negative
in other words.
"""
from __future__ import annotations

import pytest

from quotes.types import SpeakerKind
from support.profiles import check_speakers



ROWS = [
    # "they" stands for the plural subject of a main clause before the subject of a clause it
    # governs; a main subject that is a "they" stands for what that one does
    ("Economists said the retailers were cutting prices too fast. They added that margins would shrink next year.",
     [dict(canonical="Economists")] * 2),
    ("Farmers said that the dealers would raise the price of seed. Above all, they warned, the harvest would be late.",
     [dict(canonical="Farmers")] * 2),
    ("The retailers were cutting prices too fast, economists said. They added that margins would shrink next year.",
     [dict(canonical="economists")] * 2),
    ("Nurses walked out twice in March. They are also angry about the new rota, which they say hurts patients. "
     "For instance: That Dr. Lund ignored the warnings. They say the hospital lost money in 2019.",
     [dict(canonical="Nurses")] * 2),
    # an organisation named in full, then by its first word; an acronym stays itself
    ("Shares of Orbital Pharmaceuticals International fell 5 percent on Monday. Later, Orbital said it would "
     "cut 300 jobs.", [dict(canonical="Orbital Pharmaceuticals International", kind=SpeakerKind.ORGANIZATION)]),
    ("NBC News hired a reporter on Monday. NBC said the show would return in May.",
     [dict(canonical="NBC", kind=SpeakerKind.ORGANIZATION)]),
    # a person the quote names is seldom the "he" who says it; when no one else fits, still them
    ("Dan Ortiz, a delegate from Ohio, said the roll call goes by state. So it may already be clear whether "
     "Pia Lund will be the nominee by then.\n\n\"If we cannot get anyone other than Lund, we might abstain,\" he said.",
     [dict(canonical="Dan Ortiz")] * 2),
    ("Dan Ortiz thanked the volunteers on Monday.\n\n\"You have a good candidate, and it is Dan Ortiz,\" he said.",
     [dict(canonical="Dan Ortiz")]),
    # "the newspaper": the last organisation named, not a person's name the recognizer took for one;
    # an organisation whose name holds a surname stays an organisation
    ("The Harbor Gazette defended Nikki Quill on Tuesday. Trump later called Quill weak, and Quill has sought to "
     "separate legal immigrants from others. The newspaper said the attacks on her were unfair.",
     [dict(canonical="Harbor Gazette", kind=SpeakerKind.ORGANIZATION)]),
    ("The Harbor Gazette wrote about the budget on Tuesday. Later, Mayor Ann Holt answered the Holt Foundation. "
     "The newspaper said the budget was unfair.",
     [dict(canonical="Holt Foundation", kind=SpeakerKind.ORGANIZATION)]),
    # a bare title coordinated with a name is that person's; a plural noun is other people
    ('Former judge and Boston City Mayor Ray Dorsey, who backs the plan, attacked the bill on Monday, calling it '
     '"a disaster for every family in the city."', [dict(canonical="Ray Dorsey", kind=SpeakerKind.PERSON)]),
    ('Two judges and Boston City Mayor Ray Dorsey attacked the bill on Monday, calling it "a disaster for every '
     'family in the city."', [dict(kind=SpeakerKind.GROUP)]),
    # a he/she in a phrase set before its sentence's subject refers forward to that subject; set
    # before another subject, back to the person named before
    ('Mayor Tom Reyes spoke first. In what he described as a "final warning," Governor Paul Hendricks took aim '
     'at the council.', [dict(canonical="Paul Hendricks")]),
    ('Mayor Tom Reyes spoke first. In what he described as a "final warning," the council took aim at Governor '
     'Paul Hendricks.', [dict(canonical="Tom Reyes")]),
    # the person who owns an office or a staff is named without a title or honorific; a place is kept whole
    ("Dana Holt spoke on Monday. On Tuesday, Senate Majority Leader Dana Holt's office said the vote would wait.",
     [dict(canonical="Dana Holt's office")]),
    ("Dana Holt spoke on Monday. On Tuesday, Mrs. Holt's aides said the vote would wait.", [dict(canonical="Holt's aides")]),
    ("On Tuesday, Greenfield County's office said the vote would wait.", [dict(canonical="Greenfield County's office")]),
    # a surname completed by the one first name written before it, even in quote marks; two, none
    ('The Walsh campaign sent a statement.\n\n"You attacked Jennifer Walsh instead of answering me," Tom Ruiz '
     'said.\n\nOn Wednesday, Walsh said the law must change.', [dict(canonical="Tom Ruiz"), dict(canonical="Jennifer Walsh")]),
    ('The Walsh campaign sent a statement.\n\n"You attacked Jennifer Walsh and Peter Walsh instead of answering me," '
     'Tom Ruiz said.\n\nOn Wednesday, Walsh said the law must change.', [dict(canonical="Tom Ruiz"), dict(canonical="Walsh")]),
    # "the ministry" is the fuller phrase before it with the same noun, in the same number
    ('A Chinese official responded on Monday, while Norway\'s foreign ministry also weighed in regarding the '
     'comments.\n\n"Do not make thoughtless remarks," the ministry said in a statement.',
     [dict(canonical="Norway's foreign ministry")]),
    ('Officials met on Monday, while the foreign ministries of Peru and Chile weighed in regarding the '
     'comments.\n\n"Do not make thoughtless remarks," the ministry said in a statement.', [dict(canonical="ministry")]),
    # the full name of a company may be written only in quote marks; an acronym stays itself there too
    ('"Word is," Dana Holt wrote on Monday, "that Orbital Pharmaceuticals will close the plant."\n\n'
     'Orbital itself said the deal was on.', [dict(canonical="Dana Holt"), dict(canonical="Orbital Pharmaceuticals")]),
    ('"Word is," Dana Holt wrote on Monday, "that NBC News will close the studio."\n\nNBC itself said the deal was on.',
     [dict(canonical="Dana Holt"), dict(canonical="NBC")]),
    # a capitalised word a headline line glues to a name is not the name's, where the text names
    # the person without it; a headline name the text never shortens is left as it is
    ("Black Lawmakers Rip Donald Trump As A 'Disgusting Fraud'\n\nDonald Trump said on Friday that he was "
     "born in the U.S. \"It is over,\" Trump said.",
     [dict(canonical="Donald Trump")] * 2),
    ("Farmers Slam Lena Ortiz Over Seed Prices\n\nLena Ortiz said the prices would fall. \"We are trying,\" "
     "Ortiz said.",
     [dict(canonical="Lena Ortiz")] * 2),
    # a title word read before a surname is the surname's own, not a word the quote before it
    # ends with ('"... attack my father," Vance said' is not the father's)
    ("Sen. Ted Vance spoke first. His father, Rafael Vance, is a pastor. \"I will not support people who "
     "attack my father,\" Vance said.",
     [dict(canonical="Ted Vance")]),
    ("Sen. Ted Vance spoke first. His father, Rafael Vance, is a pastor. The father Vance said the vote was fair.",
     [dict(canonical="Rafael Vance")]),
]


@pytest.mark.parametrize("text,expected", ROWS)
def test_speaker_reference(extractor, text, expected):
    check_speakers(extractor, text, expected)
