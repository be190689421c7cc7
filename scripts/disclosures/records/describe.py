"""A disclosure's description: which raw file, how to read it, what each column means.

Descriptions are YAML files in ``data/disclosures/``; adding a disclosure means adding its
raw file and one of these, never new code.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..validate import DataError, Problem
from .fields import FIELDS


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Raw(Strict):
    """The raw file as received: never edited, checked by its checksum."""

    file: str = Field(description="path under a raw folder (data/raw), e.g. met-lfr/grid.pdf")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    attribution: str = ""
    received: date = Field(description="when the disclosure was released; later dates are rejected")


class Covers(Strict):
    """The period the disclosure covers in full (every record in it is listed), at its own precision."""

    start: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    end: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Reader(Strict):
    """How to read the raw file into rows of cells."""

    format: Literal["csv", "xlsx", "pdf"]
    header_row: int = Field(default=1, ge=1, description="CSV/XLSX: the row holding the column titles")
    sheets: list[str] = Field(default_factory=list, description="XLSX: sheets to read, in order (all if empty)")
    encoding: str = Field(default="", description="CSV: leave blank to detect UTF-8, UTF-8 with BOM or cp1252")
    pages: list[int] = Field(default_factory=list, description="PDF: pages to read (all if empty)")
    column_names: list[str] = Field(
        default_factory=list, description='PDF: the grid\'s columns left to right, "" for an empty merged column'
    )


class NotRecord(Strict):
    """Rows that are not records (titles repeated on a page, totals, footnotes), rejected with a reason."""

    reason: str
    where: dict[str, str] = Field(description="field -> regular expression; all must match")


class Vocabulary(Strict):
    """Maps raw values of a field to the shared vocabulary."""

    to: str = Field(description="the field that receives the mapped value")
    split: str = ""
    map: dict[str, str]
    otherwise: str = "unmapped"


class Extract(Strict):
    """A regular expression with named groups that splits a column into fields."""

    pattern: str


class Correction(Strict):
    """A reviewed fix of one cell of the raw file."""

    at: str = Field(description='where the reader found the row, e.g. "row 12" or "page 3, table 1, row 5"')
    column: str
    was: str
    value: str
    reason: str


class Description(Strict):
    """Everything needed to turn one raw disclosure into records."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    agency: str
    system: str
    source: str
    kind: Literal["records", "figures"] = Field(
        default="records", description="records: one row per search or deployment; figures: one row per period"
    )
    unit: Literal["deployment", "search", "log_entry", "period"]
    qualifier: Literal["exact", "about", "at_least", "at_most", "estimate"] = Field(
        default="exact", description="figures: how exact the source says its numbers are"
    )
    covers: Covers
    raw: Raw
    reader: Reader
    columns: dict[str, str] = Field(description="raw column title -> record field")
    pseudonymise: dict[str, str] = Field(default_factory=dict, description="raw column -> pseudonym field (user)")
    drop: list[str] = Field(default_factory=list, description="raw columns never read further: subjects, free text")
    redacted: list[str] = Field(default_factory=list, description="regular expressions for redaction codes")
    blank: list[str] = Field(default_factory=lambda: ["", "N/A"], description="values that mean no value")
    dates: list[str] = Field(default_factory=list, description="strptime formats for the date column")
    excel_serial_dates: bool = False
    extract: dict[str, Extract] = Field(default_factory=dict)
    vocabulary: dict[str, Vocabulary] = Field(default_factory=dict)
    sums: dict[str, list[str]] = Field(default_factory=dict, description="field -> fields it is the sum of")
    not_records: list[NotRecord] = Field(default_factory=list)
    duplicate_key: list[str] = Field(default_factory=list, description="fields that identify a repeat (all if empty)")
    corrections: list[Correction] = Field(default_factory=list)

    @field_validator("columns")
    @classmethod
    def _known_fields(cls, columns: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(columns.values()) - set(FIELDS))
        if unknown:
            raise ValueError(f"unknown record fields {unknown}; use one of {sorted(FIELDS)}")
        return columns


def load_description(path: Path) -> Description:
    """Return the description in ``path``; raise DataError naming each problem in it."""
    try:
        return Description.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as error:
        raise DataError(
            [
                Problem(
                    str(path),
                    None,
                    ".".join(map(str, problem["loc"])),
                    str(problem.get("input", ""))[:80],
                    problem["msg"],
                    "correct the description; see data/disclosures/README.md",
                )
                for problem in error.errors()
            ]
        ) from None


def load_descriptions(folder: Path) -> list[Description]:
    """Return every description in ``folder``, by id."""
    return sorted((load_description(path) for path in sorted(folder.glob("*.yaml"))), key=lambda d: d.id)
