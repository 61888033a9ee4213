"""How ``quotes extract`` prints results. Each format is a writer class registered in FORMATS;
a new format (html, say) is one more class here and one more entry.

A document that could not be extracted keeps its place in every format: jsonl and json hold
its error record (``outcomes.error_record``), the table a line saying why, the html page a
section with its name and why, without the text."""
from __future__ import annotations

import json
import shutil
import textwrap
from typing import TextIO

from quotes.cli.outcomes import DocumentError, error_record
from quotes.convert import response_to_dict, response_to_json
from quotes.v1 import quotes_pb2 as pb


class Writer:
    """Gets every document's text and response, in input order."""

    def __init__(self, out: TextIO):
        self.out = out

    def write(self, text: str, response: pb.ExtractQuotesResponse) -> None:
        raise NotImplementedError

    def write_error(self, text: str, document_id: str, error: DocumentError) -> None:
        """A document that could not be extracted, in its place."""
        raise NotImplementedError

    def close(self) -> None:
        """After the last document (also after an error: what was written stays well-formed)."""


class JsonlWriter(Writer):
    """One line per document: the protobuf JSON mapping, proto field names, defaults printed."""

    def write(self, text, response):
        self._line(response_to_json(response))

    def write_error(self, text, document_id, error):
        self._line(json.dumps(error_record(document_id, error), ensure_ascii=False))

    def _line(self, line: str) -> None:
        # One write per line, then flush: a run killed between documents leaves whole lines
        # (and at worst a torn last one, which --resume cuts off).
        self.out.write(line + "\n")
        self.out.flush()


class JsonWriter(Writer):
    """A pretty JSON array of the same objects, streamed element by element."""

    def __init__(self, out):
        super().__init__(out)
        self.count = 0

    def write(self, text, response):
        self._element(response_to_dict(response))

    def write_error(self, text, document_id, error):
        self._element(error_record(document_id, error))

    def _element(self, value: dict) -> None:
        body = json.dumps(value, ensure_ascii=False, indent=2)
        self.out.write(("[\n" if self.count == 0 else ",\n") + textwrap.indent(body, "  "))
        self.out.flush()
        self.count += 1

    def close(self):
        self.out.write("\n]\n" if self.count else "[]\n")
        self.out.flush()


def _clip(value: str, width: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: max(0, width - 1)] + "…"


def _enum_word(enum, value: int, prefix: str) -> str:
    try:
        return enum.Name(value).removeprefix(prefix).lower()
    except ValueError:
        return str(value)


class TableWriter(Writer):
    """For a terminal: per document a heading, then one row per quote."""

    SPEAKER, ROLE, TYPE, CONF = 22, 30, 8, 4

    def __init__(self, out):
        super().__init__(out)
        columns = shutil.get_terminal_size((120, 24)).columns
        fixed = self.SPEAKER + self.ROLE + self.TYPE + self.CONF + 4 * 2 + 2
        self.quote_width = max(24, columns - fixed)

    def _row(self, quote: str, speaker: str, role: str, kind: str, conf: str) -> str:
        return (f"  {_clip(quote, self.quote_width):<{self.quote_width}}  {_clip(speaker, self.SPEAKER):<{self.SPEAKER}}"
                f"  {_clip(role, self.ROLE):<{self.ROLE}}  {kind:<{self.TYPE}}  {conf:>{self.CONF}}").rstrip()

    def write(self, text, response):
        count = len(response.quotes)
        name = response.document_id or "(no id)"
        self.out.write(f"{name}: {count} quote{'' if count == 1 else 's'}\n")
        if count:
            self.out.write(self._row("QUOTE", "SPEAKER", "TITLE / AFFILIATION", "TYPE", "CONF") + "\n")
        for q in response.quotes:
            s = q.speaker
            role = ", ".join(part for part in (s.title, s.affiliation) if part)
            self.out.write(self._row(
                f"“{q.text}”", s.canonical_name or s.name or "?", role,
                _enum_word(pb.QuoteType, q.type, "QUOTE_TYPE_"), f"{q.confidence:.2f}",
            ) + "\n")
        self.out.write("\n")
        self.out.flush()

    def write_error(self, text, document_id, error):
        self.out.write(f"{document_id or '(no id)'}: not extracted: {error.code}: {error.message}\n\n")
        self.out.flush()


class HtmlWriter(Writer):
    """One self-contained page: every article with its quotes highlighted (quotes.cli.html)."""

    def __init__(self, out):
        super().__init__(out)
        self.documents: list[tuple[str, dict]] = []

    def write(self, text, response):
        self.documents.append((text, response_to_dict(response)))

    def write_error(self, text, document_id, error):
        self.documents.append((text, error_record(document_id, error)))

    def close(self):
        from quotes.cli.html import render

        self.out.write(render(self.documents, "Quotes"))
        self.out.flush()


FORMATS: dict[str, type[Writer]] = {"table": TableWriter, "json": JsonWriter, "jsonl": JsonlWriter,
                                    "html": HtmlWriter}
