"""Plain, typed records for extracted quotes.

The extractor (``quotes_service``) produces these, the client library returns
them, and ``quotes.convert`` is the one place that maps them to and from the
protobuf messages. They import nothing heavier than the standard library.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


class QuoteType(enum.IntEnum):
    """Mirrors ``quotes.v1.QuoteType``."""

    UNSPECIFIED = 0
    DIRECT = 1      #: the speaker's words inside quote marks
    INDIRECT = 2    #: reported speech without quote marks
    PARTIAL = 3     #: a quoted fragment inside reported speech


class SpeakerKind(enum.IntEnum):
    """Mirrors ``quotes.v1.SpeakerKind``."""

    UNSPECIFIED = 0
    PERSON = 1
    ORGANIZATION = 2
    ROLE = 3        #: "a Treasury spokesperson"
    GROUP = 4       #: officials, analysts, sources; several people speaking together
    DOCUMENT = 5    #: a statement, report, poll, email or post given as the source


class Gender(enum.IntEnum):
    """Mirrors ``quotes.v1.Gender``: as the article's own words give it, never from a first name."""

    UNSPECIFIED = 0
    FEMALE = 1
    MALE = 2


@dataclass(frozen=True, order=True)
class Span:
    """Code point offsets into the document text, end exclusive."""

    start: int = 0
    end: int = 0

    def __len__(self) -> int:
        return max(0, self.end - self.start)

    def of(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass
class Speaker:
    name: str = ""                    #: the mention as written: "Lipsky", "a Treasury spokesperson", "he"
    span: Span = field(default_factory=Span)
    canonical_name: str = ""          #: fullest name in the document: "Josh Lipsky"
    title: str = ""                   #: "international economics chair"
    affiliation: str = ""             #: "Atlantic Council"
    affiliation_short: str = ""       #: "CSIS"
    kind: SpeakerKind = SpeakerKind.UNSPECIFIED
    resolved_from_pronoun: bool = False
    gender: Gender = Gender.UNSPECIFIED
    id: str = ""                      #: the SpeakerEntity of the document this mention refers to


@dataclass
class SpeakerEntity:
    """One distinct speaker of a document, with everything the article says about it."""

    id: str                           #: "S1", "S2", ... in order of first quote; Quote.speaker_id points here
    canonical_name: str = ""
    kind: SpeakerKind = SpeakerKind.UNSPECIFIED
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    gender: Gender = Gender.UNSPECIFIED
    mentions: list[Span] = field(default_factory=list)   #: every mention of it found in the text
    quote_count: int = 0


@dataclass
class Quote:
    text: str                         #: exactly text[span] or, split, the fragments joined by one space
    span: Span
    type: QuoteType
    speaker: Speaker = field(default_factory=Speaker)
    cue: str = ""                     #: "said", "told", "according to"
    cue_span: Span = field(default_factory=Span)
    confidence: float = 0.0
    fragments: list[Span] = field(default_factory=list)
    rule: str = ""                    #: the extraction rule that found it ("after", "clause", ...): its confidence
    #: the passages in quote marks, marks excluded: a direct quote's fragments, the quoted words inside
    #: a mixed quote's content, none for reported speech in the writer's words
    quoted: list[Span] = field(default_factory=list)

    @property
    def speaker_id(self) -> str:
        return self.speaker.id


@dataclass
class DocumentQuotes:
    """The result for one document."""

    document_id: str
    quotes: list[Quote] = field(default_factory=list)
    served_by: str = ""               #: the replica that answered (``x-served-by``), when called over gRPC
    speakers: list[SpeakerEntity] = field(default_factory=list)   #: one per distinct speaker
