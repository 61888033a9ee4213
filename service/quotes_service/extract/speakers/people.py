"""The people a document names: every PERSON entity (and titled name the recognizer missed), the
fullest name each surname stands for, and one profile per person."""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from quotes_service.extract import lexicon as lx
from quotes_service.extract.docindex import DocIndex
from quotes_service.extract.speakers.mentions import person_ent, titled_names
from quotes_service.extract.speakers.profiles import Profile, learn_profile


def clean_name(ent: SpacySpan) -> str:
    """A name as written without a leading title ("Sen.") or a possessive "'s"."""
    words = [t.text for t in ent if not t.is_punct or t.text == "."]
    while words and (words[0].lower().rstrip(".") in lx.TITLE_NOUNS):
        words = words[1:]
    while words and words[-1] in ("'s", "’s"):
        words = words[:-1]
    return " ".join(words)


class People:
    def __init__(self, index: DocIndex):
        doc = index.doc
        self.persons: list[SpacySpan] = [
            e for e in doc.ents if e.label_ == "PERSON" and not index.in_quote(e[0]) and e.text[:1].isupper()
        ]
        # Names after a title that the entity recognizer missed ("Mayor Ana Ruiz"), by their last token.
        self.titled: dict[int, SpacySpan] = {}
        for name in titled_names(doc):
            if not index.in_quote(name[0]):
                self.titled[name.end - 1] = name
                self.persons.append(name)
        self.persons.sort(key=lambda e: e.start_char)
        self.starts = [e.start_char for e in self.persons]
        self.by_surname: dict[str, str] = {}
        for ent in self.persons:
            full = clean_name(ent)
            if not full:
                continue
            surname = full.split()[-1]
            known = self.by_surname.get(surname)
            if known is None or len(full.split()) > len(known.split()):
                self.by_surname[surname] = full
        self.profiles: dict[str, Profile] = {}
        for ent in self.persons:
            name = clean_name(ent)
            full = self.by_surname.get(name.split()[-1] if name else "", "")
            if full:
                learn_profile(self.profiles.setdefault(full, Profile(full)), ent)

    def is_known_person(self, tok: Token) -> bool:
        """A capitalised word that is the surname of a person named in full elsewhere ("Trump", "Bessent")."""
        return tok.text[:1].isupper() and tok.text in self.by_surname and tok.pos_ in ("PROPN", "ADJ", "NOUN")

    def person_of(self, tok: Token) -> SpacySpan | None:
        """The PERSON entity ``tok`` is in, or the titled name it ends."""
        return person_ent(tok) or self.titled.get(tok.i)

    def canonical(self, name: str) -> str:
        """The fullest name in the document that ends with ``name`` (its title dropped)."""
        words = name.split()
        if not words:
            return ""
        while len(words) > 1 and words[0].lower().rstrip(".") in lx.TITLE_NOUNS:
            words = words[1:]
        full = self.by_surname.get(words[-1])
        if full and full.endswith(" ".join(words)):
            return full
        return " ".join(words)
