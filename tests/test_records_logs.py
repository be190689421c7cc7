"""The synthetic sheriff's log (tests/sheriff_log.py), as CSV (cp1252) and XLSX: every row is
accounted for, and nothing personal reaches output/ or data/records/."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import build_site, write_tiny_data
from disclosures.problems import DataError, Problem
from disclosures.records.describe import load_description
from disclosures.records.extraction import extract, extract_all
from sheriff_log import PERSONAL, description, write_csv, write_xlsx


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
    "csv": [f"row {n}" for n in range(4, 14)],
    "xlsx": [f"sheet 1, row {n}" for n in range(4, 10)] + [f"sheet 2, row {n}" for n in range(4, 9)],
}


def extracted(log, folder: Path):
    kind, data, raw_dir = log
    path = data / "disclosures" / "synthetic-log.yaml"
    return extract(load_description(path), path, raw_dir / f"log.{kind}", folder)


def test_every_row_is_accounted_for(log, tmp_path):
    kind = log[0]
    result = extracted(log, tmp_path)
    where = WHERE[kind]
    expected = [
        (where[0], "clean", None, None),
        (where[1], "clean", None, None),
        (where[2], "duplicate", "repeats an earlier row", where[0]),
        (where[3], "clean", None, None),
        (where[4], "rejected", "Created: after the disclosure was received (2025-09-01)", None),
        (where[5], "clean", None, None),  # looks like the first row, but is another search
        (where[6], "rejected", "Search Count: negative, and a count cannot be", None),
        (where[7], "rejected", "Search Count: not a whole number", None),
        (where[8], "rejected", "Search Count: not a whole number", None),
        (where[9], "rejected", "totals row", None),
    ]
    if kind == "xlsx":
        expected.append((where[10], "rejected", "a note below the table", None))
    records = result.records.astype(object).where(result.records.notna(), None)
    assert list(records[["source_row", "status", "reason", "duplicate_of"]].itertuples(index=False, name=None)) == (
        expected
    )
    read = 11 if kind == "xlsx" else 10
    assert result.accounts() == {"read": read, "clean": 4, "duplicate": 1, "rejected": read - 5}
    assert result.skipped == {"above the header row": 4 if kind == "xlsx" else 2}
    clean = records[records["status"] == "clean"]
    assert clean[["date", "searches", "user", "crime_category", "outcome", "has_case_number"]].values.tolist() == [
        ["2023-03-14", 2, "user-001", "property crime", "closed", True],
        ["2023-03-16", 1, "redacted", "immigration", "open", True],
        ["2023-03-15", 3, "user-002", "fraud", "closed", True],
        ["2023-03-14", 2, "user-001", "property crime", "closed", True],
    ]
    # A rejected row publishes its place and reason, nothing of its cells
    assert records.loc[records["status"] == "rejected", ["date", "searches", "user"]].isna().all().all()


def published_text(parquet: Path) -> str:
    """Every cell of a committed extraction, as text."""
    import duckdb

    return duckdb.sql(f"SELECT * FROM read_parquet('{parquet}')").df().to_csv()


@pytest.mark.slow
def test_nothing_personal_reaches_the_site_or_the_extraction_and_script_tags_are_text(log, tmp_path):
    kind, data, raw_dir = log
    read = 11 if kind == "xlsx" else 10
    assert extract_all(data, [raw_dir]) == [
        f"synthetic-log: {read} rows read = 4 clean + 1 duplicates + {read - 5} rejected\n"
        "  rejected         1  Created: after the disclosure was received (2025-09-01)\n"
        "  rejected         1  Search Count: negative, and a count cannot be\n"
        "  rejected         2  Search Count: not a whole number\n"
        + ("  rejected         1  a note below the table\n" if kind == "xlsx" else "")
        + "  rejected         1  totals row\n"
        f"  set aside        {4 if kind == 'xlsx' else 2}  above the header row"
    ]
    committed = [published_text(data / "records" / "synthetic-log.parquet")]
    committed.append((data / "records" / "synthetic-log.summary.yaml").read_text(encoding="utf-8"))
    assert not [value for value in PERSONAL for text in committed if value in text]
    site = build_site(tmp_path / "output", data, DISCLOSURES_RAW=[str(raw_dir)])
    for path in [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".csv", ".json", ".xml", ".svg")]:
        text = path.read_text(encoding="utf-8")
        assert not [value for value in PERSONAL if value in text], path
        if path.suffix == ".html":
            assert "<script>alert" not in text, path
    index = b"".join(path.read_bytes() for path in (site / "pagefind").rglob("*") if path.is_file())
    assert b"Typedname" not in index
    quality = (site / "data-quality" / "index.html").read_text(encoding="utf-8")
    assert "<li>Search Count: not a whole number: 2</li>" in quality
    assert '<tr><th scope="row">Rows read</th><td>' in quality
    published = (site / "data" / "records-synthetic-log.csv").read_text(encoding="utf-8")
    assert published.splitlines()[0].split(",")[-3:] == ["outcome", "user", "has_case_number"]


def test_a_description_naming_a_missing_column_is_an_error(log, tmp_path):
    kind, data, raw_dir = log
    path = data / "disclosures" / "synthetic-log.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Search Count: searches", "Search Cnt: searches"), encoding="utf-8"
    )
    with pytest.raises(DataError) as raised:
        extract(load_description(path), path, raw_dir / f"log.{kind}", tmp_path)
    header = "row 3" if kind == "csv" else "sheet 1, row 3"
    columns = "Investigation ID, Title, Creator, Created, Last Updated, Search Count, Status, Comments, Subject Name"
    assert raised.value.problems == [
        Problem(
            str(path),
            header,
            "Search Cnt",
            "Search Cnt",
            "the description names a column the raw file does not have",
            f"did you mean 'Search Count'? use one of the raw file's columns: {columns}",
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


def test_a_raw_file_whose_checksum_changed_is_an_error(log, tmp_path):
    kind, data, raw_dir = log
    path = data / "disclosures" / "synthetic-log.yaml"
    raw = raw_dir / f"log.{kind}"
    expected = hashlib.sha256(raw.read_bytes()).hexdigest()
    raw.write_bytes(raw.read_bytes() + b"\n")
    actual = hashlib.sha256(raw.read_bytes()).hexdigest()
    with pytest.raises(DataError) as raised:
        extract(load_description(path), path, raw, tmp_path)
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


def test_pseudonyms_are_stable_and_not_derived_from_names(log, tmp_path):
    first = extracted(log, tmp_path / "first").records["user"].tolist()
    again = extracted(log, tmp_path / "again").records["user"].tolist()
    assert first == again
    # Numbered by first appearance among the rows published, so no guessed name can be hashed into one
    assert [user for user in first if isinstance(user, str)] == [
        "user-001",
        "redacted",
        "user-001",
        "user-002",
        "user-001",
    ]


@pytest.mark.slow
def test_a_correction_shows_old_values_only_of_columns_published_as_they_are_written(tmp_path):
    raw_dir, data = tmp_path / "raw", write_tiny_data(tmp_path / "data")
    raw_dir.mkdir()
    (data / "disclosures").mkdir()
    described = description(write_csv(raw_dir), "{format: csv, header_row: 3}")
    path = data / "disclosures" / "synthetic-log.yaml"
    # A name typed into a count, and a status (never published): neither raw value may be shown
    corrections = (
        "corrections:\n"
        '  - {at: row 12, column: Search Count, was: Gus Typedname, value: "1", reason: a name typed into the count}\n'
        "  - {at: row 4, column: Status, was: Closed, value: Open, reason: marked in error}\n"
    )
    path.write_text(described + corrections, encoding="utf-8")
    extract_all(data, [raw_dir])
    site = build_site(tmp_path / "output", data, DISCLOSURES_RAW=[str(raw_dir)])
    quality = (site / "data-quality" / "index.html").read_text(encoding="utf-8")
    assert "Typedname" not in quality and "Closed" not in quality
    withheld = "a value was corrected (the column is not published as it is written, so neither value is shown)"
    assert quality.count(withheld) == 2
    # Nor in the error when a correction no longer matches the raw file
    path.write_text(described + corrections.replace("was: Gus Typedname", "was: Gus Typo"), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        extract_all(data, [raw_dir])
    [problem] = raised.value.problems
    assert problem.value == "(withheld: the column is not published as it is written)"
    assert "Typedname" not in str(raised.value)
