"""Whether the optional parts are installed, found without importing them: the ``[service]``
extra (spaCy and friends: serving, in-process extraction), the ``[spark]`` extra (``quotes spark``,
``quotes.spark``) and the developers' ``quotes_tools`` (``quotes eval``, ``quotes bench``)."""
from __future__ import annotations

import importlib.util
import os
import shutil

HINT = "pip install 'quotes[service]'"
MODULES = ("spacy", "grpc_reflection")
SPARK_HINT = "pip install 'quotes[spark]'"
TOOLS_HINT = "pip install ./tools from a checkout of the repository (make install does it)"


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def missing_module() -> str:
    """The first service module that cannot be imported, or ""."""
    return next((name for name in MODULES if not _importable(name)), "")


def tools_missing() -> bool:
    return not _importable("quotes_tools")


def spark_missing() -> bool:
    return not (_importable("pyspark") and _importable("pyarrow"))


def java_found() -> bool:
    """A ``java`` on the PATH or in JAVA_HOME, as Spark looks for it."""
    home = os.environ.get("JAVA_HOME")
    return shutil.which("java") is not None or bool(home and os.access(os.path.join(home, "bin", "java"), os.X_OK))
