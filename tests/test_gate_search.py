"""Search: Pagefind finds the LAPD page for "LACRIS", without leaving the site, and loads only when a
reader reaches the box (that every page but the embed has the box is checked with each page's load,
in test_gate_pages)."""

import gzip
import json

import pytest
from playwright.sync_api import expect

from gates import COLOUR_RULES, axe_violations, load


def test_the_index_holds_the_pages_a_reader_lands_on_not_a_page_per_chart_that_its_agency_page_shows(site):
    indexed = {
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
        for path in (site / "pagefind" / "fragment").glob("*.pf_fragment")
    }
    assert {"/agencies/lapd/", "/es/agencies/lapd/", "/methodology/"} <= indexed
    assert (site / "charts" / "lapd-searches" / "index.html").is_file()
    assert [url for url in indexed if "/charts/" in url] == []


def test_searching_lacris_finds_the_lapd_page(page, base_url):
    seen = load(page, base_url)
    page.get_by_role("textbox", name="Search the site").fill("LACRIS")
    results = page.locator(".pagefind-ui__result-link")
    # Pagefind draws each result as its fragment loads: wait for this one, not only for the first
    expect(results.get_by_text("Los Angeles Police Department", exact=True)).to_have_count(1)
    hrefs = [link.get_attribute("href") for link in results.all()]
    assert any(href.endswith("/agencies/lapd/") for href in hrefs)
    assert seen == {"foreign_requests": [], "console_errors": []}


def test_a_spanish_page_searches_the_spanish_pages(page, base_url):
    seen = load(page, base_url + "es/")
    page.get_by_role("textbox", name="Buscar en el sitio").fill("LACRIS")
    results = page.locator(".pagefind-ui__result-link")
    expect(results.get_by_text("Los Angeles Police Department", exact=True)).to_have_count(1)
    hrefs = [link.get_attribute("href") for link in results.all()]
    assert hrefs and all("/es/" in href for href in hrefs)
    assert any(href.endswith("/es/agencies/lapd/") for href in hrefs)
    assert seen == {"foreign_requests": [], "console_errors": []}


def test_search_loads_when_a_reader_reaches_the_box_and_keeps_what_was_typed_and_the_focus(page, base_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    load(page, base_url + "agencies/lapd/")
    assert not [url for url in requested if url.endswith(".js") and "/pagefind/" in url]
    page.get_by_role("textbox", name="Search the site").click()
    page.keyboard.type("LACRIS")  # as soon as the box is reached: before Pagefind has loaded
    expect(
        page.locator(".pagefind-ui__result-link").get_by_text("Los Angeles Police Department", exact=True)
    ).to_have_count(1)
    box = page.get_by_role("textbox", name="Search the site")
    assert box.input_value() == "LACRIS"
    assert box.evaluate("element => element === document.activeElement")


#: The contrast WCAG asks of text (AA)
READABLE = 4.5
CONTRAST = """element => {
  const rgb = text => text.match(/[\\d.]+/g).slice(0, 3).map(Number).map(value => value / 255)
    .map(value => value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4);
  const luminance = text => { const [r, g, b] = rgb(text); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const style = getComputedStyle(element);
  const [light, dark] = [luminance(style.color), luminance(style.backgroundColor)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_query_and_the_results_are_readable_in_either_colour_scheme(browser, base_url, scheme):
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)  # lets axe's script in
    page = context.new_page()
    load(page, base_url)
    box = page.get_by_role("textbox", name="Search the site")
    box.fill("LACRIS")
    expect(
        page.locator(".pagefind-ui__result-link").get_by_text("Los Angeles Police Department", exact=True)
    ).to_have_count(1)
    assert box.evaluate(CONTRAST) >= READABLE
    assert axe_violations(page, rules=COLOUR_RULES) == []
    context.close()
