"""What a police commissioner reviews, read back from the built site: trends, outcomes, what is
not disclosed, comparisons and the one-page brief."""

from __future__ import annotations

import csv

from bs4 import BeautifulSoup


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
        " requests; 9 months against 12; per month, 57 a month against 25 a month (our averages, not"
        " disclosed). Source: Star Tribune",
    ]
    chart = hennepin.find("figure", id="chart-hennepin-outside-agencies-trend-hennepin-sheriff-fr")
    notes = " ".join(text(note) for note in chart.find_all("p", class_="chart-note"))
    assert "January\u2013September 2020 is a partial year: 9 months, not 12" in notes
    assert "The measure changes in January\u2013September 2020: the source counts uses there, and requests" in notes
    # The partial year is drawn apart from the whole ones, in the drawn data and its CSV
    folder = site / "charts" / "hennepin-outside-agencies-trend-hennepin-sheriff-fr"
    with open(folder / f"{folder.name}.csv", encoding="utf-8", newline="") as file:
        drawn = [(row["label"], row["period"], row["completeness"]) for row in csv.DictReader(file)]
    assert drawn == [
        ("18 requests", "2015", "whole period"),
        ("308 requests", "2019", "whole period"),
        ("516 uses", "January\u2013September 2020 (partial year)", "partial year"),
    ]
