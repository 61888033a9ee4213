"""``quotes bench --batch``'s verdicts (issue 14's "done when"), its table and its JSON file."""
from __future__ import annotations

WORKERS_RATIO = 1.8      # --workers 2 / --workers 1, documents per second
FANOUT_RATIO = 1.7       # two 1-worker servers, --concurrency 4 / one server
SPARK_RATIO = 1.6        # local[2] / local[1], documents per second the Spark job extracts


def _target(name: str, value, limit, met: bool | None = None) -> dict:
    if met is None:
        met = value is not None and value >= limit
    return {"target": name, "value": value, "limit": limit, "met": bool(met)}


# (results key, the ratio's target, its limit, the identity check's target)
SCALING = [
    ("workers", "--workers 2 / --workers 1 (docs/s extracting)", WORKERS_RATIO,
     "--workers 2 output identical to --workers 1"),
    ("fanout", "--server A,B --concurrency 4 / --server A (docs/s extracting)", FANOUT_RATIO,
     "served output identical to in process"),
    ("spark", "quotes spark local[2] / local[1] (docs/s extracting)", SPARK_RATIO,
     "quotes spark results identical to quotes extract"),
]
CHECKS = [
    ("bad_documents", "bad documents: 2 error records, the rest extracted, exit 1"),
    ("resume", "SIGKILL then --resume: every document once"),
]


def targets(results: dict) -> list[dict]:
    out = []
    for key, ratio_name, limit, identical_name in SCALING:
        if key in results:
            entry = results[key]
            out.append(_target(ratio_name, entry["ratio"], limit))
            out.append(_target(identical_name, entry["identical"], True, entry["identical"]))
    for key, name in CHECKS:
        if key in results:
            out.append(_target(name, results[key]["met"], True, results[key]["met"]))
    return out


def _runs(entry: dict, key: str = "docs_per_s") -> str:
    def one(run: dict) -> str:
        others = f", others {max(run['others_cpu_pct']):.0f}%" if "others_cpu_pct" in run else ""
        return f"{run[key]:.2f} (load {run['load_before'][0]}{others})"

    return ", ".join(one(run) for run in entry["runs"])


def table(results: dict) -> str:
    m = results["machine"]
    lines = [f"quotes bench --batch, {results['date']}: {results['command']}",
             f"machine: {m['cpu_model']}, {m['cpus']} CPUs, Python {m['python']}; {results['documents']} documents, "
             f"fastest of {results['repeats']} runs; load average before: {m['load_average']}, "
             f"after: {results['load_average_after']}", ""]
    pairs = [("workers", "workers_1", "--workers 1"), ("workers", "workers_2", "--workers 2"),
             ("fanout", "one_server", "--server A"), ("fanout", "two_servers", "--server A,B --concurrency 4"),
             ("spark", "local[1]", "quotes spark local[1]"), ("spark", "local[2]", "quotes spark local[2]")]
    for group, key, label in pairs:
        if group in results:
            entry = results[group][key]
            best = entry["best"]
            whole = (f"whole command {best['whole_command_docs_per_s']:.2f}" if "whole_command_docs_per_s" in best
                     else f"whole job {best['whole_job_docs_per_s']:.2f}, command {best['seconds']:.1f} s")
            lines.append(f"{label:<30} {best['docs_per_s']:>6.2f} docs/s ({whole})   runs: {_runs(entry)}")
    lines.append("")
    for t in targets(results):
        value = t["value"]
        shown = f"{value:.2f}x" if isinstance(value, float) else str(value)
        limit = f">= {t['limit']:.1f}x" if isinstance(t["limit"], float) else ""
        lines.append(f"{'met ' if t['met'] else 'MISSED'}  {t['target']:<58} {shown:>8} {limit}")
    return "\n".join(lines)
