"""The Met's two LFR deployment grids, read from their PDFs by their descriptions alone."""

from pathlib import Path

import pandas as pd
import pytest

from conftest import DATA, ROOT
from disclosures.checksum import sha256
from disclosures.records.describe import load_description
from disclosures.records.extraction import extract, read_committed

MET = ROOT.parent / "shared" / "data"
pytestmark = [
    pytest.mark.skipif(
        not (MET / "met-lfr").is_dir(), reason=f"the Met's PDFs are not at {MET / 'met-lfr'} (they are not committed)"
    ),
    pytest.mark.slow,  # reads the Met's PDF grids
    pytest.mark.shipped,
]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The Met's two grids, extracted afresh from their PDFs."""
    folder = tmp_path_factory.mktemp("records")
    return {name: extract_into(name, folder) for name in ("met-lfr-2020-2022", "met-lfr-2023-2024")}


def extract_into(name: str, folder: Path):
    path = DATA / "disclosures" / f"{name}.yaml"
    description = load_description(path)
    return extract(description, path, MET / description.raw.file, folder)


def row(records, where: str, fields: list[str]) -> list:
    found = records.set_index("source_row").loc[where, fields]
    return [None if pd.isna(value) else value for value in found.tolist()]


def test_the_2020_2022_grid(extracted):
    result = extracted["met-lfr-2020-2022"]
    assert result.accounts() == {"read": 13, "clean": 9, "duplicate": 0, "rejected": 4}
    assert result.skipped == {"row of another table on the page": 23}
    records = result.records
    fields = [
        "status",
        "date",
        "location",
        "purpose",
        "watchlist_size",
        "alerts",
        "false_alerts",
        "true_alerts",
        "arrests",
        "faces_scanned",
        "false_alert_rate_stated",
    ]
    assert row(records, "page 1, table 1, row 5", fields) == [
        "clean",
        "2020-02-11",
        "Stratford",
        "1, 2",
        5816,
        0,
        0,
        0,
        0,
        4600,
        "0.00%",
    ]
    assert row(records, "page 1, table 1, row 7", fields) == [
        "clean",
        "2020-02-27",
        "Oxford Circus",
        "1, 2",
        7292,
        8,
        7,
        1,
        1,
        8600,
        "0.08%",
    ]
    # A deployment stopped by a fault: N/A is no value, never zero
    assert row(records, "page 1, table 1, row 6", fields) == [
        "clean",
        "2020-02-21",
        "Oxford Circus (technical fault stopped deployment)",
        "1, 2",
        7316,
        None,
        None,
        None,
        None,
        None,
        None,
    ]
    assert set(records.loc[records["status"] == "rejected", "reason"]) == {"column titles, printed over several lines"}


def test_the_2023_2024_grid(extracted):
    result = extracted["met-lfr-2023-2024"]
    assert result.accounts() == {"read": 209, "clean": 203, "duplicate": 0, "rejected": 6}
    assert result.skipped == {"blank row": 205, "row of another table on the page": 16}
    records = result.records
    fields = [
        "date",
        "location",
        "duration_minutes",
        "purpose",
        "threshold",
        "alerts",
        "true_alerts",
        "false_alerts",
        "arrests",
        "faces_scanned",
    ]
    assert row(records, "page 1, table 2, row 1", fields) == [
        "2023-04-06",
        "Camden",
        303,
        "1,2,3,4",
        "0.6",
        1,
        1,
        0,
        1,
        5460,
    ]
    assert row(records, "page 7, table 1, row 2", fields) == [
        "2024-10-30",
        "Ealing Broadway",
        321,
        "Crime Hotspot",
        "0.64",
        5,
        5,
        0,
        2,
        10780,
    ]
    # The location that wraps onto page 7 is joined by the reviewed correction
    assert row(records, "page 6, table 2, row 47", ["location", "faces_scanned"]) == ["Belvedere Rd, Waterloo", 10520]
    assert row(records, "page 7, table 1, row 1", ["status", "reason"]) == [
        "rejected",
        "the end of a location wrapped onto the next page (joined to its row by a correction)",
    ]
    assert records["duration_minutes"].dropna().between(30, 12 * 60).all()


@pytest.mark.parametrize("name", ["met-lfr-2020-2022", "met-lfr-2023-2024"])
def test_the_committed_extraction_is_what_the_pdf_gives(extracted, name):
    committed = read_committed(load_description(DATA / "disclosures" / f"{name}.yaml"), DATA / "records")
    assert sha256(extracted[name].path) == sha256(committed.path)
    assert extracted[name].summary["rows"] == committed.summary["rows"]


def test_the_five_oxford_circus_rows_reproduce_the_foi_figure(extracted):
    records = extracted["met-lfr-2020-2022"].records
    oxford = records[(records["location"] == "Oxford Circus") & (records["date"] >= "2020-02-27")]
    assert oxford["faces_scanned"].tolist() == [8600, 12120, 34286, 34360, 36420]
    assert (int(oxford["faces_scanned"].sum()), int(oxford["arrests"].sum())) == (125786, 9)


def test_without_the_pdfs_the_build_uses_the_committed_extraction(tmp_path):
    from disclosures.records.extraction import load_disclosures

    used = load_disclosures(DATA, [Path(tmp_path)])
    assert [d.provenance for d in used] == ["committed extraction (raw file absent)"] * 2
    assert [d.extraction.accounts()["clean"] for d in used] == [9, 203]


def test_the_committed_extractions_were_made_by_this_code():
    from disclosures.records.extraction import code_version

    for name in ("met-lfr-2020-2022", "met-lfr-2023-2024"):
        committed = read_committed(load_description(DATA / "disclosures" / f"{name}.yaml"), DATA / "records")
        assert committed.summary["code_sha256"] == code_version(), f"run make extract: {name} is stale"
