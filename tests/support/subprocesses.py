"""Python in a child process, as a user without some installed part would run it."""
from __future__ import annotations

import subprocess
import sys

from support.paths import REPO

# Run first in the child: importing spaCy (or the service) now fails, as if not installed.
BLOCK_SPACY = "import sys; sys.modules['spacy'] = None; "


def python_without_spacy(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BLOCK_SPACY + code], capture_output=True, text=True, cwd=REPO,
                          timeout=60)
