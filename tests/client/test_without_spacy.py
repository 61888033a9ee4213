"""The client side installs without the [service] extra: nothing in it may need spaCy."""
from __future__ import annotations

import subprocess
import sys

import pytest

from support.paths import REPO
from support.subprocesses import python_without_spacy as python


def test_client_modules_import_without_spacy():
    result = python(
        "import quotes, quotes.client, quotes.aio, quotes.cli, quotes.errors, quotes.convert; "
        "from quotes import QuoteClient, AsyncQuoteClient; "
        "assert not [m for m in sys.modules if m.startswith(('quotes_service', 'spacy')) and sys.modules[m]]; "
        "print('ok')")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize("command,argv", [("serve", ["serve", "--port", "0"]), ("bench", ["bench", "--quick"])])
def test_serve_and_bench_without_spacy_name_the_extra(command, argv):
    result = python(f"from quotes.cli import main; sys.exit(main({argv!r}))")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"quotes: quotes {command} needs the service extra (spacy is missing): pip install 'quotes[service]'"]


def test_in_process_extract_without_spacy_names_the_extra():
    result = python("from quotes.cli import main; sys.exit(main(['extract', 'seeds/000_0ae6fc8e451aecc2.txt']))")
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "pip install 'quotes[service]'" in line and "--server" in line


@pytest.mark.parametrize("workers", ["1", "2"])
def test_missing_model_is_one_line_exit_2(workers):
    env_code = ("import os; os.environ['QUOTES_SPACY_MODEL'] = 'no_such_model_pkg'; "
                f"from quotes.cli import main; sys.exit(main(['serve', '--port', '0', '--workers', '{workers}']))")
    result = subprocess.run([sys.executable, "-c", "import sys; " + env_code], capture_output=True, text=True,
                            cwd=REPO, timeout=60)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "no_such_model_pkg" in line and "Traceback" not in line
