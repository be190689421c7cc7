"""A synthetic search log of the shape described in shared/data/README.md, as CSV (cp1252) and XLSX.

Case number and crime type in a Title, a partly redacted Creator, a Search Count per row; a
header on row 3, a totals row, a duplicate, Excel serial and mixed date formats, a future date,
a negative count, script tags and a subject-name column. Every row is accounted for, and
nothing personal reaches output/.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import openpyxl
import pytest

from conftest import build_site, write_tiny_data
from disclosures.records.describe import load_description
from disclosures.records.extraction import extract, extract_all
from disclosures.validate import DataError, Problem

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
ROWS = [
    BURGLARY,
    ["INV-0002", "2023-000102 (Immigration)", "EXEMPT - F.S. 119.071(2)(d)", "2023-03-16", "", "1", "Open", "",
     "Bob Subject"],
    list(BURGLARY),  # the same row again: a duplicate
    ["INV-0003", "2023-000103 (Fraud)", "jnunez@example.org", 45000, "", "3", "Closed", "<script>alert(1)</script>",
     "Cy Subject"],
    ["INV-0004", "2023-000104 (Robbery)", "José Núñez", "2031-01-01", "", "1", "Closed", "", "Di Subject"],
    ["INV-0005", "(Assault)", "Dee Officer", "2023-04-02", "", "-1", "Closed", "", "Ed Subject"],
    ["INV-0006", "2023-000106 (<script>alert(1)</script>)", "Dee Officer", "2023-04-03", "",
     "<script>alert(2)</script>", "Open", "", "Flo Subject"],
    ["Total", "", "", "", "", "8", "", "", ""],
]  # fmt: skip
PERSONAL = [
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
]


def write_csv(folder: Path) -> Path:
    """The log as a cp1252 CSV file: two title lines, the header on row 3."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([*TITLE_ROWS, HEADER, *[[str(c) for c in r] for r in ROWS]])
    path = folder / "log.csv"
    path.write_bytes(text.getvalue().encode("cp1252"))
    return path


def write_xlsx(folder: Path) -> Path:
    """The log as a workbook of two sheets, each with its header on row 3, a totals and a notes row."""
    book = openpyxl.Workbook()
    for sheet, rows in (("2023 A", ROWS[:5]), ("2023 B", [*ROWS[5:], ["Note: counts as kept by the unit"]])):
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
not_records:
  - reason: totals row
    where: {{Investigation ID: "Total"}}
  - reason: a note below the table
    where: {{Investigation ID: "Note:.*"}}
"""
    for old, new in changes.items():
        text = text.replace(old, new)
    return text


@pytest.fixture(params=["csv", "xlsx"])
def log(request, tmp_path):
    """A data folder with the synthetic log described in it, and the raw folder holding the log."""
    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    raw = write_csv(raw_dir) if request.param == "csv" else write_xlsx(raw_dir)
    data = write_tiny_data(tmp_path / "data")
    (data / "disclosures").mkdir()
    reader = "{format: csv, header_row: 3}" if request.param == "csv" else "{format: xlsx, header_row: 3}"
    (data / "disclosures" / "synthetic-log.yaml").write_text(description(raw, reader), encoding="utf-8")
    return request.param, data, raw_dir


WHERE = {
    "csv": [f"row {n}" for n in range(4, 12)],
    "xlsx": [f"sheet '2023 A', row {n}" for n in range(4, 9)] + [f"sheet '2023 B', row {n}" for n in range(4, 8)],
}


def test_every_row_is_accounted_for(log):
    kind, data, raw_dir = log
    path = data / "disclosures" / "synthetic-log.yaml"
    result = extract(load_description(path), path, raw_dir / f"log.{kind}")
    where = WHERE[kind]
    expected = [
        (where[0], "clean", "", ""),
        (where[1], "clean", "", ""),
        (where[2], "duplicate", "repeats an earlier row", where[0]),
        (where[3], "clean", "", ""),
        (where[4], "rejected", "date: 2031-01-01 is after the disclosure was received (2025-09-01)", ""),
        (where[5], "rejected", "searches: '-1' is negative; a count cannot be", ""),
        (where[6], "rejected", "searches: '<script>alert(2)</script>' is not a whole number", ""),
        (where[7], "rejected", "totals row", ""),
    ]
    if kind == "xlsx":
        expected.append((where[8], "rejected", "a note below the table", ""))
    records = result.records
    assert list(records[["source_row", "status", "reason", "duplicate_of"]].itertuples(index=False, name=None)) == (
        expected
    )
    read = 9 if kind == "xlsx" else 8
    assert result.accounts() == {"read": read, "clean": 3, "duplicate": 1, "rejected": read - 4}
    assert result.skipped == {"above the header row": 4 if kind == "xlsx" else 2}
    clean = records[records["status"] == "clean"]
    assert clean[["date", "searches", "user", "crime_category", "outcome", "has_case_number"]].values.tolist() == [
        ["2023-03-14", 2, "user-001", "property crime", "closed", True],
        ["2023-03-16", 1, "redacted", "immigration", "open", True],
        ["2023-03-15", 3, "user-002", "fraud", "closed", True],
    ]


def test_nothing_personal_reaches_the_site_and_script_tags_are_text(log, tmp_path):
    kind, data, raw_dir = log
    assert extract_all(data, [raw_dir]) == [
        "synthetic-log: "
        f"{9 if kind == 'xlsx' else 8} rows read, 3 clean, 1 duplicates, "
        f"{5 if kind == 'xlsx' else 4} rejected"
    ]
    site = build_site(tmp_path / "output", data, DISCLOSURES_RAW=[str(raw_dir)])
    for path in [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".csv", ".json", ".xml", ".svg")]:
        text = path.read_text(encoding="utf-8")
        assert not [value for value in PERSONAL if value in text], path
        if path.suffix == ".html":
            assert "<script>alert" not in text, path
    quality = (site / "data-quality" / "index.html").read_text(encoding="utf-8")
    assert "searches: &#39;&lt;script&gt;alert(2)&lt;/script&gt;&#39; is not a whole number" in quality
    assert '<tr><th scope="row">Rows read</th><td>' in quality
    published = (site / "data" / "records-synthetic-log.csv").read_text(encoding="utf-8")
    assert published.splitlines()[0].split(",")[-3:] == ["outcome", "user", "has_case_number"]


def test_a_description_naming_a_missing_column_is_an_error(log):
    kind, data, raw_dir = log
    path = data / "disclosures" / "synthetic-log.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Search Count: searches", "Search Cnt: searches"), encoding="utf-8"
    )
    with pytest.raises(DataError) as raised:
        extract(load_description(path), path, raw_dir / f"log.{kind}")
    header = "row 3" if kind == "csv" else "sheet '2023 A', row 3"
    columns = "Investigation ID, Title, Creator, Created, Last Updated, Search Count, Status, Comments, Subject Name"
    assert raised.value.problems == [
        Problem(
            str(path),
            header,
            "Search Cnt",
            "Search Cnt",
            "the description names a column the raw file does not have",
            f"use one of the raw file's columns: {columns}",
        ),
        Problem(
            str(path),
            header,
            "Search Count",
            "Search Count",
            "every column of the raw file must be described",
            "map it under columns, or list it under pseudonymise or drop",
        ),
    ]


def test_a_date_in_no_declared_format_is_an_error(tmp_path):
    ROWS_WITH_BAD_DATE = [[*ROWS[0][:3], "14th March 2023", *ROWS[0][4:]]]
    text = io.StringIO()
    csv.writer(text).writerows([*TITLE_ROWS, HEADER, *ROWS_WITH_BAD_DATE])
    raw = tmp_path / "log.csv"
    raw.write_bytes(text.getvalue().encode("cp1252"))
    path = tmp_path / "synthetic-log.yaml"
    path.write_text(description(raw, "{format: csv, header_row: 3}"), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        extract(load_description(path), path, raw)
    assert raised.value.problems == [
        Problem(
            str(raw),
            "row 4",
            "date",
            "14th March 2023",
            "the date matches none of the declared formats (%m/%d/%Y, %Y-%m-%d)",
            "add its format to dates in the description, or correct the cell under corrections",
        ),
    ]


def test_a_raw_file_whose_checksum_changed_is_an_error(log):
    kind, data, raw_dir = log
    path = data / "disclosures" / "synthetic-log.yaml"
    raw = raw_dir / f"log.{kind}"
    expected = hashlib.sha256(raw.read_bytes()).hexdigest()
    raw.write_bytes(raw.read_bytes() + b"\n")
    actual = hashlib.sha256(raw.read_bytes()).hexdigest()
    with pytest.raises(DataError) as raised:
        extract(load_description(path), path, raw)
    assert raised.value.problems == [
        Problem(
            str(raw),
            None,
            "raw.sha256",
            actual,
            f"the raw file must have the checksum its description records ({expected})",
            f"restore the file as received; if the source re-released it, record the new checksum in {path} "
            "and run make extract",
        ),
    ]


@pytest.mark.parametrize(("encoding", "prefix"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")])
def test_csv_encodings_are_detected(tmp_path, encoding, prefix):
    from disclosures.records.describe import Reader
    from disclosures.records.readers import read_csv

    raw = tmp_path / "log.csv"
    raw.write_bytes(prefix + "Creator,Title\r\nJosé Núñez,Café (Fraud)\r\n".encode(encoding))
    table = read_csv(raw, Reader(format="csv"))
    assert (table.columns, table.rows) == (["Creator", "Title"], [("row 2", ["José Núñez", "Café (Fraud)"])])


def test_pseudonyms_are_stable_and_not_derived_from_names(log):
    kind, data, raw_dir = log
    path = data / "disclosures" / "synthetic-log.yaml"
    first = extract(load_description(path), path, raw_dir / f"log.{kind}").records["user"].tolist()
    again = extract(load_description(path), path, raw_dir / f"log.{kind}").records["user"].tolist()
    assert first == again
    # Numbered by first appearance, so no guessed name can be hashed into one
    assert [user for user in first if user] == [
        "user-001",
        "redacted",
        "user-001",
        "user-002",
        "user-001",
        "user-003",
        "user-003",
    ]
