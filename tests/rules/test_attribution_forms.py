"""Rows of the attribution rules in forms that need more than one sentence or a second look:
split quotes and the cues between them, block quotes, quotes ending their sentence, second reports
coordinated to a content, "according to" inside its clause. Same shape as test_rules.py: (text,
expected quotes as (type, text, speaker canonical name, rule)), negatives beside positives.
"""
from __future__ import annotations

import pytest

from quotes.types import QuoteType

D, I, P = QuoteType.DIRECT, QuoteType.INDIRECT, QuoteType.PARTIAL

ROWS = [
    # "That's according to …": the demonstrative stands for what was said; not "according to plan"
    ("Turnout was up by a third in the north. That's according to early figures from the state election board.",
     [(I, "That", "early figures from the state election board", "according")]),
    ("That is according to plan.", []),
    # a question left unanswered is reported as an answered one; a negated "that" clause is not
    ("The mayor isn't saying which roads the city will close first.",
     [(I, "which roads the city will close first", "mayor", "clause")]),
    ("The company did not explain why it had cut the jobs.", [(I, "why it had cut the jobs", "company", "clause")]),
    ("The mayor did not say that the roads would close.", []),
    # whom a question was put to is not part of it (a pronoun, a plural of people); an object
    # that is what was asked keeps it
    ("The mayor asked residents whether they had seen the flood maps.",
     [(I, "whether they had seen the flood maps", "mayor", "clause")]),
    ("She asked the question whether the vote would count.",
     [(I, "the question whether the vote would count", "", "characterised")]),
    # (a question left unanswered is reported, as PolNeAR marks it: rule "clause")
    ("The committee did not say whether the hearing would go ahead.",
     [(I, "whether the hearing would go ahead", "committee", "clause")]),
    # a word of the subject's phrase the parser took for the verb, with the reporting verb hung on
    # it unlabelled: the subject is the reporting verb's (not a verb of another kind)
    ('Majorities of voters in five states going to the polls Tuesday say they would be happy with either nominee.',
     [(I, "they would be happy with either nominee", "voters in five states", "clause")]),
    ("Crowds of fans going to the stadium sing loudly.", []),
    # a second cue between two quotes makes them two quotes; one attribution between them joins them
    ('"The bridge will open in May," Mayor Ana Ruiz said, adding: "Nobody will pay a toll."',
     [(D, "The bridge will open in May", "Ana Ruiz", "after"), (D, "Nobody will pay a toll.", "Ana Ruiz", "before")]),
    ('"The bridge will open in May," Mayor Ana Ruiz said, "and nobody will pay a toll."',
     [(D, "The bridge will open in May and nobody will pay a toll.", "Ana Ruiz", "after")]),
    # a quote after a sentence whose subject is another named person is that person's words
    ('"The mill is our life," Tom Kerr said, pointing at the river. Jane Kerr shook her head. '
     '"Tom loves it more than I do."',
     [(D, "The mill is our life", "Tom Kerr", "after"), (D, "Tom loves it more than I do.", "Jane Kerr", "follow_on")]),
    ('"The mill is our life," Tom Kerr said, pointing at the river. Kerr smiled. "We will never sell it."',
     [(D, "The mill is our life We will never sell it.", "Tom Kerr", "after")]),
    # a second report coordinated to the content ends it, in the reporting verb's tense; a bare verb
    # after the content's own auxiliary is the content's ("would fix the road and tell residents")
    ('Mayor Ana Ruiz says the city would fix the road and tell residents "as soon as we can" and tells '
     'the council it will cost less than planned.',
     [(P, 'the city would fix the road and tell residents "as soon as we can"', "Ana Ruiz", "clause"),
      (I, "it will cost less than planned", "Ana Ruiz", "clause")]),
    # a quote closed with a full stop is not attributed by a parenthetical of the next sentence
    ('"The fund is nearly empty," Ana Ruiz said. "We cannot wait any longer." By then, she said, the fund had run dry.',
     [(D, "The fund is nearly empty We cannot wait any longer.", "Ana Ruiz", "after"),
      (I, "By then the fund had run dry", "", "parenthetical")]),
    # a typographic apostrophe inside a name is read as the model learnt it ("O\u2019Neill" was an adverb)
    ('"All politics is local," O\u2019Keefe said.', [(D, "All politics is local", "O'Keefe", "after")]),
    # a block quote in the paragraph after a colon
    ('Dana Ruiz, a nurse from Ohio, agreed:\n\n"We were never told how long the shortage would last."',
     [(D, "We were never told how long the shortage would last.", "Dana Ruiz", "before")]),
    ('The forecast was grim.\n\n"We were never told how long the shortage would last," she said.',
     [(D, "We were never told how long the shortage would last", "", "after")]),
    # a no-break space after a colon does not hide the verb before it
    ('The mayor said:\u00a0 "The bridge will reopen in May, as planned."',
     [(D, "The bridge will reopen in May, as planned.", "mayor", "before")]),
    # "according to" belongs to the clause its phrase hangs on; set off inside a clause, the clause
    # around it is the content, in two fragments; a line break ends the sentence it reads
    ("Rents in the city, according to a housing survey, rose faster than wages last year.",
     [(I, "Rents in the city rose faster than wages last year", "housing survey", "according")]),
    ("The clinic would close, according to two nurses, and the county was silent.",
     [(I, "The clinic would close", "nurses", "according")]),
    ("The vote on rents.\n12:30 p.m.\n\nMost renters favour the new rules, according to a city survey.",
     [(I, "Most renters favour the new rules", "city survey", "according")]),
    # a fragment inside a characterising clause before it is that clause's, not the next verb's object
    # or a verb of its own after ('"…," telling reporters'); an attribution right beside the quote stays
    ('Mayor Ana Ruiz hailed the vote as "a turning point," telling reporters on Monday that the city would change.',
     [(P, 'the vote as "a turning point,"', "Ana Ruiz", "partial"), (I, "that the city would change", "Ana Ruiz", "clause")]),
    ('The council called the levy "a turning point," the mayor\'s aide said.',
     [(P, 'The council called the levy "a turning point,"', "mayor's aide", "clause")]),
    # a closed quote is not set off before the next sentence's report of its own
    ('The board met on Monday. "It was arbitrary." Tom Kerr, a party organiser, warned that the vote would be close.',
     [(I, "that the vote would be close", "Tom Kerr", "clause")]),
    ('The board met on Monday. "It was arbitrary." Tom Kerr, a party organiser, said.',
     [(D, "It was arbitrary.", "Tom Kerr", "set_off")]),
    # a fragment seven heads below its reporting verb is still its report; with none above, no one's
    ('Mayor Tom Kerr accused Ruiz of keeping families from being able to "stand together against the closures '
     'facing this town."',
     [(P, 'Ruiz of keeping families from being able to "stand together against the closures facing this town."',
       "Tom Kerr", "partial")]),
    ('The closures kept families from being able to "stand together against the plans facing this town."', []),
    # a fragment in the clause of a verb of thought or stance is its subject's words when the subject
    # names a source; not a common noun's clause, nor a copula's
    ('Mayor Tom Kerr anticipated that the hardest task would be "rebuilding the trust of people who lost '
     'their homes."',
     [(P, 'that the hardest task would be "rebuilding the trust of people who lost their homes."', "Tom Kerr",
       "clause_fragment")]),
    ('The mayor\'s plan foresees that the town will "rebuild what the flood took."', []),
    ('Ana Ruiz was sure that the council "never listens to the farmers."', []),
    # "as X put it in <a document or an interview>": still a way of saying; not a place it is put
    ('Her career has been a long bet, as the Harbor Gazette put it in a lengthy profile, "a gamble that paid."',
     [(D, "a gamble that paid.", "Harbor Gazette", "before")]),
    ('He put it in the drawer, "the old one."', []),
    # "likened X to '...'" characterises what was said, as "called X '...'" does
    ('The senator likened the bill to "a blank check."', [(P, 'the bill to "a blank check."', "senator", "partial")]),
    # any verb's object set beside quoted words by "as" is characterised by its subject; not a
    # passive with no object
    ('The watchdog rated the claim as "mostly false."', [(P, 'the claim as "mostly false."', "watchdog", "partial")]),
    ('Neighbours saw him as "a loner."', [(P, 'him as "a loner."', "Neighbours", "partial")]),
    ('He was seen as "a loner" by neighbours.', []),
]



@pytest.mark.parametrize("text,expected", ROWS, ids=[r[0][:40] for r in ROWS])
def test_rule(extractor, text, expected):
    got = [(q.type, q.text, q.speaker.canonical_name, q.rule) for q in extractor.extract(text)]
    assert got == expected
