"""What a speaker record says: the title and affiliation that fit a quote's mention, the name part
of a mention, canonical names of unnamed speakers, and role nouns that stand for a named person."""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.speakers.descriptors import in_prefixed_word, role_phrase
from quotes_service.extract.speakers.nouns import lexical_person_noun, person_noun, title_word
from quotes_service.extract.speakers.name_phrases import describe_name
from quotes_service.extract.speakers.people import People
from quotes_service.extract.speakers.person import Person
from quotes_service.extract.speakers.profiles import LEADING_ARTICLE, acronym_for, normalise
from quotes_service.extract.speakers.pronouns import antecedent
from quotes_service.extract.speakers.standing import Descriptors, add_party, is_party_word

DESCRIPTION_REACH = 5000   # characters back that a description may reach for what it describes


def pick_affiliation(found: Descriptors) -> str:
    """The one affiliation a quote's speaker shows: an organisation, else a place, else a party."""
    for value in found.affiliations:
        if value not in lx.PARTIES and value not in found.places:
            return value
    for value in found.affiliations:
        if value in found.places:
            return value
    return found.affiliations[0] if found.affiliations else ""


def pick_title(titles: list[str]) -> str:
    """The one title a quote's speaker shows, of those its mention and its profile give (in that
    order): a position held ("Sen.", "secretary of state", "presidential nominee") before a
    relation to someone ("rival", "critic", "wife"), and both before a word no lexicon knows as
    a person's ("Time" of a headline's "Clinton: Time for ...")."""
    return min(titles, key=_title_rank, default="")


def _title_rank(title: str) -> int:
    words = [w.rstrip(".") for w in title.lower().split()]
    if "of" in words[1:]:
        words = words[:words.index("of", 1)]     # "secretary of state": its head is "secretary"
    head = lx.TITLE_FORMS.get(words[-1], words[-1]) if words else ""
    if head in lx.RELATIONAL_NOUNS or head in lx.FEMALE_NOUNS or head in lx.MALE_NOUNS and head not in lx.STAFF_NOUNS:
        return 2 if head not in lx.TITLE_NOUNS else 0
    if head in lx.POSITION_WORDS:
        return 0
    return 1 if title[:1].islower() or len(words) > 1 else 3


def best(profile: Descriptors, here: Descriptors | None = None, title: str = "") -> tuple[str, str, str]:
    """(title, affiliation, affiliation_short) for a person's quote: what its own mention says
    first, then what the person's other mentions say."""
    here = here or Descriptors()
    title = pick_title(([title] if title else []) + here.titles + profile.titles)
    affiliation = pick_affiliation(here) or pick_affiliation(profile)
    return title, affiliation, short_for(affiliation, here.acronyms + profile.acronyms)


def short_for(affiliation: str, written: list[str]) -> str:
    """The affiliation's acronym: for a party, the one the article writes for it ("GOP"), else
    the affiliation itself when it is one, or one derived from it."""
    if affiliation in lx.PARTIES:
        return next((a for a in written if lx.PARTY_WORDS.get(a.lower()) == affiliation), "")
    return acronym_for(affiliation) if affiliation else ""


def mention_descriptors(ent: SpacySpan, span: SpacySpan) -> Descriptors:
    return describe_name(ent)


def name_span(span: SpacySpan, ent: SpacySpan | None, full: str) -> SpacySpan:
    """The name inside a mention: without the title or determiner before it ("Union Minister CR
    Patil" -> "CR Patil"), widened to the full name when the words before it spell the rest of it
    ("Lifeng" after "He")."""
    doc = span.doc
    first, last = span.start, span.end
    if ent is not None:
        first = max(ent.start, span.start)
    while first < last - 1 and (doc[first].lower_.rstrip(".") in lx.TITLE_NOUNS or doc[first].dep_ == "det"
                                or doc[first].lower_ in lx.HONORIFIC_GENDER):
        first += 1
    name = doc[first:last]
    words, have = full.split(), name.text.split()
    if len(words) > len(have) and words[-len(have):] == have:
        missing = words[: len(words) - len(have)]
        start = name.start - len(missing)
        if start >= 0 and [t.text for t in doc[start:name.start]] == missing:
            return doc[start:name.end]
    return name


def without_article(span: SpacySpan) -> str:
    return LEADING_ARTICLE.sub("", span.text.strip())


def role_or_group(head: Token, span: SpacySpan) -> Descriptors:
    """Title and affiliation of a role, group or document from its own phrase: "a US Treasury
    spokesman" (title spokesman, affiliation US Treasury), "officials from the United States"."""
    found = role_phrase(head)
    mods = [t for t in span if t.i < head.i and not in_prefixed_word(t) and (t.ent_type_ in ("ORG", "GPE", "FAC", "NORP")
                                                 or (t.pos_ == "PROPN" and t.dep_ in ("compound", "nmod")))]
    if mods and not found.affiliations:
        if len(mods) == 1 and is_party_word(mods[0]):
            add_party(found, mods[0])
        else:
            found.affiliations.append(span.doc[mods[0].i:mods[-1].i + 1].text)
    return found


def group_title(head: Token) -> bool:
    """A group named by a role ("analysts", "officials") has it as title; "voters" or "Democrats" not."""
    return lemma(head) in lx.ROLE_NOUNS or lemma(head) in lx.GROUP_ROLE_NOUNS


def fuller_document(head: Token, doc) -> str:
    """"the poll" after "a new Bloomberg poll": the fuller phrase the article named it with."""
    word = lemma(head)
    for tok in reversed(doc[:head.i]):
        if head.idx - tok.idx > DESCRIPTION_REACH:
            break
        if tok.pos_ == "NOUN" and lemma(tok) == word and any(
                c.dep_ in ("compound", "nmod", "poss") and c.pos_ == "PROPN" for c in tok.children):
            start = min([c.left_edge.i for c in tok.children if c.i < tok.i] + [tok.i])
            return LEADING_ARTICLE.sub("", doc[start:tok.i + 1].text)
    return ""


def _definite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


def _fits(head: Token, person: Person) -> bool:
    """Every word of the description names one of the person's titles or affiliations."""
    known = set()
    for value in person.profile.titles + person.profile.affiliations:
        for word in normalise(value).split():
            known.add(lx.TITLE_FORMS.get(word, word))
            known.add(lx.PARTY_WORDS.get(word, word).lower())
    if title_word(head) not in known and lemma(head) not in known:
        return False
    for mod in head.children:
        if mod.dep_ in ("amod", "compound", "nmod") and mod.i < head.i:
            word = lx.TITLE_FORMS.get(mod.lower_, mod.lower_)
            if word not in known and lx.PARTY_WORDS.get(word, "").lower() not in known and word not in lx.TITLE_MODIFIERS:
                return False
        if mod.dep_ == "prep" and mod.i > head.i:
            return False
    return True


def _name_right_after(head: Token, people: People) -> Person | None:
    """A person named right after the role noun, with at most an article and a title between and
    no punctuation, that the parser left a second subject: "Vatican spokesman the Rev. Federico
    Lombardi told reporters"."""
    doc = head.doc
    k = head.i + 1
    while k < len(doc) and k - head.i <= 3 and (doc[k].lower_ == "the" or doc[k].lower_.rstrip(".") in lx.TITLE_FORMS
                                                 or doc[k].lower_.rstrip(".") in lx.TITLE_NOUNS) and doc[k].ent_type_ != "PERSON":
        k += 1
    if k >= len(doc) or doc[k].ent_type_ != "PERSON" or doc[head.i:k].text.count(",") or head.dep_ == "compound":
        return None
    return people.person_of(doc[k])


def _only_one_titled(head: Token, people: People, title: str) -> Person | None:
    """The one person of the article the description fits, wherever named: "the president" of an
    abstract for "President Obama" further on; of several that fit ("Vice President Biden"), the
    one whose title is the description's own."""
    found = [p for p in people.everyone if _fits(head, p)]
    if len(found) > 1:
        found = [p for p in found if any(_title_words(t) == _title_words(title) for t in p.profile.titles)]
    return found[0] if len(found) == 1 else None


def _title_words(title: str) -> list[str]:
    """A title's words, abbreviations written out: "Gov." -> ["governor"]."""
    return [lx.TITLE_FORMS.get(w, w) for w in normalise(title).replace(".", "").split()]


NAMED_NEXT_REACH = 800   # characters after a role that the person it names may first be named in


def _named_next(head: Token, people: People) -> Person | None:
    """A person first named just after the role, with a title of the role's own noun: "Even the
    organizer of a pro-Trump rally said ... '...,' said Tim Selaty, organizer of a group called
    Citizens for Trump" (the role introduces the person the next sentence names)."""
    word = title_word(head)
    found = [p for p in people.everyone
             if p.starts and head.idx < p.starts[0] <= head.idx + NAMED_NEXT_REACH
             and any(normalise(t).split()[-1:] == [word] for t in p.profile.titles)]
    return found[0] if len(found) == 1 else None


INTRODUCED_REACH = 2      # sentences after a role's (with words in them) that may name its person


def _introduced_next(head: Token, people: People) -> Person | None:
    """The person news introduces by a role and names in the next sentence, as its subject, for
    the first time in the article: "Donald Trump's campaign manager says he is gratified ...
    Corey Lewandowski, in a statement, said ...", "A top adviser says ... Ed Brookover spoke to
    reporters". The role opens its sentence as its subject (a speaker introduced, not one set
    after what they said: "..., a school spokesman told the paper" is no one named later), and is
    a noun the lexicons know for a person ("a number of writers" is none). One such person only,
    in the first sentence after the role's that has words."""
    index = people.index
    doc = head.doc
    number, seen = index.sentence_number(head.i), 0
    while seen < INTRODUCED_REACH and number + 1 < index.sentence_count():
        number += 1
        start, end = index.sentence_bounds(number)
        if not any(t.is_alpha for t in doc[start:end]):
            continue
        seen += 1
        first = {p.id: p for p in people.everyone if p.mentions and p.starts[0] >= head.idx
                 and start <= p.mentions[0].start < end and _is_subject(p.mentions[0])}
        if first or any(start <= e.start < end for e in people.persons):
            return next(iter(first.values())) if len(first) == 1 else None
    return None


def _is_subject(ent: SpacySpan) -> bool:
    """The name is its clause's subject (or the name in apposition to it)."""
    tok = ent.root
    while tok.dep_ in ("appos", "compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass")


def person_for_role(head: Token, span: SpacySpan, people: People,
                    recent_speakers: list[tuple[int, str]]) -> tuple[Person | None, str]:
    """The named person a role mention stands for, and the role as title: a name in apposition
    ("the club's general manager, David Feder"); a definite description that fits the titles of a
    person named before ("the Indiana governor" after "Indiana Gov. Mike Pence"); or a definite
    epithet ("the actress", "the candidate", "the Republican presidential candidate") for the most
    salient person named before of a gender that fits, whatever other titles the article gives
    them (requiring a person with no titles yet was measured: canonical accuracy .864 against
    .868 on the annotated train documents). (Keeping that to epithets with no words of their own, "the
    actress" but not "the GOP nominee", was measured and dropped: title F1 fell .736 -> .707 on the
    dev split, .786 -> .784 on the annotated train documents.) Anonymous sources ("the spokesman", "the official") stay roles
    unless their titles fit. Before the epithet's guess, a role that opens its sentence is the
    person the next sentence first names as its subject (``_introduced_next``)."""
    found = role_phrase(head)
    title = next(iter(found.titles), "")
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i and (child.ent_type_ == "PERSON" or child.pos_ == "PROPN"):
            person = people.person_of(child)
            if person is not None:
                return person, title
    person = _name_right_after(head, people) or _named_next(head, people)
    if person is None and _definite(head) and person_noun(head):
        before = {id(p): p for ent in people.mentioned_before(head.idx, DESCRIPTION_REACH)
                  if (p := people.person_at(ent)) is not None}
        fits = [p for p in before.values() if _fits(head, p)]
        person = max(fits, key=lambda p: p.last_before(head.idx)) if fits else _only_one_titled(head, people, title)
    if person is None and lexical_person_noun(head) and head.dep_ == "nsubj" \
            and people.index.sentence(head)[0] == head.left_edge.i:
        person = _introduced_next(head, people)
    if person is not None:
        person.profile.add(found)
        return person, title
    if not _definite(head) or not person_noun(head):
        return None, ""
    if lemma(head) in lx.ANONYMOUS_ROLES or any(c.dep_ == "prep" for c in head.children):
        return None, ""
    person = antecedent(people, head, recent_speakers, next(iter(found.genders), ""))
    if person is not None:
        person.profile.add(found)
    return person, title
