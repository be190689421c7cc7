"""The agencies list: where each agency works, its systems and latest disclosure, read back from the
real build; filters and sorting in Chromium, shared through the address; the plain table without
JavaScript."""

from __future__ import annotations

import csv

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from conftest import DATA
from gates import load


def rows_of(name: str) -> list[dict]:
    folder = "disclosed" if name == "figures" else "reference"
    with open(DATA / folder / f"{name}.csv", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


#: The agencies as the list orders them (by name, whatever its case), and those in Ohio: whatever agencies the data adds
AGENCIES = sorted(rows_of("agencies"), key=lambda agency: (agency["name"].casefold(), agency["id"]))
ALL = len(AGENCIES)
OHIO = [agency["name"] for agency in AGENCIES if agency["region"] == "Ohio"]


@pytest.fixture(scope="module")
def listing(site) -> BeautifulSoup:
    return BeautifulSoup((site / "agencies" / "index.html").read_text(encoding="utf-8"), "html.parser")


def cells(row) -> list[str]:
    return [" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])]


def visible_names(page) -> list[str]:
    return page.locator("#agency-list tbody tr:visible th a").all_inner_texts()


def latest_shown(page) -> list[str | None]:
    """Each visible row's latest disclosure, as the day it gives (None where there is none)."""
    return page.locator("#agency-list tbody tr:visible").evaluate_all(
        "rows => rows.map(row => { const t = row.querySelector('time'); return t ? t.dateTime : null; })"
    )


def test_each_agency_says_where_it_works_its_systems_figures_and_latest_disclosure(listing):
    table = listing.find("table", id="agency-list")
    assert cells(table.thead.tr) == [
        *["Agency", "Kind", "Country", "State or region", "Systems", "Figures", "Latest disclosure"],
    ]
    lapd = table.find("tr", id="agency-lapd")
    figures = [figure for figure in rows_of("figures") if figure["agency"] == "lapd"]
    sources = {source["id"]: source for source in rows_of("sources")}
    # The newest of its sources that may lead (a weak source never does)
    leading = [sources[figure["source"]] for figure in figures if sources[figure["source"]]["strength"] != "weak"]
    newest = max(leading, key=lambda source: source["date"])
    assert cells(lapd)[:6] == [
        "Los Angeles Police Department (LAPD)",
        "police",
        "United States",
        "California",
        "Clearview AI, LACRIS",
        str(len(figures)),
    ]
    assert cells(lapd)[6].endswith(newest["publisher"])
    assert [link["href"] for link in lapd.find_all("a")] == [
        "../agencies/lapd/",
        "../systems/clearview-ai/",
        "../systems/lacris/",
        f"../sources/#source-{newest['id']}",
    ]
    assert lapd.find("time")["datetime"] == newest["date"]
    assert cells(table.find("tr", id="agency-met-police"))[2:4] == ["United Kingdom", "England"]
    assert cells(table.find("tr", id="agency-fbi"))[3] == "nationwide"
    # An agency whose sources carry no date has no latest disclosure, and says so
    assert cells(table.find("tr", id="agency-san-bernardino-sheriff"))[-1] == "none"
    assert len(table.tbody.find_all("tr")) == ALL


def test_filtering_by_state_shows_exactly_its_agencies_and_the_address_shares_it(page, base_url):
    assert load(page, base_url + "agencies/") == {"foreign_requests": [], "console_errors": []}
    assert page.locator("#agency-count").inner_text() == f"Showing {ALL} of {ALL} agencies"
    page.select_option("#filter-region", "Ohio")
    assert visible_names(page) == OHIO
    assert page.locator("#agency-count").inner_text() == f"Showing {len(OHIO)} of {ALL} agencies"
    assert page.locator("#agency-count").get_attribute("aria-live") == "polite"
    assert page.url == base_url + "agencies/?region=Ohio"
    page.fill("#filter-name", "sheriff")
    assert visible_names(page) == [name for name in OHIO if "sheriff" in name.lower()]
    assert page.url == base_url + "agencies/?region=Ohio&name=sheriff"

    # The shared address opens on the same list
    page.goto(base_url + "agencies/?region=Ohio", wait_until="networkidle")
    assert page.locator("#filter-region").input_value() == "Ohio"
    assert visible_names(page) == OHIO
    assert page.locator("#agency-count").inner_text() == f"Showing {len(OHIO)} of {ALL} agencies"
    page.click("#agency-filters button[type=reset]")  # the form resets, then the list follows
    expect(page.locator("#agency-count")).to_have_text(f"Showing {ALL} of {ALL} agencies")
    expect(page).to_have_url(base_url + "agencies/")


def test_sorting_by_latest_disclosure_puts_the_oldest_first_then_the_newest_and_none_last(page, base_url):
    load(page, base_url + "agencies/")
    heading = page.locator("#agency-list th[data-key=latest]")
    heading.get_by_role("button", name="Latest disclosure").click()
    assert heading.get_attribute("aria-sort") == "ascending"
    assert latest_shown(page) == sorted(latest_shown(page), key=lambda day: (day is None, day))
    assert latest_shown(page)[-1] is None  # an agency without a dated disclosure comes last
    assert page.url == base_url + "agencies/?sort=latest&order=ascending"

    heading.get_by_role("button", name="Latest disclosure").click()
    assert heading.get_attribute("aria-sort") == "descending"
    dated = [day for day in latest_shown(page) if day]
    assert dated == sorted(dated, reverse=True)
    assert latest_shown(page)[-1] is None
    assert page.locator("#agency-list th[aria-sort]").count() == 1

    # Sorted and filtered, from the address
    page.goto(base_url + "agencies/?region=Ohio&sort=figures&order=descending", wait_until="networkidle")
    assert visible_names(page)[0] == "Ohio law enforcement agencies using OHLEG"
    assert page.locator("#agency-list th[data-key=figures]").get_attribute("aria-sort") == "descending"


def test_without_javascript_the_whole_table_shows_and_no_control_does(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "agencies/")
    assert page.locator("#agency-list tbody tr:visible").count() == ALL
    assert visible_names(page) == [agency["name"] for agency in AGENCIES]
    assert page.locator("#agency-list th[data-key=agency]").get_attribute("aria-sort") == "ascending"
    assert not page.locator("#agency-filters").is_visible()
    assert not page.locator("#agency-count").is_visible()
    assert page.locator("main select:visible, main input:visible, #agency-list button").count() == 0
    context.close()


def test_the_list_comes_sorted_by_name_and_a_click_on_agency_reverses_it(page, base_url):
    load(page, base_url + "agencies/")
    names = [agency["name"] for agency in AGENCIES]
    assert visible_names(page) == names
    heading = page.locator("#agency-list th[data-key=agency]")
    assert heading.get_attribute("aria-sort") == "ascending"
    heading.get_by_role("button", name="Agency").click()
    assert heading.get_attribute("aria-sort") == "descending"
    assert visible_names(page) == sorted(names, key=str.casefold, reverse=True)
    assert page.url == base_url + "agencies/?sort=agency&order=descending"
    heading.get_by_role("button", name="Agency").click()
    assert visible_names(page) == names
    assert page.url == base_url + "agencies/"  # the page's own order needs no word in the address


def test_on_a_phone_the_caption_and_each_name_stay_in_view_as_the_list_scrolls_sideways(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    load(page, base_url + "agencies/")
    scroller = page.locator(".table-scroll:has(#agency-list)")
    assert scroller.evaluate("box => box.scrollWidth > box.clientWidth")  # the list is wider than a phone
    scroller.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    view = scroller.bounding_box()
    for shown in [page.locator("#agency-list caption .caption-text"), page.locator("#agency-list tbody th").first]:
        box = shown.bounding_box()
        assert view["x"] - 1 <= box["x"] and box["x"] + min(box["width"], 100) <= view["x"] + view["width"]
    context.close()


def test_the_map_places_each_area_by_its_code_reads_without_javascript_and_follows_the_filters(page, base_url, site):
    drawn = BeautifulSoup((site / "agencies" / "index.html").read_text(encoding="utf-8"), "html.parser")
    us = drawn.find("figure", id="map-us")
    # Without JavaScript the map is already drawn: shapes, each placed area a link to its agencies
    areas = {link["xlink:href"]: link.find("path")["aria-label"] for link in us.find("svg").find_all("a")}
    assert "?region=California#agency-list" in areas
    assert areas["?region=California#agency-list"].startswith("California: ")
    codes = {row.th.get_text(strip=True): row.find("td").get_text() for row in us.find("table").tbody.find_all("tr")}
    assert codes["California"] == "06" and codes["Michigan"] == "26"
    world = drawn.find("figure", id="map-world")
    assert {row.th.get_text(strip=True): row.find("td").get_text() for row in world.find("table").tbody.find_all("tr")}[
        "United Kingdom"
    ] == "826"
    with open(site / "data" / "places.csv", encoding="utf-8", newline="") as file:
        assert {row["agency"]: row["code"] for row in csv.DictReader(file)}["lapd"] == "06"
    assert load(page, base_url + "agencies/") == {"foreign_requests": [], "console_errors": []}
    page.select_option("#filter-region", "Michigan")
    dimmed = page.eval_on_selector_all(
        "#map-us .map-drawing a",
        "links => links.map(link => [link.getAttribute('xlink:href'), link.classList.contains('dimmed')])",
    )
    assert dict(dimmed)["?region=Michigan#agency-list"] is False
    assert dict(dimmed)["?region=California#agency-list"] is True
    page.click("#map-us [aria-label^='California:']")
    page.wait_for_url(base_url + "agencies/?region=California#agency-list")
    assert page.eval_on_selector("#filter-region", "select => select.value") == "California"
