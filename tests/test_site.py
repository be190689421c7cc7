"""End to end: build the real site into a temporary folder and read the pages back."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import DATA


def figure_row(page: str, figure_id: str) -> str:
    """Return the HTML of one figure's table row."""
    start = page.index(f'<tr id="figure-{figure_id}"')
    return page[start : page.index("</tr>", start)]


@pytest.fixture(scope="module")
def lapd(site) -> str:
    return (site / "agencies" / "lapd" / "index.html").read_text(encoding="utf-8")


def test_lapd_shows_29817_with_its_period_and_the_la_times_link(lapd):
    row = figure_row(lapd, "lapd-lacris-searches-2009-2020")
    assert ">29,817</span> uses" in row
    assert "from 6 November 2009 to 11 September 2020" in row
    assert (
        '<a href="https://www.pressreader.com/usa/los-angeles-times/20200922/281500753684206" '
        'rel="external noopener noreferrer">Los Angeles Times</a>'
    ) in row


def test_lapd_shows_clearview_with_the_sources_own_qualifiers(lapd):
    assert ">nearly 475</span> searches" in figure_row(lapd, "lapd-clearview-searches-2020")
    assert ">more than 25</span> employees" in figure_row(lapd, "lapd-clearview-users-2020")


def test_lapd_nested_figure_is_flagged_and_not_summed(lapd):
    row = figure_row(lapd, "lapd-lacris-searches-2020-feb-sep")
    assert "Nested with" in row and "Do not add these up." in row
    assert "33,567" not in lapd  # 29,817 + 3,750


def test_lapd_chart_marks_the_2020_11_13_ban(lapd):
    chart = lapd[lapd.index('<figure class="chart" id="chart-lapd-searches"') :]
    svg = chart[: chart.index("</svg>")]
    assert ">Ban</text>" in svg
    assert 'aria-label="Ban, 13 November 2020: LAPD bars third-party commercial' in svg
    assert "Events marked: Records response, September 2016:" in chart
    assert "Ban, 13 November 2020: LAPD bars third-party commercial facial-recognition services" in chart


def test_every_chart_has_a_description_and_a_data_table(site):
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        charts = html.count('<figure class="chart"')
        assert html.count('class="chart-description"') == charts, page
        assert html.count('<details class="chart-data"') == charts, page


def test_pages_exist_for_every_section(site):
    for path in [
        "index.html",
        "agencies/index.html",
        "agencies/met-police/index.html",
        "systems/index.html",
        "systems/lacris/index.html",
        "timeline/index.html",
        "sources/index.html",
        "methodology/index.html",
        "about/index.html",
        "updates/launch/index.html",
    ]:
        assert (site / path).is_file(), path


def test_home_shows_headline_numbers_and_latest_events(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<p class="headline-number">29,817</p>' in home
    assert '<p class="headline-number">nearly 475</p>' in home
    # The latest events, newest first, five at most, whatever events the data holds
    latest = BeautifulSoup(home, "html.parser").find(id="latest-events").find_parent("section")
    days = [time["datetime"] for time in latest.find_all("time")]
    assert 0 < len(days) <= 5
    assert days == sorted(days, reverse=True)


def test_sources_page_lists_the_figures_taken_from_each_source(site):
    sources = (site / "sources" / "index.html").read_text(encoding="utf-8")
    section = sources[sources.index('id="source-latimes-2020-09-22-lapd-fr"') :]
    section = section[: section.index("</section>")]
    assert "29,817</span> uses, from 6 November 2009 to 11 September 2020" in section
    assert "reported source" in section


def test_downloads_carry_source_id_and_url(site):
    with open(site / "data" / "figures.csv", encoding="utf-8", newline="") as file:
        figures = list(csv.DictReader(file))
    with open(site / "data" / "sources.csv", encoding="utf-8", newline="") as file:
        urls = {row["id"]: row["url"] for row in csv.DictReader(file)}
    with open(DATA / "disclosed" / "figures.csv", encoding="utf-8", newline="") as file:
        assert sorted(row["id"] for row in figures) == sorted(row["id"] for row in csv.DictReader(file))
    for figure in figures:
        assert figure["source"] in urls
        assert figure["source_url"] == urls[figure["source"]]
    lapd = next(row for row in figures if row["id"] == "lapd-lacris-searches-2009-2020")
    assert lapd["source_url"] == "https://www.pressreader.com/usa/los-angeles-times/20200922/281500753684206"
    for name in ("agencies", "systems", "events"):
        assert (site / "data" / f"{name}.csv").read_text(encoding="utf-8").startswith("id,")


class ResourceCollector(HTMLParser):
    """Collects every address the page would load (not the links a reader may follow)."""

    LOADING = frozenset({"src", "srcset", "poster", "data", "action", "formaction", "background"})

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in self.LOADING or (tag == "link" and name == "href") or name == "style":
                self.loaded.append(value or "")


def test_no_page_loads_anything_from_another_host(site):
    external = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//|url\(\s*['\"]?(?:https?:)?//", re.IGNORECASE)
    for page in site.rglob("*.html"):
        collector = ResourceCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        assert collector.loaded, page
        assert not [address for address in collector.loaded if external.search(address)], page
    for path in [*site.rglob("*.css"), *site.rglob("*.svg")]:
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//|xlink:href=\"http", path.read_text(encoding="utf-8")), path


def test_the_published_data_package_describes_every_download_and_validates(site):
    frictionless = Path(sys.executable).parent / "frictionless"
    checked = subprocess.run(
        [str(frictionless), "validate", "datapackage.json"], cwd=site / "data", capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout[-3000:]
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(resource["path"] for resource in package["resources"]) == sorted(
        path.name for path in (site / "data").glob("*.csv")
    )
    assert [resource["name"] for resource in package["resources"]] == [
        *["agencies", "systems", "sources", "events", "figures", "headlines", "corrections", "unknowns", "statuses"],
        *[
            "obligations",
            "series",
            "disclosure-status",
            "places",
            "records-met-lfr-2020-2022",
            "records-met-lfr-2023-2024",
        ],
    ]
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert all(resource["sources"] and resource["schema"]["fields"] for resource in package["resources"])
    records = package["resources"][-1]
    assert records["sources"][0]["path"].startswith("https://")
    assert {"name": "faces_scanned", "type": "integer", "description": "Faces the system scanned."} in records[
        "schema"
    ]["fields"]
    page = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert '<th scope="row"><code>qualifier</code></th><td>string</td>' in page
    assert "exact, about, at_least, at_most, range, estimate" in page


@pytest.fixture(scope="module")
def tiny_lapd(tiny_site) -> str:
    """LAPD's page built from the tiny data: 29,817 uses and, within them, 3,750 instances; one event."""
    return (tiny_site / "agencies" / "lapd" / "index.html").read_text(encoding="utf-8")


def test_an_agency_page_opens_with_a_summary_from_its_data_then_a_contents_list(tiny_lapd):
    page = BeautifulSoup(tiny_lapd, "html.parser")
    main = page.find("main")
    sections = [heading.get_text() for heading in main.find_all("h2")]
    assert sections[:3] == ["Summary", "On this page", "Over time"]
    summary = [" ".join(item.get_text().split()) for item in main.find("section", class_="summary").find_all("li")]
    # The figures count sources of figures only; the latest is the figure ending last, and the longer
    # count that holds it covers it (it is not called earlier, and uses are not compared with instances)
    assert summary == [
        "2 published figures from 1 source, and 1 event.",
        "Latest figure: 3,750 instances, from February 2020 to 11 September 2020, Los Angeles County Regional"
        " Identification System (source: Los Angeles Times). It falls within a longer count: 29,817 uses, from"
        " 6 November 2009 to 11 September 2020 (source: Los Angeles Times).",
        "Latest disclosure: 22 September 2020, 6 years and 2 months before the data date; open gaps: 2021\u20132025"
        " not disclosed.",
        "Latest event: Ban, 13 November 2020: LAPD bars third-party services",
    ]
    contents = [link["href"] for link in main.find("nav", class_="contents").find_all("a")]
    assert contents == ["#summary", "#chart-lapd-searches", "#figures", "#disclosure-status", "#events", "#cite"]
    assert all(main.find(id=anchor[1:]) for anchor in contents)


def test_an_agency_page_says_how_to_cite_it(tiny_lapd):
    page = BeautifulSoup(tiny_lapd, "html.parser")
    text = page.find(id="citation-text").get_text()
    assert text.startswith("Face Search Watch contributors (2026). Los Angeles Police Department [Agency page].")
    assert text.endswith("Data as of 27 November 2026. /agencies/lapd/")
    assert page.find(id="citation-bibtex").get_text().startswith("@misc{fsw-lapd,\n")
