"""Weight: every agency page, chart page and embed, opened with an empty cache from a host that
compresses as hosts do, transfers at most 150 KB before the reader interacts, and none of them
loads the live charts' runtime or their specs until then (a page carries each chart once)."""

from urllib.parse import urlsplit

import pytest

from gates import launch

BUDGET = 150 * 1024
#: Every resource a page has transferred, by its path and the bytes it took (headers included)
TRANSFERRED = """() => [performance.getEntriesByType("navigation")[0], ...performance.getEntriesByType("resource")]
    .map(entry => [new URL(entry.name).pathname, entry.transferSize])"""


@pytest.fixture(scope="module")
def first_visit(playwright):
    """A Chromium that reaches the site under any name ending in .test, so that each page can be opened
    from a host of its own: nothing of one page's visit (its fonts, styles, scripts) is cached for the next."""
    chromium = launch(playwright, "--host-resolver-rules=MAP *.test 127.0.0.1")
    yield chromium
    chromium.close()


def pages(site, kind: str) -> list[str]:
    folder = {"agency": "agencies", "chart": "charts", "embed": "embed"}[kind]
    return sorted(f"{folder}/{path.parent.name}/" for path in (site / folder).glob("*/index.html"))


@pytest.mark.parametrize("kind", ["agency", "chart", "embed"])
def test_before_interaction_each_page_transfers_150_kb_or_less_without_the_chart_runtime(
    site, base_url, first_visit, kind
):
    port = urlsplit(base_url).port
    context = first_visit.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    heavy, early, weights = {}, {}, {}
    addresses = pages(site, kind)
    for number, address in enumerate(addresses):
        page.goto(f"http://visit{number}.test:{port}/{address}", wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => null)")
        transferred = dict(page.evaluate(TRANSFERRED))
        weights[address] = total = sum(transferred.values())
        if total > BUDGET:
            heavy[address] = total
        runtime = [path for path in transferred if path.endswith(("vega.min.js", ".vg.json"))]
        if runtime:
            early[address] = runtime
    context.close()
    assert addresses and min(weights.values()) > 10_000  # each visit fetched its page, styles and fonts afresh
    assert heavy == {}
    assert early == {}
