"""Canonical names of speakers without a name (roles, groups, documents), as annotators write them.

The whole noun phrase, without its leading article and the words that count it ("two Democratic
speechwriters" -> "Democratic speechwriters", "one senior administration official" -> "senior
administration official"), with what restricts it ("officials familiar with the talks", "people
briefed on the move", "a senior official who spoke on condition of anonymity") and coordinated
modifiers ("current and former officials"); a share of a group is the group ("52 percent of
registered voters" -> "registered voters"); a possessive pronoun becomes the name of the person it
refers to ("his critics" -> "Trump's critics"); "the official" after "a senior law enforcement
official" is that fuller phrase.
"""
from __future__ import annotations

from spacy.tokens import Token

from quotes.types import SpeakerKind
from quotes_service.extract import lexicon as lx
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.words import ends_an_age
from quotes_service.extract.speakers.people import People
from quotes_service.extract.speakers.pronouns import antecedent

POSTMODIFIER_DEPS = frozenset({"prep", "acl", "relcl", "amod"})   # "officials familiar with …"
MAX_PHRASE = 16          # tokens of a postmodified phrase
MAX_LIST = 24            # tokens of coordinated groups named together
EARLIER_REACH = 3000     # characters back to look for the fuller phrase of "the official"
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its"})


def phrase_extent(head: Token) -> tuple[int, int]:
    """The head's noun phrase: from its left edge, through the phrases and clauses that restrict it,
    never across a comma, a quote mark or a paragraph; without an adverb before it ("even the
    organizer") or a participle that only dates it ("the report released Thursday")."""
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and (doc[start].is_punct or doc[start].is_space or doc[start].is_quote
                              or doc[start].dep_ == "advmod" and doc[start].head.i == head.i):
        start += 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ not in POSTMODIFIER_DEPS:
            continue
        right = child.right_edge.i + 1
        if child.dep_ == "acl" and all(t.ent_type_ in ("DATE", "TIME") for t in doc[child.i + 1:right]):
            break
        inside = doc[head.i:right]
        if right - start > MAX_PHRASE or any(t.text in ",;:()" or t.is_quote or "\n" in t.text_with_ws for t in inside):
            break
        end = max(end, right)
    return start, _coordinated_end(head, start, end)


def _coordinated_end(head: Token, start: int, end: int) -> int:
    """Past the groups coordinated with the head ("labor unions, environmental groups and many
    Democratic lawmakers", "media reports and party sources"): they speak together, and
    annotators name them together. Not across a quote mark, a paragraph or a semicolon."""
    doc = head.doc
    for conj in head.children:
        if conj.dep_ != "conj" or conj.i < end or conj.pos_ not in ("NOUN", "PROPN") or conj.tag_ not in ("NNS", "NNPS"):
            continue
        right = conj.right_edge.i + 1
        inside = doc[end:right]
        if right - start > MAX_LIST or any(t.text in ";:()" or t.is_quote or "\n" in t.text_with_ws for t in inside):
            break
        end = right
    return end


def _drop_count(tokens: list[Token]) -> list[Token]:
    """Without the leading words that only count the group, keeping a number the phrase is about
    ("32 percent", "one in four voters")."""
    while len(tokens) > 1:
        first, nxt = tokens[0], tokens[1]
        low = first.lower_
        if len(tokens) >= 5 and first.like_num and ends_an_age(tokens[4]) and tokens[4].i == first.i + 4:
            if len(tokens) == 5:
                break   # the age is the noun: "the 52-year-old"
            tokens = tokens[5:]   # an age before its noun: "a 71-year-old diplomat" -> "diplomat"
            continue
        number = first.like_num or low in lx.GROUP_QUANTIFIERS
        if number and (nxt.lower_ in ("percent", "%", "in", "of", "out") or nxt.like_num
                       or not first.whitespace_ and nxt.text == "-"):
            break   # "32 percent", "one in four", "three-quarters"
        if low in lx.KEPT_DETERMINERS or not (number or low in lx.COUNT_WORDS or first.dep_ == "det" or low in ("a", "an", "the")):
            break
        tokens = tokens[1:]
        if tokens and tokens[0].lower_ == "of" and len(tokens) > 1:   # "dozens of", "a number of"
            tokens = tokens[1:]
    return tokens


def _share_of(head: Token) -> Token | None:
    """"52 percent of registered voters", "eight of 10 voters": the group a share is of."""
    if not (head.like_num or lemma(head) in lx.SHARE_WORDS):
        return None
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if group is not None and group.like_num:   # "eight of 10 voters": "10" is its own count
        group = next((c for c in group.children if c.dep_ in ("pobj", "appos")), None) or (
            group.head if group.head.pos_ == "NOUN" else None)
    return group if group is not None and group.pos_ in ("NOUN", "PROPN") else None


def canonical(head: Token, kind: SpeakerKind, people: People, recent_speakers: list[tuple[int, str]]) -> str:
    """The canonical name of an unnamed speaker whose mention's head is ``head``."""
    group = _share_of(head)
    if group is not None:
        head = group   # annotators name a share of a group by the group
    start, end = phrase_extent(head)
    tokens = _drop_count(list(head.doc[start:end]))
    if len(tokens) == 1 and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        fuller = _earlier_fuller(head, kind, people, recent_speakers)
        if fuller:
            return fuller
    return _text(tokens, people, recent_speakers)


def _text(tokens: list[Token], people: People, recent_speakers: list[tuple[int, str]]) -> str:
    pieces = []
    for tok in tokens:
        word = tok.text
        if _title_of_possessor(tok, people):
            continue   # "House Speaker Paul Ryan's office" -> "Paul Ryan's office"
        if tok.lower_ in POSSESSIVE_PRONOUNS and tok.dep_ == "poss":
            person = antecedent(people, tok, recent_speakers) if tok.lower_ in ("his", "her") else None
            if person is None:
                continue   # "their critics" -> "critics"
            word = person.full.split()[-1] + "'s"
        pieces.append(word + tok.whitespace_)
    return "".join(pieces).strip().rstrip(",")


def _same_noun(tok: Token, head: Token, word: str) -> bool:
    """The same common noun in the same number, whichever proper-noun tag the tagger gave a
    lower-case word ("Norway's foreign ministry" tagged NNP, then "the ministry" NN)."""
    common = tok.pos_ == "NOUN" or tok.text.islower() and tok.tag_ in ("NNP", "NNPS")
    return common and lemma(tok) == word and tok.tag_.endswith("S") == head.tag_.endswith("S")


def _title_of_possessor(tok: Token, people: People) -> bool:
    """A title or honorific before a person's name that owns the phrase ("Mrs. Clinton's aides"):
    annotators name the owner without it."""
    owner = tok
    while owner.dep_ == "compound" and owner.head.i > owner.i:
        owner = owner.head   # "House" of "House Speaker Paul Ryan's"
    if owner is tok or owner.dep_ != "poss" or owner.pos_ != "PROPN":
        return False
    person = people.person_of(owner)
    return person is not None and tok.text not in person.full.split()


def _earlier_fuller(head: Token, kind: SpeakerKind, people: People, recent_speakers: list[tuple[int, str]]) -> str:
    """"the official" refers back to the last phrase with the same head and more words to it."""
    doc = head.doc
    word = lemma(head)
    for tok in reversed(doc[:head.i]):
        if head.idx - tok.idx > EARLIER_REACH:
            break
        if _same_noun(tok, head, word):
            start, end = phrase_extent(tok)
            tokens = _drop_count(list(doc[start:end]))
            if len(tokens) > 1:
                return _text(tokens, people, recent_speakers)
    return ""
