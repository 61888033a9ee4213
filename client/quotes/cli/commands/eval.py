"""quotes eval: score the service on annotated news (definitions in quotes_tools.evaluate and docs/quality.md)."""
from __future__ import annotations

import argparse
import json
import sys

from quotes.cli import extras, progress
from quotes.cli.commands import EXIT_INPUT, EXIT_SETUP, CommandError
from quotes.cli.backends import add_connection_arguments, failure, open_backend, server_target
from quotes.cli.batch import label
from quotes.convert import response_to_dict

HELP = "score extraction against a gold JSONL file (exact, overlap@0.3/0.8, speaker, quote+speaker)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", metavar="GOLD.jsonl",
                        help='one article per line: {"id", "text", "quotes": [{"start", "end", "quote_spans", '
                             '"speaker", "speaker_spans", "speaker_resolved", "type", ...}]}')
    parser.add_argument("--server", default=None, metavar="HOST:PORT",
                        help="score a running service [QUOTES_SERVER]; without one, extraction runs in this process")
    parser.add_argument("--by-type", action="store_true",
                        help="also recall per gold type, precision per predicted type and per confidence band")
    parser.add_argument("--by-rule", action="store_true",
                        help="also the quotes each extraction rule made and their precision")
    parser.add_argument("--speakers", default=None, metavar="SPEAKERS.jsonl",
                        help="also score speaker profiles (canonical name, title, affiliation, kind, gender) against "
                             "this annotation of who each gold attribution's speaker is (../shared/eval/"
                             "speaker_profiles.md)")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print a sample of N misses, N false positives and N wrong speakers to read")
    parser.add_argument("--json", default=None, metavar="FILE", help="also write the figures as JSON")
    add_connection_arguments(parser)


def run(args: argparse.Namespace) -> int:
    if extras.tools_missing():
        raise CommandError(f"quotes eval needs the developers' tools (quotes_tools): {extras.TOOLS_HINT}", EXIT_SETUP)
    from quotes_tools import evaluate

    docs = _read(args.gold, evaluate)
    speakers = _read_speakers(args.speakers, evaluate) if args.speakers else None
    server = server_target(args)
    backend = open_backend(server, args)
    report = evaluate.Report()
    bar = progress.Progress(len(docs), enabled=progress.wanted(len(docs)))
    try:
        pairs = ((str(d.get("id", n)), d["text"]) for n, d in enumerate(docs))
        for number, (doc, outcome) in enumerate(zip(docs, backend.outcomes(pairs)), start=1):
            if outcome.error is not None:   # a score needs every document
                raise CommandError(f"{label(outcome.document_id, number)}: {outcome.error.message}", EXIT_INPUT)
            entities = None if speakers is None else speakers.get(str(doc.get("id")), {})
            predicted = response_to_dict(outcome.response).get("quotes", [])
            rules = [q.get("rule", "") for q in predicted] if args.by_rule else None
            evaluate.score_document(report, doc, predicted, rules, entities)
            bar.advance()
    except CommandError:
        raise
    except Exception as exc:
        raise failure(exc, server) from None
    finally:
        bar.close()
        backend.close()
    _print(args, report, evaluate, _rule_order() if args.by_rule else ())
    return 0


def _rule_order() -> list[str]:
    """The registry's order of the rules, when the service is installed here (else by name)."""
    from quotes.cli.local import rule_names

    try:
        return rule_names()
    except ImportError:
        return []


def _read(path: str, evaluate) -> list[dict]:
    try:
        docs = list(evaluate.read_gold(path))
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror or exc}", EXIT_INPUT) from None
    except ValueError as exc:
        raise CommandError(str(exc), EXIT_INPUT) from None
    if any("text" not in d for d in docs):
        raise CommandError(f"{path}: every line needs a \"text\"", EXIT_INPUT)
    return docs


def _read_speakers(path: str, evaluate) -> dict:
    try:
        return evaluate.read_speakers(path)
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror or exc}", EXIT_INPUT) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise CommandError(f"{path}: not a speaker annotation ({exc})", EXIT_INPUT) from None


def _print(args: argparse.Namespace, report, evaluate, rule_order) -> None:
    print(evaluate.format_report(report, by_type=args.by_type))
    if args.by_rule:
        print("\nby rule (precision of each rule's quotes; overlap 0.3 unless exact):")
        print(evaluate.format_by_rule(report, rule_order))
    if report.speakers is not None:
        print("\n" + evaluate.format_speakers(report.speakers))
    if args.errors:
        groups = [("misses", report.misses), ("false positives", report.false_positives),
                  ("wrong speakers", report.wrong_speakers)]
        if report.speakers is not None:
            groups += [(f"{name} errors", items) for name, items in evaluate.error_samples(report.speakers)]
        for title, items in groups:
            sample = evaluate.sample(items, args.errors)
            print(f"\n{title} ({len(sample)} of {len(items)}):")
            for item in sample:
                print("  - " + json.dumps(item, ensure_ascii=False))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(report.as_dict(), fh, indent=2)
            fh.write("\n")
    sys.stdout.flush()
