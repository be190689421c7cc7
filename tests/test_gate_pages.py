"""Each page type as a reader's browser opens it, on a phone: it asks no other host, logs no error,
draws the site's search box (all but the embed) and scrolls sideways neither at 375 px nor at 1280;
screenshots at both widths are kept in test-results/screenshots/ for review."""

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from gates import PAGE_TYPES, SETTLED, load, sideways_overflow

SCREENSHOTS = ROOT / "test-results" / "screenshots"
WIDTHS = (375, 1280)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_loads_only_from_the_site_logs_no_error_has_the_search_box_and_fits_the_screen(browser, base_url, name):
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800})  # enforces the site's CSP
    page = context.new_page()
    seen = load(page, base_url + PAGE_TYPES[name])
    search = page.get_by_role("textbox", name="Buscar en el sitio" if name.endswith("-es") else "Search the site")
    expect(search).to_have_count(0 if name.startswith("embed") else 1)
    page.wait_for_function(SETTLED, timeout=10000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    overflow = {}
    for width in WIDTHS:
        # one load for both widths: the layout follows the window at the next frames
        page.set_viewport_size({"width": width, "height": 800})
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        overflow[width] = sideways_overflow(page)
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    context.close()
    assert seen == {"foreign_requests": [], "console_errors": []}
    assert overflow == dict.fromkeys(WIDTHS, 0)
