"""Security: a strict CSP, a _headers file, framing only for embeds, and hostile text shown as text."""

import re
from html.parser import HTMLParser

import pytest
from pelican.settings import read_settings

from conftest import NOTE, ROOT, build_site, replace_in, write_tiny_data
from disclosures.problems import DataError
from disclosures.validate import validate
from gates import load, serve

pytestmark = pytest.mark.slow  # every test here builds a site or drives a browser

POLICY = read_settings(str(ROOT / "pelicanconf.py"))["CONTENT_SECURITY_POLICY"]


class Scripts(HTMLParser):
    """Collects the CSP meta, every script tag and every event-handler attribute of a page."""

    def __init__(self):
        super().__init__()
        self.policy, self.inline_scripts, self.handlers = None, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
            self.policy = attrs["content"]
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self.inline_scripts.append(attrs)
        self.handlers += [name for name in attrs if name.startswith("on")]


def test_the_policy_allows_no_inline_script_and_no_eval():
    script_src = re.search(r"script-src ([^;]*)", POLICY).group(1).split()
    assert script_src == ["'self'", "'wasm-unsafe-eval'"]
    assert "'unsafe-eval'" not in POLICY and "default-src 'self'" in POLICY


def test_every_page_carries_the_policy_and_no_inline_script(site):
    for page in site.rglob("*.html"):
        scripts = Scripts()
        scripts.feed(page.read_text(encoding="utf-8"))
        assert (scripts.policy, scripts.inline_scripts, scripts.handlers) == (POLICY, [], []), page


def test_headers_file_lets_only_embeds_be_framed(site):
    headers = (site / "_headers").read_text(encoding="utf-8")
    for language in ("/", "/es/"):
        assert f"\n{language}embed/*\n  Content-Security-Policy: {POLICY}; frame-ancestors *\n" in headers
        for section in ("", "agencies/*", "sources/*", "timeline/*"):
            assert (
                f"\n{language}{section}\n  Content-Security-Policy: {POLICY}; frame-ancestors 'none'\n"
                "  X-Frame-Options: DENY\n" in headers
            )
    # a language's folder has a rule per section, never one over all of it that its embeds would also match
    assert "\n/es/*\n" not in headers
    assert headers.startswith("/*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n")


def test_another_site_can_frame_an_embed_but_not_a_page(site, base_url, page, tmp_path):
    (tmp_path / "index.html").write_text(
        f'<!doctype html><title>Newsroom</title><iframe id="embed" src="{base_url}embed/lapd-searches/"></iframe>'
        f'<iframe id="page" src="{base_url}agencies/lapd/"></iframe>'
        f'<iframe id="spanish" src="{base_url}es/embed/lapd-searches/"></iframe>',
        encoding="utf-8",
    )
    with serve(tmp_path) as newsroom:
        seen = load(page, newsroom)
    embed, framed_page = page.frame(name="embed"), page.frame(name="page")
    # (a frame this small shows the chart's image, scaled to fit: the chart is named by its label)
    assert (
        embed.locator(".chart-image")
        .get_attribute("aria-label")
        .startswith("Los Angeles Police Department: searches over time. ")
    )
    assert (
        page.frame(name="spanish")
        .locator(".chart-image")
        .get_attribute("aria-label")
        .startswith("Los Angeles Police Department: búsquedas a lo largo del tiempo. ")
    )
    assert framed_page.url == "chrome-error://chromewebdata/"
    assert any("frame-ancestors 'none'" in error for error in seen["console_errors"])


HOSTILE = {
    "script": "<script>alert(1)</script>",
    "handler": '<img src=x onerror="alert(2)">',
    "vega": '{"signal": "alert(3)"} datum.note + alert(4)',
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A site whose data carries hostile text in a note, an event title and an agency name."""
    folder = tmp_path_factory.mktemp("hostile")
    data = write_tiny_data(folder / "data")
    note = " ".join(HOSTILE.values()).replace('"', '""')
    replace_in(data, "disclosed/figures.csv", NOTE, f'latimes,paragraph 4,"{note}",')
    replace_in(data, "reference/events.csv", "LAPD bars third-party services", f'"{note}"')
    replace_in(data, "reference/agencies.csv", "Los Angeles Police Department", "LAPD <b>bold</b>")
    return build_site(
        folder / "output",
        data,
        EVENTS_FEED_ATOM="feeds/events.atom.xml",
        AGENCY_FEED_ATOM="feeds/agencies/{id}.atom.xml",
        FEED_DOMAIN="https://example.org",
    )


@pytest.mark.parametrize(
    "path",
    [
        "agencies/lapd/index.html",
        "embed/lapd-searches/index.html",
        "timeline/index.html",
        "feeds/events.atom.xml",
        "feeds/agencies/lapd.atom.xml",
        "index.html",
    ],
)
def test_hostile_text_is_escaped_in_pages_embeds_and_feeds(hostile_site, path):
    text = (hostile_site / path).read_text(encoding="utf-8")
    for markup in ("<script>alert", "<img src=x", "<b>bold</b>"):
        assert markup not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "alert(3)" in text  # a Vega expression in the data is only ever text


def test_feed_summaries_are_escaped_for_readers_that_render_html(hostile_site):
    feed = (hostile_site / "feeds" / "events.atom.xml").read_text(encoding="utf-8")
    assert "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;" in feed


def test_hostile_text_is_inert_in_the_browser_and_plain_in_tooltips(hostile_site, browser):
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(hostile_site) as url:
        seen = load(page, url + "agencies/lapd/")
        page.locator(".chart-image").first.hover()
        page.locator(".chart-image[data-live] .chart-live svg.marks").wait_for()
        page.locator(".chart-live g.mark-rect path[role='graphics-symbol']").first.hover()
        tooltip = page.locator(".chart-live").first.get_attribute("title")
        embed_seen = load(context.new_page(), url + "embed/lapd-searches/")
    context.close()
    assert dialogs == []
    assert seen["console_errors"] == [] and embed_seen["console_errors"] == []
    assert "<script>alert(1)</script>" in tooltip and '{"signal": "alert(3)"}' in tooltip


def test_a_javascript_url_never_reaches_a_page(tiny_data):
    replace_in(tiny_data, "reference/sources.csv", "https://www.latimes.com/a", "javascript:alert(1)")
    with pytest.raises(DataError, match="url must match"):
        validate(tiny_data)
