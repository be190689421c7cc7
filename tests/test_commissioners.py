"""What a police commissioner reviews, read back from the built site: trends, outcomes, what is
not disclosed, comparisons and the one-page brief."""

from __future__ import annotations

import csv

import pytest
from bs4 import BeautifulSoup

from conftest import build_site
from disclosures.problems import DataError, Problem
from disclosures.validate import validate

pytestmark = pytest.mark.slow  # every test here builds a site or drives a browser


def page(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def test_the_hennepin_trend_says_its_periods_partial_year_and_change_of_measure(site):
    hennepin = page(site, "agencies/hennepin-outside-agencies")
    sentence = "18 requests in 2015, 308 requests in 2019 and 516 uses in January\u2013September 2020 (a partial year)."
    assert f"Trend: {sentence}" in text(hennepin.find("section", class_="summary"))
    steps = [text(item) for item in hennepin.find("ol", class_="trend-steps").find_all("li")]
    assert steps == [
        "18 requests in 2015 . Source: Star Tribune",
        "308 requests in 2019 : up from 18 in 2015, 17.1 times as many. Source: Star Tribune",
        "516 uses in January\u2013September 2020 partial year : not directly comparable with 2019: uses, not"
        " requests; 9 months against 12; per month, 57 a month against 26 a month (our averages, not"
        " disclosed). Source: Star Tribune",
    ]
    chart = hennepin.find("figure", id="chart-hennepin-outside-agencies-trend-hennepin-sheriff-fr")
    notes = " ".join(text(note) for note in chart.find_all("p", class_="chart-note"))
    assert "January\u2013September 2020 is a partial year: 9 months, not 12" in notes
    assert "The measure changes in January\u2013September 2020: the source counts uses there, and requests" in notes
    # The partial year is drawn apart from the whole ones, in the drawn data and its CSV
    folder = site / "charts" / "hennepin-outside-agencies-trend-hennepin-sheriff-fr"
    with open(folder / f"{folder.name}.csv", encoding="utf-8", newline="") as file:
        drawn = [
            (row["value"], row["measured_as"], row["period_end"], row["completeness"]) for row in csv.DictReader(file)
        ]
    assert drawn == [
        ("18", "requests", "2015-12-31", "whole period"),
        ("308", "requests", "2019-12-31", "whole period"),
        ("516", "uses", "2020-09-30", "partial year"),
    ]


def funnel_rows(table) -> list[tuple]:
    return [
        (text(row.th), text(row.find_all("td")[0]), text(row.find_all("td")[1]), row.find_all("td")[2].a["href"])
        for row in table.tbody.find_all("tr")
    ]


VERITE = "https://veritenews.org/2023/07/26/nopd-use-of-facial-recognition-leads-to-zero-arrests-in-nine-months/"


def test_the_new_orleans_funnel_chains_one_period_each_step_with_its_source(site):
    nopd = page(site, "agencies/nopd")
    (table,) = nopd.find_all("table", class_="funnel")
    assert text(table.caption) == (
        "Louisiana State Analytical & Fusion Exchange (LA-SAFE) facial recognition,"
        " from 1 October 2022 to 1 July 2023: disclosed figures"
    )
    assert funnel_rows(table) == [
        ("Requests made", "15 requests", "first step", VERITE),
        ("Searches run", "13 uses", "13 of 15 requests (87%)", VERITE),
        ("Possible matches", "5 matches", "5 of 13 uses (38%)", VERITE),
        ("Of which wrong", "2 bad matches", "2 of 5 matches (40%)", VERITE),
        ("Arrests", "0 arrests", "0 of 5 matches (0%)", VERITE),
    ]
    numbers = [row.find("td").a["href"] for row in table.tbody.find_all("tr")]
    assert numbers == [
        "#figure-nopd-lasafe-requests-2022-2023",
        "#figure-nopd-lasafe-searches-2022-2023",
        "#figure-nopd-lasafe-matches-2022-2023",
        "#figure-nopd-lasafe-false-matches-2022-2023",
        "#figure-nopd-lasafe-arrests-2022-2023",
    ]
    assert all(nopd.find(id=anchor[1:]) for anchor in numbers)
    assert "Latest outcomes: 15 requests, 13 uses, 5 matches (of which 2 bad matches) and 0 arrests," in text(
        nopd.find("section", class_="summary")
    )


def test_nypd_2019_and_the_met_grids_give_funnels_but_no_step_crosses_periods(site):
    (nypd,) = page(site, "agencies/nypd").find_all("table", class_="funnel")
    assert [row[:3] for row in funnel_rows(nypd)] == [
        ("Requests made", "9,850 requests for comparison", "first step"),
        ("Possible matches", "2,510 possible matches identified", "2,510 of 9,850 requests for comparison (25%)"),
    ]
    met = {
        text(table.caption): funnel_rows(table)
        for table in page(site, "agencies/met-police").find_all("table", class_="funnel")
    }
    grid = met[
        "Metropolitan Police Live Facial Recognition (LFR), from 2023 to 2024:"
        " counted from records: MPS LFR deployments 2023-2024 (203 records)"
    ]
    assert [row[:3] for row in grid] == [
        ("Faces scanned", "1,229,140 faces scanned", "first step"),
        ("Alerts", "1,344 alerts", "1,344 of 1,229,140 faces scanned (0.11%)"),
        ("Of which false", "29 false", "29 of 1,344 alerts (2%)"),
        ("True alerts", "1,316 true alerts", "1,316 of 1,344 alerts (98%)"),
        ("Arrests", "609 arrests", "609 of 1,316 true alerts (46%)"),
    ]
    # One record of 2020-22 has no counts: every step is "at least", and no share is computed
    older = met[
        "Metropolitan Police Live Facial Recognition (LFR), from 2020 to 2022:"
        " counted from records: MPS LFR deployments 2020-2022 (9 records)"
    ]
    assert [row[1] for row in older] == [
        "at least 157,566 faces scanned",
        "at least 28 alerts",
        "at least 10 false",
        "at least 18 true alerts",
        "at least 9 arrests",
    ]
    assert {row[2] for row in older[1:]} == {"not computed: not both exact counts"}
    # The 2020-22 figures (Oxford Circus) and the 2023 FOI figures are separate funnels, never one
    assert len(met) == 4


REQUEST = (
    "lapd-request,LAPD facial recognition usage 2021-2023,MuckRock,https://www.muckrock.com/foi/lapd-fr/,,"
    "https://web.archive.org/web/20240315/https://www.muckrock.com/foi/lapd-fr/,false,,2026-11-27,2024-03-15,"
    "records_response,primary,,,LAPD-24-1234,,\n"
)
STATUSES = (
    "lapd-2021-2022-refused,lapd,lacris,2021,2022,refused,,2024-02-01,2024-03-15,,lapd-request,"
    "Refused as investigative records\n"
    "lapd-2024-not-asked,lapd,,2024,2024,not_yet_requested,,,,,,Ask for 2024 searches\n"
)


def test_refused_and_not_yet_requested_years_are_shown_apart_never_as_zero(tiny_data, tmp_path):
    with open(tiny_data / "reference" / "sources.csv", "a", encoding="utf-8") as file:
        file.write(REQUEST)
    with open(tiny_data / "reference" / "statuses.csv", "a", encoding="utf-8") as file:
        file.write(STATUSES)
    site = build_site(tmp_path / "out", tiny_data)
    lapd = page(site, "agencies/lapd")
    years = {
        text(item.find(class_="status-year")): (item["class"][1], text(item.find(class_="status-words")))
        for item in lapd.find("ol", class_="status-years").find_all("li")
    }
    assert {year: years[year] for year in ("2020", "2021", "2022", "2023", "2024", "2025")} == {
        "2020": ("status-reported-part", "reported for part of the year (Feb 2020 \u2013 Sep 2020)"),
        "2021": ("status-refused", "refused"),
        "2022": ("status-refused", "refused"),
        "2023": ("status-not-disclosed", "not disclosed"),
        "2024": ("status-not-yet-requested", "not yet requested"),
        "2025": ("status-not-disclosed", "not disclosed"),
    }
    assert list(years) == [str(year) for year in range(2009, 2026)]
    gaps = [text(item) for item in lapd.find("ul", class_="status-gaps").find_all("li")]
    assert gaps == [
        "2021\u20132022: refused . Source: MuckRock, 2024-03-15 (Refused as investigative records).",
        "2023: not disclosed .",
        "2024: not yet requested (Ask for 2024 searches).",
        "2025: not disclosed .",
    ]
    refusal = lapd.find("ul", class_="status-gaps").find("a")
    assert refusal["href"] == "https://www.muckrock.com/foi/lapd-fr/"
    assert "Latest disclosure: 22 September 2020, 6 years and 2 months before the data date" in text(
        lapd.find("section", class_="summary")
    )
    with open(site / "data" / "disclosure-status.csv", encoding="utf-8", newline="") as file:
        rows = [(row["year"], row["status"], row["basis"], row["source"]) for row in csv.DictReader(file)]
    assert rows[-6:] == [
        ("2020", "reported_part", "lapd-2020", "latimes"),
        ("2021", "refused", "lapd-2021-2022-refused", "lapd-request"),
        ("2022", "refused", "lapd-2021-2022-refused", "lapd-request"),
        ("2023", "not_disclosed", "", ""),
        ("2024", "not_yet_requested", "lapd-2024-not-asked", ""),
        ("2025", "not_disclosed", "", ""),
    ]
    # No year's status is a number: "not disclosed" is never written as 0
    assert not any(status.isdigit() for _, status, _, _ in rows)


def test_a_refusal_without_its_source_is_a_problem_that_says_what_to_add(tiny_data):
    with open(tiny_data / "reference" / "statuses.csv", "a", encoding="utf-8") as file:
        file.write("lapd-2021-refused,lapd,,2021,2021,refused,,,2024-03-15,,,\n")
    with pytest.raises(DataError) as raised:
        validate(tiny_data)
    assert raised.value.problems == [
        Problem(
            str(tiny_data / "reference" / "statuses.csv"),
            2,
            "source",
            "",
            "a refusal, a request or a report to a body needs its source: the refusal, the request, or what says so",
            "add the request or the refusal to sources.csv and put its id in source",
        )
    ]


def test_the_brief_carries_the_latest_outcomes_and_the_open_gaps(site):
    brief = page(site, "agencies/nopd/brief")
    outcomes = brief.find("section", class_="brief-outcomes")
    rows = [[text(cell) for cell in row.find_all(["th", "td"])] for row in outcomes.tbody.find_all("tr")]
    assert rows == [
        ["Requests made", "15 requests", "first step"],
        ["Searches run", "13 uses", "13 of 15 requests (87%)"],
        ["Possible matches", "5 matches", "5 of 13 uses (38%)"],
        ["Of which wrong", "2 bad matches", "2 of 5 matches (40%)"],
        ["Arrests", "0 arrests", "0 of 5 matches (0%)"],
    ]
    assert outcomes.find("p", class_="brief-more").a["href"] == VERITE
    assert text(brief.find("section", class_="brief-gaps").p) == (
        "Latest disclosure: 26 July 2023 (Verite News), 3 years and 4 months before the data date."
        " Years 2022\u20132025: open gaps 2024\u20132025 not disclosed . Not disclosed means unknown, not zero."
    )
    # The figures the funnel gives are not listed again
    assert brief.find("section", class_="brief-figures") is None
