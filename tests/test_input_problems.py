"""Bad input is a Problem, reported once against its own file, never a traceback and never a silent loss."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from conftest import DATA, ROOT, replace_in
from disclosures.build import build
from disclosures.problems import DataError, Problem
from disclosures.records.extraction import load_disclosures
from disclosures.tables import load

FIGURES = "disclosed/figures.csv"
RESTORE = "restore it from the project's data/ folder, or start a data folder with python -m disclosures new"


def problems(data) -> list[Problem]:
    with pytest.raises(DataError) as raised:
        load(data)
    return raised.value.problems


def test_an_unbalanced_quote_never_merges_two_rows(tiny_data):
    # The quote opened in the first figure's note would swallow the second figure
    replace_in(tiny_data, FIGURES, ' 29,817 times.",\nlapd-2020', ' 29,817 times.","see the print edition\nlapd-2020')
    assert problems(tiny_data) == [
        Problem(
            str(tiny_data / FIGURES),
            2,
            "quote_missing",
            "see the print edition…",
            "a cell must not run over several lines: a quote opened in it is not closed on its line, so the lines"
            " after it would be read into it",
            'close the quote; a quote that belongs in the text is written twice ("")',
        )
    ]


@pytest.mark.parametrize(
    ("old", "new", "column", "value", "rule", "fix"),
    [
        (
            "uses,29817,,",
            "uses,123456789012345678901,,",
            "value",
            "123456789012345678901",
            "value must be at most 1,000,000,000,000",
            "check the number against the source: no disclosure counts that many",
        ),
        (
            "uses,29817,,exact",
            "uses,29817,1e20,exact",
            "value_max",
            "1e20",
            "value_max must be a whole number",
            "write digits only, like 50",
        ),
        (
            ' 29,817 times.",\nlapd-2020',
            ' 29,817 times.",,extra\nlapd-2020',
            "",
            "extra",
            "a row must not have more cells than the header",
            "remove the extra cell, or quote a cell that holds a comma",
        ),
    ],
)
def test_a_cell_or_row_that_breaks_the_schema(tiny_data, old, new, column, value, rule, fix):
    replace_in(tiny_data, FIGURES, old, new)
    assert problems(tiny_data) == [Problem(str(tiny_data / FIGURES), 2, column, value, rule, fix)]


def test_a_missing_column_is_said_once_for_the_header(tiny_data):
    replace_in(tiny_data, FIGURES, ",quote_missing\n", "\n")
    assert problems(tiny_data) == [
        Problem(
            str(tiny_data / FIGURES),
            None,
            "quote_missing",
            "",
            "the header must have the column 'quote_missing'",
            "add the column to the header, with a cell in every row",
        )
    ]


def test_a_bad_byte_is_reported_once_against_its_own_table(tiny_data):
    agencies = tiny_data / "reference" / "agencies.csv"
    agencies.write_bytes(agencies.read_bytes().replace(b"Los Angeles Police", b"Los \xc1ngeles Police"))
    offset = agencies.read_bytes().index(b"\xc1")
    assert problems(tiny_data) == [
        Problem(
            str(agencies),
            "line 2",
            "",
            f"byte 0xc1 at offset {offset}",
            "the file must be UTF-8",
            "save it as UTF-8 (in a spreadsheet: CSV UTF-8); the byte is probably an accented letter",
        )
    ]


@pytest.mark.parametrize(
    ("remove", "rule", "fix"),
    [
        ("reference/events.csv", "every table in datapackage.json must exist", "restore the file"),
        ("schemas/events.schema.json", "every table's schema must exist", RESTORE),
        ("datapackage.json", "the data folder must have its datapackage.json", RESTORE),
    ],
)
def test_a_missing_file_is_a_problem(tiny_data, remove, rule, fix):
    (tiny_data / remove).unlink()
    assert problems(tiny_data) == [Problem(str(tiny_data / remove), None, "", "", rule, fix)]


def test_a_malformed_package_descriptor_is_a_problem(tiny_data):
    (tiny_data / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    [problem] = problems(tiny_data)
    assert (problem.file, problem.row) == (str(tiny_data / "datapackage.json"), "line 1, column 16")
    assert problem.rule.startswith("datapackage.json must be JSON listing resources with a path and a schema")


def test_a_table_the_others_refer_to_missing_from_the_package_is_a_problem(tiny_data):
    package = json.loads((tiny_data / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"] = [resource for resource in package["resources"] if resource["name"] != "sources"]
    (tiny_data / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load(tiny_data)
    said = {(problem.file, problem.rule, problem.fix) for problem in raised.value.problems}
    assert (
        str(tiny_data / "datapackage.json"),
        "source of figures.csv must be an id in sources.csv, which the package does not list",
        "restore the sources resource to it",
    ) in said


@pytest.mark.parametrize(
    ("column", "path"),
    [("path", "/etc/passwd"), ("path", "../../../../etc/passwd"), ("schema", "/etc/hostname"), ("path", ["a.csv"])],
)
def test_a_table_outside_the_data_folder_is_a_problem_and_never_read(tiny_data, column, path):
    descriptor = tiny_data / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    package["resources"][0][column] = path
    descriptor.write_text(json.dumps(package), encoding="utf-8")
    rule = "a table and its schema must be files inside the data folder, named relative to it"
    assert problems(tiny_data) == [Problem(str(descriptor), None, column, str(path), rule, RESTORE)]


def test_tables_with_only_their_headers_are_valid(tiny_data):
    for table in (FIGURES, "reference/headlines.csv"):
        path = tiny_data / table
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert load(tiny_data).figures.empty


def test_a_headline_naming_no_figure_is_a_problem(tiny_data):
    replace_in(tiny_data, "reference/headlines.csv", "lapd-all", "lapd-al")
    assert problems(tiny_data) == [
        Problem(
            str(tiny_data / "reference" / "headlines.csv"),
            2,
            "figure",
            "lapd-al",
            "figure must be an id in figures.csv",
            "did you mean lapd-all or lapd-2020? use an id from figures.csv, or add a row for 'lapd-al' there first",
        )
    ]


def test_an_empty_table_file_is_a_problem(tiny_data):
    (tiny_data / FIGURES).write_text("", encoding="utf-8")
    assert problems(tiny_data) == [
        Problem(str(tiny_data / FIGURES), None, "", "", "a table must have its header row", "write the header row")
    ]


@pytest.mark.shipped  # its input is a copy of the shipped records
def test_a_hand_edited_extraction_is_refused(tmp_path):
    data = shutil.copytree(DATA, tmp_path / "data")
    parquet = data / "records" / "met-lfr-2023-2024.parquet"
    with duckdb.connect() as con:
        con.execute(
            f"COPY (SELECT * REPLACE (CASE WHEN faces_scanned = 5460 THEN 546000000 ELSE faces_scanned END"
            f" AS faces_scanned) FROM read_parquet('{parquet}')) TO '{tmp_path / 'edited.parquet'}' (FORMAT parquet)"
        )
    shutil.copy(tmp_path / "edited.parquet", parquet)
    with pytest.raises(DataError) as raised:
        load_disclosures(data, [])
    assert raised.value.problems == [
        Problem(
            str(parquet),
            None,
            "",
            "",
            "the extraction must be what make extract wrote: it or met-lfr-2023-2024.summary.yaml was changed by hand",
            "never edit an extraction: change the description or add a correction, then run make extract",
        )
    ]


@pytest.mark.shipped  # its input is a copy of the shipped records
def test_a_hand_edited_summary_is_refused(tmp_path):
    data = shutil.copytree(DATA, tmp_path / "data")
    summary = data / "records" / "met-lfr-2020-2022.summary.yaml"
    summary.write_text(summary.read_text(encoding="utf-8").replace("clean: 9", "clean: 10"), encoding="utf-8")
    with pytest.raises(DataError, match="was changed by hand"):
        load_disclosures(data, [])


@pytest.mark.parametrize("text", ["raw: null\n", "raw: {file: 5}\n", "id: [unclosed\n", "", "id:\tx\n"])
def test_a_broken_description_stops_the_build_with_a_problem_not_a_traceback(tiny_data, tmp_path, text):
    (tiny_data / "disclosures").mkdir(exist_ok=True)
    (tiny_data / "disclosures" / "broken.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        build(ROOT / "pelicanconf.py", tmp_path / "output", DISCLOSURES_DATA=str(tiny_data), DISCLOSURES_CACHE=None)
    assert {problem.file for problem in raised.value.problems} == {str(tiny_data / "disclosures" / "broken.yaml")}
    assert not (tmp_path / "output").exists()
