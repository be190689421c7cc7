"""Mobile: at 375 px no page scrolls sideways; screenshots at 375 and 1280 px are kept for review."""

import pytest

from conftest import ROOT
from gates import PAGE_TYPES, settle, sideways_overflow

SCREENSHOTS = ROOT / "test-results" / "screenshots"


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_fits_the_screen_and_is_captured(browser, base_url, name, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    settle(page, base_url + PAGE_TYPES[name])
    overflow = sideways_overflow(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    context.close()
    assert overflow == 0
