"""The texts a benchmark sends: the articles of a gold file, equal-length cuts of them for
latency, and soak texts that bring words never seen before in every request.

Only the ``id`` and ``text`` of each gold line are read. A "word" is a whitespace-separated
run of characters (``len(text.split())``), counted the same way for the reference and the service.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass

from quotes_tools.evaluate import read_gold
from quotes.v1 import quotes_pb2 as pb


@dataclass(frozen=True)
class Article:
    id: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def read_articles(path: str, limit: int | None = None) -> list[Article]:
    """The first ``limit`` articles (all when None) with a non-blank text. Raises OSError, ValueError."""
    articles = []
    for n, record in enumerate(read_gold(path)):
        text = record.get("text")
        if not isinstance(text, str):
            raise ValueError(f"{path}: line {n + 1} has no \"text\"")
        if text.strip():
            articles.append(Article(str(record.get("id", n)), text))
        if limit is not None and len(articles) >= limit:
            break
    if not articles:
        raise ValueError(f"{path}: no article with a text")
    return articles


def request_bytes(document_id: str, text: str) -> bytes:
    """A serialized ExtractQuotesRequest: the load generators send these bytes as they are."""
    return pb.ExtractQuotesRequest(document_id=document_id, text=text).SerializeToString()


def cut(text: str, size: int) -> str | None:
    """About ``size`` characters from the start of ``text``, ending at a paragraph break, else a
    sentence end, else a space in its last quarter; None for a text shorter than ``size``."""
    if len(text) < size:
        return None
    head = text[:size]
    floor = size * 3 // 4
    for mark in ("\n", ". ", " "):
        at = head.rfind(mark, floor)
        if at >= 0:
            return head[:at + len(mark)].rstrip()
    return head


def equal_length(articles: list[Article], size: int) -> list[Article]:
    """The articles cut to about ``size`` characters, so that latency measures the service rather
    than the spread of article lengths; the whole articles if none is that long."""
    cuts = [Article(a.id, c) for a in articles if (c := cut(a.text, size))]
    return cuts or list(articles)


# --- soak texts -------------------------------------------------------------------------------

_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
_MIN_SYLLABLES = 3
_NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")
WORDS_INVENTED_PER_TEXT = 9


def invented_word(number: int) -> str:
    """A pronounceable word of at least three syllables, different for every ``number`` >= 0."""
    n = number + len(_SYLLABLES) ** (_MIN_SYLLABLES - 1)
    parts = []
    while n:
        n, r = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[r])
    return "".join(parts)


def soak_text(paragraphs: list[list[str]], number: int, seed: int = 0) -> str:
    """Soak text ``number``: a few consecutive paragraphs of an article with three capitalised
    words replaced by invented names, and a quote with an invented speaker and organisation:
    nine words no earlier text had (different ``number``s never share one)."""
    rng = random.Random(seed * 1_000_003 + number)
    article = rng.choice(paragraphs)
    start = rng.randrange(max(1, len(article) - 2))
    text = "\n\n".join(article[start:start + rng.randint(2, 4)])[:1500]
    new = [invented_word(number * WORDS_INVENTED_PER_TEXT + k) for k in range(WORDS_INVENTED_PER_TEXT)]
    names = iter(new[:3])
    spans = [m.span() for m in _NAME.finditer(text)]
    for s, e in sorted(rng.sample(spans, min(3, len(spans))), reverse=True):
        text = text[:s] + next(names).capitalize() + text[e:]
    said, first, last, org = new[3:6], new[6].capitalize(), new[7].capitalize(), new[8].capitalize()
    return (f"{text}\n\n\u201cThe {said[0]} {said[1]} will {said[2]} by spring,\u201d said {first} {last}, "
            f"a spokesman for the {org} Institute.")


def article_paragraphs(articles: list[Article]) -> list[list[str]]:
    out = [[p.strip() for p in a.text.split("\n") if p.strip()] for a in articles]
    return [ps for ps in out if ps]
