"""The comparison across agencies: single agencies only, full names, every figure left out listed with
its reason, and averages per 100,000 residents where a source gives the population."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, replace_in
from disclosures import comparable
from disclosures.charts import comparison

FIGURE = {
    "id": "lapd-all",
    "measure": "searches",
    "measure_label": "searches",
    "scope": "",
    "scope_words": "",
    "per_month": 229.0,
    "source_strength": "reported",
}


@pytest.mark.parametrize(
    ("kind", "changes", "contradiction", "expected"),
    [
        ("police", {}, "", ("", "")),
        ("group", {}, "", ("group", "")),
        ("police", {"measure": "arrests", "measure_label": "arrests"}, "", ("measure", "counts arrests")),
        (
            "police",
            {"source_strength": "weak", "source_strength_why": "a vendor's blog"},
            "",
            ("weak", "weak source: a vendor's blog"),
        ),
        ("sheriff", {"scope": "location=A", "scope_words": "location: A only"}, "", ("scope", "location: A only")),
        ("police", {}, "records list 3 a month", ("contradicted", "records list 3 a month")),
        ("police", {"per_month": None}, "", ("open", "")),
        ("police", {"per_month": 0.0}, "", ("zero", "")),
        # A group of another measure is left out as a group: the first reason that applies
        ("group", {"measure": "arrests", "measure_label": "arrests"}, "", ("group", "")),
    ],
)
def test_each_figure_is_left_out_for_the_first_reason_that_applies(kind, changes, contradiction, expected):
    assert comparable.left_out(FIGURE | changes, kind, contradiction) == expected


def test_an_average_per_100000_residents_divides_by_the_population():
    assert comparable.per_residents(2000.0, 2000.0, 4_000_000) == (50.0, 50.0)
    assert comparable.per_residents(509.0, 582.0, 100_000) == (509.0, 582.0)
    figure = {"per_month_low": 423.0, "per_month_high": 500.0, "qualifier": "at_least", "measure": "searches"}
    figure |= {"measure_said": "searches", "period_words": "in 2019"}
    assert comparable.per_residents_words(figure, {"population": 8_804_190, "year": 2020}) == (
        "at least 4.8 per 100,000 residents a month (searches in 2019; residents in 2020)"
    )


def test_the_ranked_unit_is_the_one_most_agencies_count_in_and_the_measures_own_word_on_a_tie():
    def counted(agency, words, measure="searches"):
        return {"agency": agency, "measure": measure, "measure_words": words, "measure_said": words or measure}

    assert comparable.ranked_unit([counted("a", "uses"), counted("b", "uses"), counted("c", "searches")]) == (
        "searches",
        "uses",
    )
    assert comparable.ranked_unit([counted("a", "instances"), counted("b", "searches")]) == ("searches", "searches")
    assert comparable.ranked_unit([counted("a", "requests", "requests"), counted("b", "queries")]) == (
        "searches",
        "queries",
    )


def test_a_long_name_wraps_onto_lines_of_its_own_and_is_never_cut():
    name = "Metropolitan Nashville and Davidson County Police Department Special Investigations Division"
    rows = [
        {"figure_id": "a", "agency": name, "figure": "1,200 searches, Jan 2023 \u2013 Dec 2023"}
        | {"label": f"{name}: 1,200 searches, Jan 2023 \u2013 Dec 2023", "per_month": 100.0, "low": 100.0}
        | {"high": 100.0, "average": "100 a month", "basis": "average over the stated period", "source": "Gazette"}
        | {"per_residents": "no sourced population"},
    ]
    drawn = comparison.draw(rows, 0, "searches").spec["datasets"]["figures"][0]
    assert drawn["agency"] == name
    assert drawn["lines"] == [
        "Metropolitan Nashville and Davidson County",
        "Police Department Special Investigations",
        "Division",
        "1,200 searches, Jan 2023 \u2013 Dec 2023",
    ]
    # Four lines need a taller row than two: 44 px and a line of 15 px for each line more
    drawing = comparison.draw(rows, 0, "searches")
    assert drawing.spec["height"] == {"step": 74}
    text = next(layer for layer in drawing.spec["layer"] if layer["mark"]["type"] == "text")
    assert "datum.lines" in next(step["calculate"] for step in text["transform"] if step["as"] == "text")
    assert "limit" not in text["mark"]


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory):
    """Tiny data with a population for LAPD, a rate, and a group of agencies with a figure of its own."""
    from conftest import write_tiny_data

    folder = tmp_path_factory.mktemp("comparison")
    data = write_tiny_data(folder / "data")
    replace_in(
        data, "reference/agencies.csv", "US,California,,,,", 'US,California,4000000,2020,latimes,"A city of 4,000,000."'
    )
    with open(data / "reference" / "agencies.csv", "a", encoding="utf-8") as file:
        file.write(
            'la-county-users,Los Angeles County users of LACRIS,,group,"Los Angeles County, CA",US,California,,,,\n'
        )
    with open(data / "disclosed" / "figures.csv", "a", encoding="utf-8") as file:
        file.write(
            "lapd-rate,lapd,lacris,searches,searches,2000,,exact,,month,,2020-09,,latimes,paragraph 5,,,"
            '"2,000 a month",\n'
            "la-county-all,la-county-users,lacris,searches,searches,90000,,exact,,,2019,2019,,latimes,paragraph 6,,,"
            '"90,000 searches",\n'
        )
    return build_site(folder / "output", data)


def test_the_chart_draws_single_agencies_of_one_unit_and_lists_the_others_with_their_reasons(tiny_site):
    spec = json.loads(
        (tiny_site / "charts" / "comparison-per-month" / "comparison-per-month.vl.json").read_text(encoding="utf-8")
    )
    drawn = spec["datasets"]["figures"]
    assert [(row["figure_id"], row["agency"]) for row in drawn] == [("lapd-rate", "Los Angeles Police Department")]
    page = BeautifulSoup((tiny_site / "agencies" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [heading.get_text() for heading in page.find("main").find_all("h4")] == [
        "A group of agencies, not one agency: its count overlaps with the agencies in it (1)",
        "Counted in another unit than the chart's: only like is compared with like (2)",
    ]
    groups, units = page.find_all("ul", class_="left-out")
    assert [" ".join(item.get_text().split()) for item in groups.find_all("li")] == [
        "Los Angeles County users of LACRIS: 90,000 searches, in 2019"
    ]
    assert groups.find("a")["href"] == "../agencies/la-county-users/#figure-la-county-all"
    assert [" ".join(item.get_text().split()) for item in units.find_all("li")] == [
        "Los Angeles Police Department: 3,750 instances, from February 2020 to 11 September 2020:"
        " counts instances, not searches",
        "Los Angeles Police Department: 29,817 uses, from 6 November 2009 to 11 September 2020:"
        " counts uses, not searches",
    ]


POPULATION = "4,000,000 in 2020 (source: Los Angeles Times) Source's words\u201cA city of 4,000,000.\u201d"


def test_averages_per_100000_residents_are_exact_and_name_the_population_and_both_years(tiny_site):
    page = BeautifulSoup((tiny_site / "agencies" / "index.html").read_text(encoding="utf-8"), "html.parser")
    table = page.find(id="per-residents").find_next("table")
    rows = [[" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]
    assert rows == [
        ["Agency", "Figure", "Our average per month", "Population", "Per 100,000 residents a month"],
        [
            "Los Angeles Police Department",
            "2,000 searches a month, up to September 2020 (start not stated)",  # a rate keeps its "a month"
            "2,000 a month",
            POPULATION,
            "50 per 100,000 residents a month (searches up to September 2020 (start not stated); residents in 2020)",
        ],
    ]
    assert table.find("a", string="Los Angeles Times")["href"] == "../sources/#source-latimes"
    spec = json.loads(
        (tiny_site / "charts" / "comparison-per-month" / "comparison-per-month.vl.json").read_text(encoding="utf-8")
    )
    assert spec["datasets"]["figures"][0]["per_residents"] == (
        "50 per 100,000 residents a month (searches up to September 2020 (start not stated); residents in 2020);"
        " 4,000,000 residents (source: Los Angeles Times)"
    )
    sources = BeautifulSoup((tiny_site / "sources" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Los Angeles Police Department: population of the area it polices, 4,000,000 in 2020" in " ".join(
        sources.find(id="source-latimes").get_text().split()
    )


def test_the_real_comparison_ranks_single_agencies_in_one_unit_each_named_in_full(site):
    spec = json.loads(
        (site / "charts" / "comparison-per-month" / "comparison-per-month.vl.json").read_text(encoding="utf-8")
    )
    drawn = spec["datasets"]["figures"]
    assert drawn
    page = BeautifulSoup((site / "agencies" / "index.html").read_text(encoding="utf-8"), "html.parser")
    groups = {a["href"].split("#figure-")[1] for a in page.find(id="left-out-group").find_next("ul").find_all("a")}
    assert groups
    for row in drawn:
        assert " ".join(row["lines"]).startswith(row["agency"] + " ")
        assert row["figure_id"] not in groups
    # Every rate per resident says the years of the count and of the population
    per_residents = page.find(id="per-residents")
    if per_residents:
        for row in per_residents.find_next("table").tbody.find_all("tr"):
            assert "; residents in " in row.find_all("td")[-1].get_text()
