"""What the words around one mention of a person say about them: titles, affiliations, acronyms and
gender, read from the grammar (speaker_profiles.md has what each field holds). This module reads
role phrases and the words before a name; name_phrases.py the phrases after it, and
describe_name puts the two together.

* before the name, in its noun phrase: "Harvard University economist Lena Brandt" (title
  economist, affiliation Harvard University), "Homeland Security Secretary Jeh Johnson",
  "Republican presidential candidate Donald Trump" (the title whole, the party an affiliation),
  "Ms. Grant" (gender, never a title);
* an appositive after it: ", a budget analyst with the city's finance office", ", the top
  Republican on the Senate Finance Committee", coordinated (", a tax expert and professor of law
  at …"), a relative clause (", who heads the state party");
* an appositive it is the name of: "The mayor's chief of staff, Daniel Ortiz,";
* party and state tags: "(D-Ore.)", ", R-Texas,"; "of Ohio" after a political title.
"""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.speakers.nouns import gender_of_noun, is_title_token, lexical_person_noun
from quotes_service.extract.speakers.profiles import looks_like_acronym, strip_article, without_possessive
from quotes_service.extract.speakers.standing import (ORG_ENTS, PLACE_ENTS, Descriptors, add_party, is_party_word,
                                                      is_political, names_a_body, set_off)

NOT_BODIES = frozenset({"WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "DATE", "TIME", "LANGUAGE"})
NOT_A_TITLE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "PERSON",
                              "GPE", "LOC"})
MAX_OF_OBJECT = 3        # capitalised words after the "of" of a title before a name ("of Foreign Affairs")
PRE_NAME_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "punct", "nummod", "flat"})


def words_text(tokens: list[Token]) -> str:
    """The tokens as written, in order; where words are left out between two of them ("former
    [C.I.A.] analyst"), one space instead (punctuation alone between them stays: "front-runner";
    quote marks do not: 'star of cult classic "Thelma and Louise"' is no title with a quote mark)."""
    tokens = [t for t in tokens if not t.is_quote]
    if not tokens:
        return ""
    doc = tokens[0].doc
    pieces = []
    for a, b in zip(tokens, tokens[1:]):
        gap = doc[a.i + 1:b.i]
        pieces.append(a.text_with_ws + gap.text_with_ws if all(t.is_punct and not t.is_quote for t in gap) else a.text + " ")
    return "".join(pieces) + tokens[-1].text


def possessor(tok: Token) -> str:
    """The name a possessive writes, without its article and "'s": "The Blaze's" -> Blaze."""
    return strip_article(without_possessive(words_text(list(tok.subtree))))


def org_phrase(head: Token) -> str:
    """An organisation named by a phrase, as written without its leading article: the object's
    subtree ("the city's finance office", "the Senate Finance Committee"), cut before a phrase
    saying where it is ("in Washington"), before a comma, and before a second organisation
    coordinated with it ("the Red Cross [and the United Nations]"). A body described and then
    named ("a North Carolina law firm, Moore & Van Allen") is its name."""
    doc = head.doc
    if head.pos_ == "NOUN":
        # the parser also makes the name a conjunct of "a … firm" (not of a list: no "and" on the head)
        indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children) and not any(
            c.dep_ == "cc" for c in head.children)
        named = next((c for c in head.children if (c.dep_ == "appos" or c.dep_ == "conj" and indefinite)
                      and c.i > head.i and set_off(c) and names_a_body(c)), None)
        if named is not None:
            return org_phrase(named)
    toks = list(head.subtree)
    cut = [t.i for t in toks if t.i > head.i and (t.text in ",;(" or t.head.i == head.i and (
        t.dep_ == "prep" and t.lower_ in lx.PLACE_PREPS or t.dep_ == "cc"))]
    end = max(min(cut) if cut else toks[-1].i + 1, entity_end(head))
    start = toks[0].i
    while start < end and (doc[start].dep_ == "det" or doc[start].is_punct):
        start += 1
    return strip_article(doc[start:end].text) if start < end else ""


def entity_end(tok: Token) -> int:
    """The end of the organisation entity ``tok`` is in, which the parse may have split ("the Union
    [for Reform Judaism]" with "for" hung on the role before it); ``tok.i + 1`` outside one."""
    doc, k = tok.doc, tok.i + 1
    if tok.ent_type_ in ORG_ENTS:
        while k < len(doc) and doc[k].ent_iob_ == "I" and doc[k].ent_type_ == tok.ent_type_:
            k += 1
    return k


def names_an_organisation(obj: Token) -> bool:
    """A preposition's object that names a body: an organisation entity, a capitalised name, or a
    phrase whose head is a kind of body ("the city's finance office", "China's delegation") --
    not a bare noun ("of law", "of staff"), a place, a person, a work or an event ("a rally")."""
    if obj.ent_type_ in ORG_ENTS or obj.ent_type_ == "NORP":
        return True
    if obj.ent_type_ in PLACE_ENTS | NOT_BODIES or obj.ent_type_ == "PERSON" or is_title_token(obj):
        return False   # a place, a person, or a person's role ("a spokeswoman for the mayor")
    if obj.pos_ == "PROPN" and obj.text[:1].isupper():
        return True
    return is_body_noun(obj) and any(c.dep_ in ("det", "poss", "compound", "amod") for c in obj.children)


def in_prefixed_word(tok: Token) -> bool:
    """A piece of a word made with a prefix and a hyphen ("Anti", "-", "Tax" of "Anti-Tax
    leader"): a stance, which the recognizer may label an organisation (2 train documents)."""
    doc = tok.doc
    for start in (tok.i, tok.i - 1, tok.i - 2):
        if 0 <= start and start + 2 < len(doc) and doc[start].lower_ in lx.HYPHEN_PREFIXES \
                and doc[start + 1].text == "-" and not doc[start].whitespace_ and not doc[start + 1].whitespace_:
            return True
    return False


def is_body_noun(tok: Token) -> bool:
    word = lemma(tok)
    return word in lx.INSTITUTION_NOUNS or word in lx.ORGANISATION_KINDS or word in lx.BODY_NOUNS


def role_phrase(head: Token) -> Descriptors:
    """A role noun phrase about a person: "a budget analyst with the city's finance office" ->
    title budget analyst, affiliation city's finance office; "Acme Corp's chief executive" -> title
    chief executive, affiliation Acme Corp; "professor of law at Columbia" keeps "of law"."""
    out = Descriptors()
    if head.ent_type_ in NOT_A_TITLE_ENTS or head.pos_ not in ("NOUN", "PROPN") or head.like_num:
        return out
    if head.pos_ == "PROPN" and head.ent_type_ != "NORP" and not is_title_token(head):
        return out   # a name ("He Lifeng" in a list of names), not a role
    title: list[Token] = []
    for left in head.lefts:
        if left.dep_ in ("det", "punct") or left.i < head.left_edge.i:
            continue
        if all(t.ent_type_ in ("DATE", "TIME") or t.is_punct for t in left.subtree):
            continue   # an age is no title: "a 47-year-old father" -> father
        if left.dep_ == "poss":
            if left.pos_ == "PROPN" or left.ent_type_ in ORG_ENTS:
                out.affiliations.append(possessor(left))
            continue
        if left.dep_ in ("compound", "amod", "nmod"):
            if in_prefixed_word(left):
                continue   # "Anti-Tax Leader": a stance, neither the body nor the title (title F1 -.004 with it)
            if is_party_word(left):
                add_party(out, left)   # "a Democratic pollster"
            elif _named_body(left):
                out.affiliations.append(words_text(list(left.subtree)))   # "a former Obama administration official"
            elif not describes_subject(left, head) and (left.ent_type_ in ORG_ENTS | PLACE_ENTS | {"NORP"}
                                                        or left.pos_ == "PROPN" and not is_title_token(left)):
                out.affiliations.append(words_text(list(left.subtree)))
                if left.ent_type_ in PLACE_ENTS:
                    out.places.append(out.affiliations[-1])
            else:
                title += list(left.subtree)
    party = lx.PARTY_WORDS[head.lower_] if is_party_word(head) and not any(c.dep_ == "amod" for c in head.children) else None
    if party:
        out.affiliations.append(party)   # ", Republican of South Carolina": a party, not a title
    else:
        title.append(head)
    _prepositions(head, bool(party) or is_political(head.text), title, out)
    title.sort(key=lambda t: t.i)
    text = words_text(title) if title else ""
    if text and text.lower().rstrip(".") not in lx.HONORIFIC_GENDER:
        out.titles.append(text)
    gender = gender_of_noun(head)
    if gender:
        out.genders.append(gender)
    return out


def _prepositions(head: Token, political: bool, title: list[Token], out: Descriptors) -> None:
    """The phrases after a role noun: the place a political role represents ("a senator from
    Vermont"), the organisation it is at/with/for ("an analyst with the city's finance office"),
    and the "of" that is part of the title ("chief of staff")."""
    read_to = 0    # the end of an organisation read already: a phrase inside it is part of its name
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.i < read_to:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        place = represented(obj) if political and prep.lower_ in ("of", "from") else ""
        if place:
            out.affiliations.append(place)   # "a senator from the state of Vermont", "Democrat of Ohio"
            out.places.append(place)
        elif prep.lower_ in lx.AFFILIATION_PREPS | {"on"} and names_an_organisation(obj):
            affiliation = org_phrase(obj)
            if affiliation:
                out.affiliations.append(affiliation)
                read_to = entity_end(obj)
        elif prep.lower_ == "of" and obj.pos_ == "NOUN" and not any(c.dep_ in ("det", "poss") for c in obj.children):
            title += [prep] + list(obj.subtree)   # "chief of staff", "professor of law"


def _named_body(tok: Token) -> bool:
    """An institution noun named by a proper noun before it, inside a role: "Obama
    administration", "Clinton campaign", "Senate committee"."""
    return lemma(tok) in lx.INSTITUTION_NOUNS and any(
        c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" and c.i < tok.i for c in tok.children)


def represented(obj: Token) -> str:
    """The place a preposition's object names: "Ohio", "the state of Vermont" -> Vermont."""
    if obj.ent_type_ in PLACE_ENTS:
        return words_text([t for t in obj.subtree if t.ent_type_ in PLACE_ENTS])
    if lemma(obj) in ("state", "city", "district") and obj.lower_ == lemma(obj):
        inner = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        place = next((c for c in inner.children if c.dep_ == "pobj"), None) if inner is not None else None
        if place is not None and place.ent_type_ in PLACE_ENTS:
            return words_text([t for t in place.subtree if t.ent_type_ in PLACE_ENTS])
    return ""


def coordinated(head: Token) -> list[Token]:
    """The head and the heads coordinated with it ("a tax expert and professor of law")."""
    out = [head]
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
            out += coordinated(child)
    return out


def before_name(ent: SpacySpan) -> Descriptors:
    """Words before the name inside its noun phrase: formal titles, role nouns, organisations,
    parties and nationalities, honorifics."""
    out = Descriptors()
    doc = ent.doc
    j = _phrase_start(ent)
    inside = ent.start   # a title the recognizer took into the name ("Rabbi Rick Jacobs")
    while inside < ent.end - 2 and doc[inside].lower_.rstrip(".") in lx.TITLE_NOUNS \
            and doc[inside].lower_ not in lx.HONORIFIC_GENDER:   # (an honorific's gender is read with the name)
        inside += 1
    run = [t for t in doc[j:inside] if not (t.is_punct and t.text != ".")]
    while run and run[0].lower_ in ("the", "a", "an"):
        run = run[1:]
    for t in run:
        honorific = lx.HONORIFIC_GENDER.get(t.lower_)
        if honorific:
            out.genders.append(honorific)
    run = [t for t in run if t.lower_ not in lx.HONORIFIC_GENDER and t.ent_type_ not in ("DATE", "TIME")]   # (ages)
    last_title = max((k for k, t in enumerate(run) if is_title_token(t) or t.pos_ == "NOUN"), default=-1)
    if any(t.tag_ in ("JJS", "RBS") or any(c.tag_ == "RBS" for c in t.children) for t in run[:max(last_title, 0)]):
        last_title = -1   # an evaluation, not a title: "he is the most able candidate[,] Viguerie argues"
    if last_title < 0:
        for t in run:   # "Republican Donald Trump", "Democrat Hillary Clinton": a party alone
            if is_party_word(t):
                add_party(out, t)
        return out
    start = last_title
    # An acronym the recognizer left unlabelled is an organisation's ("IMF chief economist").
    while start > 0 and run[start - 1].ent_type_ not in ORG_ENTS | PLACE_ENTS | {"NORP"} and not _names_body_end(run[start - 1]) \
            and (is_title_token(run[start - 1]) or run[start - 1].pos_ in ("NOUN", "ADJ")
                 or run[start - 1].pos_ == "PROPN" and not run[start - 1].ent_type_ and not looks_like_acronym(run[start - 1].text)):
        start -= 1
    lead, title = run[:start], run[start:last_title + 1] + _of_tail(run, last_title)
    modifiers = [t for t in lead if t.lower_ in lx.TITLE_MODIFIERS]
    lead = [t for t in lead if t.lower_ not in lx.TITLE_MODIFIERS]
    _split_lead(lead, title, out)
    text = " ".join([t.text.lower() for t in modifiers] + [words_text(title)]) if title else ""
    if text:
        out.titles.append(text)
    gender = gender_of_noun(title[-1]) if title else ""
    if gender:
        out.genders.append(gender)
    return out


def _phrase_start(ent: SpacySpan) -> int:
    """Where the words before a name that belong to its noun phrase start: not across a comma,
    a bracket, a paragraph or a dateline's dash ("CONCORD, N.H. - Sen. Bernie Sanders"), nor into
    another person's name; through a title of the form "Secretary of State"."""
    doc = ent.doc
    j = _of_title(ent)
    if j == ent.start and j > 0 and is_party_word(doc[j - 1]) and doc[j - 1].ent_type_ == "NORP":
        return j - 1   # "… and Democrat Hillary Clinton", however the parser hung the party word
    while j > 0 and ent.start - j < 8:
        prev = doc[j - 1]
        if prev.is_space or prev.ent_type_ == "PERSON" and not _names_a_body(prev) \
                or prev.dep_ not in PRE_NAME_DEPS and not _title_hung_beside(prev, ent) \
                or prev.text in ",;:()\"" or prev.text in lx.DASHES and prev.whitespace_:
            break
        if not (ent.start <= prev.head.i < ent.end or j <= prev.head.i < ent.start or prev.head.i == ent.root.head.i
                or _possessive_mark(prev, j, ent)):
            break   # (the last: the parser hung the whole phrase, name and title, on a word beyond it)
        j -= 1
    return j


def _possessive_mark(prev: Token, j: int, ent: SpacySpan) -> bool:
    """The "'s" of a possessor whose noun is in the phrase: "Acme's spokesman Owen Pratt" (the
    mark hangs on the possessor before it, the possessor on the title after it)."""
    return prev.dep_ == "case" and prev.head.i == prev.i - 1 and j <= prev.head.head.i < ent.end


def _title_hung_beside(prev: Token, ent: SpacySpan) -> bool:
    """A title right before the name that the parser made its sibling ("New York (AFP) –
    Oscar-winning actress Susan Sarandon": both in apposition to the dateline)."""
    return prev.i == ent.start - 1 and prev.dep_ == "appos" and prev.head.i == ent.root.head.i and lexical_person_noun(prev)


def _of_title(ent: SpacySpan) -> int:
    """The start of a title with an "of" right before the name ("former Secretary of State
    Hillary Clinton", "Minister of Foreign Affairs Wang Yi"): its title word; else the name's start."""
    doc = ent.doc
    k = ent.start
    while k > 0 and ent.start - k < MAX_OF_OBJECT and doc[k - 1].text[:1].isupper() and doc[k - 1].is_alpha:
        k -= 1
    if k < ent.start and k >= 2 and doc[k - 1].lower_ == "of" and is_title_token(doc[k - 2]) and doc[k - 2].text[:1].isupper():
        return k - 2
    return ent.start


def _names_body_end(tok: Token) -> bool:
    """A capitalised noun of a body that ends a name before a title: "Democratic National
    Committee Chair", "Hillsborough County Party Chairman" (the recognizer may leave it unlabelled)."""
    if tok.i == 0 or not tok.doc[tok.i - 1].text[:1].isupper() or not tok.doc[tok.i - 1].is_alpha:
        return False   # the noun alone names no body: "Union Minister CR Patil" is a title
    return tok.text[:1].isupper() and not tok.is_sent_start and is_body_noun(tok) and not is_title_token(tok)


def _of_tail(run: list[Token], last_title: int) -> list[Token]:
    """"of State" after the title word of "Secretary of State": the title keeps it, as written."""
    rest = run[last_title + 1:]
    return rest if len(rest) >= 2 and rest[0].lower_ == "of" else []


def _names_a_body(tok: Token) -> bool:
    """A person's name inside a title that names their campaign or office: "Hillary Clinton
    campaign spokesman", "Trump's campaign manager"."""
    doc = tok.doc
    k = tok.i + 1
    while k < len(doc) and doc[k].ent_iob_ == "I" and doc[k].ent_type_ == "PERSON":
        k += 1
    if k < len(doc) and doc[k].text in ("'s", "\u2019s"):
        k += 1
    return k < len(doc) and (lemma(doc[k]) in lx.INSTITUTION_NOUNS or lemma(doc[k]) in lx.STAFF_NOUNS)


def describes_subject(mod: Token, head: Token) -> bool:
    """A place or people before a lower-case role that says what the role is about ("China
    economics expert", "Middle East correspondent"), not whom it represents ("Florida governor")
    or its party ("Republican presidential candidate": the party is an affiliation)."""
    nxt = mod.doc[mod.right_edge.i + 1] if mod.right_edge.i + 1 < len(mod.doc) else None
    return (mod.ent_type_ in ("GPE", "LOC", "NORP") and mod.lower_ not in lx.PARTY_WORDS
            and nxt is not None and nxt.text.islower() and not is_political(head.text))


def _may_name_a_body(tok: Token) -> bool:
    """A word before a title that can be (part of) an organisation, party or place: capitalised
    ("jailed" describes), not a work or a date, and not an adjective or a noun capitalised only
    because it starts a sentence or a hyphenated word ("Presumptive GOP nominee", "Anti-war
    activist", "Longtime GOP strategist")."""
    if not tok.text[:1].isupper() or tok.ent_type_ in NOT_BODIES or in_prefixed_word(tok):
        return False
    if tok.ent_type_ or is_party_word(tok):
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    glued = nxt is not None and nxt.text == "-" and not tok.whitespace_
    if tok.is_sent_start and nxt is not None and nxt.ent_type_:
        return False   # "Longtime GOP strategist": the name the recognizer found starts after it
    return not glued and not (tok.pos_ == "ADJ" or tok.dep_ == "amod" or tok.pos_ == "NOUN" and tok.is_sent_start)


def _national_office(country: Token, title_word: Token) -> bool:
    """"U.S. Sen.", "U.S. District Judge": the country of an office held for a state or a district,
    part of the title, not whom it represents."""
    return country.text.replace(".", "") == "US" and title_word.lower_.rstrip(".") in lx.DISTRICT_OFFICES


def _split_lead(lead: list[Token], title: list[Token], out: Descriptors) -> None:
    """The words before a title: organisations, parties and the places a title represents become
    affiliations; a place the role is about stays in it ("China economics expert")."""
    while lead and title and (describes_subject(lead[-1], title[-1]) or title[0].ent_iob_ == "I" and lead[-1].ent_type_
                              or _national_office(lead[-1], title[0])):
        title.insert(0, lead.pop())   # (the whole of a name it moves: "San Diego chapter president")
    lead = [t for t in lead if _may_name_a_body(t)]
    groups: list[list[Token]] = []
    for t in lead:
        if groups and groups[-1][-1].i >= t.i - 2 and (t.ent_type_ == groups[-1][-1].ent_type_ or t.ent_iob_ == "I"):
            groups[-1].append(t)
        else:
            groups.append([t])
    if groups and title and title[0].lower_ in lx.INSTITUTION_NOUNS:
        # "Trump campaign manager Kellyanne Conway": the name and the institution are one affiliation.
        out.affiliations.append(f"{groups.pop()[-1].text} {title[0].text}")
    for group in groups:
        text = without_possessive(words_text(group))
        if len(group) == 1 and is_party_word(group[0]):
            add_party(out, group[0])
        else:
            out.affiliations.append(text)
        if group[-1].ent_type_ in PLACE_ENTS:
            out.places.append(text)
    for t in title:
        if is_party_word(t) and t.ent_type_ == "NORP":
            add_party(out, t)
