"""Checks: where a disclosed figure and the records cover the same thing, the site says whether they agree."""

import shutil

import pytest

from conftest import DATA, build_site

OXFORD = "met-lfr-faces-2020-2022,met-police,met-lfr,faces_scanned,faces scanned,125786,,estimate,estimated"


def check_row(page: str, figure_id: str) -> str:
    """Return the row of the checks table for one figure."""
    page = page[page.index("Do the disclosed figures agree with the records?") :]
    start = page.index(f'<a href="#figure-{figure_id}">')
    return page[start : page.index("</tr>", start)]


def test_the_oxford_circus_figure_agrees_with_the_grid(site):
    page = (site / "agencies" / "met-police" / "index.html").read_text(encoding="utf-8")
    row = check_row(page, "met-lfr-faces-2020-2022")
    assert "estimated 125,786 faces scanned" in row
    assert "<td>location: Oxford Circus</td>" in row
    assert "<td>125,786 from 5 records</td>" in row
    assert "<strong>Agrees exactly</strong>" in row
    assert "<strong>Agrees exactly</strong>" in check_row(page, "met-lfr-arrests-2020-2022")


@pytest.mark.shipped  # its input is a copy of the shipped records
@pytest.mark.slow
def test_a_wrong_figure_is_shown_as_disagreeing(tmp_path):
    data = shutil.copytree(DATA, tmp_path / "data")
    figures = data / "disclosed" / "figures.csv"
    text = figures.read_text(encoding="utf-8")
    assert OXFORD in text
    # A figure and its quote, both wrong as if a source had misprinted the number
    wrong = text.replace(OXFORD, OXFORD.replace("125786,,estimate,estimated", "125000,,exact,"))
    figures.write_text(wrong.replace("an estimated 125,786 faces", "125,000 faces"), encoding="utf-8")
    site = build_site(tmp_path / "output", data, DISCLOSURES_RAW=[])
    row = check_row(
        (site / "agencies" / "met-police" / "index.html").read_text(encoding="utf-8"), "met-lfr-faces-2020-2022"
    )
    assert "125,000 faces scanned" in row
    assert "<td>125,786 from 5 records</td>" in row
    assert "<strong>Disagrees</strong>" in row


def test_the_false_alert_rate_is_computed_from_the_records_and_defined(site):
    page = (site / "agencies" / "met-police" / "index.html").read_text(encoding="utf-8")
    assert "<strong>Definition:</strong> false alerts divided by faces scanned" in page
    assert '<tr><th scope="row">all years</th><td>211</td><td>39</td><td>1,386,706</td>' in page


def test_monthly_series_are_published_and_marked(site):
    lines = (site / "data" / "series.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "agency,system,measure,month,value,records,missing,qualifier,covered,source,basis"
    assert (
        "met-police,met-lfr,deployments,2020-02,3,3,0,exact,whole month,met-lfr-grid-2020-2022,counted from records"
        in lines
    )
    assert (
        "met-police,met-lfr,faces_scanned,2020-02,13200,3,1,at_least,whole month,met-lfr-grid-2020-2022,"
        "counted from records" in lines
    )
    # The Met's grids report no searches: none is counted, not even as zero
    assert not [line for line in lines if ",searches," in line]


def test_a_misspelt_scope_field_is_a_problem(tiny_data):
    from disclosures.problems import DataError, Problem
    from disclosures.tables import load

    figures = tiny_data / "disclosed" / "figures.csv"
    figures.write_text(
        figures.read_text(encoding="utf-8").replace(
            "latimes,paragraph 4,,,", "latimes,paragraph 4,,locaton=Oxford Circus,", 1
        )
    )
    with pytest.raises(DataError) as raised:
        load(tiny_data)
    assert raised.value.problems == [
        Problem(
            "disclosed/figures.csv",
            2,
            "scope",
            "locaton=Oxford Circus",
            "a scope is field=value or field!=value, separated by semicolons, where each field is a record field",
            "did you mean 'location'? use a field of the records, such as location",
        )
    ]
