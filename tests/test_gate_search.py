"""Search: Pagefind finds the LAPD page for "LACRIS", without leaving the site (that every page but
the embed has the box is checked with each page's load, in test_gate_pages)."""

from playwright.sync_api import expect

from gates import load


def test_searching_lacris_finds_the_lapd_page(page, base_url):
    seen = load(page, base_url)
    page.get_by_role("textbox", name="Search the site").fill("LACRIS")
    results = page.locator(".pagefind-ui__result-link")
    # Pagefind draws each result as its fragment loads: wait for this one, not only for the first
    expect(results.get_by_text("Los Angeles Police Department", exact=True)).to_have_count(1)
    hrefs = [link.get_attribute("href") for link in results.all()]
    assert any(href.endswith("/agencies/lapd/") for href in hrefs)
    assert seen == {"foreign_requests": [], "console_errors": []}
