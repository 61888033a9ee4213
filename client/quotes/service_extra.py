"""Whether the ``[service]`` extra (spaCy and friends) is installed, found without importing it."""
from __future__ import annotations

import importlib.util

HINT = "pip install 'quotes[service]'"
MODULES = ("spacy", "grpc_reflection")


def missing_module() -> str:
    """The first service module that cannot be imported, or ""."""
    for name in MODULES:
        try:
            if importlib.util.find_spec(name) is None:
                return name
        except (ImportError, ValueError):
            return name
    return ""
