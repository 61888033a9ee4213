"""Both extractors on the same annotated file and scorer, printed side by side.

    .venv/bin/python -m quotes_tools.compare_textacy [GOLD.jsonl] [--json OUT]

textacy (a development-only dependency) finds direct quotations with its own
spaCy rules, ``textacy.extract.triples.direct_quotations``; this project runs
in process. Both parse with the same spaCy model, and both are scored by
``quotes_tools.evaluate``, the code behind ``quotes eval``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from quotes.convert import response_to_dict, response_to_proto
from quotes_tools.paths import DEV_QUOTES
from quotes_tools.evaluate import Report, read_gold, score_document

DEFAULT_GOLD = DEV_QUOTES
LINES = [
    ("exact F1", lambda r: r.exact.f1),
    ("overlap@0.8 F1", lambda r: r.overlap_08.f1),
    ("overlap@0.3 precision", lambda r: r.overlap_03.precision),
    ("overlap@0.3 recall", lambda r: r.overlap_03.recall),
    ("overlap@0.3 F1", lambda r: r.overlap_03.f1),
    ("speaker accuracy", lambda r: r.speaker_accuracy),
    ("quote+speaker F1", lambda r: r.end_to_end.f1),
    ("recall direct", lambda r: r.recall_by_type.get("direct").recall if r.recall_by_type.get("direct") else 0.0),
    ("recall mixed", lambda r: r.recall_by_type.get("mixed").recall if r.recall_by_type.get("mixed") else 0.0),
    ("recall indirect", lambda r: r.recall_by_type.get("indirect").recall if r.recall_by_type.get("indirect") else 0.0),
]


def textacy_predictions(doc) -> list[dict]:
    """textacy's triples in the protobuf JSON shape the scorer reads."""
    from textacy.extract.triples import direct_quotations

    out = []
    for triple in direct_quotations(doc):
        content = triple.content
        start = content[0].idx
        end = content[-1].idx + len(content[-1].text)
        speaker = triple.speaker
        s_start = speaker[0].idx if speaker else 0
        s_end = speaker[-1].idx + len(speaker[-1].text) if speaker else 0
        name = doc.text[s_start:s_end]
        out.append({"text": doc.text[start:end], "type": 1, "confidence": 1.0,
                    "span": {"start": start, "end": end}, "fragments": [{"start": start, "end": end}],
                    "speaker": {"name": name, "canonical_name": name, "span": {"start": s_start, "end": s_end}}})
    return out


def compare(gold_path: Path) -> dict:
    from quotes_service.extract.extractor import Extractor

    extractor = Extractor()
    docs = list(read_gold(str(gold_path)))
    ours, theirs = Report(), Report()
    failures = 0
    t0 = time.perf_counter()
    for doc in docs:
        parsed = extractor.parse(doc["text"])
        quotes = extractor.quotes_in(parsed)
        # The Extractor lemmatizes on demand only; textacy reads every lemma, so it gets them all.
        parsed = extractor.nlp.get_pipe("lemmatizer")(parsed)
        score_document(ours, doc, response_to_dict(response_to_proto(doc["id"], doc["text"], quotes)).get("quotes", []))
        try:
            predicted = textacy_predictions(parsed)
        except Exception:  # textacy raises on unbalanced quote marks: that document gets nothing
            predicted = []
            failures += 1
        score_document(theirs, doc, predicted)
    rows = [{"measure": name, "quotes": round(get(ours), 4), "textacy": round(get(theirs), 4)} for name, get in LINES]
    return {"gold": str(gold_path.name), "documents": len(docs), "textacy_failed_documents": failures,
            "seconds": round(time.perf_counter() - t0, 1), "rows": rows,
            "quotes_report": ours.as_dict(), "textacy_report": theirs.as_dict()}


def format_table(result: dict) -> str:
    lines = [f"{result['gold']}: {result['documents']} documents "
             f"(textacy raised on {result['textacy_failed_documents']})",
             f"{'measure':<24}{'quotes':>10}{'textacy':>10}"]
    for row in result["rows"]:
        lines.append(f"{row['measure']:<24}{row['quotes']:>10.3f}{row['textacy']:>10.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    parser.add_argument("--json", help="also write the result as JSON to this file")
    args = parser.parse_args(argv)
    result = compare(Path(args.gold))
    print(format_table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
