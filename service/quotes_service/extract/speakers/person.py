"""One person of a document: the forms of its name, its mentions, its profile, and the gender the
text gives it (people.py builds them).

The gender reported is the text's own: Mr./Ms., a gendered noun ("spokeswoman") and pronouns that
refer to the person, when they agree. A first name is never a cue for it; but weak cues alone (a
pronoun or a possessive the rules took for the person's) against a common first name are likelier
misread than true ("Axelrod said her proposals addressed unrest": the proposals are another
woman's), and then no gender is reported; an honorific or a gendered noun stands whatever the name.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan

from quotes_service.extract import lexicon as lx
from quotes_service.extract.speakers.standing import Descriptors

STRONG = 3      # votes a cue of the person's own words gives (Mr./Ms., "spokeswoman"); a pronoun gives 1
MIN_VOTES = 2   # a gender is given on at least this weight of cues ...
RATIO = 3       # ... and at least this many times the weight of cues for the other


@dataclass
class Person:
    id: str
    full: str
    first: str
    last: str
    mentions: list[SpacySpan] = field(default_factory=list)   # in the order of the text
    starts: list[int] = field(default_factory=list)           # their start offsets, for bisect
    named_at: list[int] = field(default_factory=list)         # offsets of its mentions by full name
    profile: Descriptors = field(default_factory=Descriptors)
    votes: Counter = field(default_factory=Counter)   # gender -> weight of the cues for it
    strong: set[str] = field(default_factory=set)     # the genders a strong cue (Mr./Ms., a noun) gave
    runs: bool = False   # the article names their campaign or has them seek a nomination (nominations.py)

    @property
    def gender(self) -> str:
        """The gender the text gives, when its cues agree and, if they are weak, do not go against
        a common first name: "male", "female" or "" (see the module docstring)."""
        female, male = self.votes["female"], self.votes["male"]
        top, low = max(female, male), min(female, male)
        if top < MIN_VOTES or low * RATIO >= top:
            return ""
        found = "female" if female > male else "male"
        named = self.name_gender
        return "" if named and named != found and found not in self.strong else found

    @property
    def name_gender(self) -> str:
        """The gender a common first name suggests, or "": a prior for pronouns, never reported."""
        first = self.full.split()[0].lower() if self.full else ""
        return "male" if first in lx.MALE_NAMES else "female" if first in lx.FEMALE_NAMES else ""

    def last_before(self, at: int) -> int | None:
        """The start of its last mention before offset ``at``, or None."""
        k = bisect_right(self.starts, at - 1)
        return self.starts[k - 1] if k else None

    @property
    def likely_gender(self) -> str:
        """For choosing who a pronoun refers to, not for the record: the gender the text gives, else
        the one a common first name suggests (a prior, which the text overrules)."""
        return self.gender or self.name_gender

    def vote(self, gender: str, weight: int = 1) -> None:
        if gender:
            self.votes[gender] += weight
            if weight >= STRONG:
                self.strong.add(gender)


def parties_of(person: Person) -> set[str]:
    """The parties among a person's affiliations ("Republican", "Democratic")."""
    return {a for a in person.profile.affiliations if a in lx.PARTIES}


def namesake(candidates: list[Person], at: int) -> Person:
    """Of namesakes, the one the article named first in full: a bare surname is its principal's
    ("Ted Cruz" before "Heidi Cruz"), not whoever was mentioned last, nor one just named in full
    ("Eric Trump said ... Trump tweeted" is the father's). (Preferring a namesake named in full
    within 300 characters before, as this did, chose 9 times on the annotated train documents:
    wrongly 6 times; preferring the namesake named in full most often was measured too, one
    attribution worse.)"""
    named = [p for p in candidates if p.named_at and p.named_at[0] < at]
    if named:
        return min(named, key=lambda p: p.named_at[0])
    return min(candidates, key=lambda p: p.starts[0] if p.starts else float("inf"))


def last_seen(person: Person, at: int) -> tuple[int, int]:
    """Sort key for namesakes: mentioned before ``at`` (latest first), else first mentioned after."""
    before = person.last_before(at)
    if before is not None:
        return 1, before
    return 0, -person.starts[0] if person.starts else 0
