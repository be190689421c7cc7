"""No third parties: loading each page type in Chromium asks no other host and logs no error."""

import re

import pytest

from gates import PAGE_TYPES, live_chart, load


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_loads_only_from_the_site_and_logs_no_error(page, base_url, path):
    assert load(page, base_url + path) == {"foreign_requests": [], "console_errors": []}


def test_charts_become_interactive_under_the_sites_csp(page, base_url):
    assert load(page, base_url + "agencies/lapd/")["console_errors"] == []
    # Vega's live view replaces the build-time SVG, and its marks show tooltips under the pointer
    tooltip = live_chart(page, "chart-lapd-searches")
    assert tooltip is not None and "Figure: 29,817 uses" in tooltip


def test_a_reader_in_los_angeles_sees_the_ban_on_13_november_2020(browser, base_url):
    context = browser.new_context(timezone_id="America/Los_Angeles")
    page = context.new_page()
    load(page, base_url + "agencies/lapd/")
    assert page.evaluate("new Date(2020, 10, 13).getTimezoneOffset()") == 480  # the page runs in Pacific time
    assert live_chart(page, "chart-lapd-searches") is not None
    ban = page.locator("#chart-lapd-searches .chart-image[data-live] [aria-label^='Ban, ']").first
    assert ban.get_attribute("aria-label").startswith("Ban, 13 November 2020: LAPD bars third-party")
    years = page.locator("#chart-lapd-searches .chart-image[data-live] g.mark-text.role-axis-label text")
    assert "2020" in years.all_text_contents()
    # Every year on the time axis sits where the build (in UTC) drew it: none moved by the reader's time zone
    static = page.request.get(base_url + "charts/lapd-searches.svg").text()
    drawn = re.findall(r'<text text-anchor="middle" transform="([^"]*)"[^>]*>(\d{4})</text>', static)
    shown = [(label.get_attribute("transform"), label.text_content()) for label in years.all()]
    assert drawn and [label for label in shown if re.fullmatch(r"\d{4}", label[1])] == drawn
    context.close()
