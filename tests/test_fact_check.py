"""Every number checkable in one click: the source's own words, where they are, an archived copy,
honest averages, and a public corrections log; the fact-check's thirteen errors stay fixed."""

from __future__ import annotations

import csv
import re

import pytest
from bs4 import BeautifulSoup

from conftest import DATA

pytestmark = pytest.mark.shipped


def table(name: str) -> list[dict]:
    folder = "disclosed" if name == "figures" else "reference"
    with open(DATA / folder / f"{name}.csv", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def page(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def figure_row(site, agency: str, figure: str):
    return page(site, f"agencies/{agency}").find("tr", id=f"figure-{figure}")


def text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def test_every_figure_has_its_sources_words_and_place_or_says_why_not():
    for figure in table("figures"):
        assert (figure["quote"] and figure["locator"]) or figure["quote_missing"], figure["id"]


def test_every_source_has_an_address_and_an_archived_copy_or_says_why_not():
    for source in table("sources"):
        assert source["url"] or source["url_missing"], source["id"]
        assert source["archived_url"] or source["archive_missing"], source["id"]


def test_the_sources_words_are_shown_beside_the_number(site):
    row = figure_row(site, "lapd", "lapd-lacris-searches-2009-2020")
    quote = row.find("details", class_="quote")
    assert quote.summary.get_text() == "Source's words"
    assert text(quote.blockquote) == (
        "\u201cAnd between Nov. 6, 2009, and Sept. 11 of this year, LAPD officers used the system\u2019s software"
        " 29,817 times.\u201d"
    )
    assert (
        text(quote.find(class_="quote-where"))
        == "Los Angeles Times, paragraph 4 (body), second sentence; look for it in the Web Archive"
    )
    assert quote.find("a")["href"] == (
        "https://web.archive.org/web/20200922/https://www.pressreader.com/usa/los-angeles-times/20200922/281500753684206"
    )


@pytest.mark.parametrize(
    ("agency", "figure", "shown"),
    [
        ("met-police", "met-lfr-arrests-to-2025", "between 43 and 86 a month"),
        ("vallejo-pd", "vallejo-pd-clearview-searches-2018-2020", "between 0.42 and 3.9 a month"),
        ("lapd", "lapd-lacris-searches-2020-feb-sep", "between 509 and 583 a month"),
        ("met-police", "met-lfr-arrests-2025-jan-sep", "at least 84 a month"),
    ],
)
def test_averages_over_vague_periods_and_ranges_are_ranges_or_bounds(site, agency, figure, shown):
    cell = figure_row(site, agency, figure).find("td", attrs={"data-label": "Per month"})
    assert text(cell).startswith(shown)


def test_the_met_arrests_are_the_mets_own_figure_without_an_invented_start(site):
    row = figure_row(site, "met-police", "met-lfr-arrests-to-2025")
    assert text(row.th).startswith("1,035 arrests exact")
    # "since the start of 2024", counted on a day of 2025 no copy gives: no invented start or end
    assert "from 1 January 2024 to 2025" in text(row)
    assert "Evening Standard" in text(row.find("td", attrs={"data-label": "Source"}))


def test_the_police_commission_review_follows_the_report_that_prompted_it(site):
    events = [item["id"] for item in page(site, "agencies/lapd").select("ol.events li")]
    report, review = "event-lapd-2020-09-22-latimes-29817-uses", "event-lapd-2020-09-22-police-commission-review"
    assert events.index(report) + 1 == events.index(review)
    item = page(site, "timeline").find("li", id=review)
    assert item.time["datetime"] == "2020-09-22"
    assert "Announced the day after the Los Angeles Times' online report" in text(item)
    assert item.find("a", string="Police Commission Seeks More Info On LAPD Using Facial Recognition Software")


CORRECTED = {
    # the fact-check's numbered error -> (its correction's id, the agency page and figure or event it shows on)
    1: ("2026-11-27-lapd-ban-article-address", "lapd", "figure-lapd-clearview-searches-2020"),
    2: ("2026-11-27-police-commission-review-date", "lapd", "event-lapd-2020-09-22-police-commission-review"),
    4: ("2026-11-27-met-arrests-to-date", "met-police", "figure-met-lfr-arrests-to-2025"),
    5: ("2026-11-27-met-2023-foi-explained", "met-police", "figure-met-lfr-faces-2023"),
    6: ("2026-11-27-vallejo-range-average", "vallejo-pd", "figure-vallejo-pd-clearview-searches-2018-2020"),
    7: ("2026-11-27-vague-period-averages", "lapd", "figure-lapd-lacris-searches-2020-feb-sep"),
    9: ("2026-11-27-source-measure-words", "lapd", "figure-lapd-lacris-searches-2009-2020"),
    10: (
        "2026-11-27-san-mateo-qualifier",
        "san-mateo-sheriff",
        "figure-san-mateo-sheriff-clearview-searches-2019-2020",
    ),
    11: ("2026-11-27-ohio-note-unsourced", "ohio-ohleg-users", "figure-ohio-ohleg-searches-2017-2019"),
    12: ("2026-11-27-detroit-wxyz-words", "detroit-pd", "figure-detroit-pd-fr-uses-2018-2019"),
    13: ("2026-11-27-nearly-is-at-most", "lapd", "figure-lapd-clearview-searches-2020"),
}


@pytest.mark.parametrize(("error", "correction", "agency", "element"), [(n, *c) for n, c in CORRECTED.items()])
def test_each_correction_is_logged_and_shown_where_it_applies(site, error, correction, agency, element):
    log = page(site, "corrections").find("section", id=f"correction-{correction}")
    assert log is not None and log.find("dt", string="What was wrong")
    shown = page(site, f"agencies/{agency}").find(id=element)
    assert shown.find("a", href=re.compile(f"#correction-{correction}$")), error


def test_the_errors_are_fixed_in_the_data_and_pages(site):
    lapd = page(site, "agencies/lapd")
    # 1: the Clearview counts credit BuzzFeed News, at an address
    row = lapd.find("tr", id="figure-lapd-clearview-searches-2020")
    assert row.find(
        "a",
        href="https://www.buzzfeednews.com/article/briannasacks/lapd-banned-commercial-facial-recognition-clearview",
    )
    # 3: events show their notes and their sources by title
    ban = page(site, "timeline").find("li", id="event-lapd-2020-11-13-third-party-fr-ban")
    assert "Directive by Deputy Chief John McMahon" in text(ban)
    assert ban.find("a", string="Los Angeles Police Ban Use of Third-Party Facial Recognition")
    # 5: the 2023 FOI figures agree with the grid, leaving out Dalston; no to-do note is published
    met = page(site, "agencies/met-police")
    assert "agrees exactly" in text(met.find("tr", id="figure-met-lfr-faces-2023"))
    assert "reconcile" not in text(met)
    # 8: the home page counts the sources its figures cite; no update types counts
    home = text(page(site, ""))
    cited = len({figure["source"] for figure in table("figures")})
    assert f"published figures from {cited} sources" in home
    assert "38 sources" not in text(page(site, "updates/launch"))
    # 9: uses stay uses, on the chart's axis too
    assert "29,817 uses" in text(row.find_parent("table"))
    svg = (site / "charts" / "lapd-searches" / "lapd-searches.svg").read_text(encoding="utf-8")
    assert "29,817 uses, Nov 2009 \u2013 Sep 2020" in svg and "3,750 instances, Feb 2020 \u2013 Sep 2020" in svg
    # 10: San Mateo's number reads as a number
    san_mateo = page(site, "agencies/san-mateo-sheriff").find(
        "tr", id="figure-san-mateo-sheriff-clearview-searches-2019-2020"
    )
    assert text(san_mateo.th).startswith("3,823 searches")
    # 11: no unsourced numbers in the Ohio note
    ohio = text(page(site, "agencies/ohio-ohleg-users").find("tr", id="figure-ohio-ohleg-searches-2017-2019"))
    assert "11,000" not in ohio and "116" not in ohio
    # 12 and 13: the source's words decide the qualifier
    detroit = page(site, "agencies/detroit-pd").find("tr", id="figure-detroit-pd-fr-uses-2018-2019")
    assert text(detroit.th).startswith("500 uses exact")
    assert text(row.th).startswith("nearly 475 searches upper bound")


def test_weak_sources_are_marked_on_the_figures_that_use_them(site):
    row = figure_row(site, "met-police", "met-rfr-searches-2024")
    assert row.find(class_="source-mark-weak").get_text() == "weak source: its original source is not known"


def test_what_we_dont_know_is_on_the_agency_page(site):
    unknowns = page(site, "agencies/met-police").find("dl", class_="unknowns")
    questions = [text(dt) for dt in unknowns.find_all("dt")]
    assert "On what day did the Met count its 1,035 arrests since the start of 2024?" in questions


def test_no_content_page_types_a_count_of_the_data(tmp_path):
    from conftest import ROOT

    for path in (ROOT / "content").rglob("*.md"):
        typed = re.findall(
            r"\b\d[\d,]*\s+(?:published\s+)?(?:figures|sources|agencies)\b", path.read_text(encoding="utf-8")
        )
        assert typed == [], path
