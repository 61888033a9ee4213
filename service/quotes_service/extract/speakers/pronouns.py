"""Which person a "he" or "she" refers to: the most salient person of a gender that does not
contradict it, as news prose makes a referent salient: the subject of a recent sentence
(centering), more than an object or a name inside a prepositional phrase, and the speaker of
the quote just before, when the pronoun attributes the next one.

The gender checked is the one the text gives the person, else the one a common first name
suggests: a prior for choosing the antecedent only. The gender the service reports comes from
the text alone (person.Person.gender).
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span as SpacySpan, Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.speakers.people import People
from quotes_service.extract.speakers.person import Person

ANTECEDENT_REACH = 1500   # characters back that a pronoun may reach for its person
RECENT_SPEAKERS = 20      # earlier speakers considered as a pronoun's antecedent
# Weights chosen on the pronoun speakers of the annotated train documents (tools/data), where they
# pick the annotated person 87.5% of the time (82.8% with the first guess 2/1/0.8/0.3, 1, 0.5, 1.5,
# 0.5); neighbouring values do within a point of it.
SUBJECT, OBJECT, OTHER, OBLIQUE = 3.0, 1.5, 0.8, 0.3   # how salient a mention's grammatical role makes it
PER_SENTENCE = 1.5        # salience lost for every sentence between the mention and the pronoun
PER_PARAGRAPH = 0.5       # and for every paragraph break
EMBEDDED_SUBJECT = 2.0    # the subject of a clause inside another ("Cruz won, Vance said": Cruz)
LAST_SPEAKER = 1.5        # the speaker of the quote just before a pronoun that attributes a quote
EARLIER_SPEAKER = 0.0     # a speaker of an earlier quote, not mentioned by name since
NAMED_IN_QUOTE = 3.0      # salience lost by a person the quote attributed names (a speaker seldom names themself)
CHAINED = ("he", "she", "him", "his", "her")   # pronouns that keep their person salient


def _disagrees(person: Person | None, gender: str) -> bool:
    return bool(person and gender and person.likely_gender and person.likely_gender != gender)


def _role(ent: SpacySpan) -> float:
    """Subjects are most salient, the subject of the sentence's main clause more than that of a
    clause inside it (centering: "Cruz wowed the crowds, Vance said. 'He was persuasive,' he
    said" is Vance's); a subject's appositive or the name inside it counts as one. A name
    that modifies another noun ("McConnell spokesman Don Stewart", "the Obama campaign") is no
    participant of the clause: it counts as any other mention."""
    tok = ent.root
    if tok.dep_ == "compound" and tok.head.i >= ent.end:
        return OTHER
    while tok.dep_ in ("appos", "compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass", "csubj"):
        return SUBJECT if _main_clause(tok.head) else EMBEDDED_SUBJECT
    if tok.dep_ in ("dobj", "attr", "dative", "oprd", "ROOT"):
        return OBJECT
    if tok.dep_ == "pobj":
        return OBLIQUE
    return OTHER


def _main_clause(verb: Token) -> bool:
    """The verb heads its sentence, or a clause coordinated with the one that does."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _breaks(text: str) -> int:
    return text.count("\n\n") or text.count("\n")


def salience(people: People, ent: SpacySpan, pronoun: Token) -> float:
    index = people.index
    sentences = index.sentence_number(pronoun.i) - index.sentence_number(ent.root.i)
    paragraphs = _breaks(index.text[ent.end_char:pronoun.idx])
    return _role(ent) - PER_SENTENCE * sentences - PER_PARAGRAPH * paragraphs


def antecedent(people: People, pronoun: Token, recent_speakers: list[tuple[int, str]],
               gender: str | None = None, accept=lambda person: True, bare: bool = False,
               quoted: frozenset[str] = frozenset()) -> Person | None:
    """The person a he/she (or a definite description at ``pronoun``, of ``gender``) most likely
    refers to (see the module docstring), among those ``accept`` allows; or None. A person named in
    ``quoted``, the words in marks the pronoun attributes, is less likely its speaker. With ``bare``,
    a surname the recognizer left unlabelled counts as a mention too (people.py): for a pronoun
    that speaks (resolver.py) and the chain of pronouns, not for what decides whom a description
    is of (epithets.py, nominations.py, a role's epithet in fields.py). Counted for a speaker's
    epithet ("the governor said"), the much-named person it made more salient took it more
    often: dev affiliation F1 .706 -> .676; for the speakers' pronouns and the chain, annotated
    train documents canonical .896 -> .908, dev .865 -> .870, dev affiliation .704 -> .706."""
    gender = lx.GENDERED_PRONOUNS.get(pronoun.lower_, "") if gender is None else gender
    scores = _mention_scores(people, pronoun, gender, accept, bare)
    speakers = [(at, people.by_name(name)) for at, name in recent_speakers[-RECENT_SPEAKERS:]
                if at <= pronoun.idx and pronoun.idx - at < ANTECEDENT_REACH]
    for rank, (at, person) in enumerate(reversed(speakers)):
        if person is None or _disagrees(person, gender) or not accept(person):
            continue
        bonus = LAST_SPEAKER if rank == 0 else EARLIER_SPEAKER
        base = scores.get(person.id, (OTHER - PER_SENTENCE * 2, person))[0]
        scores[person.id] = (base + bonus, person)
    if not scores:
        return None
    return max(scores.values(), key=lambda pair: pair[0] - NAMED_IN_QUOTE * named_in(pair[1], quoted))[1]


def cataphoric(people: People, pronoun: Token, gender: str) -> Person | None:
    """"In what he called a rant, Obama took a swipe at ...": a he/she inside a phrase or clause set
    before its sentence's subject refers forward to that subject, when it names a person of a
    gender that does not contradict the pronoun."""
    root = pronoun.sent.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > pronoun.i), None)
    if subject is None or subject.ent_type_ != "PERSON":
        return None
    fronted = next((c for c in root.children if c.dep_ in ("prep", "advcl") and c.i < subject.i
                    and c.left_edge.i <= pronoun.i <= c.right_edge.i), None)
    person = people.person_of(subject) if fronted is not None else None
    return None if person is None or _disagrees(person, gender) else person


def _mention_scores(people: People, pronoun: Token, gender: str, accept, bare: bool) -> dict[str, tuple[float, Person]]:
    """Person id -> (the salience of its most salient mention before ``pronoun``, the person): its
    names, and the pronouns before that refer to it ("Pate said that he hosted Bush aboard his jet.
    'I have no campaign,' he said": the subject "he" keeps Pate salient over Bush)."""
    scores: dict[str, tuple[float, Person]] = {}
    mentions = [(ent, people.person_at(ent)) for ent in people.mentioned_before(pronoun.idx, ANTECEDENT_REACH, bare)]
    mentions += [(tok.doc[tok.i:tok.i + 1], person) for tok, person in _pronouns_before(people, pronoun)
                 if lx.GENDERED_PRONOUNS[tok.lower_] == gender or not gender]
    fits: dict[str, bool] = {}   # asked once a person: a gender is worked out from every vote
    for ent, person in mentions:
        if person is None:
            continue
        if person.id not in fits:
            fits[person.id] = not _disagrees(person, gender) and accept(person)
        if not fits[person.id]:
            continue
        score = salience(people, ent, pronoun)
        if person.id not in scores or score > scores[person.id][0]:
            scores[person.id] = (score, person)
    return scores


def quoted_words(index, pronoun: Token) -> frozenset[str]:
    """The capitalised words in quote marks of the pronoun's sentence, the words it attributes; not
    a name that modifies a noun ("the Lund voters"), which speaks of no one."""
    return frozenset(t.text for t in pronoun.sent if t.text[:1].isupper() and index.in_quote(t)
                     and not (t.dep_ == "compound" and t.head.pos_ == "NOUN"))


def named_in(person: Person, words: frozenset[str]) -> bool:
    """The person is named by a word of ``words``: a speaker seldom names themself in the third
    person ("'We will not vote for Lund,' he said" is not Lund's)."""
    return bool(words) and any(word in words for word in person.full.split() if len(word) > 2)


CHAIN_REACH = 8   # pronouns back that keep their person salient (a text of nothing but pronouns stays linear)


def _pronouns_before(people: People, pronoun: Token) -> list[tuple[Token, Person | None]]:
    """The third-person singular pronouns outside quote marks within reach before ``pronoun``, each
    with the person it refers to. They are resolved once, in the text's order, each from the names
    and the pronouns before it (never from the quotes' speakers, which depend on the pass that asks:
    a pronoun means one person, whoever asks)."""
    chain = people.chain
    if chain is None:
        index = people.index
        chain = sorted((t for word in CHAINED for t in index.tokens_written(word) if not index.in_quote(t)),
                       key=lambda t: t.i)
        people.chain, people.chain_starts = chain, [t.idx for t in chain]
    while people.chain_done < len(chain) and chain[people.chain_done].idx < pronoun.idx:
        tok = chain[people.chain_done]
        people.chain_done += 1   # first: its own scores read only the pronouns before it
        found = _mention_scores(people, tok, lx.GENDERED_PRONOUNS[tok.lower_], lambda person: True, True)
        people.referents[tok.i] = max(found.values(), key=lambda pair: pair[0])[1] if found else None
    hi = bisect_left(people.chain_starts, pronoun.idx)
    lo = max(bisect_left(people.chain_starts, pronoun.idx - ANTECEDENT_REACH), hi - CHAIN_REACH)
    return [(tok, people.referents.get(tok.i)) for tok in chain[lo:hi]]


PLURAL_REACH = 2          # sentences back that "they" looks for the group it stands for


def _plural(tok: Token) -> bool:
    """A subject that names several people or a body: "officials", "Democrats", "the company",
    "Smith and Jones"."""
    if tok.pos_ == "PRON" or tok.lower_ in lx.GROUP_DETERMINERS:
        return False
    return (tok.tag_ in ("NNS", "NNPS") or tok.ent_type_ in ("ORG", "NORP")
            or lemma(tok) in lx.INSTITUTION_NOUNS or lemma(tok) in lx.ORGANISATION_KINDS
            or any(c.dep_ == "conj" for c in tok.children) and tok.pos_ == "PROPN")


def plural_antecedent(index, pronoun: Token, depth: int = 2) -> Token | None:
    """The head of the group a "they" refers to: the nearest plural subject before it, in its own
    sentence or the two before, outside quote marks; None when there is none. The subject of a
    sentence's main clause comes before one inside a clause it governs ("Analysts said the
    companies would wait. They added ...": the analysts), as for he and she (centering); a main
    subject that is itself a "they" stands for what it refers to. Annotated train documents:
    canonical .910 -> .914 (five of the eight "they" that went to the wrong group)."""
    number = index.sentence_number(pronoun.i)
    reported = pronoun.head.head if pronoun.head.dep_ not in ("ROOT", "conj") else None   # "Costs, they said, would rise": what they said has no say in who they are
    embedded = None
    for n in range(number, max(-1, number - PLURAL_REACH - 1), -1):
        start, end = index.sentence_bounds(n)
        subjects = [t for t in index.doc[start:min(end, pronoun.i)]
                    if t.dep_ in ("nsubj", "nsubjpass") and not index.in_quote(t) and t.head != reported]
        main = [t for t in subjects if _main_clause(t.head)]
        if main and _plural(main[-1]):
            return main[-1]
        if main and main[-1].lower_ == "they" and depth:
            return plural_antecedent(index, main[-1], depth - 1)
        embedded = embedded or next((t for t in reversed(subjects) if _plural(t)), None)
    return embedded
