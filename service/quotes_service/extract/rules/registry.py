"""Every attribution rule, in one table: its name, its family, the function that finds it, how sure it is.

The order of the table is the order rules are tried. Families:

* ``after`` and ``before``: a passage in quote marks, read from the words after its closing
  mark, then (if none of those attribute it) before its opening mark; the first rule of the
  side that answers wins, and a rule may end its side (``STOP``);
* ``around``: a quoted fragment inside a reporting clause, tried when neither side attributes it;
* ``follow_on``: a quote with no attribution of its own continuing the one before (assembly);
* ``reported``: reported speech without quote marks; every rule reads the whole document.

``confidence`` is calibrated on 400 articles of the PolNeAR train split (``python -m
quotes_tools.calibrate``): roughly the share of the rule's quotes that match a gold quote with
the right speaker. Adding a rule is one entry here, its function in a family module, and rows
naming it in tests/rules/test_rules.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.marks import Marked
from quotes_service.extract.rules import according, clauses, headline, objects, predicate, quoted, relative
from quotes_service.extract.rules.base import STOP, Attribution, Reported

AFTER, BEFORE, AROUND, FOLLOW_ON, REPORTED = "after", "before", "around", "follow_on", "reported"


@dataclass(frozen=True)
class Rule:
    name: str
    family: str
    find: Callable | None
    confidence: float
    #: an ``after`` rule: a quote it attributes that does not start a sentence is the speaker's
    #: words quoted inside the writer's sentence ('the deal was "terrific," Trump said'): PARTIAL
    partial_mid_sentence: bool = False
    example: str = ""
    #: a ``reported`` rule tried for the cues its main rule left alone (the two never both answer
    #: for one cue); their findings are taken together, in the text's order of their cues
    fallback_of: str = ""


RULES: tuple[Rule, ...] = (
    Rule("headline", AFTER, quoted.headline, 0.85, example='"…": Union Minister CR Patil'),
    Rule("according_after", AFTER, quoted.according_after, 0.9, True, '"…," according to Peter Hall'),
    Rule("after", AFTER, quoted.verb_after, 0.95, True, '"…," Lipsky said / said Scott Kennedy'),
    Rule("set_off", AFTER, quoted.set_off, 0.95, True, '"…," Warren, who has not endorsed anyone, said'),
    Rule("before", BEFORE, quoted.verb_before, 0.85, example='a Treasury spokesperson said: "…"'),
    Rule("according_before", BEFORE, quoted.according_before, 0.9, example='According to the ministry, "…"'),
    Rule("colon_clause", BEFORE, quoted.colon_clause, 0.75, example='Trump went even further: "…"'),
    Rule("name_colon", BEFORE, quoted.name_colon, 0.8, example='- Michael P. McDonald: "At long last …"'),
    Rule("partial", AROUND, quoted.enclosing_cue, 0.7, example='blasted the move as a "power grab"'),
    # (22 of 26 right with the speaker on the 840 train documents, 2026-12-07)
    Rule("clause_fragment", AROUND, predicate.clause_fragment, 0.85,
         example='anticipated that the hardest job would be "dealing with the problems"'),
    Rule("follow_on", FOLLOW_ON, None, 0.6, example="a later paragraph's quote with no attribution of its own"),
    # (31 of 47 right with the speaker on the 840 train documents; most of the rest are reported
    # speech the annotators left out, "a system that he said has favored the richest")
    Rule("relative", REPORTED, relative.relative, 0.65, example="a wall, which he said the city should pay for"),
    Rule("headline_says", REPORTED, headline.headline_says, 0.8, example="Clinton Says Russians Hacked DNC"),
    Rule("clause", REPORTED, clauses.clause, 0.8, example="Trump said that he would …"),
    Rule("clause_after", REPORTED, clauses.clause_after, 0.55, example="vowed the allies would not accept …",
         fallback_of="clause"),
    # Reported content by the contract ("a report found that …") that PolNeAR leaves unannotated:
    # none of 7 matched a gold attribution on the annotated train documents, 1 of 10 on dev.
    Rule("finding", REPORTED, clauses.finding, 0.1, example="A report found that the agency had overspent"),
    Rule("parenthetical", REPORTED, clauses.parenthetical, 0.78, example="The test, North Korea said, was …"),
    Rule("according", REPORTED, according.according, 0.85, example="The plan is dead, according to officials"),
    # (9 of 16 right with the speaker on the first 300 train documents, 2026-12-02)
    Rule("as_reported", REPORTED, clauses.as_reported, 0.55, example="As Clyburn noted, those voters will …"),
    Rule("object", REPORTED, objects.object_speech, 0.55, example="called for a moratorium"),
    # (13 of 15 right with the speaker on the 840 train documents, 2026-12-07; its verbs were
    # chosen on them: 13 of 18 with every indirect speech verb)
    Rule("passive_report", REPORTED, objects.passive_report, 0.75, example="The meeting was first reported by Politico"),
    # (28 of 42 right with the speaker on the 840 train documents)
    Rule("relative_naming", REPORTED, relative.relative_naming, 0.65, example="what he calls corruption in politics"),
    Rule("characterised", REPORTED, objects.characterised, 0.72, example="called the plan a disaster"),
    Rule("undertaking", REPORTED, objects.undertaking, 0.65, example="vowed to fight on"),
    # (7 of 10 right with the speaker on the first 300 train documents, 2026-12-02)
    Rule("pro_form", REPORTED, objects.pro_form, 0.6, example="75 percent said yes; a third said the same"),
)
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}
FOLLOW_ON_RULE = BY_NAME["follow_on"]
SIDES = ((AFTER, quoted.after_side), (BEFORE, quoted.before_side))


def family(name: str) -> tuple[Rule, ...]:
    return tuple(rule for rule in RULES if rule.family == name)


_SIDE_RULES = {name: family(name) for name, _ in SIDES}
_AROUND_RULES = family(AROUND)
_REPORTED_RULES = tuple(rule for rule in family(REPORTED) if not rule.fallback_of)
_FALLBACKS = {rule.name: tuple(r for r in family(REPORTED) if r.fallback_of == rule.name) for rule in _REPORTED_RULES}


def attribute_quoted(m: Marked, index: DocIndex) -> tuple[Rule, Attribution] | None:
    """The first rule that attributes the quoted passage ``m`` from the words after it, then before it."""
    for name, read_side in SIDES:
        side = read_side(m, index)
        if side is None:
            continue
        for rule in _SIDE_RULES[name]:
            found = rule.find(side)
            if found is STOP:
                break
            if found is not None:
                return rule, found
    return None


def attribute_around(m: Marked, index: DocIndex) -> tuple[Rule, Attribution] | None:
    """The first rule that finds the reporting clause a quoted fragment sits in."""
    for rule in _AROUND_RULES:
        found = rule.find(m, index)
        if found is not None:
            return rule, found
    return None


def reported_speech(index: DocIndex) -> list[tuple[Rule, Reported]]:
    """Every rule's reported content, rule by rule in the table's order (a rule with its fallbacks,
    by the position of their cues), each in the order found. Order matters: of two findings with
    mostly the same content, the first is kept."""
    out: list[tuple[Rule, Reported]] = []
    for rule in _REPORTED_RULES:
        found = [(rule, f) for f in rule.find(index)]
        for fallback in _FALLBACKS[rule.name]:
            found += [(fallback, f) for f in fallback.find(index)]
            found.sort(key=lambda pair: pair[1].cue[0].i)
        out += found
    return out
