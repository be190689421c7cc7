"""The committed extraction: the records of each disclosure, kept in data/records/.

Where the raw file is present (a maintainer's data/raw, or another raw folder), the build
verifies its checksum, extracts it again and requires the result to equal the committed
extraction. Where it is absent, the build uses the committed extraction and says so.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..validate import DataError, Problem
from .describe import Description, load_descriptions
from .fields import FIELDS
from .ingest import ACCOUNT, PUBLISHED, Extraction, ingest
from .readers import read


@dataclass
class Disclosure:
    """One record-level disclosure as the build used it, and how."""

    extraction: Extraction
    provenance: str  # "extracted from the raw file" or "committed extraction (raw file absent)"


def sha256(path: Path) -> str:
    """Return the file's SHA-256 in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def find_raw(description: Description, raw_dirs: list[Path]) -> Path | None:
    """Return the first raw folder's copy of the description's file, or None."""
    return next(
        (folder / description.raw.file for folder in raw_dirs if (folder / description.raw.file).is_file()), None
    )


def extract(description: Description, description_path: Path, raw: Path) -> Extraction:
    """Check the raw file's checksum and return its extraction."""
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
    return ingest(read(raw, description.reader), description, description_path, raw)


def to_csv(extraction: Extraction) -> str:
    """Return the extraction as the CSV text committed to data/records/."""
    return extraction.records[ACCOUNT + PUBLISHED].to_csv(index=False, lineterminator="\n")


def write(extraction: Extraction, folder: Path) -> None:
    """Write the extraction and its accounts of set-aside rows to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    name = extraction.description.id
    (folder / f"{name}.csv").write_text(to_csv(extraction), encoding="utf-8")
    accounts = {"sha256": extraction.description.raw.sha256, "set_aside": extraction.skipped}
    (folder / f"{name}.json").write_text(json.dumps(accounts, indent=2) + "\n", encoding="utf-8")


def read_committed(description: Description, folder: Path) -> Extraction:
    """Return the committed extraction of ``description``."""
    path = folder / f"{description.id}.csv"
    if not path.is_file():
        raise DataError(
            [
                Problem(
                    str(path),
                    None,
                    "",
                    "",
                    "every described disclosure needs its committed extraction",
                    "put the raw file in data/raw and run make extract",
                )
            ]
        )
    records = pd.read_csv(path, dtype=str, keep_default_na=False)
    for name in records.columns:
        if FIELDS.get(name) == "count":
            records[name] = pd.to_numeric(records[name]).astype("Int64")
    accounts = json.loads((folder / f"{description.id}.json").read_text(encoding="utf-8"))
    return Extraction(description, records, accounts["set_aside"])


def load_disclosures(data_dir: Path, raw_dirs: list[Path]) -> list[Disclosure]:
    """Return every described disclosure, extracted afresh where its raw file is present."""
    folder = data_dir / "disclosures"
    committed = data_dir / "records"
    disclosures = []
    for description in load_descriptions(folder) if folder.is_dir() else []:
        path = folder / f"{description.id}.yaml"
        stored = read_committed(description, committed)
        raw = find_raw(description, raw_dirs)
        if raw is None:
            disclosures.append(Disclosure(stored, "committed extraction (raw file absent)"))
            continue
        fresh = extract(description, path, raw)
        if to_csv(fresh) != (committed / f"{description.id}.csv").read_text(encoding="utf-8"):
            raise DataError(
                [
                    Problem(
                        str(committed / f"{description.id}.csv"),
                        None,
                        "",
                        "",
                        f"the committed extraction must equal what {raw} gives",
                        "run make extract and review the difference before committing it",
                    )
                ]
            )
        disclosures.append(Disclosure(fresh, "extracted from the raw file, equal to the committed extraction"))
    for disclosure in disclosures:
        disclosure.extraction.accounts()
    return disclosures


def extract_all(data_dir: Path, raw_dirs: list[Path]) -> list[str]:
    """Extract every disclosure whose raw file is present into data/records; return what was done."""
    done = []
    for description in load_descriptions(data_dir / "disclosures"):
        raw = find_raw(description, raw_dirs)
        if raw is None:
            done.append(f"{description.id}: raw file {description.raw.file} not found; committed extraction kept")
            continue
        extraction = extract(description, data_dir / "disclosures" / f"{description.id}.yaml", raw)
        write(extraction, data_dir / "records")
        counts = extraction.accounts()
        done.append(
            f"{description.id}: {counts['read']} rows read, {counts['clean']} clean, "
            f"{counts['duplicate']} duplicates, {counts['rejected']} rejected"
        )
    return done


#: The record fields a figures disclosure may carry, as figure measures.
FIGURE_MEASURES = ["searches", "requests", "matches", "arrests", "faces_scanned"]


def disclosed_figures(disclosures: list[Disclosure]) -> pd.DataFrame:
    """Return the figures that figures-kind disclosures state: one per clean row and measure column.

    Each figure keeps the source's column title as its words and the row it came from as its locator.
    """
    figures = []
    for disclosure in disclosures:
        description = disclosure.extraction.description
        if description.kind != "figures":
            continue
        titles = {field: column for column, field in description.columns.items()}
        clean = disclosure.extraction.records[disclosure.extraction.records["status"] == "clean"]
        for row in clean.to_dict("records"):
            for measure in (m for m in FIGURE_MEASURES if m in titles and not pd.isna(row[m])):
                start, end = _text(row["period_start"]), _text(row["period_end"])
                figures.append(
                    {
                        "id": re.sub(r"[^a-z0-9]+", "-", f"{description.id} {measure} {start or end}".lower()).strip(
                            "-"
                        ),
                        "agency": description.agency,
                        "system": description.system,
                        "measure": measure,
                        "measure_words": titles[measure],
                        "value": str(int(row[measure])),
                        "value_max": "",
                        "qualifier": description.qualifier,
                        "qualifier_words": "",
                        "rate_per": "",
                        "period_start": start,
                        "period_end": end,
                        "period_note": "",
                        "source": description.source,
                        "locator": row["source_row"],
                        "note": f"From {description.title}",
                        "scope": "",
                    }
                )
    return pd.DataFrame(figures, dtype=str)


def _text(value) -> str:
    return "" if pd.isna(value) else str(value)
