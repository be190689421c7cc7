"""What agencies owe and delivered, and the records requests made of them, on the built site."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import DATA, ROOT, build_site, write_tiny_data
from test_feeds import atom_errors, entries

pytestmark = pytest.mark.slow  # every test here builds a site

REPORT_SOURCE = (
    "commission-july,LAPD monthly report to the Police Commission,Los Angeles Police Department,"
    "https://www.lapdonline.org/july,,https://web.archive.org/web/2020/https://www.lapdonline.org/july,false,,"
    "2026-11-27,2020-08-10,agency_release,primary,,,,lapd-monthly,\n"
)
REPORTED_FIGURE = (
    "lapd-july,lapd,lacris,searches,searches,120,,exact,,,2020-07-01,2020-07-31,,commission-july,page 1,,,"
    '"LAPD ran 120 searches in July.",\n'
)
DUTY = (
    "lapd-monthly,lapd,,,US,lacris,Los Angeles Police Department,Police Commission,board,policy,Policy 9,"
    "searches; matches,,,monthly,,15,2020-07-01,2020-09-30,latimes,"
    '"LAPD will report its searches and possible matches to the Commission each month.",paragraph 3,\n'
)
REQUESTS = (
    "lapd-cpra,lapd,,,,refused,,2021-03-01,2021-04-20,2021-03-11,latimes,Asked for search logs\n"
    "lapd-cpra-2,lapd,,,,requested,,2020-06-03,,,latimes,Asked for usage statistics\n"
)


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


@pytest.fixture(scope="module")
def owed(tmp_path_factory) -> Path:
    """The tiny data with a monthly duty for three months, a report for the first, and two requests; published."""
    folder = tmp_path_factory.mktemp("owed")
    data = write_tiny_data(folder / "data")
    for table, row in [
        ("reference/sources.csv", REPORT_SOURCE),
        ("disclosed/figures.csv", REPORTED_FIGURE),
        ("reference/obligations.csv", DUTY),
        ("reference/statuses.csv", REQUESTS),
    ]:
        with open(data / table, "a", encoding="utf-8") as file:
            file.write(row)
    return build_site(
        folder / "output",
        data,
        settings_file="publishconf.py",
        SITEURL="https://example.org",
        FEED_DOMAIN="https://example.org",
    )


def test_an_agency_page_says_what_it_owes_what_it_delivered_what_that_left_out_and_what_is_overdue(owed):
    duty = page(owed, "agencies/lapd").find("section", id="duty-lapd-monthly")
    assert "Policy 9" in text(duty.find("h3"))
    assert (
        "every month, each report due within 15 days of the end of its month, from 1 July 2020 until 30 September 2020"
        in text(duty)
    )
    assert "“LAPD will report its searches and possible matches to the Commission each month.”" in text(duty)
    runs = [text(item) for item in duty.find("ul", class_="ledger-runs").find_all("li")]
    assert runs == [
        "received : 1 report on 1 July 2020 to 31 July 2020, due 15 August 2020;"
        " Los Angeles Police Department, 2020-08-10 ; left out: possible matches.",
        "overdue: no report found : 2 reports on 1 August 2020 to 30 September 2020,"
        " due 15 September 2020 to 15 October 2020.",
    ]
    assert duty.find("ul", class_="ledger-runs").find("a")["href"] == "https://www.lapdonline.org/july"
    assert "3 reports due by the data date: 1 received, 2 overdue: no report found." in text(duty)


def test_the_duties_page_lists_what_is_overdue_across_agencies_and_every_request_with_how_long_it_took(owed):
    duties = page(owed, "duties")
    assert [text(item) for item in duties.find("ul", class_="overdue").find_all("li")] == [
        "Los Angeles Police Department : 2 reports to Police Commission under Policy 9 , on 1 August 2020 to"
        " 30 September 2020, overdue since 16 September 2020."
    ]
    rows = [
        [text(cell) for cell in row.find_all("td")[:5]]
        for row in duties.find("table", class_="requests").tbody.find_all("tr")
    ]
    assert rows == [
        [
            "Los Angeles Police Department",
            "3 June 2020",
            "no answer known",
            "not stated",
            "no answer after 111 days (to the source's date)",
        ],
        [
            "Los Angeles Police Department",
            "1 March 2021",
            "refused",
            "20 April 2021 (due 11 March 2021: 40 days late)",
            "50 days",
        ],
    ]


def test_the_brief_and_the_feed_say_what_fell_due_dated_by_the_data(owed):
    brief = page(owed, "agencies/lapd/brief").find("section", class_="brief-duties")
    assert "3 due by the data date: 1 received, 2 overdue: no report found." in text(brief)
    feed = owed / "feeds" / "duties.atom.xml"
    assert atom_errors(feed.read_text(encoding="utf-8")) == []
    found = list(entries(feed).values())
    titles = [entry["title"] for entry in found]
    assert [entry["published"] for entry in found[:2]] == ["2020-10-16T00:00:00+00:00", "2020-10-15T00:00:00+00:00"]
    assert titles[:2] == [
        "Overdue: Los Angeles Police Department: the report on 1 September 2020 to 30 September 2020"
        " to Police Commission",
        "Due 15 October 2020: Los Angeles Police Department: the report on 1 September 2020 to 30 September 2020 to"
        " Police Commission",
    ]
    assert len(titles) == 5  # three fell due; two of them became overdue


@pytest.mark.shipped
def test_the_shipped_duties_are_quoted_with_their_addresses_and_requests_dated():
    with open(DATA / "reference" / "obligations.csv", encoding="utf-8", newline="") as file:
        duties = list(csv.DictReader(file))
    with open(DATA / "reference" / "sources.csv", encoding="utf-8", newline="") as file:
        sources = {row["id"]: row for row in csv.DictReader(file)}
    assert len(duties) >= 5
    assert all(duty["quote"] and duty["locator"] and sources[duty["source"]]["url"] for duty in duties)
    with open(DATA / "reference" / "statuses.csv", encoding="utf-8", newline="") as file:
        requests = [row for row in csv.DictReader(file) if row["status"] in ("answered", "refused", "requested")]
    assert len([row for row in requests if row["requested_on"] or row["answered_on"]]) >= 3


def test_detroit_and_lapd_pages_say_what_they_owe_and_what_was_delivered(site):
    for agency in ("detroit-pd", "lapd"):
        owes = page(site, f"agencies/{agency}")
        assert owes.find("h2", id="duties") is not None, agency
        duty = owes.find("section", class_="duty")
        assert duty.find("blockquote").get_text().startswith("“"), agency
        assert duty.find("dd").find_next("a", rel="external noopener noreferrer") is not None, agency
        assert duty.find(class_="ledger").get_text(strip=True), agency
    detroit = text(page(site, "agencies/detroit-pd").find("section", class_="duty"))
    assert "said to be delivered, not published" in detroit


def test_a_report_delivered_as_records_is_received_for_the_months_they_list_in_full(tmp_path):
    from disclosures.records.extraction import extract_all
    from test_records_series import describe

    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    data = write_tiny_data(tmp_path / "data")
    # The log lists January to March 2023 in full, under a quarterly duty whose source is the log's
    describe(data, raw_dir, "log", '{start: "2023-01", end: "2023-03"}', "2024-01-01")
    extract_all(data, [raw_dir])
    quarterly = DUTY.replace("lapd-monthly", "lapd-quarterly").replace(
        ",monthly,,15,2020-07-01,2020-09-30,", ",quarterly,,,2023-01-01,2023-06-30,"
    )
    with open(data / "reference" / "obligations.csv", "a", encoding="utf-8") as file:
        file.write(quarterly)
    sources = (data / "reference" / "sources.csv").read_text(encoding="utf-8")
    (data / "reference" / "sources.csv").write_text(
        sources.replace("reported,,,,,\n", "reported,,,,lapd-quarterly,\n"), encoding="utf-8"
    )
    site = build_site(tmp_path / "output", data, DISCLOSURES_RAW=[str(raw_dir)])
    duty = page(site, "agencies/lapd").find("section", id="duty-lapd-quarterly")
    assert [text(item) for item in duty.find("ul", class_="ledger-runs").find_all("li")] == [
        "received : 1 report on 1 January 2023 to 31 March 2023, due 31 March 2023; Los Angeles Times, 2020-09-22 ;"
        " left out: possible matches.",
        "overdue: no report found : 1 report on 1 April 2023 to 30 June 2023, due 30 June 2023.",
    ]


def test_the_feed_is_made_from_the_newest_reports_due_whatever_their_order(owed):
    from pelican.settings import read_settings

    from disclosures.site.catalogue import Catalogue
    from disclosures.site.duties import Duties
    from disclosures.tables import load

    data = owed.parent / "data"
    settings = {**read_settings(str(ROOT / "pelicanconf.py")), "DISCLOSURES_DATA": str(data)}
    duties = Duties(Catalogue(load(data), settings))
    newest = [(entry["when"].isoformat(), entry["kind"]) for entry in duties.feed_entries(limit=2)]
    assert newest == [
        ("2020-10-16", "overdue"),
        ("2020-10-15", "due"),
        ("2020-09-16", "overdue"),
        ("2020-09-15", "due"),
    ]
