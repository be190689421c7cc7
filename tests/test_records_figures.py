"""A disclosure of figures (a weekly table in a commission packet) described once, with no new code."""

import csv
import hashlib

import openpyxl
import pytest

from conftest import build_site, write_tiny_data
from disclosures.problems import DataError
from disclosures.records.extraction import extract_all
from disclosures.tables import load

WEEKS = [
    ["Board of Police Commissioners: facial recognition weekly report"],
    [],
    ["Week starting", "Week ending", "Requests", "Searches run", "Arrests"],
    ["01/02/2023", "01/08/2023", 5, 4, 1],
    ["01/09/2023", "01/15/2023", 3, 3, "N/A"],
    ["01/16/2023", "01/22/2023", 6, 5, 0],
    ["Total", None, 14, 12, 1],
]


@pytest.fixture
def packet(tmp_path):
    """A data folder describing the weekly table, and the raw folder holding the workbook."""
    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    book = openpyxl.Workbook()
    book.active.title = "Weekly"
    for row in WEEKS:
        book.active.append(row)
    raw = raw_dir / "packet.xlsx"
    book.save(raw)
    data = write_tiny_data(tmp_path / "data")
    (data / "disclosures").mkdir()
    (data / "disclosures" / "weekly-packet.yaml").write_text(
        f"""
id: weekly-packet
title: Commission packet, weekly facial-recognition report
kind: figures
agency: lapd
system: lacris
source: latimes
unit: period
covers: {{start: "2023-01", end: "2023-01"}}
raw:
  file: packet.xlsx
  sha256: {hashlib.sha256(raw.read_bytes()).hexdigest()}
  attribution: Board of Police Commissioners
  received: 2023-02-01
reader: {{format: xlsx, header_row: 3}}
columns:
  Week starting: period_start
  Week ending: period_end
  Requests: requests
  Searches run: searches
  Arrests: arrests
dates: ["%m/%d/%Y"]
not_records:
  - {{reason: totals row, where: {{Week starting: Total}}}}
""",
        encoding="utf-8",
    )
    extract_all(data, [raw_dir])
    return data, raw_dir


def test_each_row_and_column_becomes_a_figure_and_not_disclosed_is_no_figure(packet):
    data, raw_dir = packet
    figures = load(data, [raw_dir]).figures
    stated = figures[figures["source"] == "latimes"].set_index("id")
    weekly = stated[stated.index.str.startswith("weekly-packet")]
    assert weekly[["measure", "measure_words", "value", "period_start", "period_end", "locator"]].values.tolist() == [
        ["arrests", "Arrests", 1, "2023-01-02", "2023-01-08", "sheet 1, row 4"],
        ["requests", "Requests", 5, "2023-01-02", "2023-01-08", "sheet 1, row 4"],
        ["searches", "Searches run", 4, "2023-01-02", "2023-01-08", "sheet 1, row 4"],
        ["requests", "Requests", 3, "2023-01-09", "2023-01-15", "sheet 1, row 5"],
        ["searches", "Searches run", 3, "2023-01-09", "2023-01-15", "sheet 1, row 5"],
        ["arrests", "Arrests", 0, "2023-01-16", "2023-01-22", "sheet 1, row 6"],
        ["requests", "Requests", 6, "2023-01-16", "2023-01-22", "sheet 1, row 6"],
        ["searches", "Searches run", 5, "2023-01-16", "2023-01-22", "sheet 1, row 6"],
    ]


@pytest.mark.slow
def test_the_figures_appear_on_the_site_with_their_source_and_row(packet, tmp_path):
    data, raw_dir = packet
    site = build_site(tmp_path / "output", data, DISCLOSURES_RAW=[str(raw_dir)])
    page = (site / "agencies" / "lapd" / "index.html").read_text(encoding="utf-8")
    row = page[page.index('<tr id="figure-weekly-packet-searches-2023-01-02"') :]
    row = row[: row.index("</tr>")]
    assert ">4</span> Searches run" in row and "from 2 January 2023 to 8 January 2023" in row
    assert "sheet 1, row 4" in row and "https://www.latimes.com/a" in row
    with open(site / "data" / "figures.csv", encoding="utf-8", newline="") as file:
        ids = [figure["id"] for figure in csv.DictReader(file)]
    assert "weekly-packet-arrests-2023-01-16" in ids and "weekly-packet-arrests-2023-01-09" not in ids


def test_a_figure_id_repeated_in_figures_csv_is_an_error(packet):
    data, raw_dir = packet
    figures = data / "disclosed" / "figures.csv"
    figures.write_text(
        figures.read_text(encoding="utf-8").replace("lapd-2020,", "weekly-packet-requests-2023-01-02,"),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"a figure id must be unique across figures\.csv"):
        load(data, [raw_dir])
