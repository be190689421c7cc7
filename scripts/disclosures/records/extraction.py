"""The committed extraction: each disclosure's records in data/records/, sealed and summarised.

``make extract`` writes ``<id>.parquet`` (every row read, with its status) and
``<id>.summary.yaml`` (rows by status and reason, records per month, checksums), which makes
each re-extraction reviewable as a diff. The summary seals the Parquet: a hand edit of
either is refused. A build uses the committed extraction; where the raw file is present and
the description or the extraction code changed since, it extracts once more and requires
the same records.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import yaml

from ..checksum import sha256
from ..periods import Period
from ..problems import DataError, Problem
from .describe import Description, load_descriptions
from .ingest import ACCOUNT, ingest, published_fields
from .readers import read
from .sql import literal

if TYPE_CHECKING:
    import pandas as pd

SUMMARY = ".summary.yaml"
#: What the extraction code is: its source files and the libraries that read raw files.
CODE_FILES = [
    Path(__file__).with_name(f"{name}.py") for name in ("describe", "extraction", "fields", "ingest", "readers", "sql")
]
LIBRARIES = ["duckdb", "fastexcel", "pdfplumber"]


@dataclass
class Extraction:
    """The records of one disclosure, as Parquet, with the summary that seals them."""

    description: Description
    path: Path
    summary: dict

    def accounts(self) -> dict[str, int]:
        """Return rows read, clean, duplicate and rejected."""
        return dict(self.summary["rows"])

    @property
    def skipped(self) -> dict[str, int]:
        """Rows the reader set aside (above the header, blank), by reason."""
        return dict(self.summary["set_aside"])

    @cached_property
    def records(self) -> pd.DataFrame:
        """Every row as a frame, dates as ISO text (for small disclosures and tests; the site queries the Parquet)."""
        columns = ", ".join(
            f'strftime("{name}", \'%Y-%m-%d\') AS "{name}"' if name == "date" else f'"{name}"'
            for name in self.summary["columns"]
        )
        with duckdb.connect() as con:
            return con.execute(f"SELECT {columns} FROM {scan(self.path)}").df()


def scan(path: Path) -> str:
    """Return SQL that reads the Parquet at ``path``."""
    return "read_parquet(" + literal(str(path)) + ")"


def code_version() -> str:
    """Return a checksum of the extraction code and the versions of the libraries it reads with."""
    digest = hashlib.sha256()
    for path in CODE_FILES:
        digest.update(path.name.encode() + path.read_bytes())
    for library in LIBRARIES:
        digest.update(f"{library}=={metadata.version(library)}".encode())
    return digest.hexdigest()


def find_raw(description: Description, raw_dirs: list[Path]) -> Path | None:
    """Return the first raw folder's copy of the description's file, or None. A file that lies outside
    its raw folder once links are followed (a symbolic link to /etc/passwd) is never read."""
    for folder in raw_dirs:
        path = folder / description.raw.file
        if path.is_file():
            if not path.resolve().is_relative_to(folder.resolve()):
                raise DataError(
                    [
                        Problem(
                            str(path),
                            None,
                            "raw.file",
                            description.raw.file,
                            "the raw file must lie inside its raw folder, links followed",
                            "copy the file itself into the raw folder instead of linking to it",
                        )
                    ]
                )
            return path
    return None


def progress(message: str) -> None:
    """Say what a long step is doing, on standard error."""
    print(message, file=sys.stderr, flush=True)


def extract(description: Description, description_path: Path, raw: Path, folder: Path) -> Extraction:
    """Check the raw file's checksum, extract it into ``folder`` and return the extraction."""
    actual = sha256(raw)
    if actual != description.raw.sha256:
        raise DataError(
            [
                Problem(
                    str(raw),
                    None,
                    "raw.sha256",
                    actual,
                    f"the raw file must have the checksum its description records ({description.raw.sha256})",
                    f"restore the file as received; if the source re-released it, record the new "
                    f"checksum in {description_path} and run make extract",
                )
            ]
        )
    started = time.monotonic()
    folder.mkdir(parents=True, exist_ok=True)
    with duckdb.connect() as con:
        con.execute("SET preserve_insertion_order = true")
        table = read(raw, description.reader, con)
        skipped = Counter(table.skipped) + Counter(ingest(table, description, description_path, raw))
        progress(f"  {description.id}: read and parsed {raw.name} ({time.monotonic() - started:.1f} s)")
        path = folder / f"{description.id}.parquet"
        columns = ", ".join(f'"{name}"' for name in [*ACCOUNT, *published_fields(description)])
        con.execute(
            f"COPY (SELECT {columns} FROM records ORDER BY _order) TO ? (FORMAT parquet, COMPRESSION zstd)", [str(path)]
        )
        summary = _summary(con, description, description_path, dict(sorted(skipped.items())), path)
    (folder / f"{description.id}{SUMMARY}").write_text(_dump(summary), encoding="utf-8")
    progress(f"  {description.id}: written ({time.monotonic() - started:.1f} s)")
    return Extraction(description, path, summary)


def _summary(con, description: Description, description_path: Path, skipped: dict, path: Path) -> dict:
    """Return the summary of the records table just written to ``path``."""
    status = dict(con.execute("SELECT status, count(*) FROM records GROUP BY status").fetchall())
    reasons = con.execute(
        "SELECT reason, count(*) FROM records WHERE status = 'rejected' GROUP BY reason ORDER BY reason"
    ).fetchall()
    months = []
    if "date" in published_fields(description):
        months = con.execute(
            "SELECT strftime(date, '%Y-%m'), count(*) FROM records WHERE status = 'clean' GROUP BY 1 ORDER BY 1"
        ).fetchall()
    summary = {
        "disclosure": description.id,
        "raw": {"file": description.raw.file, "sha256": description.raw.sha256},
        "description_sha256": sha256(description_path),
        "code_sha256": code_version(),
        "rows": {
            "read": sum(status.values()),
            **{name: status.get(name, 0) for name in ("clean", "duplicate", "rejected")},
        },
        "rejected": dict(reasons),
        "set_aside": dict(skipped),
        "clean_per_month": dict(months),
        "columns": [*ACCOUNT, *published_fields(description)],
    }
    summary["seal"] = _seal(summary, path)
    return summary


def _seal(summary: dict, path: Path) -> str:
    """Return the checksum of the records and of the summary's other entries together."""
    body = _dump({key: value for key, value in summary.items() if key != "seal"})
    return hashlib.sha256(body.encode() + bytes.fromhex(sha256(path))).hexdigest()


def _dump(summary: dict) -> str:
    header = "# Written by make extract from the raw file: review it, never edit it (the seal would break).\n"
    return header + yaml.safe_dump(summary, sort_keys=False, allow_unicode=True, width=120)


def read_committed(description: Description, folder: Path) -> Extraction:
    """Return the committed extraction of ``description``; raise DataError if it is missing or was edited."""
    path = folder / f"{description.id}.parquet"
    summary_path = folder / f"{description.id}{SUMMARY}"
    if not path.is_file() or not summary_path.is_file():
        raise DataError(
            [
                Problem(
                    str(path),
                    None,
                    "",
                    "",
                    "every described disclosure needs its committed extraction and summary",
                    "put the raw file in data/raw and run make extract",
                )
            ]
        )
    summary = yaml.safe_load(summary_path.read_text(encoding="utf-8"))
    if not isinstance(summary, dict) or summary.get("seal") != _seal(summary, path):
        raise DataError(
            [
                Problem(
                    str(path),
                    None,
                    "",
                    "",
                    f"the extraction must be what make extract wrote: it or {summary_path.name} was changed by hand",
                    "never edit an extraction: change the description or add a correction, then run make extract",
                )
            ]
        )
    return Extraction(description, path, summary)


@dataclass
class Disclosure:
    """One record-level disclosure as the build used it, and how."""

    extraction: Extraction
    provenance: str  # "extracted from the raw file" or "committed extraction (raw file absent)"


def load_disclosures(data_dir: Path, raw_dirs: list[Path], cache: Path | None = None) -> list[Disclosure]:
    """Return every described disclosure's committed extraction, verified against its raw file where present.

    The raw file is extracted again only when the description or the extraction code changed
    since ``make extract`` (and not again once ``cache`` records that it gave the same records).
    """
    folder = data_dir / "disclosures"
    disclosures = []
    for description in load_descriptions(folder) if folder.is_dir() else []:
        stored = read_committed(description, data_dir / "records")
        raw = find_raw(description, raw_dirs)
        if raw is None:
            disclosures.append(Disclosure(stored, "committed extraction (raw file absent)"))
            continue
        description_path = folder / f"{description.id}.yaml"
        if _up_to_date(stored, description_path, cache) and sha256(raw) == description.raw.sha256:
            disclosures.append(Disclosure(stored, "committed extraction, made from this raw file by this code"))
            continue
        _verify(description, description_path, raw, stored, cache)
        disclosures.append(Disclosure(stored, "extracted again from the raw file: the same records as committed"))
    _check_overlaps(disclosures, folder)
    return disclosures


def _up_to_date(stored: Extraction, description_path: Path, cache: Path | None) -> bool:
    current = {"description_sha256": sha256(description_path), "code_sha256": code_version()}
    if all(stored.summary.get(key) == value for key, value in current.items()):
        return True
    verified = cache / f"{stored.description.id}.verified.yaml" if cache else None
    return bool(
        verified
        and verified.is_file()
        and yaml.safe_load(verified.read_text()) == {**current, "seal": stored.summary["seal"]}
    )


def _verify(
    description: Description, description_path: Path, raw: Path, stored: Extraction, cache: Path | None
) -> None:
    """Extract the raw file again and require the committed records; remember the result in ``cache``."""
    progress(f"  {description.id}: the description or the extraction code changed since make extract; checking")
    with tempfile.TemporaryDirectory() as scratch:
        fresh = extract(description, description_path, raw, Path(scratch))
        same = sha256(fresh.path) == sha256(stored.path) and fresh.summary["rows"] == stored.summary["rows"]
    if not same:
        raise DataError(
            [
                Problem(
                    str(stored.path),
                    None,
                    "",
                    "",
                    f"the committed extraction must equal what {raw} gives now",
                    "run make extract and review the difference in the summary before committing it",
                )
            ]
        )
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        record = {
            "description_sha256": sha256(description_path),
            "code_sha256": code_version(),
            "seal": stored.summary["seal"],
        }
        (cache / f"{description.id}.verified.yaml").write_text(yaml.safe_dump(record), encoding="utf-8")


def _check_overlaps(disclosures: list[Disclosure], folder: Path) -> None:
    """Two record disclosures of one agency, system and unit must not cover the same time unless related."""
    described = [d.extraction.description for d in disclosures if d.extraction.description.kind == "records"]
    problems = []
    for index, first in enumerate(described):
        for second in described[index + 1 :]:
            same = (first.agency, first.system, first.unit) == (second.agency, second.system, second.unit)
            related = (
                second.id in first.supersedes
                or first.id in second.supersedes
                or second.id == first.duplicates
                or first.id == second.duplicates
            )
            a = Period.parse(first.covers.start, first.covers.end)
            b = Period.parse(second.covers.start, second.covers.end)
            if same and not related and a.overlaps(b):
                problems.append(
                    Problem(
                        str(folder / f"{second.id}.yaml"),
                        None,
                        "covers",
                        f"{second.covers.start} to {second.covers.end}",
                        f"records of the same agency, system and unit must not be counted twice: {first.id} also covers"
                        f" {first.covers.start} to {first.covers.end}",
                        f"if one is the same log exported again, write duplicates: {first.id}; if one replaces the"
                        f" other, write supersedes: [{first.id}]; otherwise correct covers",
                    )
                )
    if problems:
        raise DataError(problems)


def extract_all(data_dir: Path, raw_dirs: list[Path]) -> list[str]:
    """Extract every disclosure whose raw file is present and changed into data/records; return what was done."""
    done = []
    folder = data_dir / "disclosures"
    for description in load_descriptions(folder) if folder.is_dir() else []:
        raw = find_raw(description, raw_dirs)
        if raw is None:
            done.append(f"{description.id}: raw file {description.raw.file} not found; committed extraction kept")
            continue
        description_path = folder / f"{description.id}.yaml"
        try:
            stored = read_committed(description, data_dir / "records")
        except DataError:
            stored = None
        if stored and stored.summary["raw"]["sha256"] == sha256(raw) and _up_to_date(stored, description_path, None):
            done.append(f"{description.id}: up to date (raw file, description and extraction code unchanged)")
            continue
        extraction = extract(description, description_path, raw, data_dir / "records")
        done.append(_report(extraction))
    return done


def _report(extraction: Extraction) -> str:
    """Return the accounting of one extraction, with its rejections by reason."""
    counts = extraction.accounts()
    lines = [
        f"{extraction.description.id}: {counts['read']:,} rows read = {counts['clean']:,} clean"
        f" + {counts['duplicate']:,} duplicates + {counts['rejected']:,} rejected"
    ]
    lines += [f"  rejected {count:>9,}  {reason}" for reason, count in extraction.summary["rejected"].items()]
    lines += [f"  set aside {count:>8,}  {reason}" for reason, count in extraction.summary["set_aside"].items()]
    return "\n".join(lines)
