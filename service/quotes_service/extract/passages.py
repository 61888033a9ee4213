"""What a passage in quote marks is, read from its words: a title or a work's name, or a sentence."""
from __future__ import annotations

from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.marks import Marked


def looks_like_title(text: str) -> bool:
    """"Phase One", 'Masterpiece', "Meet the Press.": names and titles in quote marks, not speech."""
    text = text.rstrip().rstrip(".,;:")
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if not words or len(words) > 6:
        return False
    if text[-1:] in "?!":
        return False
    return all(w[0].isupper() or w.lower() in lx.TITLE_SMALL_WORDS or not w[0].isalpha() for w in words)


def names_a_work(m: Marked, index: DocIndex) -> bool:
    """A passage in marks after a word of naming ("a film titled "Dark Water"") or set beside a
    noun with no verb of its own ("his book, "An American Son""): the name of a work. Not after a
    colon, which introduces what was said ("a one-word answer: "No.""), nor a clause ("We Will Win")."""
    j = index.last_before(m.open_at)
    doc = index.doc
    if j >= 0 and doc[j].text == ",":
        j -= 1
    if j < 0:
        return False
    if doc[j].lower_ in ("titled", "entitled", "called", "named", "dubbed"):
        return True
    first = index.first_at_or_after(m.start)
    inner = [t for t in doc[first:index.first_at_or_after(m.end)] if not t.is_punct]
    return doc[j].pos_ == "NOUN" and doc[j].lower_ not in lx.WORDED_DOCUMENTS and bool(inner) and not any(
        t.pos_ in ("VERB", "AUX") for t in inner)


def looks_like_sentence(text: str) -> bool:
    """Four words or more, capitalised, and no title: a passage that reads as said."""
    words = text.split()
    return len(words) >= 4 and text[:1].isupper() and not looks_like_title(text)
