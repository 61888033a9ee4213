"""Speaker profiles from the grammar: the forms of the speaker-profile issue's table, each with
a variant in other words (other names, other titles, other organisations), so that a row
passes because the rule follows the grammar, not because it knows one sentence.

Each row: the text, then for each quote in order what its speaker must be. ``title`` and
``affiliation`` are the speaker's main ones (Speaker.title / .affiliation); ``titles`` and
``affiliations`` must be among the entity's (ExtractQuotesResponse.speakers).
"""
from __future__ import annotations

import pytest

from quotes.types import Gender, SpeakerKind
from support.profiles import check_speakers



ROWS = [
    # an appositive after the name: title, then the organisation after "with"
    ('"We cannot cover the gap this year," said Priya Raman, a budget analyst with the city\'s finance office.',
     [dict(canonical="Priya Raman", title="budget analyst", affiliation="city's finance office")]),
    ('"The numbers do not add up," said Tomas Herrera, a senior auditor with the state comptroller\'s office.',
     [dict(canonical="Tomas Herrera", title="senior auditor", affiliation="state comptroller's office")]),
    # an organisation and a title before the name, in one noun phrase
    ("Harvard University economist Lena Brandt said the tariffs would raise prices for most families.",
     [dict(canonical="Lena Brandt", title="economist", affiliation="Harvard University")]),
    ("Stanford University historian Miguel Ortega said the archive had been neglected for decades.",
     [dict(canonical="Miguel Ortega", title="historian", affiliation="Stanford University")]),
    # a body named before a title, which the recognizer left unlabelled, is an affiliation; a title
    # whose words name no body stays whole
    ("On Monday, Harbor Rowing Club President Ines Moreau said the books were in order.",
     [dict(canonical="Ines Moreau", title="President", affiliation="Harbor Rowing Club")]),
    ("On Monday, Deputy Finance Minister Ines Moreau said the books were in order.",
     [dict(canonical="Ines Moreau", title="Deputy Finance Minister", affiliation="")]),
    # a senator of a state who holds a post on a committee
    ("Sen. Mark Ellison of Ohio, the top Republican on the Senate Finance Committee, said the bill "
     "would not pass this year.",
     [dict(canonical="Mark Ellison", titles=["Sen."], affiliations=["Senate Finance Committee", "Ohio"])]),
    ("Rep. Carla Boyd of Nevada, the ranking Democrat on the House Budget Committee, said the cuts "
     "went too far.",
     [dict(canonical="Carla Boyd", titles=["Rep."], affiliations=["House Budget Committee", "Nevada"])]),
    # a role noun the text ties to a name, then the surname alone
    ("The mayor's chief of staff, Daniel Ortiz, said the city would hire more inspectors. "
     "Ortiz added that the budget was tight.",
     [dict(canonical="Daniel Ortiz", kind=SpeakerKind.PERSON, title="chief of staff")] * 2),
    ("The governor's press secretary, Helen Park, said the office would respond on Friday. "
     "Park added that no decision had been made.",
     [dict(canonical="Helen Park", kind=SpeakerKind.PERSON, title="press secretary")] * 2),
    # a company's officer; gender from the text's own words ("her company")
    ("Acme Corp's chief executive, Ruth Kim, said sales had doubled. Kim, 54, said her company would "
     "hire 200 workers.",
     [dict(canonical="Ruth Kim", title="chief executive", affiliation="Acme Corp", gender=Gender.FEMALE)] * 2),
    ("Globex Industries' finance director, Omar Haddad, said costs had fallen. Haddad, 61, said his team "
     "would cut prices.",
     [dict(canonical="Omar Haddad", title="finance director", affiliation="Globex Industries",
           gender=Gender.MALE)] * 2),
    # a statement whose issuer the text names is the issuer's
    ("In a statement, the library board said the branch would close in June.",
     [dict(canonical="library board", kind=SpeakerKind.ORGANIZATION)]),
    ("In a statement, the county health department said the clinic would stay open.",
     [dict(canonical="county health department", kind=SpeakerKind.ORGANIZATION)]),
    # a document with no issuer named speaks as a document, never as a role titled "email"
    ('"We will review every contract," the email said.',
     [dict(kind=SpeakerKind.DOCUMENT, not_title="email")]),
    ('"The plant must shut down by May," the memo said.',
     [dict(kind=SpeakerKind.DOCUMENT, not_title="memo")]),
    ("A report found that the agency had overspent by $2 million.",
     [dict(kind=SpeakerKind.DOCUMENT)]),
    ("An audit found that the hospital had billed patients twice.",
     [dict(kind=SpeakerKind.DOCUMENT)]),
    # the dash attribution after a quote, in its caption form; the next quote keeps its own speaker
    ('The branch closed on Friday.\n\n"Nobody asked us." \u2014 Grace Liu, a librarian at the branch\n\n'
     '"We will appeal," the city said.',
     [dict(canonical="Grace Liu", title="librarian"), dict(canonical="city", kind=SpeakerKind.ORGANIZATION)]),
    ('"The rent doubled in a year." \u2014 Omar Haddad, a tenant organiser in Leeds',
     [dict(canonical="Omar Haddad", title="tenant organiser")]),
    # a definite party description elsewhere in the article gives the person's party (and role)
    ("Laura Whitcombe spoke in Des Moines on Monday. The Democratic front-runner has led every poll "
     "since June.\n\nWhitcombe said the state would decide the race.",
     [dict(canonical="Laura Whitcombe", affiliation="Democratic", titles=["front-runner"])]),
    ("Robert Hale toured a factory in Akron. The GOP nominee visited three states this week.\n\n"
     "Hale said the plant would reopen.",
     [dict(canonical="Robert Hale", affiliation="Republican", short="GOP")]),
    # an organisation inside a role after a modifier leaves the title whole around it
    ('"The model is broken," said Paul Pillar, a former C.I.A. analyst.',
     [dict(canonical="Paul Pillar", title="former analyst", affiliation="C.I.A.")]),
    ('"The board was misled," said Carla Moss, the former Verizon executive.',
     [dict(canonical="Carla Moss", title="former executive", affiliation="Verizon")]),
    # a name the recognizer takes for an organisation is still a person, found again by surname
    ("Carly Fiorina threw her support behind the senator on Wednesday. Fiorina, the former CEO, said the "
     "race was not over.",
     [dict(canonical="Carly Fiorina", kind=SpeakerKind.PERSON)]),
    # a first name the recognizer left out of the name completes it; a religious title is a title
    ("Rep. Debbie Wasserman Schultz dismissed the claims. \"We are fine,\" Wasserman Schultz said.",
     [dict(canonical="Debbie Wasserman Schultz", title="Rep.")]),
    ('"The doors stay open," said Rabbi Rick Jacobs, president of the Union for Reform Judaism.',
     [dict(canonical="Rick Jacobs", titles=["Rabbi"], affiliation="Union for Reform Judaism")]),
    # an outlet or organisation in the possessive before the name
    ("\"The vote was rigged,\" CNBC's Dana Whitfield wrote.",
     [dict(canonical="Dana Whitfield", affiliation="CNBC")]),
    ("\"The vote was rigged,\" the Globe's Sarah Collins wrote.",
     [dict(canonical="Sarah Collins", affiliation="Globe")]),
    # "the" and a name in the possessive is an outlet though the recognizer says person; a name alone is a person
    ("\"We lost,\" The Herald's Nora Quinlan wrote.", [dict(canonical="Nora Quinlan", affiliation="Herald")]),
    ("\"We lost,\" Nora Quinlan's Jack Byrne said.", [dict(canonical="Jack Byrne", affiliation="")]),
    # "the" and a name the recognizer calls a person is a body ("the Obama White House"); "the" of another noun not
    ("White House press secretary Owen Pratt said the plan was sound. Two of his deputies served in the Obama White "
     "House before.", [dict(canonical="Owen Pratt", affiliation="White House")]),
    ("Mara Delgado said the plan was sound. Staff of the Mara Delgado campaign agreed.", [dict(canonical="Mara Delgado")]),
    # a relative clause of working: the employer after at / for
    ("\"The court will split,\" said Lee Epstein, who teaches constitutional law at Washington University.",
     [dict(canonical="Lee Epstein", affiliation="Washington University")]),
    ("\"Nobody reads the filings,\" said Karen Holt, who works for the Brookings Institution.",
     [dict(canonical="Karen Holt", affiliation="Brookings Institution")]),
    ("\"It was chaos,\" said Melanne Verveer, who served as Hillary Clinton's chief of staff.",
     [dict(canonical="Melanne Verveer", title="chief of staff")]),
    # the appositive's own relative clause
    ("\"It will not last,\" said Dennis Ross, a former diplomat who is now a fellow at the "
     "Washington Institute.",
     [dict(canonical="Dennis Ross", affiliations=["Washington Institute"])]),
    # a party letter alone in brackets after the name; a year in brackets is none
    ("Gov. Ellen Marsh (D) said the budget would pass.", [dict(canonical="Ellen Marsh", affiliation="Democratic")]),
    ("Ellen Marsh (2010) said the budget would pass.", [dict(canonical="Ellen Marsh", affiliation="")]),
    # a state in brackets after a legislator's name
    ("\"We need the votes,\" Sen. Bernie Sanders (Vt.) said.",
     [dict(canonical="Bernie Sanders", affiliation="Vt.")]),
    ("\"We need the votes,\" Rep. Ann Kuster (N.H.) said.",
     [dict(canonical="Ann Kuster", affiliation="N.H.")]),
    # ... never to someone the description is related to, nor to a person of the other party
    ("Ethan Marsh, son of the Republican front-runner, said the campaign would win Ohio.",
     [dict(canonical="Ethan Marsh", affiliation="")]),
    ("Laura Whitcombe spoke in Iowa. Robert Hale toured Ohio. The Republican nominee visited three states. "
     "The Democratic nominee held a rally.\n\nWhitcombe said the state would decide. Hale said he would win.",
     [dict(canonical="Laura Whitcombe", affiliation="Democratic"), dict(canonical="Robert Hale", affiliation="Republican")]),
    ("Paul Kessler spoke in Ohio. He attacked the Democratic nominee on trade.\n\nKessler said the deal was bad.",
     [dict(canonical="Paul Kessler", affiliation="")]),
    ("John Smith testified on Monday. The independent expert told the panel that the data was flawed.",
     [dict(canonical="independent expert", kind=SpeakerKind.ROLE, affiliation="")]),
    ("Democratic Sen. Ruth Alvarez debated Paul Kessler on Tuesday. The Democratic nominee attacked "
     "his record.\n\nKessler said the attacks were false.",
     [dict(canonical="Paul Kessler", affiliation="")]),
    # of a speaker's titles, a position held before a relation to someone, and both before a word
    # that is no person's; a relation alone is still the title
    ("Ana Ruiz, Kessler's wife, said the plan would fail. Ruiz, a lawyer, spoke later.",
     [dict(canonical="Ana Ruiz", title="lawyer", titles=["wife"])]),
    ("Mark Dunn, the council's fiercest critic, said the plan would fail. Dunn, a professor of law, spoke later.",
     [dict(canonical="Mark Dunn", title="professor of law")]),
    ("Nora Vance: Time for a new deal.\n\nVance, a senior economist, said the plan would fail.",
     [dict(canonical="Nora Vance", title="senior economist")]),
    ("Ana Ruiz, Kessler's wife, said the plan would fail.", [dict(canonical="Ana Ruiz", title="wife")]),
    # a superlative before a name judges the person: no title ("the most able candidate[,] Viguerie argues")
    ("Ortiz is right on the issues, he is also the most able candidate Kessler argues. Kessler, a retired "
     "judge, said the race was over.",
     [dict(canonical="Kessler", title="retired judge")]),
    # a definite epithet as the subject: the most salient person before it, whatever titles they have
    ("Donald Trump, the businessman, spoke on Thursday. \"There is hatred like nobody has seen,\" the "
     "Republican presidential candidate said in an interview.",
     [dict(canonical="Donald Trump", kind=SpeakerKind.PERSON)]),
    ("Maria Lopez, a lawyer, toured the plant on Monday. Later the candidate said that the plant would "
     "stay open.",
     [dict(canonical="Maria Lopez", kind=SpeakerKind.PERSON)]),
    # ... but an anonymous role stays a role
    ("Maria Lopez toured the plant on Monday. The spokesman said that the plant would stay open.",
     [dict(canonical="spokesman", kind=SpeakerKind.ROLE)]),
    # a name the recognizer took for an organisation or a work, beside a noun for a person
    ("Fiorina, the former Hewlett-Packard CEO who dropped her own bid, spoke. Fiorina said Cruz was a "
     "real conservative.",
     [dict(canonical="Fiorina", kind=SpeakerKind.PERSON, title="former CEO", affiliation="Hewlett-Packard")]),
    ("The effort has been led by Colorado's Kendal Unruh, a delegate serving on the rules committee. "
     "\"They have their votes counted,\" said Unruh.",
     [dict(canonical="Kendal Unruh", kind=SpeakerKind.PERSON, title="delegate")]),
    ('"We have got to win Loudoun," Will Estrada, the chairman for the exurb, said. Estrada added that '
     "he was pleased.",
     [dict(canonical="Will Estrada", kind=SpeakerKind.PERSON, title="chairman")] * 2),
    # ... while a company beside a noun that only ends like an agent's stays a company
    ("Pfizer, the drugmaker, said in a statement that the trial would resume.",
     [dict(canonical="Pfizer", kind=SpeakerKind.ORGANIZATION)]),
    # several unnamed bodies are a group, not an organisation
    ("Protest groups say the restrictions are meant to minimise their visibility.",
     [dict(canonical="Protest groups", kind=SpeakerKind.GROUP, affiliation="")]),
    ("Several companies said that the new rules would raise their costs.",
     [dict(kind=SpeakerKind.GROUP, affiliation="")]),
    # a dateline is where the story was filed, neither a speaker nor an affiliation
    ("JACKSON, Miss. - U.S. District Judge Carlton W. Reeves said the law was void.",
     [dict(canonical="Carlton W. Reeves", title="U.S. District Judge", affiliation="")]),
    ("CONCORD, N.H. - Sen. Bernie Sanders said the victory was decisive.",
     [dict(canonical="Bernie Sanders", title="Sen.", affiliation="")]),
    ("PORTLAND, Maine \u2014 Gov. Ellen Marsh said the budget would pass.",
     [dict(canonical="Ellen Marsh", title="Gov.", affiliation="")]),
    # a title with "of" before the name stays whole
    ('"We will win," said former Secretary of State Hillary Clinton.',
     [dict(canonical="Hillary Clinton", title="former Secretary of State")]),
    ("Minister of Foreign Affairs Ana Duarte said the talks would resume.",
     [dict(canonical="Ana Duarte", title="Minister of Foreign Affairs")]),
    # "U.S." of an office held for a state or district is part of the title
    ("Former U.S. Sen. Gordon Humphrey said the rules were clear.",
     [dict(canonical="Gordon Humphrey", title="former U.S. Sen.", affiliation="")]),
    # a word capitalised only because it starts the sentence is no organisation; a place stays whole
    ("Presumptive GOP nominee Donald Trump said the shooting was an act of terror.",
     [dict(canonical="Donald Trump", affiliation="Republican")]),
    ("On the topic, San Diego chapter president Luis Osuna said the judge was fair.",
     [dict(canonical="Luis Osuna", title="San Diego chapter president")]),
    # a party word alone before a name, however the parser hung it
    ("Racking up victories, Republican Dana Whitfield and Democrat Laura Ames solidified their leads. "
     "Ames said the party was united.",
     [dict(canonical="Laura Ames", affiliation="Democratic")]),
    # a candidate's staff work for the candidate's campaign; anyone else's boss is no affiliation
    ("Laura Ames, the Democratic front-runner, spoke on Monday. \"It is outrageous,\" Ames spokesman "
     "Josh Reed said.",
     [dict(canonical="Josh Reed", title="spokesman", affiliation="Ames campaign")]),
    ("Laura Ames, the Democratic front-runner, spoke on Monday. Her campaign manager, Robby Lane, said "
     "that the staffers broke the rules.",
     [dict(canonical="Robby Lane", title="campaign manager", affiliation="Ames campaign")]),
    ("Sen. Mitch Howell spoke on Monday. \"We have no announcement,\" Howell spokesman Don Stevens said.",
     [dict(canonical="Don Stevens", title="spokesman", affiliation="")]),
    # unnamed speakers without an adverb before them or a participle that only dates them
    ("Even the organizer of a pro-Trump rally said the rules were unfair.",
     [dict(canonical="organizer of a pro-Trump rally", kind=SpeakerKind.ROLE)]),
    ("A court document filed Thursday said that the manager would not be charged.",
     [dict(canonical="court document", kind=SpeakerKind.DOCUMENT)]),
    # a title the parser hung beside the name, after a dateline; no quote marks in a title
    ("New York (AFP) \u2013 Oscar-winning actress Susan Sarandon, star of cult classic \u201cThelma and "
     "Louise,\u201d is not sure. \u201cI don\u2019t know,\u201d Sarandon said.",
     [dict(canonical="Susan Sarandon", titles=["actress"], not_title="\u201c")]),
    # groups coordinated as one subject are named together
    ("Labor unions, environmental groups, and many Democratic lawmakers say the deal will cost jobs.",
     [dict(canonical="Labor unions, environmental groups, and many Democratic lawmakers", kind=SpeakerKind.GROUP)]),
    ("Teachers and school nurses said the new schedule left no time for lunch.",
     [dict(canonical="Teachers and school nurses", kind=SpeakerKind.GROUP)]),
    # an indefinite role that opens the sentence before the subject's name is theirs; a time is not
    ("A lifelong teacher, Mona Reyes has long handed out books to students. Reyes said the budget was too small.",
     [dict(canonical="Mona Reyes", title="lifelong teacher")]),
    ("A year later, Mona Reyes said the budget was too small.", [dict(canonical="Mona Reyes", title="")]),
    # an age is no title, before or after the name; a sentence's first word before a named body is no body
    ("Agusein Garcia, a 47-year-old father of six, said he would vote.",
     [dict(canonical="Agusein Garcia", title="father")]),
    ("71-year-old diplomat Ban Ki-moon said the deal was done.",
     [dict(canonical="Ban Ki-moon", title="diplomat")]),
    ("Longtime GOP strategist Stuart Stevens said the remarks were childish.",
     [dict(canonical="Stuart Stevens", title="strategist", affiliation="Republican")]),
    # a person's campaign, as annotators write it
    ("Hillary Clinton spoke on Monday. Hillary Clinton's campaign said that it would appeal.",
     [dict(canonical="Clinton campaign", kind=SpeakerKind.ORGANIZATION)]),
    # one member of a party, with a state, stands for a person named before; several are a group
    ("Governor Anna Lindqvist spoke at the fair on Monday. Later, the Minnesota Democrat said the state would not "
     "raise taxes.",
     [dict(canonical="Anna Lindqvist", kind=SpeakerKind.PERSON, affiliations=["Democratic", "Minnesota"])]),
    ("Mayor Tom Brandt opened the session. The Ohio Republican told reporters the budget was balanced.",
     [dict(canonical="Tom Brandt", kind=SpeakerKind.PERSON, affiliations=["Republican"])]),
    ("The Republicans said the vote would wait.", [dict(canonical="Republicans", kind=SpeakerKind.GROUP)]),
    # a group named by whom it is about has no affiliation in that person
    ("Maria Lopez spoke on Monday. Lopez's opponents said that the plan would fail.",
     [dict(kind=SpeakerKind.GROUP, affiliation="")]),
    # a role noun with the name right after it, that the parser made a second subject
    ("Vatican spokesman the Rev. Federico Lombardi told reporters that the pope had no plans to travel.",
     [dict(canonical="Federico Lombardi", kind=SpeakerKind.PERSON, affiliations=["Vatican"])]),
    ("Union spokeswoman the Rev. Alma Ruiz told reporters that the strike would go on.",
     [dict(canonical="Alma Ruiz", kind=SpeakerKind.PERSON, affiliations=["Union"])]),
    # a role that introduces the person the next sentence names with the same title
    ("Even the organizer of the rally said the rules made violence likelier.\n\n"
     "\"You put everyone together, you have a problem,\" said Tim Selaty, organizer of a group called Citizens for "
     "Trump.",
     [dict(canonical="Tim Selaty", kind=SpeakerKind.PERSON)] * 2),
    ("A longtime treasurer of the club said the books were in order.\n\n"
     "\"Every cent is there,\" said Ines Moreau, treasurer of the Harbor Rowing Club.",
     [dict(canonical="Ines Moreau", kind=SpeakerKind.PERSON)] * 2),
    # a no-break or narrow no-break space inside a name is a space
    ('"Imagine the two of them on one stage," said radio host Stu\u00a0Burguiere.',
     [dict(canonical="Stu Burguiere", kind=SpeakerKind.PERSON, title="radio host")]),
    ('The plan will fail, said Dr.\u202fAmara\u00a0Okafor, a surgeon at Mercy Hospital.',
     [dict(canonical="Amara Okafor", titles=["surgeon"], affiliation="Mercy Hospital")]),
    # a one-word name that says "it" of itself is an organisation; the "it" of "it was time" says nothing
    ("In response, Twitter said it actively investigated potential terrorist threats.",
     [dict(canonical="Twitter", kind=SpeakerKind.ORGANIZATION)]),
    ("Zorblat said its shares would rise after the merger.",
     [dict(canonical="Zorblat", kind=SpeakerKind.ORGANIZATION)]),
    ("Farzad said it was time to go home.", [dict(canonical="Farzad", kind=SpeakerKind.PERSON)]),
    ("Maria Farzad spoke on Monday. Farzad said it would take two months.", [dict(kind=SpeakerKind.PERSON)]),
    # the plural of a person's surname is the family, not the person
    ("Bill Clinton spoke on Monday. The Clintons said they would attend.", [dict(kind=SpeakerKind.GROUP)]),
    ("Maria Kowalski spoke on Monday. The Kowalskis said that they would sell the farm.",
     [dict(kind=SpeakerKind.GROUP)]),
    ("Michelle Obama spoke on Monday. The Obamas said that they would move.", [dict(kind=SpeakerKind.GROUP)]),
    # a definite description that only one person of the article fits, named further on
    ("The president has said that he opposes sending troops.\n\nPresident Obama spoke on Monday. "
     "Vice President Biden spoke on Tuesday.",
     [dict(canonical="Obama", kind=SpeakerKind.PERSON)]),
    ("The governor has said that she will sign the bill.\n\nGov. Maura Healey spoke on Monday. "
     "Sen. Ed Markey spoke on Tuesday.",
     [dict(canonical="Maura Healey", kind=SpeakerKind.PERSON)]),
    # the subject of the main clause is more salient than the subject of the clause it reports
    ("Ted Marlow wowed the crowds with his promises, Karl Ebering said.\n\n\"He was very persuasive,\" he said.",
     [dict(canonical="Karl Ebering")] * 2),
    ("Karl Ebering said Ted Marlow wowed the crowds with his promises.\n\n\"He was very persuasive,\" he said.",
     [dict(canonical="Karl Ebering")] * 2),
    # a "he" before keeps its person salient: the subject pronoun of the sentence before outranks a
    # name in the clause it reports
    ("Luther Kane spoke to us on Monday. In a long interview, he said that Ray Ortiz had hosted him aboard a "
     "private jet last year.\n\n\"I have no campaign,\" he said.",
     [dict(canonical="Luther Kane")] * 2),
    ("Anna Kane spoke to us on Monday. After the vote, she called Rosa Ortiz and thanked her for the help.\n\n"
     "\"I owe her a lot,\" she said.",
     [dict(canonical="Anna Kane")]),
    # a bare surname two people share is the principal's, the one named first, even just after the
    # other is named in full; "Mrs." before the recognizer's name chooses the namesake it fits
    ("Donald Marsh spoke in Ohio on Monday to a crowd of several thousand supporters who had waited for hours "
     "in the rain outside the arena. The rally ran late into the evening, and the candidate took questions from "
     "the audience for more than an hour before his aides ended the event and the buses left for Columbus. His "
     "son, Eric Marsh, also spoke at the rally.\n\n\"We will win this state,\" Marsh said.",
     [dict(canonical="Donald Marsh")]),
    ("Donald Marsh spoke in Ohio on Monday. His wife, Laura Marsh, said the campaign was strong.\n\n"
     "\"We will win,\" Mrs. Marsh said.",
     [dict(canonical="Laura Marsh", gender=Gender.FEMALE)] * 2),
    # a first name the recognizer left out completes the name, even at a sentence's start when the
    # parser made it the name's first part; an honorific there is none
    ("The attack shocked the town. Zubaida Harrak, one of the two attackers, posted a message online. "
     "Officials said Harrak acted alone.",
     [dict(canonical="Zubaida Harrak"), dict(kind=SpeakerKind.GROUP)]),
    ("The attack shocked the town. Ms. Qadri, one of the two attackers, posted a message online. "
     "Officials said Qadri acted alone.",
     [dict(canonical="Qadri", gender=Gender.FEMALE), dict(kind=SpeakerKind.GROUP)]),
    # a person at the end of an outlet's name after its possessive, which the recognizer took whole
    ("Marsh spoke in a long interview with Newsmax\u2019 Brian Tolland on Monday. \u201cThe wall is negotiable,"
     "\u201d Tolland said.",
     [dict(canonical="Brian Tolland", kind=SpeakerKind.PERSON)]),
    ("Marsh spoke in an interview with NBC News\u2019 Sean Corrigan on Tuesday. \u201cThe deal is dead,\u201d "
     "Corrigan said.",
     [dict(canonical="Sean Corrigan", kind=SpeakerKind.PERSON)]),
    # an unnamed group keeps "some" or "any", its own words, and drops an article or a count
    ("Some dairy farmers said the new rules would close their farms.",
     [dict(canonical="Some dairy farmers", kind=SpeakerKind.GROUP)]),
    ("Three dairy farmers said the new rules would close their farms.",
     [dict(canonical="dairy farmers", kind=SpeakerKind.GROUP)]),
    # a name that modifies another noun is no subject; the spokesman named after it is
    ("Sen. Ray Dunmore spoke on Monday. Dunmore spokesman Ken Ortiz declined to say when the vote would come."
     "\n\n\"We have no news yet,\" he said.",
     [dict(canonical="Ken Ortiz")] * 2),
    # a possessive the rules take for the speaker's own gives no gender against a common first name
    ("David Axelford, a strategist, spoke on Monday. Axelford said her plans addressed the unrest.",
     [dict(canonical="David Axelford", gender=Gender.UNSPECIFIED)]),
    ("Ruth Axelford, a strategist, spoke on Monday. Axelford said her plans addressed the unrest.",
     [dict(canonical="Ruth Axelford", gender=Gender.FEMALE)]),
    # a question's "he" is the one asked: no gender to the asker; a report's "he" is the speaker's
    ("Dana Whitfield asked them whether he would sign the bill.",
     [dict(canonical="Dana Whitfield", gender=Gender.UNSPECIFIED)]),
    # a noun of a body alone before a title names no body: it is the title's ("Union Minister")
    ("Union Minister Ravi Das said the new rail line would open in March.",
     [dict(canonical="Ravi Das", title="Union Minister")]),
    # a nickname in quote marks inside a name is part of the fullest name, which the surname finds
    ('Rep. Carl J. "Buddy" Hanlon of Iowa spoke on Monday. "We need the money," Hanlon said.',
     [dict(canonical="Carl J. Buddy Hanlon", kind=SpeakerKind.PERSON)]),
    ('Margaret "Peg" Dorsey chaired the panel. "The vote was fair," Dorsey said.',
     [dict(canonical="Margaret Peg Dorsey", kind=SpeakerKind.PERSON)]),
    # ... but not a quoted word with a space inside its marks, nor one before a lower-case word
    ('Margaret Dorsey called the plan "reckless" today. "The vote was fair," Dorsey said.',
     [dict(canonical="Margaret Dorsey", kind=SpeakerKind.PERSON)] * 2),
]


@pytest.mark.parametrize("text,expected", ROWS, ids=[r[0][:60] for r in ROWS])
def test_speaker_profile(extractor, text, expected):
    check_speakers(extractor, text, expected)


@pytest.mark.parametrize("text,word,expected", [
    ("The analyst left.", "analyst", True),
    ("The strategist left.", "strategist", True),
    ("The establishment shrugged.", "establishment", False),
    ("The movement grew.", "movement", False),
])
def test_person_nouns_by_their_ending(extractor, text, word, expected):
    """An agent noun names a person by its ending ("-ist", "-er"); a "-ment" noun never does,
    though "-ent" is an agent ending ("president", "resident")."""
    from quotes_service.extract.pipeline.model import load_model
    from quotes_service.extract.speakers.nouns import person_noun

    tok = next(t for t in load_model()(text) if t.text == word)
    assert person_noun(tok) is expected


@pytest.mark.parametrize("word,expected", [
    ("stuart", True), ("kathleen", True), ("marco", True),
    ("grant", False), ("hope", False), ("young", False), ("miles", False),
])
def test_first_names_are_census_names_that_are_no_common_word(word, expected):
    """The census list (service/quotes_service/extract/first_names.py, generated by
    tools/quotes_tools/first_names.py) says a word is a first name; a name that is also a common
    English word ("Grant", "Hope") is left out, since it says nothing."""
    from quotes_service.extract.speakers.mentions import known_first_name

    assert known_first_name(word) is expected


def test_a_first_name_never_gives_a_gender(extractor):
    """A census first name helps find a name; the gender still comes only from the text."""
    found = extractor.extract_document("Stuart Lane said the plan would work.")
    assert [q.speaker.gender for q in found.quotes] == [Gender.UNSPECIFIED]
