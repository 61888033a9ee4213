"""The benchmark's verdicts (issue 4's targets), its table, and its JSON files."""
from __future__ import annotations

import json
import os
from pathlib import Path

ONE_WORKER_RATIO = 0.90
N_WORKER_RATIO = 1.40
P99_OVER_P50 = 2.0
RSS_GROWTH_PCT = 10.0


def _target(name: str, value, limit, at_least: bool, stretch: bool = False) -> dict:
    met = value is not None and (value >= limit if at_least else value <= limit)
    return {"target": name, "value": value, "limit": limit, "at_least": at_least, "met": met, "stretch": stretch}


def targets(results: dict) -> list[dict]:
    by_workers = {s["workers"]: s for s in results["service"]}
    one = by_workers.get(1)
    most = by_workers[max(by_workers)]
    out = [_target("1 worker / reference (words/s)", one and one["ratio"], ONE_WORKER_RATIO, True)]
    if most["workers"] > 1:
        out.append(_target(f"{most['workers']} workers / reference (words/s)", most["ratio"], N_WORKER_RATIO, True))
    out.append(_target("failed calls", failed_calls(results), 0, False))
    lat = [entry for entry in results["latency"] if entry["workers"] == most["workers"]]
    if lat:
        out.append(_target(f"p99 / p50 at half saturation, {most['workers']} worker(s)", lat[0]["p99_over_p50"],
                           P99_OVER_P50, False))
    if results.get("soak"):
        out.append(_target("worker RSS growth over the soak, %", results["soak"]["max_growth_pct"], RSS_GROWTH_PCT,
                           False))
    out.append(_target("1 worker / reference (stretch: beat raw spaCy)", one and one["ratio"], 1.0, True,
                       stretch=True))
    return out


def failed_calls(results: dict) -> int:
    total = sum(s["failed"] for s in results["service"]) + sum(entry["failed"] for entry in results["latency"])
    return total + (results["soak"]["failed"] if results.get("soak") else 0)


LABEL = 30
CELL = 8


def _row(label: str, *cells) -> str:
    return f"{label:<{LABEL}}" + "".join(f"{cell:>{CELL}}" for cell in cells)


def _plural(workers: int) -> str:
    return f"{workers} worker{'s' if workers > 1 else ''}"


def _reference_rows(ref: dict) -> list[str]:
    lines = [_row("reference (raw spaCy)", "docs/s", "words/s")]
    runs = [("before", ref["before"])] + [("between", r) for r in ref.get("between", [])] + [("after", ref["after"])]
    for when, r in runs:
        lines.append(_row(f"  {when}: nlp(text) each", f"{r['per_doc']['docs_per_s']:.2f}",
                          f"{r['per_doc']['words_per_s']:,.0f}"))
        lines.append(_row(f"  {when}: nlp.pipe", f"{r['pipe']['docs_per_s']:.2f}", f"{r['pipe']['words_per_s']:,.0f}"))
    lines.append(_row("  reference (mean)", f"{ref['docs_per_s']:.2f}", f"{ref['words_per_s']:,.0f}")
                 + f"   after/before {ref['drift_pct']:+.1f}%")
    lines.append(f"  components: {' '.join(ref['components'])} (spacy.load)")
    if ref.get("service_components") is not None:
        lines.append(f"  the service loads: {' '.join(ref['service_components'])}")
    return lines


def table(results: dict) -> str:
    m, ref, c = results["machine"], results["reference"], results["corpus"]
    lines = [
        f"quotes bench, {results['date']}: {results['command']}",
        f"machine: {m['cpu_model']}, {m['cpus']} CPUs, {m['ram_gib']} GiB RAM, Python {m['python']}, "
        f"spaCy {ref['spacy']}, {ref['model']} {ref['model_version']}; "
        f"load average {m['load_average'][0]} at start, {m.get('load_average_end', ['?'])[0]} at end",
        f"corpus: {c['documents']} articles, {c['words']:,} words, {c['path']}",
        "",
    ] + _reference_rows(ref)
    lines += ["", _row("service, saturated", "docs/s", "words/s", "ratio", "failed", "server", "client", "others",
                       "idle")]
    for s in results["service"]:
        cpu = s["cpu"]
        lines.append(_row(f"  {_plural(s['workers'])}, {s['channels']} channels", f"{s['docs_per_s']:.2f}",
                          f"{s['words_per_s']:,.0f}", f"{s['ratio']:.2f}x", s["failed"],
                          *(f"{cpu[k]:.0f}%" for k in ("server_pct", "client_pct", "others_pct", "idle_pct"))))
    lines.append("  ratio: words/s over the reference's runs right before and after the window (their mean:")
    lines.append("  " + ", ".join(f"{s['reference']['words_per_s']:,.0f} words/s for {_plural(s['workers'])}"
                                  for s in results["service"] if "reference" in s)
                 + "); CPU: shares of all cores during the window")
    if results["latency"]:
        first = results["latency"][0]
        lines += ["", f"latency: open loop at {first['offered_load']:.0%} of saturation, texts of "
                      f"~{first['text_chars_mean']:,} characters",
                  _row("", "req/s", "p50 ms", "p95 ms", "p99 ms", "p99/p50", "failed")]
        for entry in results["latency"]:
            lines.append(_row(f"  {_plural(entry['workers'])}, {entry['requests']} requests",
                              f"{entry['offered_rps']:.2f}", f"{entry['p50_ms']:.0f}", f"{entry['p95_ms']:.0f}",
                              f"{entry['p99_ms']:.0f}", f"{entry['p99_over_p50'] or 0:.2f}", entry["failed"]))
    soak = results.get("soak")
    if soak:
        lines += ["", f"soak: {soak['requests']:,} requests, {soak['new_words_per_request']} new words each, "
                      f"{_plural(soak['workers'])}, {soak['seconds']:.0f} s, {soak['failed']} failed; "
                      f"RSS after the first {soak['warmup_requests']:,} -> at the end"]
        for pid, w in soak["rss"].items():
            if w["growth_pct"] is None:
                lines.append(f"  worker {pid}: not there at both readings")
            else:
                lines.append(f"  worker {pid}: {w['after_warmup_kib'] / 1024:.1f} MiB -> "
                             f"{w['end_kib'] / 1024:.1f} MiB ({w['growth_pct']:+.1f}%)")
        if soak["workers_replaced"]:
            lines.append(f"  workers replaced during the soak: {soak['workers_replaced']}")
    lines += ["", "targets (issue 4):"]
    for t in results["targets"]:
        op = ">=" if t["at_least"] else "<="
        verdict = "met" if t["met"] else ("not met" if t["stretch"] else "NOT MET")
        value = "missing" if t["value"] is None else (f"{t['value']:.2f}" if isinstance(t["value"], float)
                                                      else t["value"])
        lines.append(f"  {verdict:<9}{t['target']}: {value} ({op} {t['limit']})")
    return "\n".join(lines)


def write_json(results: dict, out_dir: str, stem: str, latest: bool) -> list[str]:
    """``out_dir/<stem>.json``, and ``out_dir/latest.json`` too when ``latest``; returns the paths."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    paths = [os.path.join(out_dir, f"{stem}.json")] + ([os.path.join(out_dir, "latest.json")] if latest else [])
    for path in paths:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=2)
            fh.write("\n")
    return paths
