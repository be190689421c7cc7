"""No third parties: loading each page type in Chromium asks no other host and logs no error."""

import pytest

from gates import PAGE_TYPES, load


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_loads_only_from_the_site_and_logs_no_error(page, base_url, path):
    assert load(page, base_url + path) == {"foreign_requests": [], "console_errors": []}


def test_charts_become_interactive_under_the_sites_csp(page, base_url):
    assert load(page, base_url + "agencies/lapd/")["console_errors"] == []
    chart = page.locator("#chart-lapd-searches .chart-image")
    # Vega's live view replaces the build-time SVG; its marks respond to the pointer
    chart.locator("svg.marks").wait_for()
    assert page.evaluate("document.querySelector('#chart-lapd-searches .chart-image svg').getAttribute('class')") == (
        "marks"
    )
    assert chart.locator("path[aria-roledescription='rule']").count() > 0 or chart.locator("g.mark-rule").count() > 0
