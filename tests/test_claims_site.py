"""What the site says by itself, read back from real builds: on tiny data with each rule's fault
in reach, and as properties of the shipped data (never its counts)."""

from __future__ import annotations

import csv
import gzip
import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import DATA, build_site, replace_in
from disclosures.claims import RULES
from disclosures.problems import DataError, Problem
from disclosures.tables import load
from disclosures.validate import validate

pytestmark = pytest.mark.slow  # every test here builds a site or drives a browser


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(tag) -> str:
    return " ".join(tag.get_text().split())


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(path)).split())


def summary_item(soup: BeautifulSoup, lead: str):
    return next(li for li in soup.find("section", class_="summary").find_all("li") if text(li).startswith(lead))


# -- Tiny data: each rule, on literal inputs ------------------------------------------------

# A weak source with the latest period of all, and a Clearview AI count "as of" 2020 with no start
WEAK = (
    "blog,Vendor post,Vendor Blog,https://example.org/post,,https://web.archive.org/web/2021/https://example.org/post,"
    "false,,2026-11-27,2022-01,vendor_blog,weak,a vendor's blog,,,,\n"
)
LATER_WEAK_FIGURE = (
    "lapd-weak-2021,lapd,lacris,searches,searches,9000,,exact,,,2021-01-01,2021-12-31,,blog,paragraph 1,,,"
    '"It ran 9000 searches in 2021.",\n'
)


@pytest.fixture
def with_weak(tiny_data) -> Path:
    with open(tiny_data / "reference" / "sources.csv", "a", encoding="utf-8") as file:
        file.write(WEAK)
    with open(tiny_data / "disclosed" / "figures.csv", "a", encoding="utf-8") as file:
        file.write(LATER_WEAK_FIGURE)
    return tiny_data


def test_one_latest_figure_in_summary_chart_and_brief_and_a_weak_one_never_leads(with_weak, tmp_path):
    site = build_site(tmp_path / "out", with_weak)
    lapd = page(site, "agencies/lapd")
    # 3,750 instances since February 2020 end on the day 29,817 uses do, and start later; the weak
    # 9,000 searches of 2021 end later still, but never lead
    latest = summary_item(lapd, "Latest figure:")
    assert latest.a["href"] == "#figure-lapd-2020"
    assert "It falls within a longer count: 29,817 uses, from 6 November 2009 to 11 September 2020" in text(latest)
    # Instances are not compared with uses: no sentence sets their averages side by side
    items = [text(item) for item in lapd.find("section", class_="summary").find_all("li")]
    assert not [item for item in items if item.startswith("At ")]
    assert "1 of the figures comes from a weak source, marked as such; none leads this summary." in text(
        summary_item(lapd, "3 published figures from 2 sources")
    )
    chart = lapd.find("figure", class_="chart")
    subtitle = text(chart.find(class_="chart-subtitle"))
    assert subtitle == (
        "3 figures disclosed. Longest: 29,817 uses, Nov 2009 \u2013 Sep 2020."
        " Latest: 3,750 instances, Feb 2020 \u2013 Sep 2020."
    )
    brief = page(site, "agencies/lapd/brief")
    assert brief.find(class_="brief-number")["href"].endswith("#figure-lapd-2020")
    assert "3,750" in pdf_text(site / "agencies/lapd/brief/lapd-brief.pdf").split("Latest figure")[1][:40]
    # Wherever the weak figure is shown, it carries its mark and the reason, the chart image too
    row = lapd.find("tr", id="figure-lapd-weak-2021")
    assert text(row.find(class_="source-mark")) == "weak source: a vendor's blog"
    drawn = etree.parse(str(site / "charts/lapd-searches/lapd-searches.svg")).xpath("//*[local-name()='text']//text()")
    assert "9,000 searches, Jan 2021 \u2013 Dec 2021 (weak source)" in drawn
    assert "9,000 searches, Jan 2021 \u2013 Dec 2021: weak source: a vendor's blog." in drawn
    # Nor is the weak blog of January 2022 the latest disclosure, on the page, the list or the map
    assert "Latest disclosure: 22 September 2020" in text(lapd.find("section", class_="summary"))
    listed = page(site, "agencies")
    assert listed.find("tr", id="agency-lapd").find("time")["datetime"] == "2020-09-22"
    with open(site / "data" / "places.csv", encoding="utf-8", newline="") as file:
        assert {row["agency"]: row["latest"] for row in csv.DictReader(file)}["lapd"] == "2020-09-22"


def test_an_average_is_compared_only_with_one_of_the_same_unit_and_a_longer_one_covers_it(tiny_data, tmp_path):
    # In their sources' words 3,750 are "instances" and 29,817 "uses": not compared. Counted alike, they are,
    # and the longer count is the one that covers the latest, never "the earlier"
    replace_in(tiny_data, "disclosed/figures.csv", "searches,instances,3750", "searches,uses,3750")
    site = build_site(tmp_path / "out", tiny_data)
    compared = summary_item(page(site, "agencies/lapd"), "At between")
    assert text(compared) == (
        "At between 509 and 583 a month on average, the latest figure is more than the average of the longer count"
        " that covers it, 29,817 uses from 6 November 2009 to 11 September 2020 (229 a month). Both averages spread"
        " a total evenly over its period; neither was disclosed."
    )


def test_a_comparison_ranks_one_unit_and_lists_the_others_apart_with_the_reason(tiny_data, tmp_path):
    with open(tiny_data / "reference" / "agencies.csv", "a", encoding="utf-8") as file:
        file.write('nypd,New York City Police Department,NYPD,police,"New York, NY",US,New York,,,,\n')
        file.write('sfpd,San Francisco Police Department,SFPD,police,"San Francisco, CA",US,California,,,,\n')
    with open(tiny_data / "disclosed" / "figures.csv", "a", encoding="utf-8") as file:
        file.write(
            "nypd-2019,nypd,lacris,searches,searches,9850,,exact,,,2019-01-01,2019-12-31,,latimes,paragraph 1,,,"
            '"It ran 9,850 searches in 2019.",\n'
            "sfpd-2019,sfpd,lacris,searches,searches,120,,exact,,,2019-01-01,2019-12-31,,latimes,paragraph 2,,,"
            '"It ran 120 searches in 2019.",\n'
        )
    site = build_site(tmp_path / "out", tiny_data)
    agencies = page(site, "agencies")
    chart = agencies.find(id="compared").find_next("figure", class_="chart")
    assert text(chart.find(class_="chart-title")) == "Searches per month, across agencies"
    drawn = [text(row.find_all("td")[1]) for row in chart.find("table").tbody.find_all("tr")]
    assert drawn == ["9,850 searches, Jan 2019 \u2013 Dec 2019", "120 searches, Jan 2019 \u2013 Dec 2019"]
    # LAPD's uses and instances are other units: listed apart, never ranked beside searches
    apart = [text(item) for item in agencies.find(id="left-out-unit").find_next("ul").find_all("li")]
    assert apart == [
        "Los Angeles Police Department: 3,750 instances, from February 2020 to 11 September 2020:"
        " counts instances, not searches",
        "Los Angeles Police Department: 29,817 uses, from 6 November 2009 to 11 September 2020:"
        " counts uses, not searches",
    ]


def test_a_total_of_several_years_covers_them_and_reports_none_of_them(tiny_site):
    with open(tiny_site / "data" / "disclosure-status.csv", encoding="utf-8", newline="") as file:
        years = {row["year"]: (row["status"], row["status_words"]) for row in csv.DictReader(file)}
    covered = ("covered", "covered by a total (12 years, 2009\u20132020)")
    assert {year: years[year] for year in ("2009", "2015", "2019")} == {
        "2009": covered,
        "2015": covered,
        "2019": covered,
    }
    assert years["2020"] == ("reported_part", "reported for part of the year (Feb 2020 \u2013 Sep 2020)")
    assert "reported" not in {status for status, _ in years.values()}


def test_use_reported_to_an_oversight_body_but_not_published_is_its_own_state_with_its_source(tiny_data, tmp_path):
    with open(tiny_data / "reference" / "statuses.csv", "a", encoding="utf-8") as file:
        file.write("lapd-board,lapd,,2021,2022,reported_to_body,Board of Police Commissioners,,,,latimes,Weekly\n")
    site = build_site(tmp_path / "out", tiny_data)
    lapd = page(site, "agencies/lapd")
    years = {
        text(item.find(class_="status-year")): (item["class"][1], text(item.find(class_="status-words")))
        for item in lapd.find("ol", class_="status-years").find_all("li")
    }
    board = ("status-reported-to-body", "reported to the Board of Police Commissioners, not published")
    assert (years["2021"], years["2022"], years["2023"][0]) == (board, board, "status-not-disclosed")
    gaps = [text(item) for item in lapd.find("ul", class_="status-gaps").find_all("li")]
    assert gaps[0] == (
        "2021\u20132022: reported to the Board of Police Commissioners, not published. Source: Los Angeles Times,"
        " 2020-09-22 (Weekly)."
    )


def test_a_period_with_no_stated_start_gets_no_average_anywhere(tiny_data, tmp_path):
    replace_in(tiny_data, "disclosed/figures.csv", ",2020-02,2020-09-11,", ",,2020-09-11,")
    site = build_site(tmp_path / "out", tiny_data)
    row = page(site, "agencies/lapd").find("tr", id="figure-lapd-2020")
    assert text(row.find("td", attrs={"data-label": "Per month"})) == "not comparable: open period"


def test_an_internal_id_in_free_text_is_a_problem_that_says_to_name_it_in_words(tiny_data):
    replace_in(tiny_data, "disclosed/figures.csv", "latimes,paragraph 4,,", "latimes,paragraph 4,nested in lapd-2020,")
    validate(tiny_data)  # each table passes its schema: the rule is across tables
    with pytest.raises(DataError) as raised:
        load(tiny_data)
    assert raised.value.problems == [
        Problem(
            "disclosed/figures.csv",
            2,
            "note",
            "lapd-2020",
            "free text must not name an internal id: readers see the words, and an id means nothing to them",
            "name it in words: a figure by its number and period, a source by its publisher and date",
        )
    ]


# -- The shipped data: properties, never counts ---------------------------------------------


def data_ids() -> set[str]:
    """Every id a reader must never see: those of several words (one word is a word of the
    language too) of figures, sources, events, statuses, questions, corrections, record-level
    disclosures, agencies and systems."""
    ids = set()
    for folder, name in [("disclosed", "figures")] + [
        ("reference", table) for table in ("sources", "events", "statuses", "unknowns", "corrections")
    ]:
        with open(DATA / folder / f"{name}.csv", encoding="utf-8", newline="") as file:
            ids |= {row["id"] for row in csv.DictReader(file)}
    for name in ("agencies", "systems"):
        with open(DATA / "reference" / f"{name}.csv", encoding="utf-8", newline="") as file:
            ids |= {row["id"] for row in csv.DictReader(file)}
    ids |= {path.stem for path in (DATA / "disclosures").glob("*.yaml")}
    return {name for name in ids if "-" in name}


def id_finder(ids: set[str]):
    return re.compile(r"(?<![\w./#-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")(?![\w/-])")


def shown_text(html: str) -> str:
    """What a reader sees of a page (and what a screen reader reads): its text and its labels."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.find_all(["script", "style", "template"]):
        hidden.decompose()
    labels = [tag[name] for name in ("aria-label", "title", "alt") for tag in soup.find_all(attrs={name: True})]
    return soup.get_text(" ") + " " + " ".join(labels)


def test_no_internal_id_in_any_page_image_brief_or_search_excerpt(site):
    found = id_finder(data_ids())
    seen = {}
    for path in site.rglob("*"):
        if path.suffix == ".html":
            seen[path] = shown_text(path.read_text(encoding="utf-8"))
        elif path.suffix == ".svg":
            seen[path] = " ".join(etree.parse(str(path)).xpath("//*[local-name()='text']//text()"))
        elif path.suffix == ".pdf":
            seen[path] = pdf_text(path)
        elif path.suffix == ".pf_fragment":
            fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
            seen[path] = fragment["content"] + " " + " ".join(fragment["meta"].values())
    assert len({path.suffix for path in seen}) == 4
    leaks = {str(path.relative_to(site)): found.findall(words) for path, words in seen.items() if found.search(words)}
    assert leaks == {}


def test_no_internal_id_in_any_feed(published):
    output, _ = published
    found = id_finder(data_ids())
    feeds = list(output.rglob("*.xml"))
    assert feeds
    leaks = {}
    for feed in feeds:
        words = " ".join(etree.parse(str(feed)).xpath("//*[local-name()!='id']/text()"))
        if found.search(words):
            leaks[feed.name] = found.findall(words)
    assert leaks == {}


def test_every_feed_entry_of_a_figure_from_a_weak_source_says_so_and_why(published):
    output, _ = published
    with open(DATA / "reference" / "sources.csv", encoding="utf-8", newline="") as file:
        weak = {row["id"]: row["strength_why"] for row in csv.DictReader(file) if row["strength"] == "weak"}
    with open(DATA / "disclosed" / "figures.csv", encoding="utf-8", newline="") as file:
        figures = {row["id"]: weak[row["source"]] for row in csv.DictReader(file) if row["source"] in weak}
    assert figures
    atom = {"atom": "http://www.w3.org/2005/Atom"}
    for feed in (output / "feeds" / "agencies").glob("*.atom.xml"):
        for entry in etree.parse(str(feed)).iterfind("atom:entry", atom):
            figure = entry.findtext("atom:id", namespaces=atom).partition("#figure-")[2]
            if figure in figures:
                assert entry.findtext("atom:title", namespaces=atom).endswith(f"(weak source: {figures[figure]})")


def test_the_id_finder_finds_an_id_in_words_and_not_in_addresses_or_file_names():
    found = id_finder({"lapd-clearview-users-2020", "met-police"})
    assert found.findall("Run by 25 employees (lapd-clearview-users-2020).") == ["lapd-clearview-users-2020"]
    assert not found.search("/agencies/met-police/ met-police-searches.csv #figure-lapd-clearview-users-2020")


def test_every_agency_page_leads_with_a_figure_that_may_lead_and_its_brief_with_the_same(site):
    with open(DATA / "reference" / "sources.csv", encoding="utf-8", newline="") as file:
        strength = {row["id"]: row["strength"] for row in csv.DictReader(file)}
    with open(DATA / "disclosed" / "figures.csv", encoding="utf-8", newline="") as file:
        source_of = {row["id"]: row["source"] for row in csv.DictReader(file)}
    led = 0
    for folder in sorted((site / "agencies").iterdir()):
        if not (folder / "brief").is_dir():
            continue
        agency = page(site, f"agencies/{folder.name}")
        latest = next(
            (
                li
                for li in agency.find("section", class_="summary").find_all("li")
                if text(li).startswith("Latest figure:")
            ),
            None,
        )
        headline = page(site, f"agencies/{folder.name}/brief").find(class_="brief-number")
        assert (latest is None) == (headline is None), folder.name
        if latest is None:
            continue
        figure = latest.a["href"].removeprefix("#figure-")
        assert strength[source_of[figure]] != "weak", folder.name
        assert headline["href"].endswith(f"#figure-{figure}"), folder.name
        led += 1
    assert led


def test_the_comparison_ranks_one_unit_from_sources_that_may_lead(site):
    agencies = page(site, "agencies")
    chart = agencies.find(id="compared").find_next("figure", class_="chart")
    unit = text(chart.find(class_="chart-title")).split(" per month")[0].lower()
    rows = json.loads((site / "charts/comparison-per-month/comparison-per-month.vl.json").read_text())["datasets"][
        "figures"
    ]
    with open(DATA / "disclosed" / "figures.csv", encoding="utf-8", newline="") as file:
        figures = {row["id"]: row for row in csv.DictReader(file)}
    with open(DATA / "reference" / "sources.csv", encoding="utf-8", newline="") as file:
        strength = {row["id"]: row["strength"] for row in csv.DictReader(file)}
    assert rows
    for row in rows:
        figure = figures[row["figure_id"]]
        assert figure["measure_words"].lower() == unit, row["figure_id"]
        assert strength[figure["source"]] != "weak", row["figure_id"]


def test_every_funnel_adds_up_or_says_why_not(site):
    checked = 0
    for path in (site / "agencies").glob("*/index.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for table in soup.find_all("table", class_="funnel"):
            numbers = {}
            for row in table.tbody.find_all("tr"):
                value = text(row.find("td")).split(" ")[0]
                if value.replace(",", "").isdigit():
                    numbers[text(row.th)] = int(value.replace(",", ""))
            if {"Alerts", "True alerts", "Of which false"} <= set(numbers):
                checked += 1
                adds_up = numbers["True alerts"] + numbers["Of which false"] == numbers["Alerts"]
                said = table.find_parent("div").find_next_sibling("p", class_="funnel-gap")
                assert adds_up or (said and "does not add up" in text(said).lower()), path
    assert checked


def test_a_year_is_reported_only_where_a_figure_of_that_year_alone_or_records_say_so(site):
    with open(DATA / "disclosed" / "figures.csv", encoding="utf-8", newline="") as file:
        figures = {row["id"]: row for row in csv.DictReader(file)}
    with open(site / "data" / "disclosure-status.csv", encoding="utf-8", newline="") as file:
        years = list(csv.DictReader(file))
    assert years
    for year in years:
        if year["status"] in ("reported", "reported_part"):
            for figure in set(year["basis"].split("; ")) - {"counted from records"}:
                start, end = figures[figure]["period_start"], figures[figure]["period_end"]
                assert start[:4] == end[:4] == year["year"], (year, figure)


def test_the_methodology_states_each_rule_the_code_applies(site):
    methodology = text(page(site, "methodology").find("main"))
    missing = [name for name, rule in RULES.items() if " ".join(rule.split()) not in methodology]
    assert missing == []


def test_no_source_is_called_an_archived_copy_unless_we_have_seen_the_capture(site):
    with open(DATA / "reference" / "sources.csv", encoding="utf-8", newline="") as file:
        seen = {row["id"] for row in csv.DictReader(file) if row["archive_checked"] == "true"}
    sources = page(site, "sources")
    for section in sources.find_all("section", class_="source"):
        says = text(section.find(class_="source-access"))
        assert ("Archived copy" in says) == (section["id"].removeprefix("source-") in seen), section["id"]
