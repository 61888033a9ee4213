"""One row per rule: (text, expected quotes), negatives beside positives.

Expected quotes are (type, quote text, speaker canonical name, the registry rule that must
find it); a row with no expected quotes says the text holds none. Every rule of the registry
has a row. Texts are written for the rules, not taken from the seeds.
"""
from __future__ import annotations

import pytest

from quotes.types import QuoteType, SpeakerKind

D, I, P = QuoteType.DIRECT, QuoteType.INDIRECT, QuoteType.PARTIAL

ROWS = [
    # quote, then attribution
    ('"The budget is a disaster for families," Maria Lopez said.',
     [(D, "The budget is a disaster for families", "Maria Lopez", "after")]),
    ('"We will appeal the ruling," said Daniel Okafor, a lawyer for the union.',
     [(D, "We will appeal the ruling", "Daniel Okafor", "after")]),
    ("\u201cThe talks went well,\u201d a State Department spokeswoman told Reuters.",
     [(D, "The talks went well", "State Department spokeswoman", "after")]),
    # an age set off after the name; verbs of the manner of saying, after the quote only
    ('"The plant was our whole town," Ortiz, 61, told reporters on Monday.',
     [(D, "The plant was our whole town", "Ortiz", "after")]),
    ('"Sit down," the judge snapped.', [(D, "Sit down", "judge", "after")]),
    ('"What a night!" beamed Rosa Delgado of Tucson.', [(D, "What a night!", "Rosa Delgado", "after")]),
    ("The senator laughed at the idea that the bill would pass.", []),
    # typewriter doubles as marks: the attribution before them is read as before curly ones
    ("Mr. Zahed said: ''The attack today is the work of terrorists.''",
     [(D, "The attack today is the work of terrorists.", "Zahed", "before")]),
    ("Lee told backers that Cruz has ``taken every punch, and he is standing tall,'' before he left.",
     [(P, "that Cruz has ``taken every punch, and he is standing tall,''", "Lee", "clause")]),
    # a quote ending its sentence is not attributed by the next sentence's report of its own
    ('Lee says "the game is rigged" because "the referees have gone soft." He says fans are leaving.',
     [(D, "the game is rigged the referees have gone soft.", "Lee", "before"), (I, "fans are leaving", "Lee", "clause")]),
    ('"Is it over?" she asked the crowd.', [(D, "Is it over?", "", "after")]),
    ('"Stop!" he shouted to get their attention.', [(D, "Stop!", "", "after")]),
    ('Asked whether he would run, the mayor gave a one-word answer: "No."', [(D, "No.", "", "colon_clause")]),
    ('The senator said in a statement, "Shame On You."', [(D, "Shame On You.", "senator", "before")]),
    # a title beside the noun of a work is no quote (and leaves the clause its verb reports)
    ("The plan failed, Ms. Ruiz said in her 2019 book, ''A Better City.'' So they moved.",
     [(I, "The plan failed", "Ruiz", "clause")]),
    ('The mayor called the plan "reckless" and "dangerous."',
     [(P, 'the plan "reckless" and "dangerous."', "mayor", "partial")]),
    # a passive's agent speaks, not whom it was said to (but a verb climbed to keeps its subject)
    ("Clinton was expected by aides to say that the plan would work.",
     [(I, "that the plan would work", "Clinton", "clause")]),
    ('Rubio was asked by moderator Ellen Baker whether the country "can afford another war."',
     [(P, 'whether the country "can afford another war."', "Ellen Baker", "partial")]),
    # a dateline with the agency in brackets is no speaker; a spaced dash ends a name
    ("Lima (AFP) \u2013 President Ana Torres has rejected the offer, saying it would ruin the farmers.",
     [(I, "it would ruin the farmers", "Ana Torres", "clause")]),
    ("Maria Lopez - the mayor - said the plan was dead.", [(I, "the plan was dead", "Maria Lopez", "clause")]),
    # an age used as a noun is a person's description; before a noun it is no part of the name
    ('Rosa Delgado spoke first. "We will rebuild the school," said the 52-year-old.',
     [(D, "We will rebuild the school", "Rosa Delgado", "after")]),
    ('"We will rebuild the school," said the 52-year-old.',
     [(D, "We will rebuild the school", "52-year-old", "after")]),
    ("A 71-year-old farmer said the river had never been so low.",
     [(I, "the river had never been so low", "farmer", "clause")]),
    # the speaker's name set off from the verb by a long relative clause or appositive
    ('"We will appeal the ruling," Rosa Vega, who has led the union since 2019 and ran for mayor twice, told reporters.',
     [(D, "We will appeal the ruling", "Rosa Vega", "set_off")]),
    ('"We will appeal the ruling," Rosa Vega, who has led the union since 2019 and ran for mayor twice, left the room.', []),
    # ... also when the parser left the name unattached to the verb after the set-off participle
    ('\u201cWe have had better conventions than this one,\u201d Ohio delegate Ann Marsh, wearing a straw hat and '
     'campaign pins, said matter-of-factly.',
     [(D, "We have had better conventions than this one", "Ann Marsh", "set_off")]),
    # "put it": a way of saying, when there is nowhere it is put
    ('As the union\'s lawyer, Maria Ortiz, put it, "Nobody here is above the contract."',
     [(D, "Nobody here is above the contract.", "Maria Ortiz", "before")]),
    ('"Nobody here is above the contract," as Maria Ortiz put it.',
     [(D, "Nobody here is above the contract", "Maria Ortiz", "after")]),
    ('She put it on the shelf. "Nobody here is above the contract."', []),
    # attribution, then quote
    ('The governor said: "We are not raising taxes this year."',
     [(D, "We are not raising taxes this year.", "governor", "before")]),
    # split quote: one quote, two fragments
    ('"We tried," Helen Park said, "but the votes were not there."',
     [(D, "We tried but the votes were not there.", "Helen Park", "after")]),
    # a quotation interrupted by its attribution, in one paragraph: one quote, two fragments
    ('"Prices will rise," said Tom Reed, an economist at the Brookings Institution. "Nobody can stop that now."',
     [(D, "Prices will rise Nobody can stop that now.", "Tom Reed", "after")]),
    # a follow-on quote in the next paragraph inherits the speaker
    ('"Prices will rise," said Tom Reed, an economist.\n\n"Nobody can stop that now."',
     [(D, "Prices will rise", "Tom Reed", "after"), (D, "Nobody can stop that now.", "Tom Reed", "follow_on")]),
    # a multi-paragraph quote: each paragraph reopens the mark
    ('Ms. Grant said: "The first part ends here.\n\n"And the second part ends here."',
     [(D, "The first part ends here. And the second part ends here.", "Grant", "before")]),
    # pronoun resolved to the person before it
    ('Senator Ana Ruiz spoke after the vote. "This is a sad day for the state," she said.',
     [(D, "This is a sad day for the state", "Ana Ruiz", "after")]),
    # indirect speech, with and without "that" (the complementiser is part of what was reported,
    # as annotators mark it; a "that" that is the clause's subject is not a complementiser)
    ("Mayor John Carter said that the city would hire 200 new teachers next year.",
     [(I, "that the city would hire 200 new teachers next year", "John Carter", "clause")]),
    ("Mayor John Carter said that was the end of the hiring freeze for the city.",
     [(I, "that was the end of the hiring freeze for the city", "John Carter", "clause")]),
    ("Officials said the bridge will reopen on Monday after repairs.",
     [(I, "the bridge will reopen on Monday after repairs", "Officials", "clause")]),
    # the clause after the verb is the one reported, not one the parser hung on it from before a colon
    ("Ms. Lee went further than her colleagues: she said that the state would sue the agency.",
     [(I, "that the state would sue the agency", "Lee", "clause")]),
    ("Ms. Lee went further than her colleagues: she said nothing.", []),
    # what someone vowed to do, as a verb phrase
    ("The senator vowed to fight for every vote in the state.",
     [(I, "to fight for every vote in the state", "senator", "undertaking")]),
    ("The senator wants to fight for every vote in the state.", []),
    # a reported clause the parser hung on the noun of a phrase after the verb
    ("The governor predicted at the debate that Republicans will win every state if Sanders wins the nomination.",
     [(I, "that Republicans will win every state if Sanders wins the nomination", "governor", "clause")]),
    ("The company said in a statement that it released on Monday.", []),
    # what was said as the object of a speech verb
    ("The mayor stressed the need for more teachers in the city schools.",
     [(I, "the need for more teachers in the city schools", "mayor", "object")]),
    ("The mayor stressed it.", []),
    # "called for X to do Y", where the parser makes "for" the mark of a clause of its own
    ("The governor is calling for the state legislature to pass the budget before July.",
     [(I, "the state legislature to pass the budget before July", "governor", "object")]),
    ("He waited for the bus to arrive.", []),
    # partial quote inside reported speech
    ('The minister denounced the report as "a work of fiction" on Tuesday.',
     [(P, 'the report as "a work of fiction"', "minister", "partial")]),
    # a clause told to someone starts at its own first word: whom it was told is not what was said;
    # a clause the parser hung on "in a statement" is the verb's; a clause the parser ended inside
    # the quote marks runs on with them; an object that is the clause's subject stays
    ('The coach told reporters on Friday that the team "will fight for every point until the end."',
     [(P, 'that the team "will fight for every point until the end."', "coach", "clause")]),
    ('The union says in a statement that the company\'s "offer is an insult to every worker."',
     [(P, 'that the company\'s "offer is an insult to every worker."', "union", "clause")]),
    ('The mayor told residents that the city "has done what it can, and the rest is up to the state."',
     [(P, 'that the city "has done what it can, and the rest is up to the state."', "mayor", "clause")]),
    ('The senator argued the new bridge, which is widely supported by voters, "would not last ten years" without repairs.',
     [(P, 'the new bridge, which is widely supported by voters, "would not last ten years" without repairs', "senator",
       "clause")]),   # (the clause's subject, parsed as the verb's object, opens the clause)
    ('The coach asked them whether the team "still believes in the plan."',
     [(P, 'whether the team "still believes in the plan."', "coach", "clause")]),
    # a quote that completes a clause after "that" is the speaker's words inside it, not a direct quote
    # attributed by the next sentence's verb
    ('Maria Lopez tells supporters that \u201cwe will win this county.\u201d She says the polls are wrong.',
     [(P, 'that \u201cwe will win this county.\u201d', "Maria Lopez", "clause"),
      (I, "the polls are wrong", "Maria Lopez", "clause")]),
    # a participle of speech that opens the content is its cue
    ('"We have finished the record," the singer said, mentioning the tour is "almost sold out."',
     [(D, "We have finished the record", "singer", "after"), (P, 'the tour is "almost sold out."', "singer", "partial")]),
    # an object with what the speaker called it, accused it of or asked of it
    ("The senator accused the agency of hiding the report from voters.",
     [(I, "the agency of hiding the report from voters", "senator", "characterised")]),
    ("A reporter asked the governor whether she would run again.",
     [(I, "the governor whether she would run again", "reporter", "characterised")]),
    ("Critics of the plan call it a tax on the poor.", [(I, "it a tax on the poor", "Critics of the plan", "characterised")]),
    # with the speaker's words quoted, the quote is the fragment (the contract), not the object with it
    ('The mayor called the budget "a gift to developers" on Monday.', [(P, 'the budget "a gift to developers"', "mayor", "partial")]),
    ("He called his mother on Sunday.", []),
    ("She asked the waiter for a glass of water.", []),
    ("The coach called a timeout with ten seconds left.", []),
    # according to
    ('"The plant will close in June," according to Peter Hall, the company\'s chief executive.',
     [(D, "The plant will close in June", "Peter Hall", "according_after")]),
    # "He" as a surname, not a pronoun; a title before the name is not part of it
    ('"We will keep talking," said Chinese Vice Premier He Lifeng.',
     [(D, "We will keep talking", "He Lifeng", "after")]),
    ('"Yes," said Scott Kennedy Tuesday.', [(D, "Yes", "Scott Kennedy", "after")]),
    # headline and caption forms: a name alone after a colon or dash, to the end of the line
    ('"We will not back down": Union Minister Ravi Kumar',
     [(D, "We will not back down", "Ravi Kumar", "headline")]),
    ("\u201cThe water is safe to drink\u201d \u2015 Sonya Herridge\n\nOther news followed.",
     [(D, "The water is safe to drink", "Sonya Herridge", "headline")]),
    # a caption: the name, a comma and a description of its bearer, to the end of the line
    ('"We were never consulted." \u2014 Tom Becker, a farmer in Marion County\n\nThe council voted 5-2.',
     [(D, "We were never consulted.", "Tom Becker", "headline")]),
    ("\u201cIt is a disgrace\u201d -- Maria Olsen, president of the tenants' union.",
     [(D, "It is a disgrace", "Maria Olsen", "headline")]),
    # ... but not a dash that goes on into a clause of its own
    ('"We were never consulted." \u2014 Tom Becker, a farmer, left the meeting early.', []),
    ('"We will win." \u2014 Smith, Jones, Brown and Lee', []),
    ('"We will win." \u2014 Washington, Jan. 5', []),
    # according to, before the quote; a clause ending in a colon with a person as its subject
    ('According to the ministry, "the border will stay closed until March."',
     [(D, "the border will stay closed until March.", "ministry", "according_before")]),
    ('Senator Maria Lopez went even further: "This bill is a disgrace to the chamber."',
     [(D, "This bill is a disgrace to the chamber.", "Maria Lopez", "colon_clause")]),
    # a full name alone before a colon at a paragraph's start or after a spaced dash (a round-up's
    # attribution line; a no-break space before the mark is a space), not a heading or a place
    ('Budget talks\n\nSTATES FACE A LEAN YEAR - Carla M. Jensen:\u00a0 "Revenues will fall short of the '
     'forecasts in most of the states we follow."',
     [(D, "Revenues will fall short of the forecasts in most of the states we follow.", "Carla M. Jensen", "name_colon")]),
    ('Notes\n\nOmar Haddad: "We will rebuild the mill before the winter comes and hire everyone back."',
     [(D, "We will rebuild the mill before the winter comes and hire everyone back.", "Omar Haddad", "name_colon")]),
    ('Notes\n\nWASHINGTON: "We will rebuild the mill before the winter comes."', []),
    ('Notes\n\nThe memo from Omar Haddad: "We will rebuild the mill before the winter comes."', []),
    # reported speech the parser did not hand over as the verb's clause
    ("The governor vowed the state and its cities would not accept the new rules.",
     [(I, "the state and its cities would not accept the new rules", "governor", "clause_after")]),
    # ... but not an object followed by a clause with a subject of its own
    ("The senator pledged allegiance to the party before he left the room on Friday.", []),
    ("She announced her candidacy with a speech that included a promise to cut taxes.", []),
    # a document's finding: the document speaks; a person who finds something does not report it
    ("An audit found that the hospital had billed patients twice.",
     [(I, "that the hospital had billed patients twice", "audit", "finding")]),
    ("The inspectors found that the pipes had cracked.", []),
    # speech reported inside a relative clause: the pronoun and the clause, the attribution left out
    ("The council approved the new levy, which the mayor said would pay for the bridge.",
     [(I, "which would pay for the bridge", "mayor", "relative")]),
    ("Police arrested a driver who witnesses say ran the red light.",
     [(I, "who ran the red light", "witnesses", "relative")]),
    # ... not a complementiser before a report; a relative clause's own subject that is no speaker
    # is not the noun it describes
    ("Rivera thinks that most neighbors say the park is safe.",
     [(I, "the park is safe", "most neighbors", "clause")]),
    ("The club quoted a figure which it says includes two thousand members.", []),
    # a clause the parser mangled: opened by "that" with its subject lost, or cut in two
    ("Parent groups note that the mayor co-sponsored cuts in 2019 that closed three libraries.",
     [(I, "that the mayor co-sponsored cuts in 2019 that closed three libraries", "Parent groups", "clause")]),
    ("Many parents say they don\u2019t yet know enough about the new school to choose it.",
     [(I, "they don\u2019t yet know enough about the new school to choose it", "Many parents", "clause")]),
    ("Ms. Vega said legalizing it could put thousands of people to work in the valley.",
     [(I, "legalizing it could put thousands of people to work in the valley", "Vega", "clause")]),
    ("The bundlers said their networks, almost all men until recently, were now mostly women.",
     [(I, "their networks, almost all men until recently, were now mostly women", "bundlers", "clause")]),
    ("Asked whether he would vote for the bill, Senator Mark Dunn said he would.",
     [(I, "he would", "Mark Dunn", "clause")]),
    ("He said it too.", []),
    ("Police said the boy was peppered-sprayed in the crowd by a stranger.",
     [(I, "the boy was peppered-sprayed in the crowd by a stranger", "Police", "clause")]),
    # ... but a second report and the speaker's words in quote marks stay apart
    ("Ortiz noted that Sunday would have been the mayor's 90th birthday and quoted his \u201cgolden rule\u201d "
     "-- \u201cNever leave a neighbor behind.\u201d",
     [(I, "that Sunday would have been the mayor's 90th birthday", "Ortiz", "clause"),
      (P, "his \u201cgolden rule\u201d", "Ortiz", "partial"),
      (P, "\u201cNever leave a neighbor behind.\u201d", "Ortiz", "partial")]),
    # a share of a group speaks for it; a subject that is no speaker ("one of", a dateline the parser
    # made the subject) gives way to the name set beside it
    ("And until the end, most of them said they had loved working at the mill.",
     [(I, "they had loved working at the mill", "most of them", "clause")]),
    ("One in three said the party does not care about farmers.",
     [(I, "the party does not care about farmers", "One in three", "clause")]),
    ("While some farmers have doubts, many said Monday that the new rules would help them.",
     [(I, "that the new rules would help them", "many", "clause")]),
    ("One said the plan would fail.", []),
    # "it" reports a clause as the active subject of a reporting verb (an organisation or document
    # named before), not as the subject of a passive or of a verb that reports nothing
    ("The agency released a report on Friday. It said officials had concealed the breaches.",
     [(I, "officials had concealed the breaches", "It", "clause")]),
    ("It was said that the plan would fail.", []),
    ("It seems that the plan would fail.", []),
    ("One of the farmers, Ann Baxter, 61, said the river had never been so low.",
     [(I, "the river had never been so low", "Ann Baxter", "clause")]),
    ("CLEVELAND, July 19 (UPI) \u2014 Former Governor Ann Baxter told delegates on Tuesday that the state budget "
     "must be cut this year.", [(I, "that the state budget must be cut this year", "Ann Baxter", "clause")]),
    # what someone was told or urged to do: whom, and the infinitive
    ("The mayor told residents not to drink the water from their taps.",
     [(I, "residents not to drink the water from their taps", "mayor", "characterised")]),
    ("Some backers urged him not to back down until the vote.",
     [(I, "him not to back down until the vote", "Some backers", "characterised")]),
    ("She told him the truth about the vote.", []),
    # ... or what the speaker calls or describes something, the pronoun being the thing named
    ("Voters want an end to what Ms. Ortiz calls waste in the budget.",
     [(I, "what waste in the budget", "Ortiz", "relative_naming")]),
    ("The governor toured Aspen, which Lee describes as her second home.",
     [(I, "which as her second home", "Lee", "relative_naming")]),
    ("She mocked the plan, which Ortiz called ''a gift to developers.''",
     [(P, "which ''a gift to developers.''", "Ortiz", "relative_naming")]),
    ("It is what is called a debate.", []),
    # a question reported as a clause, by the one who asked it (not "when asked", not the one asked)
    ("The senator asked whether the agency had read the report before the vote.",
     [(I, "whether the agency had read the report before the vote", "senator", "clause")]),
    ("When asked whether the plan would pass, the senator smiled.", []),
    ("She was asked whether she would run for the seat again.", []),
    # a verb of reporting in the passive with its agent: its subject is what was reported; not a
    # passive whose agent is a cause, nor one with no agent
    ("The merger was first reported by The Daily Ledger.", [(I, "The merger", "Daily Ledger", "passive_report")]),
    ("The result was explained by the low turnout.", []),
    ("The merger was announced on Friday.", []),
    # the subject of an adjective's infinitive ("quick to point out"); a joke is said
    ("Advisers to the mayor were quick to point out that the deficit had shrunk for two years.",
     [(I, "that the deficit had shrunk for two years", "Advisers to the mayor", "clause")]),
    ("The governor joked that his own campaign had never got off the ground.",
     [(I, "that his own campaign had never got off the ground", "governor", "clause")]),
    # an attribution set off by commas after the clause it reports; according to, without quote marks
    ("The plan will cost more than expected, the mayor said on Tuesday.",
     [(I, "The plan will cost more than expected", "mayor", "clause")]),
    ("The latest test, the ministry said, was its largest so far this year.",
     [(I, "The latest test was its largest so far this year", "ministry", "parenthetical")]),
    # ... its second part ending in the speaker's own words, in typewriter or curly marks; not past
    # the sentence's end into the next one's quote
    ("The new stadium, Ms. Ortiz said, is ''a gift to the city.''",
     [(P, "The new stadium is ''a gift to the city.''", "Ortiz", "parenthetical")]),
    ("Rents in the valley, the council wrote, have \u201cdoubled in five years.\u201d",
     [(P, "Rents in the valley have \u201cdoubled in five years.\u201d", "council", "parenthetical")]),
    ("The budget, Lee said, is far too small for the schools. ''We need more,'' Lee added.",
     [(I, "The budget is far too small for the schools", "Lee", "parenthetical"), (D, "We need more", "Lee", "after")]),

    # a word that stands for what was said: an answer, "so", "the same" (of whom it is said)
    ("75 percent of nurses said yes, but 55 percent of doctors said no.",
     [(I, "yes", "nurses", "pro_form"), (I, "no", "doctors", "pro_form")]),
    ("Among Democrats, three-quarters said the same of the governor.",
     [(I, "the same of the governor", "three-quarters", "pro_form")]),
    ("He said nothing.", []),
    # "as X noted": a comparison with a report beside the clause it reports, before or after it
    ("But as the auditor noted, the county will run out of money before the spring.",
     [(I, "the county will run out of money before the spring", "auditor", "as_reported")]),
    ("The new rules would cost farmers millions, as the Tribune reported in March.",
     [(I, "The new rules would cost farmers millions", "Tribune", "as_reported")]),
    ("As the coach joked with his players at the table, the bus pulled away from the hotel.", []),
    ("As she testified, her husband sat in the front row.", []),
    ("The plant will close in June, according to officials familiar with the plan.",
     [(I, "The plant will close in June", "officials familiar with the plan", "according")]),
    # headline forms
    ("Ruiz Says Downtown Needs More Buses, Calls Parking Plan \u2018A Mess.\u2019\n\nThe mayor spoke on Monday.",
     [(I, "Downtown Needs More Buses", "Ruiz", "headline_says")]),
    ("The Mayor Says a lot of things about the park.", []),
    ("\u2018We are ready for the vote,\u2019 says Merkel", [(D, "We are ready for the vote", "Merkel", "after")]),
    # negatives: titles and names in quote marks, scare quotes, cognition, negated speech
    ('The band released "Midnight Train" in 1999 and toured Europe.', []),
    ("The so-called 'Golden Age' of radio ended in the 1950s.", []),
    ("Analysts believe the economy will slow down next year.", []),
    ("He smiled and waved to reporters but did not comment on the deal.", []),
    ("", []),
    ('"""" "" \u201c\u201d', []),
]



@pytest.mark.parametrize("text,expected", ROWS, ids=[r[0][:40] or "empty" for r in ROWS])
def test_rule(extractor, text, expected):
    got = [(q.type, q.text, q.speaker.canonical_name, q.rule) for q in extractor.extract(text)]
    assert got == expected


def test_every_rule_of_the_registry_has_a_row():
    from quotes_service.extract.rules.registry import RULES

    from test_attribution_forms import ROWS as MORE_ROWS

    named = {quote[3] for _, expected in ROWS + MORE_ROWS for quote in expected}
    assert named == {rule.name for rule in RULES}, "add a row for each new rule (and drop rows of removed ones)"


def test_told_names_the_listener_not_the_speaker(extractor):
    (q,) = extractor.extract('"The market is calm," a central bank official told AFP on Monday.')
    assert q.speaker.name == "a central bank official"
    assert q.speaker.kind == SpeakerKind.ROLE
    assert q.cue == "told"


def test_title_and_affiliation_from_appositive(extractor):
    text = '"Rates stay high," said Laura Chen, a senior fellow at the Peterson Institute for International Economics.'
    (q,) = extractor.extract(text)
    assert q.speaker.canonical_name == "Laura Chen"
    assert q.speaker.title == "senior fellow"
    assert q.speaker.affiliation == "Peterson Institute for International Economics"
    assert q.speaker.affiliation_short == "PIIE"


def test_an_organisation_is_its_own_affiliation_without_the_article(extractor):
    text = 'The Obama administration said the sanctions would remain in place until the talks resume.'
    (q,) = extractor.extract(text)
    assert q.speaker.kind == SpeakerKind.ORGANIZATION
    assert q.speaker.name == "The Obama administration"
    assert q.speaker.affiliation == "Obama administration"


def test_group_speaker_keeps_its_qualifier(extractor):
    text = "The plan is under review, according to sources familiar with the talks."
    quotes = extractor.extract(text)
    assert [q.speaker.kind for q in quotes] == [SpeakerKind.GROUP]


def test_a_titled_name_the_entity_recognizer_missed(extractor):
    # en_core_web_sm labels no entity in "Mayor Ana Ruiz": the title still marks a person's name.
    text = ('"We will rebuild the bridge by spring," said Mayor Ana Ruiz. '
            '"It is our first priority," Ruiz said on Tuesday.')
    first, second = extractor.extract(text)
    assert (first.speaker.name, first.speaker.canonical_name, first.speaker.title) == ("Ana Ruiz", "Ana Ruiz", "Mayor")
    assert (second.speaker.name, second.speaker.canonical_name, second.speaker.title) == ("Ruiz", "Ana Ruiz", "Mayor")
    assert first.speaker.kind == second.speaker.kind == SpeakerKind.PERSON


def test_a_title_before_an_organisation_is_not_a_name(extractor):
    (q,) = extractor.extract('"Orders are strong," General Motors Co said in a statement.')
    assert q.speaker.kind == SpeakerKind.ORGANIZATION
    assert q.speaker.title == ""

