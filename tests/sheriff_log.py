"""A synthetic sheriff's face-search log, of the shape described in shared/data/README.md.

Case number and crime type in a Title, a partly redacted Creator, a Search Count per row; a
header on row 3, a totals row, an exact repeat and a look-alike that differs only in a dropped
column, Excel serial and mixed date formats, a future date, a negative count, script tags and a
name typed into the count column, and a subject-name column.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import openpyxl

HEADER = [
    "Investigation ID",
    "Title",
    "Creator",
    "Created",
    "Last Updated",
    "Search Count",
    "Status",
    "Comments",
    "Subject Name",
]
TITLE_ROWS = [["Sheriff's Office - face search log"], ["Produced under records request PRR 00-0000"]]
BURGLARY = ["INV-0001", "2023-000101 (Burglary)", "José Núñez", "03/14/2023", "", "2", "Closed",
            "Café camera still", "Ann Subject"]  # fmt: skip
LOOKALIKE = ["INV-0007", *BURGLARY[1:]]  # the same search log entry but for its (dropped) id: a different search
ROWS = [
    BURGLARY,
    ["INV-0002", "2023-000102 (Immigration)", "EXEMPT - F.S. 119.071(2)(d)", "2023-03-16", "", "1", "Open", "",
     "Bob Subject"],
    list(BURGLARY),  # the same row again: a duplicate
    ["INV-0003", "2023-000103 (Fraud)", "jnunez@example.org", 45000, "", "3", "Closed", "<script>alert(1)</script>",
     "Cy Subject"],
    ["INV-0004", "2023-000104 (Robbery)", "José Núñez", "2031-01-01", "", "1", "Closed", "", "Di Subject"],
    LOOKALIKE,
    ["INV-0005", "(Assault)", "Dee Officer", "2023-04-02", "", "-1", "Closed", "", "Ed Subject"],
    ["INV-0006", "2023-000106 (<script>alert(1)</script>)", "Dee Officer", "2023-04-03", "",
     "<script>alert(2)</script>", "Open", "", "Flo Subject"],
    ["INV-0008", "2023-000108 (Fraud)", "Dee Officer", "2023-04-04", "", "Gus Typedname", "Open", "", "Hal Subject"],
    ["Total", "", "", "", "", "8", "", "", ""],
]  # fmt: skip
PERSONAL = [
    "Typedname",
    "José",
    "Núñez",
    "nunez",
    "jnunez@example.org",
    "Dee Officer",
    "EXEMPT",
    "119.071",
    "Subject",
    "Café camera",
    "2023-000101",
    "Sheetname",  # a sheet named after a detective
]


def write_csv(folder: Path) -> Path:
    """The log as a cp1252 CSV file: two title lines, the header on row 3."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([*TITLE_ROWS, HEADER, *[[str(c) for c in r] for r in ROWS]])
    path = folder / "log.csv"
    path.write_bytes(text.getvalue().encode("cp1252"))
    return path


def write_xlsx(folder: Path) -> Path:
    """The log as a workbook of two sheets (the second named after a detective), each with its header on row 3,
    a totals and a notes row."""
    book = openpyxl.Workbook()
    for sheet, rows in (
        ("2023 A", ROWS[:6]),
        ("Det. Rae Sheetname", [*ROWS[6:], ["Note: counts as kept by the unit"]]),
    ):
        page = book.create_sheet(sheet)
        for values in [*TITLE_ROWS, HEADER, *rows]:
            page.append([int(v) if isinstance(v, str) and v.lstrip("-").isdigit() and v != "" else v for v in values])
    del book["Sheet"]
    path = folder / "log.xlsx"
    book.save(path)
    return path


def description(raw: Path, reader: str, **changes: str) -> str:
    """The log's description, in YAML, for the raw file ``raw``."""
    text = f"""
id: synthetic-log
title: Face search log (synthetic)
agency: lapd
system: lacris
source: latimes
unit: log_entry
covers: {{start: "2023", end: "2023"}}
raw:
  file: {raw.name}
  sha256: {hashlib.sha256(raw.read_bytes()).hexdigest()}
  attribution: Synthetic test data
  received: 2025-09-01
reader: {reader}
columns:
  Created: date
  Search Count: searches
  Status: status
pseudonymise:
  Creator: user
drop: [Investigation ID, Last Updated, Comments, Subject Name]
extract:
  Title: {{pattern: '^(?P<case_number>\\d{{4}}-\\d+)?\\s*\\((?P<crime_type>[^)]*)\\)$'}}
redacted: ['EXEMPT - F\\.S\\. [0-9.()a-z]+']
dates: ["%m/%d/%Y", "%Y-%m-%d"]
excel_serial_dates: true
vocabulary:
  crime_type:
    to: crime_category
    map: {{Burglary: property crime, Fraud: fraud, Robbery: violent crime, Assault: violent crime,
          Immigration: immigration}}
  status:
    to: outcome
    map: {{Closed: closed, Open: open}}
max_rejected: 0.5
not_records:
  - reason: totals row
    where: {{Investigation ID: "Total"}}
  - reason: a note below the table
    where: {{Investigation ID: "Note:.*"}}
"""
    for old, new in changes.items():
        text = text.replace(old, new)
    return text
