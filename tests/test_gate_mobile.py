"""Mobile: at 375 px no page scrolls sideways (nor at 1280); screenshots at both widths are kept for review."""

import pytest

from conftest import ROOT
from gates import PAGE_TYPES, settle, sideways_overflow

SCREENSHOTS = ROOT / "test-results" / "screenshots"
WIDTHS = (375, 1280)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_fits_the_screen_and_is_captured(browser, base_url, name):
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800})
    page = context.new_page()
    settle(page, base_url + PAGE_TYPES[name])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    overflow = {}
    for width in WIDTHS:
        # one load for both widths: the layout follows the window, and the live charts redraw at the
        # next frames (each is drawn as wide as its column by CSS until then)
        page.set_viewport_size({"width": width, "height": 800})
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        overflow[width] = sideways_overflow(page)
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    context.close()
    assert overflow == dict.fromkeys(WIDTHS, 0)
