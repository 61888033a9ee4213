"""What a name mention's own phrase says about its person: the words before it (descriptors.py),
an appositive or relative clause after it (", a budget analyst with …", ", who teaches law at …",
", a former adviser who is now a fellow at …"), the role it is the name of ("The mayor's chief of
staff, Daniel Ortiz,"), the organisation it is in the possessive of ("CNBC's Becky Quick"), and
its party-and-state tag."""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.pipeline.lemmas import lemma
from quotes_service.extract.speakers.descriptors import (
    before_name, coordinated, names_an_organisation, org_phrase, possessor, role_phrase,
)
from quotes_service.extract.speakers.nouns import person_noun
from quotes_service.extract.speakers.profiles import looks_like_acronym
from quotes_service.extract.speakers.standing import (Descriptors, bracketed_place, is_political, party_tag,
                                                      represented_place)


def after_name(ent: SpacySpan) -> Descriptors:
    """An appositive or relative clause after the name, and a party-and-state tag."""
    out = Descriptors()
    root, doc = ent.root, ent.doc
    for child in root.children:
        if child.i < ent.end:
            continue
        if child.dep_ == "appos" and child.ent_type_ != "PERSON" and doc[child.left_edge.i - 1].text != "(":
            for head in coordinated(child):
                out.add(role_phrase(head))
                for clause in (c for c in head.children if c.dep_ == "relcl"):
                    out.add(_relative_clause(clause))   # ", a former adviser who is now a fellow at …"
        elif child.dep_ == "relcl":
            out.add(_relative_clause(child))
        elif child.dep_ == "prep" and child.lower_ == "of" and child.i == ent.end:
            out.add(_of_phrase(child))
    out.add(party_tag(ent))
    return out


def _relative_clause(verb: Token) -> Descriptors:
    """", who heads the state party" -> title head, affiliation state party; ", who is the director
    of X" -> the role phrase of its complement."""
    out = Descriptors()
    if not any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in verb.children):
        return out
    if lemma(verb) in lx.WORK_VERBS:
        out.affiliations += _workplaces(verb)
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
            role = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if role is not None and person_noun(role):
                out.add(role_phrase(role))   # ", who served as Hillary Clinton's chief of staff"
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None)
    if obj is None:
        return out
    if lemma(verb) in ("head", "lead", "run", "chair", "direct"):
        out.titles.append({"chair": "chair", "direct": "director"}.get(lemma(verb), "head"))
        if names_an_organisation(obj):
            out.affiliations.append(org_phrase(obj))
    elif lemma(verb) == "be":
        out.add(role_phrase(obj))
    return out


def _workplaces(verb: Token) -> list[str]:
    """", who teaches law at Washington University", ", who works for the city": the organisations
    a verb of working is at, for or with (on the verb or on its object)."""
    out = []
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    for prep in [c for c in verb.children if c.dep_ == "prep"] + ([c for c in obj.children if c.dep_ == "prep"] if obj is not None else []):
        place = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if prep.lower_ in ("at", "for", "with") and place is not None and names_an_organisation(place):
            out.append(org_phrase(place))
    return out


def _of_phrase(prep: Token) -> Descriptors:
    """"Josh Lipsky of the Atlantic Council": an organisation; a place only with a political title
    (checked by the caller's profile, as "of Memphis" after a name is a home town)."""
    out = Descriptors()
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is not None and names_an_organisation(obj):
        out.affiliations.append(org_phrase(obj))
    return out


OWNER_ENTS = frozenset({"ORG", "FAC", "WORK_OF_ART", "PRODUCT"})   # the recognizer's labels for outlets, too


def _owner(ent: SpacySpan) -> str:
    """"The Blaze's Matt Walsh", "CNBC's Becky Quick": the organisation the name is in the
    possessive of ("Clinton's Robby Mook" is a person's: not an affiliation)."""
    for child in ent.root.lefts:
        if child.dep_ == "poss" and child.i < ent.start and child.pos_ == "PROPN" and (
                child.ent_type_ in OWNER_ENTS or not child.ent_type_ and looks_like_acronym(child.text)
                or _definite_name(child)):
            return possessor(child)
    return ""


def _definite_name(tok: Token) -> bool:
    """A proper noun after "the" ("The Blaze", "The Tribune"): an organisation's name, which the
    recognizer may label a person's; a person's name takes no article."""
    return any(c.dep_ == "det" and c.lower_ == "the" and c.i == tok.left_edge.i for c in tok.children)


def owned_by_outlet(ent: SpacySpan) -> bool:
    """A "person" that is "the" proper noun in the possessive of a name ("The Blaze's Matt
    Walsh"): the outlet the name works for (``_owner``), no person."""
    root = ent.root
    return root.dep_ == "poss" and _definite_name(root) and root.head.ent_type_ == "PERSON" \
        and root.head.i not in range(ent.start, ent.end)


def definite_body(ent: SpacySpan) -> bool:
    """A "person" of several words right after a "the" of its own: "the Obama White House", "the
    Clinton Foundation", a body the recognizer took for a name (a family, "the Clintons", is plural)."""
    doc, root = ent.doc, ent.root
    return len(ent) > 1 and ent.start > 0 and doc[ent.start - 1].lower_ == "the" \
        and doc[ent.start - 1].head.i == root.i and root.tag_ != "NNPS"


def _fronted_roles(ent: SpacySpan) -> list[Token]:
    """"A lawyer, Khan has long ...", "A former prosecutor at the Justice Department, Ana Ruiz said
    ...": an indefinite role that opens the sentence, then a comma and the name that is the
    subject (the parser hangs the role on the verb as a second subject or an adverb)."""
    doc, root = ent.doc, ent.root
    if root.dep_ != "nsubj" or ent.start < 2 or doc[ent.start - 1].text != ",":
        return []
    return [c for c in root.head.children
            if c.dep_ in ("nsubj", "npadvmod") and c.i < ent.start and c.pos_ == "NOUN" and c.left_edge.is_sent_start
            and c.right_edge.i == ent.start - 2 and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)
            and person_noun(c)]


NAMING_VERBS = frozenset("be become remain name appoint elect".split())


def _predicated_roles(ent: SpacySpan) -> list[Token]:
    """"Ruiz is co-founder and director of the Harbor Fund", "Ruiz was named executive director of
    the league": the positions the name's clause says it holds (a relation, "a critic of the
    league", is none)."""
    verb = _verb_of_subject(ent.root)
    if verb is None or lemma(verb) not in NAMING_VERBS:
        return []
    found = []
    for comp in verb.children:
        if comp.dep_ in ("attr", "oprd") and comp.pos_ == "NOUN":
            found += [r for r in coordinated(comp) if (person_noun(r) or lemma(r) in lx.POSITION_NOUNS)
                      and lemma(r) not in lx.RELATIONAL_NOUNS]
    return found


def clause_affiliations(ent: SpacySpan) -> list[str]:
    """The bodies the name's own clause says it works at or holds a position in: "Ruiz is a senior
    fellow at the Brookings Institution", "Lynch worked at a North Carolina law firm, Moore & Van
    Allen", "Rankin works for the state transportation department"."""
    out: list[str] = []
    for role in _predicated_roles(ent):
        out += [a for a in role_phrase(role).affiliations if a not in out]
    verb = _verb_of_subject(ent.root)
    if verb is not None and ent.root.dep_ == "nsubj" and lemma(verb) in lx.WORK_VERBS:
        out += [a for a in _workplaces(verb) if a not in out]
    return out


def _verb_of_subject(root: Token) -> Token | None:
    """The verb a name is the subject of; also a verb with no subject of its own after a fronted
    phrase the parser hung the name in ("In 1990 Ruiz, then 30, was named ...": "Ruiz" the object
    of "In")."""
    if root.dep_ in ("nsubj", "nsubjpass"):
        return root.head
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX") or prep.head.i < root.i:
        return None
    verb = prep.head
    return None if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children) else verb


def describe_name(ent: SpacySpan) -> Descriptors:
    """Everything one name mention says about its person."""
    out = before_name(ent)
    out.add(after_name(ent))
    head = ent.root.head
    if ent.root.dep_ == "appos" and head.i < ent.start and person_noun(head) and ent.doc[ent.start - 1].text == ",":
        # "The mayor's chief of staff, Daniel Ortiz,": the name describes its head's role.
        for role in coordinated(head):
            out.add(role_phrase(role))
    for role in _fronted_roles(ent):
        out.add(role_phrase(role))
    out.affiliations += [a for a in clause_affiliations(ent) if a not in out.affiliations]
    owner = _owner(ent)
    if owner and owner not in out.affiliations:
        out.affiliations.append(owner)
    place = represented_place(ent) or bracketed_place(ent)
    if place and any(is_political(t) for t in out.titles):
        out.affiliations.append(place)
        out.places.append(place)
    return out
