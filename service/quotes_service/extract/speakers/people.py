"""The people a document names, one entity each, with everything its mentions say about them.

Every PERSON entity (and name after a title the recognizer missed) outside quote marks is a
name mention. Names of two words or more are people: "Donald Trump" and "Donald J. Trump" are one
(same first and last word; the fullest form is the canonical name). A one-word name ("Johnson")
is the person of that surname (or first name); of namesakes, "Mr."/"Ms." before it and a title
beside it choose, else the article's principal, the one it named first (news style names the
secondary one, a spouse or a son, in full or by first name, and keeps the bare surname for the
principal). Each mention's descriptors (descriptors.py) go to its person's profile.
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span as SpacySpan, Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.speakers.nouns import title_word
from quotes_service.extract.speakers.mentions import known_first_name, names_tagged_as_organisations, person_ent, titled_names
from quotes_service.extract.speakers.missed_names import bare_surnames, names_beside_roles, with_nickname, without_headline_words
from quotes_service.extract.speakers.name_phrases import clause_affiliations, definite_body, describe_name, owned_by_outlet
from quotes_service.extract.speakers.person import STRONG, Person, last_seen, namesake
from quotes_service.extract.speakers.profiles import without_possessive
from quotes_service.extract.speakers.standing import Descriptors



def name_words(ent: SpacySpan) -> tuple[list[str], str]:
    """The words of a name as written, without a title or honorific before it, a possessive after
    it or a verb the recognizer took in ("Obama Says"); and the honorific's gender."""
    toks = [t for t in ent if not t.is_punct or t.text in (".", "-", "'", "\u2019")]
    cut = next((n for n, t in enumerate(toks) if n and t.text in _GLUE and t.doc[t.i - 1].whitespace_), None)
    if cut is not None:
        toks = toks[:cut]   # a spaced dash ends the name: "Maria Lopez - the mayor"
    gender = ""
    while len(toks) > 1 and (toks[0].lower_.rstrip(".") in lx.TITLE_NOUNS or toks[0].lower_.rstrip(".") in lx.TITLE_FORMS
                             or toks[0].lower_ in lx.HONORIFIC_GENDER):
        gender = lx.HONORIFIC_GENDER.get(toks[0].lower_, gender)
        toks = toks[1:]
    while toks and (toks[-1].text in ("'s", "\u2019s") or toks[-1].pos_ in ("VERB", "AUX")):
        toks = toks[:-1]
    while toks and toks[0].pos_ in ("VERB", "AUX") and not _first_name_tagged_verb(toks[0], ent):
        toks = toks[1:]
    words = _joined(toks)
    doc = ent.doc
    if words and ent.end < len(doc) and doc[ent.end].text.rstrip(".").lower() in lx.NAME_SUFFIXES \
            and not doc[ent.end - 1].whitespace_ == "":
        words.append(doc[ent.end].text)   # "Brent Bozell III", "Martin Luther King Jr."
    return words, gender


def _first_name_tagged_verb(tok: Token, ent: SpacySpan) -> bool:
    """"Will" of "Will Estrada", tagged a modal: a capitalised first name the lexicon knows,
    opening the name, inside a sentence or before a comma ("Will Estrada, the chairman, said");
    not "Will Trump win?" at a sentence's start."""
    doc = ent.doc
    if tok.i != ent.start or not tok.text[:1].isupper() or not known_first_name(tok.lower_) or len(ent) < 2:
        return False
    return not tok.is_sent_start or ent.end < len(doc) and doc[ent.end].text == ","


def _joined(toks: list[Token]) -> list[str]:
    """The words of a name, a hyphen or apostrophe the tokenizer split off kept inside its word
    ("Holtz-Eakin", "O'Neill")."""
    words: list[str] = []
    glue = False
    for tok in toks:
        doc = tok.doc
        if words and (glue or tok.text in _GLUE and tok.i > 0 and not doc[tok.i - 1].whitespace_):
            words[-1] += tok.text
        else:
            words.append(tok.text)
        # a spaced dash is no hyphen ("Maria Lopez - the mayor - said")
        glue = tok.text in _GLUE and not tok.whitespace_ or not tok.whitespace_ and tok.i + 1 < len(doc) and (
            doc[tok.i + 1].text in _GLUE and not doc[tok.i + 1].whitespace_)
    return [w for w in words if w not in _GLUE]


_GLUE = ("-", "'", "\u2019")


def _first_name_like(tok: Token) -> bool:
    """A capitalised proper noun that may be a first name: not a title, an honorific, a place or a
    nationality, and not the first word of a sentence that any word could start, unless the parser
    made it the first part of the name after it ("Tashfeen Malik, one of two attackers, posted")."""
    low = tok.lower_.rstrip(".")
    free_start = tok.is_sent_start and not (tok.dep_ in ("compound", "flat") and tok.head.i == tok.i + 1)
    return (tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper() and not free_start
            and low not in lx.TITLE_NOUNS and low not in lx.TITLE_FORMS and tok.lower_ not in lx.HONORIFIC_GENDER
            and tok.ent_type_ not in ("GPE", "NORP", "LOC", "DATE", "FAC", "EVENT", "WORK_OF_ART"))


def clean_name(ent: SpacySpan) -> str:
    return " ".join(name_words(ent)[0])


def _key(word: str) -> str:
    return word.lower().rstrip(".").replace("\u2019", "'")


def _surname(words: list[str]) -> str:
    """The last word of a name that is not a suffix ("Bozell" of "Brent Bozell III")."""
    names = [w for w in words if _key(w) not in lx.NAME_SUFFIXES] or words
    return _key(names[-1])


class People:
    def __init__(self, index: DocIndex):
        self.index = index
        doc = index.doc
        mentions = [with_nickname(e) for e in doc.ents
                    if e.label_ == "PERSON" and not index.in_quote(e[0]) and e.text[:1].isupper()
                    and not owned_by_outlet(e) and not definite_body(e)]
        # Names the entity recognizer missed, after a title ("Mayor Ana Ruiz") or beside a role
        # ("the governor's press secretary, Helen Park"), by their last token.
        self.titled: dict[int, SpacySpan] = {}
        for name in titled_names(doc, index.proper_nouns) + names_beside_roles(doc, index.proper_nouns) \
                + names_tagged_as_organisations(doc):
            if not index.in_quote(name[0]) and name.end - 1 not in self.titled:
                self.titled[name.end - 1] = name
                mentions.append(name)
        mentions = without_headline_words(sorted(mentions, key=lambda e: e.start_char), index)
        self.persons: list[SpacySpan] = []       # every name mention that resolved, in order
        self.everyone: list[Person] = []
        self._by_first_last: dict[tuple[str, str], Person] = {}
        self._by_full: dict[str, Person] = {}
        self._by_last: dict[str, list[Person]] = {}
        self._by_first: dict[str, list[Person]] = {}
        self._by_token: dict[int, Person] = {}
        for ent in mentions:
            words, _ = name_words(ent)
            if len(words) >= 2:
                self._person_named(words)
        self._fold_name_tails()
        for ent in mentions:
            found = describe_name(ent)
            person = self._resolve_mention(ent, {title_word_of(t) for t in found.titles})
            if person is not None:
                self._attach(person, ent, found)
        self._complete_names(index)
        self.starts = [e.start_char for e in self.persons]
        self._bare_surnames(index, {t.i for ent in mentions for t in ent})
        self._by_full = {p.full: p for p in self.everyone}
        self._surnames = {p.last for p in self.everyone}
        # he/she/his/her outside quotes, in order, and whom each refers to (pronouns.py)
        self.chain: list[Token] | None = None
        self.chain_starts: list[int] = []
        self.chain_done = 0
        self.referents: dict[int, Person | None] = {}

    def settle(self) -> None:
        """Once every profile is read (epithets.py adds to them): people as affiliations, below."""
        for person in self.everyone:
            self.drop_people(person.profile)

    def drop_people(self, found: Descriptors) -> None:
        """Without the affiliations that are people of the document: "Trump's Robby Mook" (the
        recognizer may take "Trump" for an organisation), "Hillary Clinton's chief of staff";
        except that a candidate's staff ("Clinton spokesman Josh Schwerin", "Donald Trump's
        campaign manager") work for the candidate's campaign, "Clinton campaign"."""
        staff = any(staff_title(t) for t in found.titles)
        kept = []
        for value in found.affiliations:
            if not self._names_person(value):
                kept.append(value)
                continue
            boss = self._by_full.get(value) or next(iter(self._by_last.get(_key(value.split()[-1]), [])), None)
            if staff and boss is not None and (candidate(boss) or any("campaign" in t.lower() for t in found.titles)):
                campaign = f"{without_possessive(value).split()[-1]} campaign"
                if campaign not in kept:
                    kept.append(campaign)
        found.affiliations = kept

    def _names_person(self, text: str) -> bool:
        words = text.split()
        return bool(words) and (text in self._by_full or len(words) <= 3 and _key(words[-1]) in self._surnames
                                and all(w[:1].isupper() for w in words))

    def _complete_names(self, index: DocIndex) -> None:
        """A person known by one word only ("Farid") whose first name the recognizer left out
        of every entity ("… said Hany Farid, a computer scientist"): the capitalised name right
        before the surname, outside quote marks, completes it."""
        doc = index.doc
        for person in self.everyone:
            if " " in person.full:
                self._complete_first_name(person, doc)
                continue
            for tok in index.tokens_written(person.last):
                prev = doc[tok.i - 1] if tok.i > 0 else None
                if prev is None or index.in_quote(tok) or not _first_name_like(prev):
                    continue
                if (_key(prev.text), person.last) in self._by_first_last:
                    continue
                self._add_first_name(person, prev.text)
                break
            else:
                self._complete_from_quotes(person, index)

    def _complete_from_quotes(self, person: Person, index: DocIndex) -> None:
        """The fullest form is the one used anywhere in the article: one first name written before
        the surname, in one entity, only inside quote marks, completes it."""
        firsts = {index.doc[t.i - 1].text for t in index.tokens_written(person.last) if t.i > 0 and index.in_quote(t)
                  and t.ent_type_ == "PERSON" and t.ent_iob_ == "I" and _first_name_like(index.doc[t.i - 1])}
        if len(firsts) == 1 and (_key(next(iter(firsts))), person.last) not in self._by_first_last:
            self._add_first_name(person, firsts.pop())

    def _complete_first_name(self, person: Person, doc: Doc) -> None:
        """"Rep. Debbie Wasserman Schultz" where the recognizer's name is "Wasserman Schultz": a
        known first name right before every word of a name, hung on it, completes it."""
        for ent in person.mentions:
            prev = doc[ent.start - 1] if ent.start > 0 else None
            if prev is None or not _first_name_like(prev) or prev.ent_type_ or prev.head.i not in range(ent.start, ent.end) \
                    or not known_first_name(prev.lower_):
                continue
            if " ".join(name_words(ent)[0]) != person.full:
                continue
            self._add_first_name(person, prev.text)
            self._by_first_last.setdefault((person.first, person.last), person)
            return

    def _bare_surnames(self, index: DocIndex, taken: set[int]) -> None:
        """A surname alone that the recognizer left unlabelled ("..., Stovall said") is a mention
        of its person for the pronouns that speak and the chain of pronouns (``mentioned_before(...,
        bare=True)``, pronouns.antecedent), not for whom a description is of: counted there, a
        much-named person took a definite description no title fits more often ("the <state>
        governor"), which cost the dev split its affiliation floor (625f7ec). Its surroundings are
        not read for the profile, nor is it among the person's mentions; except its own clause
        ("Lynch was a partner at Hogan & Hartson", "Clarke works for …": name_phrases.clause_affiliations)."""
        found = []
        self._bare_of: dict[int, Person] = {}
        for ent in bare_surnames(index, {p.last for p in self.everyone}, taken):
            person = self._resolve_mention(ent)
            if person is not None:
                found.append(ent)
                self._bare_of[ent.start] = person
                person.profile.affiliations += [a for a in clause_affiliations(ent)
                                                if a not in person.profile.affiliations]
        self.spoken = sorted(self.persons + found, key=lambda e: e.start_char)
        self.spoken_starts = [e.start_char for e in self.spoken]

    def _add_first_name(self, person: Person, first: str) -> None:
        person.full, person.first = f"{first} {person.full}", _key(first)
        self._by_first.setdefault(person.first, []).append(person)

    # --- building ----------------------------------------------------------------------------------
    def _person_named(self, words: list[str]) -> Person:
        key = (_key(words[0]), _surname(words))
        person = self._by_first_last.get(key)
        if person is None:
            person = Person(f"p{len(self.everyone) + 1}", " ".join(words), key[0], key[1])
            self._by_first_last[key] = person
            self.everyone.append(person)
            self._by_last.setdefault(key[1], []).append(person)
            self._by_first.setdefault(key[0], []).append(person)
        elif len(words) > len(person.full.split()):
            person.full = " ".join(words)
        return person

    def _fold_name_tails(self) -> None:
        """A name that is the end of exactly one fuller name of the same surname is that person:
        "De Blasio" of "Bill de Blasio", "Guajardo Villarreal" of "Ildefonso Guajardo Villarreal",
        "Suu Kyi" of "Aung San Suu Kyi" (their first words differ, so they were two people)."""
        for short in list(self.everyone):
            fuller = self._fuller_names(short.full.split())
            if len(fuller) != 1:
                continue
            self._by_first_last[(short.first, short.last)] = fuller[0]
            self.everyone.remove(short)
            self._by_last[short.last].remove(short)
            self._by_first[short.first].remove(short)

    def _resolve_mention(self, ent: SpacySpan, hints: set[str] = frozenset()) -> Person | None:
        """The person a name mention refers to; ``hints``: the titles it is given beside it."""
        words, honorific = name_words(ent)
        if not words:
            return None
        if len(words) >= 2:
            return self._by_first_last.get((_key(words[0]), _surname(words))) or self._ending_with(words, ent.start_char)
        title = self._words_before(ent) | set(hints)
        if not honorific and ent.start > 0:   # "Mrs. Marsh", the recognizer's name without its "Mrs."
            honorific = lx.HONORIFIC_GENDER.get(ent.doc[ent.start - 1].lower_, "")
        return self.one_word(words[0], ent.start_char, honorific, title) or self._person_named(words)

    def _words_before(self, ent: SpacySpan) -> set[str]:
        """The title words right before a one-word name, up to three ("Sen. Cruz", "Homeland Security
        Secretary Johnson"), not across punctuation or out of quote marks: in '"... attack my father,"
        Cruz said' the quoted "father" is no title of Cruz."""
        doc, found = ent.doc, set()
        for k in range(ent.start - 1, max(-1, ent.start - 4), -1):
            if doc[k].is_punct or self.index.in_quote(doc[k]):
                break
            found.add(title_word(doc[k]))
        return found

    def _ending_with(self, words: list[str], at: int) -> Person | None:
        """A person whose fuller name ends with these words: "De Blasio" for "Bill de Blasio",
        "Wasserman Schultz" for "Debbie Wasserman Schultz"."""
        found = self._fuller_names(words)
        return max(found, key=lambda p: last_seen(p, at)) if found else None

    def _fuller_names(self, words: list[str]) -> list[Person]:
        """The people whose name has more words than ``words`` and ends with them."""
        tail = [_key(w) for w in words]
        return [p for p in self._by_last.get(_surname(words), [])
                if len(p.full.split()) > len(tail) and [_key(w) for w in p.full.split()][-len(tail):] == tail]

    def _attach(self, person: Person, ent: SpacySpan, found: Descriptors) -> None:
        person.mentions.append(ent)
        person.starts.append(ent.start_char)
        if len(name_words(ent)[0]) > 1:
            person.named_at.append(ent.start_char)
        self.persons.append(ent)
        for tok in ent:
            self._by_token[tok.i] = person
        person.profile.add(found)
        _, honorific = name_words(ent)
        for gender in found.genders + ([honorific] if honorific else []):
            person.vote(gender, STRONG)

    # --- questions -----------------------------------------------------------------------------------
    def one_word(self, word: str, at: int, honorific: str = "", hints: set[str] = frozenset()) -> Person | None:
        """The person a one-word name at offset ``at`` stands for (a surname, else a first name)."""
        key = _key(word)
        candidates = self._by_last.get(key) or self._by_first.get(key) or []
        if len(candidates) > 1 and honorific:
            candidates = [p for p in candidates if p.likely_gender in ("", honorific)] or candidates
        if len(candidates) > 1 and hints:
            titled = [p for p in candidates if hints & {title_word_of(t) for t in p.profile.titles}]
            candidates = titled or candidates
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        return namesake(candidates, at)

    def person_of(self, tok: Token) -> Person | None:
        """The person a token of a name mention refers to, or the person its word names."""
        found = self._by_token.get(tok.i)
        if found is not None:
            return found
        ent = person_ent(tok) or self.titled.get(tok.i)
        if ent is not None:
            return self._resolve_mention(ent)
        if tok.text[:1].isupper() and tok.text.replace("'", "").replace("-", "").replace("\u2019", "").isalpha():
            return self.one_word(tok.text, tok.idx)
        return None

    def is_known_person(self, tok: Token) -> bool:
        """A capitalised word that names a person named in full elsewhere ("Trump", "Bessent")."""
        return tok.text[:1].isupper() and tok.pos_ in ("PROPN", "ADJ", "NOUN") and _key(tok.text) in self._surnames

    def is_family(self, tok: Token) -> bool:
        """"the Khans", "the Clintons": a plural of a person's surname, a family, not the person."""
        word = _key(tok.text)
        return (tok.tag_ in ("NNP", "NNPS") and word.endswith("s") and tok.text[:1].isupper()
                and (word[:-1] in self._surnames or word.endswith("es") and word[:-2] in self._surnames)
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children))

    def mentioned_before(self, at: int, window: int, bare: bool = False) -> list[SpacySpan]:
        """Name mentions that start in [at - window, at); with ``bare``, the bare surnames too."""
        persons, starts = (self.spoken, self.spoken_starts) if bare else (self.persons, self.starts)
        lo = bisect_right(starts, at - window - 1)
        hi = bisect_right(starts, at - 1)
        return persons[lo:hi]

    def person_at(self, ent: SpacySpan) -> Person | None:
        return self._by_token.get(ent.start) or self._bare_of.get(ent.start)

    def by_name(self, full: str) -> Person | None:
        return self._by_full.get(full)


def staff_title(title: str) -> bool:
    """A title of someone who works for a person: "spokesman", "campaign manager", "chief strategist"."""
    words = title.lower().split()
    return bool(words) and (words[-1] in lx.STAFF_NOUNS or "campaign" in words)


def candidate(person: Person) -> bool:
    """Running for office: the article names their campaign, or calls them "candidate",
    "front-runner", "nominee"."""
    return person.runs or any(word in lx.CANDIDACY_NOUNS for title in person.profile.titles for word in title.lower().split())


def title_word_of(title: str) -> str:
    """The word a title stands for ("Gov." -> governor), from its last word."""
    words = title.lower().split()
    last = words[-1].rstrip(".") if words else ""
    return lx.TITLE_FORMS.get(last, last)
