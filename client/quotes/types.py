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
    GROUP = 4       #: officials, analysts, sources


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
    rule: str = ""                    #: the extraction rule that found it ("after", "clause", ...)


@dataclass
class DocumentQuotes:
    """The result for one document."""

    document_id: str
    quotes: list[Quote] = field(default_factory=list)
    served_by: str = ""               #: the replica that answered (``x-served-by``), when called over gRPC
