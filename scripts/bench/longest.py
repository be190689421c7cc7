"""The longest text the schemas allow: a copy of the real data with every free-text cell written out
to its field's ``maxLength``, validated and built, and the build's peak memory printed (every
process of the build together, sampled from /proc, and the largest one alone).

    python -m bench.longest [--workspace .bench/longest]

A cell keeps its own words and is lengthened with filler, so the rules that tie a quote to its
figure still hold. Identifiers, addresses, references to other rows and qualifier words keep
their values: they have patterns or come from fixed lists, and their lengths are limited by the
same schemas.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[2]
FILLER = "and so on, as the source goes on to say in words of its own "
#: Text fields that keep their values: a phrase from a fixed list (``qualifiers.WORDS``), a list of ids.
KEPT = {"qualifier_words", "changed"}


def lengthen(data: Path) -> dict[str, int]:
    """Write every free-text cell of every table in ``data`` out to its maximum; return the cells changed by table."""
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    changed = {}
    for resource in package["resources"]:
        schema = json.loads((data / resource["schema"]).read_text(encoding="utf-8"))
        references = {name for key in schema.get("foreignKeys", []) for name in _names(key["fields"])}
        limits = {
            field["name"]: field["constraints"]["maxLength"]
            for field in schema["fields"]
            if "maxLength" in field.get("constraints", {})
            and not {"pattern", "enum"} & set(field["constraints"])
            and field["name"] not in references | KEPT
        }
        path = data / resource["path"]
        with open(path, encoding="utf-8", newline="") as file:
            reader = csv.DictReader(file)
            rows, columns = list(reader), reader.fieldnames
            assert columns is not None  # every table has a header row
        count = 0
        for row in rows:
            for name, limit in limits.items():
                if row.get(name):
                    row[name] = (row[name] + " " + FILLER * (limit // len(FILLER) + 1))[:limit]
                    count += 1
        with open(path, "w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        changed[resource["name"]] = count
    return changed


def _names(fields: str | list[str]) -> list[str]:
    return [fields] if isinstance(fields, str) else fields


def peak_memory(command: list[str], cwd: Path) -> tuple[int, float, float]:
    """Run ``command``; return its exit code, and the peak resident memory (MB) of all its processes
    together and of the largest one, sampled ten times a second."""
    process = subprocess.Popen(command, cwd=cwd)
    together = largest = 0.0
    while process.poll() is None:
        sizes = [_resident(pid) for pid in _tree(process.pid)]
        together, largest = max(together, sum(sizes)), max([largest, *sizes])
        time.sleep(0.1)
    return process.returncode, together, largest


def _tree(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):  # the task ended while it was read
                todo += [int(child) for child in (task / "children").read_text().split()]
    return found


def _resident(pid: int) -> float:
    """A process's resident memory in MB (0 once it has ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.longest", description=__doc__)
    parser.add_argument("--workspace", type=Path, default=ROOT / ".bench" / "longest")
    workspace = parser.parse_args(argv).workspace.resolve()
    shutil.rmtree(workspace, ignore_errors=True)
    data = shutil.copytree(ROOT / "data", workspace / "data")
    changed = lengthen(data)
    print("Cells written out to their maximum length: " + ", ".join(f"{n} {t}" for t, n in changed.items() if n))
    python = [sys.executable, "-m", "disclosures"]
    if subprocess.run([*python, "validate", str(data)], cwd=ROOT, capture_output=True).returncode:
        subprocess.run([*python, "validate", str(data)], cwd=ROOT)
        return 1
    build = [
        *python,
        "build",
        "-o",
        str(workspace / "output"),
        "--data",
        str(data),
        "--cache",
        str(workspace / "cache"),
    ]
    started = time.monotonic()
    code, together, largest = peak_memory(build, ROOT)
    print(f"Build: exit code {code} in {time.monotonic() - started:.1f} s; peak memory {together:,.0f} MB in all")
    print(f"       processes together, {largest:,.0f} MB in the largest one")
    if code == 0:
        print(measure(workspace / "output"))
    return code


def measure(output: Path) -> str:
    """The widest chart image and the longest brief of a built site, in words."""
    widths = {png: struct.unpack(">II", png.read_bytes()[16:24]) for png in output.glob("charts/*/*.png")}
    widest = max(widths, key=lambda png: widths[png][0])
    pages = {}
    for pdf in output.glob("agencies/*/brief/*.pdf"):
        with pdfplumber.open(pdf) as document:
            pages[pdf] = len(document.pages)
    longest = max(pages, key=lambda pdf: pages[pdf])
    return (
        f"Widest chart image: {widest.name}, {widths[widest][0]:,} x {widths[widest][1]:,} px (twice its size);"
        f"\nlongest brief: {longest.name}, {pages[longest]} page(s); {sum(n > 1 for n in pages.values())} of"
        f" {len(pages)} briefs run over one page"
    )


if __name__ == "__main__":
    sys.exit(main())
