"""Monthly series counted from records: zeros only where a disclosure lists every record,
measures only where a disclosure reports them, and no log counted twice."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from conftest import write_tiny_data
from disclosures.problems import DataError, Problem
from disclosures.records.extraction import extract_all, load_disclosures
from disclosures.records.series import Counted

LOG = "Case,Created,Searches\n" + "".join(
    f"C{i},{day},{count}\n"
    for i, (day, count) in enumerate([("01/10/2023", 2), ("03/05/2023", 1), ("03/20/2023", 4), ("05/10/2023", 1)])
)


def describe(data: Path, raw_dir: Path, name: str, covers: str, received: str, extra: str = "", log: str = LOG) -> None:
    """Write a raw log and its description (one search per row, a Searches column) into the data folder."""
    raw = raw_dir / f"{name}.csv"
    raw.write_text(log, encoding="utf-8")
    (data / "disclosures").mkdir(exist_ok=True)
    (data / "disclosures" / f"{name}.yaml").write_text(
        f"""
id: {name}
title: Search log {name}
agency: lapd
system: lacris
source: latimes
unit: log_entry
covers: {covers}
raw: {{file: {raw.name}, sha256: {hashlib.sha256(raw.read_bytes()).hexdigest()}, received: {received}}}
reader: {{format: csv}}
columns: {{Created: date, Searches: searches}}
drop: [Case]
dates: ["%m/%d/%Y"]
{extra}""",
        encoding="utf-8",
    )


@pytest.fixture
def folders(tmp_path) -> tuple[Path, Path]:
    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    return write_tiny_data(tmp_path / "data"), raw_dir


def series(data: Path, raw_dir: Path):
    extract_all(data, [raw_dir])
    monthly = Counted(load_disclosures(data, [raw_dir])).monthly()
    columns = ["measure", "month", "value", "records", "qualifier", "covered"]
    return [tuple(row) for row in monthly[columns].itertuples(index=False)]


def test_months_after_the_disclosure_was_received_are_not_zero(folders):
    data, raw_dir = folders
    describe(data, raw_dir, "log", '{start: "2023", end: "2023"}', "2023-05-15")
    assert series(data, raw_dir) == [
        ("log_records", "2023-01", 1, 1, "exact", "whole month"),
        ("log_records", "2023-02", 0, 0, "exact", "whole month"),
        ("log_records", "2023-03", 2, 2, "exact", "whole month"),
        ("log_records", "2023-04", 0, 0, "exact", "whole month"),
        ("log_records", "2023-05", 1, 1, "at_least", "not the whole month"),
        ("searches", "2023-01", 2, 1, "exact", "whole month"),
        ("searches", "2023-02", 0, 0, "exact", "whole month"),
        ("searches", "2023-03", 5, 2, "exact", "whole month"),
        ("searches", "2023-04", 0, 0, "exact", "whole month"),
        ("searches", "2023-05", 1, 1, "at_least", "not the whole month"),
    ]


def test_a_measure_the_disclosure_does_not_report_is_absent(folders):
    data, raw_dir = folders
    describe(data, raw_dir, "log", '{start: "2023-01", end: "2023-03"}', "2024-01-01")
    measures = {measure for measure, *_ in series(data, raw_dir)}
    assert measures == {"log_records", "searches"}  # no faces scanned, arrests or deployments, not even as zero


def test_two_disclosures_of_the_same_records_period_are_refused(folders):
    data, raw_dir = folders
    describe(data, raw_dir, "log-a", '{start: "2023", end: "2023"}', "2024-01-01")
    describe(data, raw_dir, "log-b", '{start: "2023-03", end: "2024-06"}', "2024-07-01")
    extract_all(data, [raw_dir])
    with pytest.raises(DataError) as raised:
        load_disclosures(data, [raw_dir])
    assert raised.value.problems == [
        Problem(
            str(data / "disclosures" / "log-b.yaml"),
            None,
            "covers",
            "2023-03 to 2024-06",
            "records of the same agency, system and unit must not be counted twice: log-a also covers 2023 to 2023",
            "if one is the same log exported again, write duplicates: log-a; if one replaces the other, write"
            " supersedes: [log-a]; otherwise correct covers",
        )
    ]


def test_a_log_disclosed_twice_is_counted_once(folders):
    data, raw_dir = folders
    describe(data, raw_dir, "log", '{start: "2023-01", end: "2023-03"}', "2024-01-01")
    alone = series(data, raw_dir)
    describe(data, raw_dir, "log-again", '{start: "2023-01", end: "2023-03"}', "2024-01-01", extra="duplicates: log\n")
    assert series(data, raw_dir) == alone


def test_a_superseding_disclosure_replaces_the_other_where_they_overlap(folders):
    data, raw_dir = folders
    describe(data, raw_dir, "log", '{start: "2023-01", end: "2023-03"}', "2024-01-01")
    corrected = "Case,Created,Searches\nC1,03/05/2023,7\n"
    describe(
        data, raw_dir, "log-fixed", '{start: "2023-03", end: "2023-03"}', "2024-01-01", "supersedes: [log]\n", corrected
    )
    searches = [(month, value) for measure, month, value, *_ in series(data, raw_dir) if measure == "searches"]
    # May lies outside what either lists in full: its search is counted, as a lower bound
    assert searches == [("2023-01", 2), ("2023-02", 0), ("2023-03", 7), ("2023-05", 1)]


@pytest.mark.slow
def test_an_average_the_records_contradict_is_said_and_not_drawn(folders, tmp_path):
    from conftest import build_site

    data, raw_dir = folders
    # The log lists January to March 2023 in full: 7 searches in three months
    describe(data, raw_dir, "log", '{start: "2023-01", end: "2023-03"}', "2024-01-01")
    extract_all(data, [raw_dir])
    with open(data / "reference" / "sources.csv", "a", encoding="utf-8") as file:
        file.write(
            "report,Annual report,Los Angeles Times,https://www.latimes.com/b,,"
            "https://web.archive.org/web/2024/https://www.latimes.com/b,false,,2026-11-27,2024-02-01,news_report,"
            "reported,,,,,\n"
        )
    with open(data / "disclosed" / "figures.csv", "a", encoding="utf-8") as file:
        file.write(
            "lapd-2021-2023,lapd,lacris,searches,searches,1000,,exact,,,2021,2023,,report,paragraph 9,,,"
            '"The department ran 1,000 searches from 2021 to 2023.",\n'
        )
    site = build_site(tmp_path / "output", data, DISCLOSURES_RAW=[str(raw_dir)])
    page = (site / "agencies" / "lapd" / "index.html").read_text(encoding="utf-8")
    row = page[page.index('<tr id="figure-lapd-2021-2023"') :]
    row = row[: row.index("</tr>")]
    assert (
        "<strong>Contradicted by the records:</strong> The agency&#39;s own records give 2.4 a month from 1 January"
        " 2023 to 31 March 2023 (7 in all), part of this figure&#39;s period: use was not even, so its average"
        " (between 27 and 83 a month) describes no actual month, and it is not drawn." in row
    )
    with open(site / "charts" / "lapd-searches" / "lapd-searches.csv", encoding="utf-8", newline="") as file:
        drawn = [row["figure_id"] for row in csv.DictReader(file)]
    assert "lapd-2021-2023" not in drawn and "lapd-all" in drawn
