"""Names of organisations as the records write them: acronyms (as written, or derived from a long
name), names without their article, and the key two spellings of a name share."""
from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from quotes_service.extract import lexicon as lx

_WORDS = re.compile(r"[^\W_]+")
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def normalise(text: str) -> str:
    """Lower-case words without punctuation or articles: the key two spellings of a name share."""
    return " ".join(w for w in _WORDS.findall(text.lower().replace("\u2019", "'")) if w not in ("the", "a", "an"))


def strip_article(text: str) -> str:
    """A name as written without its leading article (and a comma after it)."""
    return LEADING_ARTICLE.sub("", text.strip().rstrip(",")).strip()


def looks_like_acronym(text: str) -> bool:
    """"CSIS", "U.S.", "IMF": two to eight letters, all capitals, one word."""
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 8 and all(c.isupper() for c in letters) and " " not in text.strip()


def without_possessive(text: str) -> str:
    """A name without the possessive that ends it: "Acme Corp's" and "Globex Industries'" (an s
    and an apostrophe) -> "Acme Corp", "Globex Industries"."""
    for ending in ("'s", "\u2019s"):
        if text.endswith(ending):
            return text[:-len(ending)]
    if text.endswith(("s'", "s\u2019")):
        return text[:-1]
    return text


def derive_acronym(name: str) -> str:
    """"Center for Strategic and International Studies" -> "CSIS": the initials of a name of three or
    more capitalised words (small words skipped); "" otherwise."""
    words = [w for w in name.replace("-", " ").split() if w]
    caps = [w for w in words if w.lower() not in lx.ACRONYM_SKIP]
    if len(caps) < 3 or not all(w[0].isupper() for w in caps):
        return ""
    return "".join(w[0] for w in caps)


def acronym_for(affiliation: str) -> str:
    """The affiliation itself when it is an acronym ("CSIS"), else one derived from it."""
    if affiliation.isupper() and " " not in affiliation:
        return affiliation
    return derive_acronym(affiliation)


def strip_det(span: SpacySpan) -> SpacySpan:
    """The span without its leading determiners ("the Atlantic Council" -> "Atlantic Council")."""
    start = span.start
    while start < span.end and span.doc[start].dep_ == "det" or (start < span.end and span.doc[start].lower_ == "the"):
        start += 1
    return span.doc[start:span.end]
