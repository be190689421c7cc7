"""Record ingest, rule by rule, on small literal files: what is read, what is rejected and why,
and what is a Problem (never a traceback)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from disclosures.problems import DataError, Problem
from disclosures.records.describe import load_description
from disclosures.records.extraction import extract, find_raw

HEADER = "Case,Officer,Created,Searches,Duration,Notes\n"
DESCRIPTION = """
id: log
title: A search log
agency: lapd
system: lacris
source: latimes
unit: log_entry
covers: {{start: "2023", end: "2023"}}
raw: {{file: {file}, sha256: {sha256}, received: 2025-01-01}}
reader: {reader}
columns: {{Created: date, Searches: searches, Duration: duration_minutes}}
pseudonymise: {{Officer: user}}
drop: [Case, Notes]
dates: ["%m/%d/%Y"]
"""


def write(
    folder: Path, raw: bytes | str, name: str = "log.csv", reader: str = "{format: csv}", extra: str = ""
) -> Path:
    """Write a raw file and its description into ``folder``; return the description's path."""
    path = folder / name
    path.write_bytes(raw.encode("utf-8") if isinstance(raw, str) else raw)
    text = DESCRIPTION.format(file=name, sha256=hashlib.sha256(path.read_bytes()).hexdigest(), reader=reader) + extra
    (folder / "log.yaml").write_text(text, encoding="utf-8")
    return folder / "log.yaml"


def run(description: Path):
    """Extract the described file in its folder; return the extraction."""
    loaded = load_description(description)
    return extract(loaded, description, description.parent / loaded.raw.file, description.parent / "records")


def rows(n: int, start: int = 1) -> str:
    """``n`` good rows, each a different search."""
    return "".join(f"C{i},Ann Officer,03/14/2023,1,4h47m,\n" for i in range(start, start + n))


def statuses(result) -> list[tuple]:
    records = result.records.astype(object).where(result.records.notna(), None)
    return list(records[["source_row", "status", "reason", "duplicate_of"]].itertuples(index=False, name=None))


def test_rows_alike_in_their_published_fields_are_different_searches(tmp_path):
    # Same officer, day, count and duration; only the (dropped) case number differs
    result = run(write(tmp_path, HEADER + rows(2) + "C1,Ann Officer,03/14/2023,1,4h47m,\n"))
    assert statuses(result) == [
        ("row 2", "clean", None, None),
        ("row 3", "clean", None, None),
        ("row 4", "duplicate", "repeats an earlier row", "row 2"),
    ]


def test_a_duplicate_key_may_name_raw_columns(tmp_path):
    text = HEADER + "C1,Ann Officer,03/14/2023,1,4h47m,first\nC1,Ann Officer,03/14/2023,1,4h47m,second\n"
    result = run(write(tmp_path, text, extra="duplicate_key: [Case]\n"))
    assert [status for _, status, _, _ in statuses(result)] == ["clean", "duplicate"]


@pytest.mark.parametrize(
    ("written", "minutes"),
    [("4hr 47m", 287), ("4 hrs 47 mins", 287), ("4:47", 287), ("287 min", 287), ("5h03m", 303), ("5h 48m", 348),
     ("5h40", 340), ("5h", 300)],
)  # fmt: skip
def test_durations_in_common_written_forms(tmp_path, written, minutes):
    result = run(write(tmp_path, HEADER + f"C1,Ann Officer,03/14/2023,1,{written},\n"))
    assert result.records["duration_minutes"].tolist() == [minutes]


def test_counts_with_thousands_separators(tmp_path):
    result = run(write(tmp_path, HEADER + 'C1,Ann Officer,03/14/2023,"1,204",1:00,\n'))
    assert result.records["searches"].tolist() == [1204]


def test_one_impossible_date_rejects_its_row_and_shows_no_value(tmp_path):
    result = run(write(tmp_path, HEADER + rows(60) + "C61,Ann Officer,31/31/2022,1,1:00,\n"))
    assert statuses(result)[-1] == ("row 62", "rejected", "Created: not a date in the declared formats", None)
    assert result.accounts() == {"read": 61, "clean": 60, "duplicate": 0, "rejected": 1}


def test_an_unreadable_duration_rejects_its_row(tmp_path):
    result = run(write(tmp_path, HEADER + rows(60) + "C61,Ann Officer,03/14/2023,1,most of the day,\n"))
    assert statuses(result)[-1][2] == "Duration: not a duration such as 4h47m, 4 hrs 47 mins, 4:47 or 287 min"


def test_a_column_of_unreadable_values_stops_the_build(tmp_path):
    description = write(tmp_path, HEADER + "".join(f"C{i},Ann Officer,2023-14-{i:02},1,1:00,\n" for i in range(1, 9)))
    with pytest.raises(DataError) as raised:
        run(description)
    assert raised.value.problems == [
        Problem(
            str(tmp_path / "log.csv"),
            "row 2, row 3, row 4, row 5, row 6 and 3 more",
            "Created",
            "",
            "Created: not a date in the declared formats (8 rows; in all 8 of 8 rows read are rejected for reasons"
            " the description does not foresee, more than the 2% it allows)",
            "correct the description (dates, columns, blank values), add a not_records rule for rows that are not"
            " records, or, once the rejections are reviewed, raise max_rejected",
        )
    ]


def test_a_name_in_a_count_column_is_rejected_without_being_repeated(tmp_path):
    result = run(write(tmp_path, HEADER + rows(60) + "C61,Ann Officer,03/14/2023,Zed Secretname,1:00,\n"))
    assert statuses(result)[-1] == ("row 62", "rejected", "Searches: not a whole number", None)
    assert "Secretname" not in result.records.to_csv()
    assert "Secretname" not in (tmp_path / "records" / "log.summary.yaml").read_text(encoding="utf-8")


def test_a_ragged_row_is_rejected_with_its_count_of_cells(tmp_path):
    text = HEADER + rows(100) + "C101,Smith, Ann,03/14/2023,1,1:00,\nC102,Ann Officer\n"
    result = run(write(tmp_path, text))
    assert statuses(result)[-2:] == [
        ("row 102", "rejected", "7 cells, the header has 6", None),
        ("row 103", "rejected", "2 cells, the header has 6", None),
    ]
    assert "Smith" not in result.records.to_csv()


def test_blank_lines_are_set_aside_and_rows_keep_their_numbers(tmp_path):
    text = (
        "Search log\n\n"
        + HEADER
        + rows(1)
        + "\n"
        + rows(1, start=2)
        + '"C3",Ann Officer,03/14/2023,1,1:00,"two\nlines"\n'
    )
    result = run(write(tmp_path, text, reader="{format: csv, header_row: 3}"))
    assert [where for where, *_ in statuses(result)] == ["row 4", "row 6", "row 7"]
    assert result.skipped == {"above the header row": 2, "blank row": 1}


def test_a_declared_encoding_that_is_wrong_is_a_problem(tmp_path):
    raw = (HEADER + rows(1) + "C2,José Núñez,03/14/2023,1,1:00,\n").encode("cp1252")
    with pytest.raises(DataError) as raised:
        run(write(tmp_path, raw, reader="{format: csv, encoding: utf-8}"))
    offset = raw.index("é".encode("cp1252"))
    assert raised.value.problems == [
        Problem(
            str(tmp_path / "log.csv"),
            "line 3",
            "",
            f"byte 0xe9 at offset {offset}",
            "the file must be valid utf-8, the encoding declared",
            "set reader.encoding in the description to the file's encoding (utf-8, cp1252, utf-16, ...), or leave it"
            " blank to detect it",
        )
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_utf16_cp1252_and_a_byte_order_mark_are_read(tmp_path, encoding):
    raw = (HEADER + "C1,José Núñez,03/14/2023,1,1:00,\nC2,Ann Officer,03/15/2023,2,1:00,\n").encode(encoding)
    result = run(write(tmp_path, raw))
    assert result.records[["user", "searches"]].values.tolist() == [["user-001", 1], ["user-002", 2]]


def workbook(path: Path, sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    for name, values in sheets.items():
        sheet = book.create_sheet(name)
        for row in values:
            sheet.append(row)
    del book["Sheet"]
    book.save(path)
    return path.read_bytes()


def test_a_workbook_with_an_extra_sheet_is_a_problem(tmp_path):
    columns = HEADER.strip().split(",")
    raw = workbook(
        tmp_path / "made.xlsx",
        {"Log": [columns, ["C1", "Ann Officer", "03/14/2023", 1, "1:00", ""]], "Notes": [["Produced for PRR 25-1"]]},
    )
    with pytest.raises(DataError) as raised:
        run(write(tmp_path, raw, name="log.xlsx", reader="{format: xlsx}"))
    assert raised.value.problems == [
        Problem(
            str(tmp_path / "log.xlsx"),
            "sheet 2, row 1",  # by number: a sheet's name may be a person's
            "",
            "Produced for PRR 25-1",
            "every sheet read must have the columns of sheet 1 (Case, Officer, Created, Searches, Duration, Notes)",
            "list the sheets that hold the records under reader.sheets",
        )
    ]
    result = run(write(tmp_path, raw, name="log.xlsx", reader="{format: xlsx, sheets: [Log]}"))
    assert result.accounts()["clean"] == 1


def test_rows_are_placed_by_sheet_number_unless_the_description_publishes_sheet_names(tmp_path):
    columns = HEADER.strip().split(",")
    row = ["C1", "Ann Officer", "03/14/2023", 1, "1:00", ""]
    raw = workbook(tmp_path / "made.xlsx", {"Summary": [["Totals"]], "Det. Ray Sheetname": [columns, row]})
    placed = run(write(tmp_path, raw, name="log.xlsx", reader="{format: xlsx, sheets: [Det. Ray Sheetname]}"))
    assert statuses(placed) == [("sheet 2, row 2", "clean", None, None)]
    reader = "{format: xlsx, sheets: [Det. Ray Sheetname], sheet_names_published: true}"
    named = run(write(tmp_path, raw, name="log.xlsx", reader=reader))
    assert statuses(named) == [("sheet 'Det. Ray Sheetname', row 2", "clean", None, None)]


def changed_sheet(raw: bytes, old: bytes, new: bytes) -> bytes:
    """The workbook ``raw`` with ``old`` replaced by ``new`` in its first sheet's XML."""
    written = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, content.replace(old, new) if name == "xl/worksheets/sheet1.xml" else content)
    return written.getvalue()


@pytest.mark.parametrize(
    ("reader", "old", "new", "spans"),
    [
        # A dimension claiming every cell Excel allows: the library would make room for 17 billion cells
        ("{format: xlsx}", b'ref="A1:F2"', b'ref="A1:XFD1048576"', "1,048,576 rows and 16,384"),
        # One cell in the last row and column does the same
        ("{format: xlsx}", b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"/></row></sheetData>',
         "1,048,576 rows and 16,384"),
        # A row numbered beyond Excel's own limit
        ("{format: xlsx}", b'<row r="2">', b'<row r="10000000">', "10,000,000 rows and 6"),
        # The description's own limit
        ("{format: xlsx, max_rows: 1}", b"", b"", "2 rows and 6"),
    ],
)  # fmt: skip
def test_a_sheet_beyond_its_limits_is_a_problem_before_it_is_read(tmp_path, reader, old, new, spans):
    columns = HEADER.strip().split(",")
    raw = workbook(tmp_path / "made.xlsx", {"Log": [columns, ["C1", "Ann Officer", "03/14/2023", 1, "1:00", ""]]})
    with pytest.raises(DataError) as raised:
        run(write(tmp_path, changed_sheet(raw, old, new) if old else raw, name="log.xlsx", reader=reader))
    [problem] = raised.value.problems
    assert (problem.file, problem.row) == (str(tmp_path / "log.xlsx"), "sheet 1")
    assert problem.rule.startswith("a sheet may span at most ") and f"this one spans {spans} columns" in problem.rule


@pytest.mark.parametrize(
    ("extra", "where", "value", "rule", "fix"),
    [
        (
            "vocabulary: {searches: {to: crime_categry, map: {}}}\n",
            "vocabulary.searches.to",
            "crime_categry",
            "a vocabulary's target must be one of: crime_category, outcome, purpose_category",
            "did you mean 'crime_category'? correct the name",
        ),
        (
            "vocabulary: {crime_typ: {to: crime_category, map: {}}}\n",
            "vocabulary",
            "crime_typ",
            "a vocabulary's field (one read from a column) must be one of: date, duration_minutes, searches",
            "correct the name",
        ),
        (
            "sums: {searches: [search, duration_minutes]}\n",
            "sums.searches",
            "search",
            "a part of a sum (a field read from a column) must be one of: date, duration_minutes, searches",
            "did you mean 'searches'? correct the name",
        ),
        (
            "extract: {Notes: {pattern: '(?P<case_numbr>.*)'}}\n",
            "extract.Notes",
            "case_numbr",
            None,
            "did you mean 'case_number'? correct the name",
        ),
        (
            "vocabulray: {}\n",
            "vocabulray",
            "vocabulray",
            "the description uses a key that does not exist",
            None,
        ),
    ],
)
def test_a_misspelt_name_is_a_problem_with_the_nearest_valid_name(tmp_path, extra, where, value, rule, fix):
    with pytest.raises(DataError) as raised:
        run(write(tmp_path, HEADER + rows(1), extra=extra))
    problem = raised.value.problems[0]
    assert (problem.column, problem.value) == (where, value)
    assert rule is None or problem.rule == rule
    assert fix is None or problem.fix == fix
    if where == "vocabulray":
        assert problem.fix.startswith("did you mean 'vocabulary'? valid keys here: id, title,")


def test_a_misspelt_duplicate_key_or_not_records_column_is_a_problem(tmp_path):
    with pytest.raises(DataError) as raised:
        run(
            write(
                tmp_path,
                HEADER + rows(1),
                extra="duplicate_key: [Cases]\nnot_records: [{reason: totals, where: {Cse: Total}}]\n",
            )
        )
    assert [(p.column, p.value, p.fix.split("?")[0]) for p in raised.value.problems] == [
        ("not_records[0].where", "Cse", "did you mean 'Case'"),
        ("duplicate_key", "Cases", "did you mean 'Case'"),
    ]


def test_malformed_yaml_is_a_problem(tmp_path):
    description = write(tmp_path, HEADER + rows(1), extra="columns: {Created: date\n")
    with pytest.raises(DataError) as raised:
        run(description)
    problem = raised.value.problems[0]
    lines = description.read_text(encoding="utf-8").count("\n")
    assert (problem.file, problem.row) == (str(description), f"line {lines + 1}, column 1")
    assert problem.rule.startswith("the file must be valid YAML: ")


def test_a_quote_never_closed_stops_the_build_instead_of_merging_rows(tmp_path):
    text = (
        HEADER
        + rows(2)
        + 'C3,Ann Officer,03/14/2023,1,1:00,"Café (see\n'
        + rows(3, start=4)
        + "C9,Secret Name,03/14/2023,1,1:00,\n"
    )
    with pytest.raises(DataError) as raised:
        run(write(tmp_path, text))
    assert raised.value.problems == [
        Problem(
            str(tmp_path / "log.csv"),
            "row 4",
            "Notes",
            "",
            "a quote opened in this cell is never closed: the 4 lines after it, which look like rows, were read into"
            " this one cell",
            "the raw file is never edited: ask the source for a corrected export, or, if the file uses no quoting at"
            ' all, set reader.quote to ""',
        )
    ]
    assert "Secret" not in str(raised.value)


def test_a_pattern_re2_cannot_run_is_a_problem(tmp_path):
    with pytest.raises(DataError) as raised:
        run(write(tmp_path, HEADER + rows(1), extra="redacted: ['(?=EXEMPT).*']\n"))
    problem = raised.value.problems[0]
    assert (problem.column, problem.value) == ("redacted[0]", "(?=EXEMPT).*")
    assert problem.rule.startswith("the pattern must be a regular expression in RE2 syntax")


def test_a_file_that_is_not_its_format_is_a_problem(tmp_path):
    with pytest.raises(DataError) as raised:
        run(write(tmp_path, b"PK\x03\x04 not really a workbook", name="log.xlsx", reader="{format: xlsx}"))
    problem = raised.value.problems[0]
    assert (problem.file, problem.column, problem.value) == (str(tmp_path / "log.xlsx"), "reader.format", "xlsx")
    assert problem.rule.startswith("the file must be readable as XLSX")


FIX = "correct the description; see data/disclosures/README.md"


@pytest.mark.parametrize(
    ("extra", "where", "value", "rule"),
    [
        # A second columns: would silently win, mapping a never-published column to a published one
        ("columns: {Notes: searches}\n", "line 15, column 1", "", "the file must be valid YAML: the key 'columns' is"),
        ("title: " + "[" * 5000 + "]" * 5000 + "\n", None, "", "the file must not nest brackets or lists more deeply"),
    ],
)
def test_a_key_written_twice_or_nesting_without_end_is_a_problem(tmp_path, extra, where, value, rule):
    description = write(tmp_path, HEADER + rows(1), extra=extra)
    with pytest.raises(DataError) as raised:
        load_description(description)
    (problem,) = raised.value.problems
    assert (problem.row, problem.value, problem.fix) == (where, value, FIX)
    assert problem.rule.startswith(rule)


@pytest.mark.parametrize(
    ("old", "new", "column", "value", "rule"),
    [
        (
            "raw: {file: log.csv,",
            "raw: {file: /etc/passwd,",
            "raw.file",
            "/etc/passwd",
            "Value error, raw.file must be a path inside the raw folder, like met-lfr/grid.pdf (no /, no ..)",
        ),
        (
            "raw: {file: log.csv,",
            "raw: {file: ../../../../etc/passwd,",
            "raw.file",
            "../../../../etc/passwd",
            "Value error, raw.file must be a path inside the raw folder, like met-lfr/grid.pdf (no /, no ..)",
        ),
        ("reader: {format: csv}", "reader: {format: pdf, pages: [0]}", "reader.pages.0", "0", None),
        ("reader: {format: csv}", "reader: {format: pdf, pages: [-1]}", "reader.pages.0", "-1", None),
    ],
)
def test_a_raw_path_outside_the_raw_folder_or_a_page_before_the_first_is_a_problem(
    tmp_path, old, new, column, value, rule
):
    description = write(tmp_path, HEADER + rows(1))
    description.write_text(description.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_description(description)
    (problem,) = raised.value.problems
    assert (problem.column, problem.value) == (column, value)
    assert problem.rule == (rule or "Input should be greater than or equal to 1")


def test_a_raw_file_linked_from_outside_its_folder_is_never_read(tmp_path):
    outside = tmp_path / "secret.csv"
    outside.write_text(HEADER + rows(1), encoding="utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    description = write(raw, HEADER + rows(1))
    (raw / "log.csv").unlink()
    (raw / "log.csv").symlink_to(outside)
    with pytest.raises(DataError) as raised:
        find_raw(load_description(description), [raw])
    assert raised.value.problems == [
        Problem(
            str(raw / "log.csv"),
            None,
            "raw.file",
            "log.csv",
            "the raw file must lie inside its raw folder, links followed",
            "copy the file itself into the raw folder instead of linking to it",
        )
    ]
