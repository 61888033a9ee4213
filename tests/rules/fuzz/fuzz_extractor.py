"""Coverage-guided fuzzing of the extractor with atheris (libFuzzer for Python).

Each input's bytes are read as UTF-8 (bad bytes become U+FFFD, as no text on the wire can
hold them) and extracted in process; the answer must pass tests/support/spans.py. An exception, a
failed check, or an input slower than -timeout seconds is a crash: libFuzzer writes it to
a file (-artifact_prefix), which then belongs in tests/rules/fuzz/regressions/ with its fix.

    .venv/bin/python tests/rules/fuzz/fuzz_extractor.py NEW_DIR tests/rules/fuzz/corpus -max_total_time=60

New inputs go to the first directory (keep it out of the repository); tests/rules/fuzz/corpus
holds the hand-written seeds. tests/rules/test_fuzz.py runs this for a bounded time in CI and
replays the corpus and every regression.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests/, for support.spans

MAX_LEN = 2048   # bytes per input: long enough for a few paragraphs, short enough for ~50 runs a second


def text_of(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def check(extractor, data: bytes) -> None:
    from support.spans import assert_valid_quotes

    text = text_of(data)
    assert_valid_quotes(text, extractor.extract_document(text))


def main(argv: list[str]) -> None:
    import atheris

    with atheris.instrument_imports(include=["quotes_service", "quotes"]):
        from quotes_service.extract.extractor import Extractor
        import support.spans  # noqa: F401 - instrumented with the rest
    extractor = Extractor()
    # Inputs up to MAX_LEN from the start (libFuzzer otherwise grows them slowly, and a minute's
    # run would see nothing longer than a sentence): a third more features reached for the time.
    for default in (f"-max_len={MAX_LEN}", "-len_control=0"):
        if not any(arg.startswith(default.split("=")[0] + "=") for arg in argv):
            argv = [*argv, default]
    atheris.Setup(argv, lambda data: check(extractor, data))
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
