"""make bench: each stage's wall time and peak memory at a real size, against an independent reference.

Generates a synthetic search log (``--rows``) and synthetic agencies (``--agencies``) beside a
copy of the real data, then runs, each in its own process: ``make extract``'s command, the
independent DuckDB reference on the same file, ``make html``'s build, and the same build again
with nothing changed. Prints the figures and ratios, and checks that the extraction and the
reference give the same monthly searches and the same number of repeated rows.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from .synthetic import Log

ROOT = Path(__file__).resolve().parents[2]


def stage(name: str, command: list[str]) -> tuple[float, float, str, str]:
    """Run ``command``; return its wall time (s), its peak memory (MB), its standard output and its
    standard error (where a build says what each slow step took)."""
    with tempfile.TemporaryFile("w+") as output, tempfile.TemporaryFile("w+") as errors:
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=errors, text=True)
        _, status, usage = os.wait4(process.pid, 0)  # the child's own peak memory, which Popen.wait does not give
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        errors.seek(0)
        if process.returncode:
            sys.exit(f"{name} failed ({process.returncode}):\n{output.read()}\n{errors.read()}")
        return seconds, usage.ru_maxrss / 1024, output.read(), errors.read()


def drawn(build: tuple[float, float, str, str], things: str) -> str:
    """What a build said of its ``things`` ("charts", "briefs as PDF"): how many it drew, in how long, and
    their share of the build."""
    said = re.findall(rf"Rendered ([\d,]+) of ([\d,]+) {things} in ([\d.]+) s", build[3])  # a line per language
    if not said:
        return f"no {things} rendered"
    done, count = (sum(int(each[part].replace(",", "")) for each in said) for part in (0, 1))
    seconds = sum(float(each[2]) for each in said)
    each = f", {seconds / done:.2f} s each" if done else ""
    return f"{done:,} of {count:,} {things} drawn in {seconds:.1f} s ({seconds / build[0]:.0%} of the build{each})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the synthetic log")
    parser.add_argument("--agencies", type=int, default=1000, help="synthetic agencies, five figures each")
    parser.add_argument("--workspace", type=Path, default=ROOT / ".bench", help="where inputs and outputs go")
    args = parser.parse_args(argv)

    # Inputs, made in their own process so that this one stays small: every stage's peak memory
    # is its own, not what it inherited from here
    workspace = args.workspace.resolve()
    data, raw = workspace / "data", workspace / "raw"
    python = sys.executable
    made = [python, "-m", "bench.synthetic", str(ROOT), str(workspace), str(args.rows), str(args.agencies)]
    seconds, _, output, _ = stage("inputs", made)
    log = Log(**json.loads(output))
    size = Path(log.path).stat().st_size / 1e6
    print(f"Inputs: {log.rows:,} log rows ({size:.0f} MB, cp1252), {args.agencies:,} agencies with five figures each;")
    print(f"        {log.repeats:,} exact repeats, {log.lookalikes:,} look-alikes, {log.unreadable:,} unreadable rows")
    print(f"        (generated in {seconds:.1f} s, not counted)\n")

    build = [python, "-m", "disclosures", "build", "-o", str(workspace / "output"), "--data", str(data)]
    build += ["--raw", str(raw), "--cache", str(workspace / "cache")]
    results = {
        "extract": stage("extract", [python, "-m", "disclosures", "extract", str(data), "--raw", str(raw)]),
        "reference": stage(
            "reference", [python, "-m", "bench.reference", log.path, str(workspace / "reference.parquet")]
        ),
        "html": stage("html", build),
        "rebuild": stage("rebuild", build),
    }
    # One figure corrected: the build reuses every chart it rendered before but the changed one
    figures = data / "disclosed" / "figures.csv"
    figures.write_text(
        figures.read_text(encoding="utf-8").replace(",searches,searches,100,", ",searches,searches,101,", 1)
    )
    results["changed"] = stage("changed", build)
    # What the languages after the first cost: the same full build in the first language alone, from nothing
    english = [*build[:-1], str(workspace / "cache-english"), "--language", "en"]
    english[english.index("-o") + 1] = str(workspace / "output-english")
    results["english"] = stage("english", english)
    print(f"{'stage':<31}{'wall time':>12}{'peak memory':>14}")
    labels = {
        "extract": "make extract",
        "reference": "DuckDB reference",
        "html": "make html",
        "rebuild": "make html, nothing changed",
        "changed": "make html, one figure changed",
        "english": "make html, English only",
    }
    for name, (seconds, memory, *_) in results.items():
        print(f"{labels[name]:<31}{seconds:>10.1f} s{memory:>11,.0f} MB")
    for name in ("html", "rebuild", "changed", "english"):
        print(f"{labels[name]}: {drawn(results[name], 'charts')}; {drawn(results[name], 'briefs as PDF')}")
    extract, reference = results["extract"][0], results["reference"][0]
    rebuild = results["rebuild"][0] / results["html"][0]
    print(f"\nextract / reference: {extract / reference:.2f}x   rebuild / build: {rebuild:.0%}")
    print(f"committed extraction: {(data / 'records' / 'bench-log.parquet').stat().st_size / 1e6:.1f} MB")
    return _check(json.loads(results["reference"][2]), data, workspace, log)


def _check(expected: dict, data: Path, workspace: Path, log) -> int:
    """Compare the pipeline's series and repeats with the reference's; return 0 when they agree."""
    summary = yaml.safe_load((data / "records" / "bench-log.summary.yaml").read_text(encoding="utf-8"))
    with open(workspace / "output" / "data" / "series.csv", encoding="utf-8", newline="") as file:
        ours = {
            row["month"]: int(row["value"])
            for row in csv.DictReader(file)
            if row["agency"] == "bench-sheriff" and row["measure"] == "searches" and int(row["records"])
        }
    checks = {
        "the same searches per month as the reference": ours == expected["searches_per_month"],
        "the same repeated rows as the reference": summary["rows"]["duplicate"] == expected["repeats"],
        "exactly the repeats generated": summary["rows"]["duplicate"] == log.repeats,
    }
    print(f"rows: {summary['rows']}; rejected: {summary['rejected']}")
    for check, passed in checks.items():
        print(f"{'ok  ' if passed else 'FAIL'} {check}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
