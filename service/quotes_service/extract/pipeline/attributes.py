"""spaCy's attribute_ruler, applied without its Matcher: the same result, for a tenth of the cost.

The English pipeline's attribute_ruler maps each token's fine tag (and a few
words, dependency labels and spaces) to its coarse part of speech, morphology
and some lemmas, with about 180 Matcher patterns run over every token: some 10%
of a parse. Nearly all its patterns look at one token, and what they conclude
depends only on that token's (tag, lower-cased text, dependency label,
is-space), so the conclusion is computed once per distinct combination and
reused. Patterns over two tokens are checked directly. Rules are applied in the
ruler's own order (a later rule wins), exactly as ``AttributeRuler.__call__``
does; a pattern using anything else is a startup error rather than a silent
difference. tests/rules/test_attributes.py checks the result equals the original's.

The ruler reads only what the tagger and parser wrote, and in this pipeline
only the lemmatizer reads what it writes (NER has its own token vectors), so the
Extractor runs it after the pipeline, on each parsed Doc.
"""
from __future__ import annotations

import re

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.attrs import LEMMA, MORPH, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc

FEATURES = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
WRITTEN = [POS, TAG, MORPH, LEMMA, DEP]     # every attribute the English ruler sets


class UnsupportedPattern(ValueError):
    pass


def _predicate(key: str, spec, strings):
    """A test on one feature value (a hash, or 0/1 for IS_SPACE) for one pattern entry."""
    if key == "IS_SPACE":
        if not isinstance(spec, bool):
            raise UnsupportedPattern(f"IS_SPACE {spec!r}")
        return lambda v: bool(v) == spec
    if isinstance(spec, str):
        h = get_string_id(spec)
        return lambda v: v == h
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list):
            hashes = {get_string_id(a) for a in arg}
            return (lambda v: v in hashes) if op == "IN" else (lambda v: v not in hashes)
        if op == "REGEX" and isinstance(arg, str):
            regex = re.compile(arg)
            return lambda v: v != 0 and regex.search(strings[v]) is not None
    raise UnsupportedPattern(f"{key} {spec!r}")


def _token_test(entry: dict, strings):
    tests = []
    for key, spec in entry.items():
        if key not in FEATURES:
            raise UnsupportedPattern(f"attribute {key}")
        tests.append((FEATURES[key], _predicate(key, spec, strings)))
    return lambda row: all(test(row[col]) for col, test in tests)


def _named_words(entry: dict) -> frozenset[int] | None:
    """The words an entry matches only, if it names them (LOWER equal to one, or IN a list)."""
    word = entry.get("LOWER")
    if isinstance(word, str):
        return frozenset({get_string_id(word)})
    if isinstance(word, dict) and list(word) == ["IN"]:
        return frozenset(get_string_id(w) for w in word["IN"])
    return None


class FastAttributes:
    def __init__(self, ruler):
        strings = ruler.vocab.strings
        self._attrs = ruler.attrs            # normalised {attr id: value}, by rule number
        for attrs in self._attrs:
            if set(attrs) - set(WRITTEN):
                raise UnsupportedPattern(f"sets {sorted(attrs)}")
        # One-token alternatives, by what they look at: not the word (decided once per tag,
        # dependency and space), one of a few words (looked up by the word), or anything else.
        self._wordless: list[tuple[int, object]] = []         # (rule, test)
        self._by_word: dict[int, list[tuple[int, object]]] = {}
        self._other: list[tuple[int, object]] = []
        # Longer alternatives: (rule, tests, index of the token they set, (offset, words) of an
        # entry that names its words, so that only where those words occur need be checked).
        self._multi: list[tuple[int, list, int, tuple[int, frozenset[int]] | None]] = []
        for rule, spec in enumerate(ruler.patterns):
            for alternative in spec["patterns"]:
                tests = [_token_test(entry, strings) for entry in alternative]
                if len(tests) == 1:
                    self._add_single(rule, alternative[0], tests[0])
                else:
                    index = spec.get("index", 0)
                    anchor = next(((k, words) for k, entry in enumerate(alternative)
                                   if (words := _named_words(entry)) is not None), None)
                    self._multi.append((rule, tests, index if index >= 0 else len(tests) + index, anchor))
        self._wordless_for: dict[tuple, tuple[int, ...]] = {}
        self._merged: dict[tuple[int, ...], dict] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = [tuple(r) for r in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        extra: dict[int, list[int]] = {}
        for rule, tests, index, anchor in self._multi:
            n = len(tests)
            if anchor is None:
                starts = range(len(rows) - n + 1)
            else:
                offset, words = anchor
                starts = [i - offset for i, row in enumerate(rows) if row[1] in words]
            for start in starts:
                if 0 <= start <= len(rows) - n and all(test(rows[start + k]) for k, test in enumerate(tests)):
                    extra.setdefault(start + index, []).append(rule)
        # Tokens grouped by the rules that apply to them, then written column by column.
        groups: dict[tuple[int, ...], list[int]] = {}
        for i, row in enumerate(rows):
            key = (row[0], row[2], row[3])
            rules = self._wordless_for.get(key)
            if rules is None:
                rules = self._wordless_for[key] = tuple(rule for rule, test in self._wordless if test(row))
            more = [rule for rule, test in self._by_word.get(row[1], ()) if test(row)]
            more += [rule for rule, test in self._other if test(row)]
            if i in extra:
                more += extra[i]
            if more:
                rules = tuple(sorted(set(rules).union(more)))
            if rules:
                groups.setdefault(rules, []).append(i)
        values = doc.to_array(WRITTEN)
        for rules, where in groups.items():
            for attr, value in self._merge(rules).items():
                values[where, WRITTEN.index(attr)] = value
        doc.from_array(WRITTEN, values)
        return doc

    def _add_single(self, rule: int, entry: dict, test) -> None:
        words = _named_words(entry)
        if "LOWER" not in entry:
            self._wordless.append((rule, test))
        elif words is not None:
            for word in words:
                self._by_word.setdefault(word, []).append((rule, test))
        else:
            self._other.append((rule, test))

    def _merge(self, rules: tuple[int, ...]) -> dict:
        merged = self._merged.get(rules)
        if merged is None:
            merged = {}
            for rule in rules:      # ascending: a later rule wins, as in AttributeRuler
                merged.update(self._attrs[rule])
            self._merged[rules] = merged
        return merged
