"""Speaker profiles: the party, office and campaign of a politician, from what the article says
anywhere of them (speakers/epithets.py, speakers/nominations.py). Rows as in test_speaker_profiles.py, each
form with a negative or a variant in other words.
"""
from __future__ import annotations

import pytest

from quotes.types import SpeakerKind
from support.profiles import check_speakers



ROWS = [
    # a party description that is not its clause's subject: of someone just named other than the
    # people of its own clause; as the complement of "be"/"become" or after "as", of whom it is said
    ("Laura Whitcombe spoke in Des Moines on Monday. Paul Kessler attacked the presumptive Democratic nominee "
     "on trade.\n\nWhitcombe said the state would decide the race. Kessler said the deal was bad.",
     [dict(canonical="Laura Whitcombe", affiliation="Democratic", title="presumptive nominee"),
      dict(canonical="Paul Kessler", affiliation="")]),
    ("Nora Vance toured a mill in Erie. Union members cheered the Republican candidate's speech on Friday.\n\n"
     "Vance said the mill would reopen.",
     [dict(canonical="Nora Vance", affiliation="Republican")]),
    ("Robert Hale toured a factory on Monday. Ethan Marsh, son of the Republican front-runner, said the campaign "
     "would win Ohio. Hale said the plant would reopen.",
     [dict(canonical="Ethan Marsh", affiliation=""), dict(canonical="Robert Hale", affiliation="Republican")]),
    ("A year ago it seemed unlikely that Greta Olsen would become the Democratic nominee. Olsen said the polls "
     "were wrong.",
     [dict(canonical="Greta Olsen", affiliation="Democratic", title="nominee")]),
    ("On Monday, Paul Kessler declined to back Nora Vance as the Republican nominee. Vance said she was not worried.",
     [dict(canonical="Nora Vance", affiliation="Republican")]),
    # ... but not of someone named sentences before it
    ("Nora Vance toured a mill in Erie on Monday. She met workers. The crowd was large. It rained all day. "
     "The mayor gave a tour. Later, Paul Kessler mocked the Republican nominee's speech.\n\n"
     "Vance said the mill would reopen.",
     [dict(canonical="Nora Vance", affiliation="")]),
    # a name the recognizer took into a dateline's organisation is still a person, whom a
    # description may be of; a dateline before no first name stays no one
    ("BERLIN - Paul Kessler met privately with the chancellor on Saturday.\n\nThe Democratic presidential "
     "candidate said the meeting was private.",
     [dict(canonical="Paul Kessler", kind=SpeakerKind.PERSON, affiliation="Democratic")]),
    ("OSLO - Harbor Rowing met the king on Saturday.\n\nThe Democratic presidential candidate said the meeting "
     "was private.",
     [dict(kind=SpeakerKind.ROLE)]),
    # a definite description of an office held, anywhere, is of someone just named who holds no other
    # office (the place it names is theirs); "the new secretary" is no one's yet
    ("Nora Vance spoke in Erie on Monday. Voters cheered the former secretary of state at the rally.\n\n"
     "Vance said the plant would reopen.",
     [dict(canonical="Nora Vance", title="former secretary of state")]),
    ("Tom Reyes toured a plant on Monday. The Ohio governor met workers.\n\nReyes said the plant would reopen.",
     [dict(canonical="Tom Reyes", title="governor", affiliation="Ohio")]),
    ("Gov. Tom Reyes spoke on Monday. Voters cheered the former secretary of state at the rally.\n\n"
     "Reyes said the plant would reopen.",
     [dict(canonical="Tom Reyes", title="Gov.", not_titles=["former secretary of state"])]),
    ("Tom Reyes spoke on Monday. Voters cheered the new secretary at the rally.\n\nReyes said the plant would reopen.",
     [dict(canonical="Tom Reyes", title="")]),
    # a noun of candidacy alone, as a subject or a possessive, is of the person just named; as the
    # object of a preposition ("allies of the candidate") it is too often anyone's
    ("Nora Vance toured a mill in Erie on Monday. Workers cheered the candidate's plan to reopen it.\n\n"
     "Vance said the mill would reopen.",
     [dict(canonical="Nora Vance", title="candidate")]),
    ("Nora Vance toured a mill in Erie on Monday. Paul Kessler and other donors have become allies of the "
     "candidate.\n\nVance said the mill would reopen.",
     [dict(canonical="Nora Vance", title="")]),
    # the party of a person who seeks, wins or loses its nomination, or runs its campaign
    ("Greta Olsen spoke in Reno. Olsen won the Democratic nomination in June.\n\nOlsen said the polls were wrong.",
     [dict(canonical="Greta Olsen", affiliation="Democratic")]),
    ("Nora Vance toured a mill. In her pursuit of the Republican nomination, Vance has emphasized trade.\n\n"
     "Vance said the mill would reopen.",
     [dict(canonical="Nora Vance", affiliation="Republican")]),
    ("Paul Kessler spoke in Erie. Kessler, a rival for the Democratic nomination, visited two towns.\n\n"
     "Kessler said the deal was bad.",
     [dict(canonical="Paul Kessler", affiliation="Democratic")]),
    ("Tom Reyes spoke on Monday. The cost of Reyes's Republican presidential campaign has grown.\n\n"
     "Reyes said the plan would work.",
     [dict(canonical="Tom Reyes", affiliation="Republican")]),
    ("Tom Reyes spoke on Monday. Reyes attacked Nora Vance, who won the Republican nomination.\n\n"
     "Reyes said the plan would work. Vance said she would win.",
     [dict(canonical="Tom Reyes", affiliation=""), dict(canonical="Nora Vance", affiliation="Republican")]),
    ("Tom Reyes spoke on Monday. Voters who distrust the Democratic nomination process are angry.\n\n"
     "Reyes said the plan would work.",
     [dict(canonical="Tom Reyes", affiliation="")]),
    # a candidate's staff work for the campaign of a person whose campaign the article names
    ("Laura Ames spoke on Monday. The Ames campaign said it would appeal. \"It is outrageous,\" Ames spokesman "
     "Josh Reed said.",
     [dict(canonical="Ames campaign", kind=SpeakerKind.ORGANIZATION),
      dict(canonical="Josh Reed", title="spokesman", affiliation="Ames campaign")]),
    ("Paul Whitaker spoke on Monday. Whitaker's campaign said it would appeal. \"It is outrageous,\" Whitaker "
     "spokesman Josh Reed said.",
     [dict(kind=SpeakerKind.ORGANIZATION), dict(canonical="Josh Reed", affiliation="Whitaker campaign")]),
    ("Laura Ames spoke on Monday. \"It is outrageous,\" Ames spokesman Josh Reed said.",
     [dict(canonical="Josh Reed", title="spokesman", affiliation="")]),
    # ... the boss in the possessive ("'s") before the role, too; not a boss who runs for nothing
    ("Mara Delgado won the Democratic nomination. Delgado's spokesman Owen Pratt said the race was close.",
     [dict(canonical="Owen Pratt", title="spokesman", affiliation="Delgado campaign")]),
    ("Mayor Ruth Kim met the board. Kim's spokesman Owen Pratt said the talks went well.",
     [dict(canonical="Owen Pratt", title="spokesman", affiliation="")]),
    # the body of a position the name's own clause says it holds ("is", "was named"); not a relation ("a critic of")
    ("Mara Delgado is co-founder and director of the Harbor Fund. \"We grew,\" Delgado said.",
     [dict(canonical="Mara Delgado", affiliation="Harbor Fund")]),
    ("In 1990 Mara Delgado was named executive director of the Harbor League. \"We grew,\" Delgado said.",
     [dict(canonical="Mara Delgado", affiliation="Harbor League")]),
    ("Mara Delgado is a critic of the Harbor League. \"We grew,\" Delgado said.",
     [dict(canonical="Mara Delgado", affiliation="")]),
    # ... the name the parser hung on a fronted "In <year>" before a verb with no subject of its own
    ("Anna Kowalczyk spoke on Monday. In 1971 Kowalczyk, then 29-years-old, was named the executive director of "
     "the Harbor League. \"We grew,\" Kowalczyk said.", [dict(canonical="Anna Kowalczyk", affiliation="Harbor League")]),
    ("Anna Kowalczyk spoke on Monday. In 1971 Kowalczyk, then 29-years-old, was a critic of the Harbor League. "
     "\"We grew,\" Kowalczyk said.", [dict(canonical="Anna Kowalczyk", affiliation="")]),
    # a prefix and a hyphen make a stance, not a body, though the recognizer says organisation; a hyphenated name is one
    ("\"We will win,\" said Rosa Pell, Anti-Tax Leader.", [dict(canonical="Rosa Pell", affiliation="")]),
    ("\"We will win,\" said Rosa Pell, a Coca-Cola spokeswoman.", [dict(canonical="Rosa Pell", affiliation="Coca-Cola")]),
    # a campaign role names the boss's campaign whatever the article says of the boss
    ("Tom Reyes spoke in Ohio on Monday. His campaign manager, Jeff Walker, said that the rally was peaceful.",
     [dict(canonical="Jeff Walker", affiliation="Reyes campaign")]),
    ("Tom Reyes spoke in Ohio on Monday. His press secretary, Jeff Walker, said that the rally was peaceful.",
     [dict(canonical="Jeff Walker", affiliation="")]),
]


@pytest.mark.parametrize("text,expected", ROWS, ids=[r[0][:60] for r in ROWS])
def test_party_and_campaign(extractor, text, expected):
    check_speakers(extractor, text, expected)
