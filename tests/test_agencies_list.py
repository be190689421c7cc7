"""The agencies list: where each agency works, its systems and latest disclosure, read back from the
real build; filters and sorting in Chromium, shared through the address; the plain table without
JavaScript."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from gates import load

OHIO = [
    "Akron Police Department",
    "Columbus Division of Police",
    "Copley Police Department",
    "Hamilton County Sheriff's Office",
    "Ohio law enforcement agencies using OHLEG",
    "Stow Police Department",
    "Summit County Sheriff's Office",
]


@pytest.fixture(scope="module")
def listing(site) -> BeautifulSoup:
    return BeautifulSoup((site / "agencies" / "index.html").read_text(encoding="utf-8"), "html.parser")


def cells(row) -> list[str]:
    return [" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])]


def visible_names(page) -> list[str]:
    return page.locator("#agency-list tbody tr:visible th a").all_inner_texts()


def test_each_agency_says_where_it_works_its_systems_figures_and_latest_disclosure(listing):
    table = listing.find("table", id="agency-list")
    assert cells(table.thead.tr) == [
        *["Agency", "Kind", "Country", "State or region", "Systems", "Figures", "Latest disclosure"],
    ]
    lapd = table.find("tr", id="agency-lapd")
    assert cells(lapd) == [
        "Los Angeles Police Department (LAPD)",
        "police",
        "United States",
        "California",
        "Clearview AI, LACRIS",
        "6",
        "17 November 2020, Los Angeles Times",
    ]
    assert [link["href"] for link in lapd.find_all("a")] == [
        "../agencies/lapd/",
        "../systems/clearview-ai/",
        "../systems/lacris/",
        "../sources/#source-latimes-2020-11-17-lapd-ban",
    ]
    assert str(lapd.find("time")) == '<time datetime="2020-11-17">17 November 2020</time>'
    assert cells(table.find("tr", id="agency-met-police"))[2:4] == ["United Kingdom", "England"]
    assert cells(table.find("tr", id="agency-fbi"))[3] == "nationwide"
    # An agency whose sources carry no date has no latest disclosure, and says so
    assert cells(table.find("tr", id="agency-san-bernardino-sheriff"))[-1] == "none"
    assert len(table.tbody.find_all("tr")) == 32


def test_filtering_by_state_shows_exactly_its_agencies_and_the_address_shares_it(page, base_url):
    assert load(page, base_url + "agencies/") == {"foreign_requests": [], "console_errors": []}
    assert page.locator("#agency-count").inner_text() == "Showing 32 of 32 agencies"
    page.select_option("#filter-region", "Ohio")
    assert visible_names(page) == OHIO
    assert page.locator("#agency-count").inner_text() == "Showing 7 of 32 agencies"
    assert page.locator("#agency-count").get_attribute("aria-live") == "polite"
    assert page.url == base_url + "agencies/?region=Ohio"
    page.fill("#filter-name", "sheriff")
    assert visible_names(page) == ["Hamilton County Sheriff's Office", "Summit County Sheriff's Office"]
    assert page.url == base_url + "agencies/?region=Ohio&name=sheriff"

    # The shared address opens on the same list
    page.goto(base_url + "agencies/?region=Ohio", wait_until="networkidle")
    assert page.locator("#filter-region").input_value() == "Ohio"
    assert visible_names(page) == OHIO
    assert page.locator("#agency-count").inner_text() == "Showing 7 of 32 agencies"
    page.click("#agency-filters button[type=reset]")  # the form resets, then the list follows
    expect(page.locator("#agency-count")).to_have_text("Showing 32 of 32 agencies")
    expect(page).to_have_url(base_url + "agencies/")


def test_sorting_by_latest_disclosure_puts_the_oldest_first_then_the_newest_and_none_last(page, base_url):
    load(page, base_url + "agencies/")
    heading = page.locator("#agency-list th[data-key=latest]")
    heading.get_by_role("button", name="Latest disclosure").click()
    assert heading.get_attribute("aria-sort") == "ascending"
    names = visible_names(page)
    assert names[:3] == [
        "Pinellas County Sheriff's Office",
        "Federal Bureau of Investigation",
        "FBI and ICE (searches of Utah driver-licence photos)",
    ]
    assert names[-1] == "San Bernardino County Sheriff's Office"
    assert page.url == base_url + "agencies/?sort=latest&order=ascending"

    heading.get_by_role("button", name="Latest disclosure").click()
    assert heading.get_attribute("aria-sort") == "descending"
    names = visible_names(page)
    assert names[:3] == [
        "Orange County Sheriff's Office",
        "U.S. Department of Homeland Security",
        "Metropolitan Police Service",
    ]
    assert names[-1] == "San Bernardino County Sheriff's Office"
    assert page.locator("#agency-list th[aria-sort]").count() == 1

    # Sorted and filtered, from the address
    page.goto(base_url + "agencies/?region=Ohio&sort=figures&order=descending", wait_until="networkidle")
    assert visible_names(page)[0] == "Ohio law enforcement agencies using OHLEG"
    assert page.locator("#agency-list th[data-key=figures]").get_attribute("aria-sort") == "descending"


def test_without_javascript_the_whole_table_shows_and_no_control_does(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "agencies/")
    assert page.locator("#agency-list tbody tr:visible").count() == 32
    assert len(visible_names(page)) == 32
    assert not page.locator("#agency-filters").is_visible()
    assert not page.locator("#agency-count").is_visible()
    assert page.locator("main select:visible, main input:visible, #agency-list button").count() == 0
    context.close()
