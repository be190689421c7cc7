"""Accessibility: axe-core finds no serious or critical violation on any page type, light or dark."""

import pytest

from gates import PAGE_TYPES, axe_light_and_dark


@pytest.fixture
def axe_page(browser):
    context = browser.new_context(bypass_csp=True)  # lets axe's script in; the site's own CSP is tested elsewhere
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_serious_or_critical_violations_light_or_dark(axe_page, base_url, path):
    assert axe_light_and_dark(axe_page, base_url + path) == {"light": [], "dark": []}


def test_keyboard_reaches_the_skip_link_first_and_it_moves_to_the_content(page, base_url):
    page.goto(base_url + "agencies/lapd/", wait_until="networkidle")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused


def test_keyboard_opens_a_charts_data_table(page, base_url):
    page.goto(base_url + "agencies/lapd/", wait_until="networkidle")
    summary = page.locator("#chart-lapd-searches .chart-data summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#chart-lapd-searches details.chart-data").get_attribute("open") == ""
    assert page.locator("#chart-lapd-searches details.chart-data table").is_visible()
