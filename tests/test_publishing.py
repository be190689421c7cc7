"""Charts a newsroom can publish: embeds that size themselves on another site, legible text at
phone width, downloads that say what they show, and social previews, read back from a
published build (absolute addresses) served as a host would serve it."""

from __future__ import annotations

import csv
import gzip
import html
import json
import re
import struct
from pathlib import Path

import brotli
import pytest
from bs4 import BeautifulSoup

from conftest import DATA
from disclosures.site.compress import precompress
from gates import axe_violations, live_chart, load, serve

EMBED = "embed/lapd-searches/"


def chart_folders(site: Path) -> list[Path]:
    return sorted(folder for folder in (site / "charts").iterdir() if folder.is_dir())


def snippet(site: Path, chart: str) -> str:
    """The embed code as a reader copies it from the chart's page."""
    page = BeautifulSoup((site / "charts" / chart / "index.html").read_text(encoding="utf-8"), "html.parser")
    return page.find("textarea", id="embed-code").get_text()


@pytest.mark.parametrize("width", [320, 1000])
def test_the_copied_snippet_fits_the_iframe_to_the_chart_on_another_site(published, browser, tmp_path, width):
    site, _ = published
    code = snippet(site, "lapd-searches")
    assert '<iframe src="http://127.0.0.1:' in code and 'title="Los Angeles Police Department: searches' in code
    host = tmp_path / "host"
    host.mkdir()
    (host / "index.html").write_text(
        "<!doctype html><html lang=en><meta charset=utf-8><title>A newsroom's story</title>"
        "<link rel=icon href='data:,'>"
        f'<meta name=viewport content="width=device-width"><body style="margin:0"><p>Story text.</p>{code}'
        "<p>More story text.</p>"
        # an ad frame that posts a height in the same format: the embed's resizer must leave it alone
        "<iframe id=ad title=ad height=90 srcdoc=\"<script>parent.postMessage({'datawrapper-height': {ad: 99999}},"
        " '*')</script>\"></iframe></body></html>",
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    with serve(host, host="localhost") as host_url:  # another origin than the site's 127.0.0.1
        seen = load(page, host_url)
        frame = page.frames[1]
        frame.locator(".chart-static svg.marks").first.wait_for(state="attached", timeout=10000)
        content = "Math.ceil(document.body.getBoundingClientRect().height)"
        page.wait_for_function(
            "expected => Math.abs(document.querySelector('iframe').getBoundingClientRect().height - expected) <= 1",
            arg=frame.evaluate(content),
            timeout=5000,
        )
        inner = frame.evaluate("[document.documentElement.scrollHeight, document.documentElement.clientHeight]")
        fitted = frame.evaluate("document.documentElement.hasAttribute('data-fitted')")
        frame_width = page.evaluate("document.querySelector('iframe').getBoundingClientRect().width")
        ad_height = page.evaluate("document.getElementById('ad').getBoundingClientRect().height")
    context.close()
    assert seen["console_errors"] == []
    assert ad_height < 100
    assert inner[0] <= inner[1]  # no scrollbar inside the frame: it shows the whole chart
    assert not fitted  # fitted to the chart by the resizer, the frame keeps the chart and its words
    assert frame_width == width


@pytest.mark.parametrize("width", [320, 1000])
def test_the_snippet_without_its_script_still_shows_the_whole_chart_title_to_credit(
    published, browser, tmp_path, width
):
    site, _ = published
    host = tmp_path / "host"
    host.mkdir()
    # A CMS that strips scripts keeps only the iframe, at its default height: a chart of each kind
    kinds = ["lapd-searches", "lapd-trend-lacris", "met-police-records-alerts", "comparison-per-month"]
    frames = "".join(snippet(site, chart).split("<script>")[0] for chart in kinds)
    (host / "index.html").write_text(
        "<!doctype html><html lang=en><meta charset=utf-8><title>A newsroom's story</title>"
        "<link rel=icon href='data:,'><meta name=viewport content='width=device-width'>"
        f"<body style='margin:0'>{frames}",
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    cut = {}
    with serve(host, host="localhost") as host_url:
        load(page, host_url)
        for element in page.locator("iframe").all():
            element.scroll_into_view_if_needed()  # the frames load lazily
            frame = element.element_handle().content_frame()
            frame.wait_for_function("() => document.documentElement.hasAttribute('data-fitted')", timeout=5000)
            image = frame.locator(".chart-fitted")
            image.evaluate("image => image.decode()")  # loaded lazily, once shown
            # The image, title to credit drawn in, lies whole inside the frame, and nothing scrolls
            box = image.evaluate("image => image.getBoundingClientRect().toJSON()")
            inside = box["width"] > 0 and box["height"] > 0 and box["left"] >= 0 and box["top"] >= 0
            inside = inside and frame.evaluate(
                "box => box.right <= innerWidth + 1 && box.bottom <= innerHeight + 1", box
            )
            scrolls = frame.evaluate("document.documentElement.scrollHeight > innerHeight + 1")
            if not inside or scrolls:
                cut[frame.url] = box if not inside else "scrolls"
            shown = frame.evaluate("image => image.currentSrc", image.element_handle())
            assert shown.endswith(".png") and shown.split("/")[-2] in frame.url, frame.url
            if width == 1000:  # a wide column shows the image at its own size: the default height is its height
                drawn, own = image.evaluate("image => [image.getBoundingClientRect().width, image.naturalWidth / 2]")
                assert abs(drawn - own) <= 1, frame.url
    context.close()
    assert cut == {}


@pytest.mark.parametrize("variant", ["?theme=dark", "?plain=1"])
def test_the_dark_and_plain_embeds_pass_axe(published, browser, variant):
    _, url = published
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(url + EMBED + variant, wait_until="networkidle")
    live_chart(page, "chart-lapd-searches")
    scheme = page.evaluate("getComputedStyle(document.documentElement).colorScheme")
    title_shown = page.locator(".chart-caption h1").bounding_box()["width"] > 1
    violations = axe_violations(page)
    context.close()
    assert violations == []
    assert (scheme, title_shown) == (("dark", True) if variant == "?theme=dark" else ("light dark", False))


def test_the_embed_posts_its_height_in_pym_datawrapper_and_amp_formats(published, browser, tmp_path):
    _, url = published
    host = tmp_path / "host"
    host.mkdir()
    (host / "index.html").write_text(
        "<!doctype html><title>Listener</title><link rel=icon href='data:,'><body><script>window.heard = [];"
        "addEventListener('message', e => heard.push(e.data));</script>"
        f'<iframe src="{url}{EMBED}?childId=story-chart" title="chart" style="width:600px"></iframe></body>',
        encoding="utf-8",
    )
    context = browser.new_context()
    page = context.new_page()
    with serve(host, host="localhost") as host_url:
        page.goto(host_url, wait_until="networkidle")
        page.wait_for_function("heard.length >= 3")
        heard = page.evaluate("heard")
    context.close()
    height = heard[-1]["height"]
    assert heard[-3:] == [
        f"pymxPYMxstory-chartxPYMxheightxPYMx{height}",
        {"datawrapper-height": {"lapd-searches": height}},
        {"sentinel": "amp", "type": "embed-size", "height": height},
    ]


@pytest.mark.parametrize("kind", ["charts", "embed"])
def test_without_javascript_every_charts_text_is_12px_or_more_and_inside_the_chart_at_375px(published, browser, kind):
    site, url = published
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    small, outside = {}, set()
    for folder in chart_folders(site):
        page.goto(f"{url}{kind}/{folder.name}/", wait_until="load")
        sizes = page.evaluate(
            """() => Array.from(document.querySelectorAll('.chart-image svg text'))
                 .filter(text => text.getClientRects().length)
                 .filter(text => text.textContent.trim())
                 .map(text => { const m = text.getScreenCTM();
                   return [text.textContent, parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b)]; })"""
        )
        assert sizes, folder.name  # the chart is drawn, its words shown
        small.update({f"{folder.name}: {text}": size for text, size in sizes if size < 12})
        shown = ".chart-image .chart-narrow svg"
        width = page.evaluate(f"document.querySelector('{shown}').getBoundingClientRect().width")
        assert 0 < width <= 375 - 2 * 4, folder.name  # within the column: nothing off the side of the phone
        # and no text shown runs past the chart's sides, where the page would cut it off (Vega hides
        # an axis label that would overlap another by making it transparent)
        cut = page.evaluate(
            """shown => { const chart = document.querySelector(shown).getBoundingClientRect();
                 return Array.from(document.querySelectorAll(shown + ' text'))
                   .filter(text => text.textContent.trim() && getComputedStyle(text).opacity !== "0")
                   .filter(text => { const box = text.getBoundingClientRect();
                     return box.left < chart.left - 1 || box.right > chart.right + 1; })
                   .map(text => text.textContent); }""",
            shown,
        )
        outside.update({f"{folder.name}: {text}" for text in cut})
    context.close()
    assert small == {}
    assert outside == set()


def test_lapd_draws_29817_as_a_labelled_total_and_no_chart_draws_a_total_as_a_monthly_line(published):
    site, _ = published
    svg = (site / "charts" / "lapd-searches" / "lapd-searches.svg").read_text(encoding="utf-8")
    assert ">29,817 uses, Nov 2009 \u2013 Sep 2020<" in svg
    for folder in chart_folders(site):
        if folder.name == "comparison-per-month":  # the labelled view of averages
            assert "Average per month (log scale)" in (folder / f"{folder.name}.svg").read_text(encoding="utf-8")
            continue
        spec = json.loads((folder / f"{folder.name}.vl.json").read_text(encoding="utf-8"))
        fields = re.findall(r'"field": "([^"]+)"', json.dumps(spec))
        if "-trend-" in folder.name:  # drawn by rate: as wide as its period, as tall as its average, labelled total
            assert "Average per month (ours)" in json.dumps(spec), folder.name
            assert all(row["label"].split(" ")[-1] not in ("month", "a month") for row in spec["datasets"]["steps"])
            continue
        assert not [field for field in fields if "per_month" in field or field in ("low", "high")], folder.name


#: Columns that place a mark, not say anything: never in a chart's CSV
LAYOUT = {
    "row",
    "side",
    "room",
    "lane",
    "mark",
    "point",
    "point_at",
    "bar_from",
    "bar_to",
    "describe",
    "lines",
    "anchor",
}


def test_each_charts_csv_has_a_row_per_drawn_value_with_the_figure_as_disclosed_and_no_layout(published):
    site, _ = published
    with open(DATA / "disclosed" / "figures.csv", encoding="utf-8", newline="") as file:
        disclosed = {row["id"]: row for row in csv.DictReader(file)}
    for folder in chart_folders(site):
        spec = json.loads((folder / f"{folder.name}.vl.json").read_text(encoding="utf-8"))
        with open(folder / f"{folder.name}.csv", encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
        # (the spec file lists its layers by name)
        assert sorted(row["layer"] for row in rows) == [name for name, drawn in spec["datasets"].items() for _ in drawn]
        assert not LAYOUT & set(rows[0]), folder.name
        assert not [cell for row in rows for cell in row.values() if cell.startswith("[")], folder.name
        for row in rows:
            if row.get("figure_id") in disclosed:  # a figure of figures.csv (others come from record-level disclosures)
                stated = disclosed[row["figure_id"]]
                assert {key: row[key] for key in ("value", "value_max", "period_start", "period_end")} == {
                    key: stated[key] for key in ("value", "value_max", "period_start", "period_end")
                }, folder.name
            if row.get("figure_id"):
                low, high = row["average_per_month_low"], row["average_per_month_high"]
                assert (low == high == "") or float(low) <= float(high), folder.name


def test_the_png_is_twice_the_svg_and_both_carry_title_source_and_credit(published):
    site, _ = published
    for folder in chart_folders(site):
        svg = (folder / f"{folder.name}.svg").read_text(encoding="utf-8")
        png = (folder / f"{folder.name}.png").read_bytes()
        width, height = (int(value) for value in re.match(r'<svg[^>]* width="(\d+)" height="(\d+)"', svg).groups())
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png[16:24]) == (2 * width, 2 * height), folder.name
        metadata = json.loads((folder / f"{folder.name}.json").read_text(encoding="utf-8"))
        words = " ".join(html.unescape(text) for text in re.findall(r">([^<>]+)<", svg))
        assert metadata["title"].split(": ")[0] in words, folder.name
        assert "Source: " in words and "Chart: Face Search Watch" in words, folder.name
    lapd = json.loads((site / "charts" / "lapd-searches" / "lapd-searches.json").read_text(encoding="utf-8"))
    assert lapd["permalink"] == lapd["citation"]["text"].split(" ")[-1]
    assert lapd["licence"]["name"] == "CC-BY-4.0"
    assert {"Los Angeles Times", "BuzzFeed News"} <= {source["publisher"] for source in lapd["sources"]}
    svg = (site / "charts" / "lapd-searches" / "lapd-searches.svg").read_text(encoding="utf-8")
    assert lapd["files"]["png"]["width"] == 2 * int(re.search(r'width="(\d+)"', svg).group(1))
    assert len(lapd["files"]["csv"]["sha256"]) == 64


def test_the_embed_without_javascript_shows_the_chart_and_its_data_table(published, browser):
    _, url = published
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + EMBED)
    image = page.locator(".chart-image .chart-wide svg")
    box = image.bounding_box()
    page.locator(".chart-data summary").click()
    table = page.locator(".chart-data table")
    table_visible, rows = table.is_visible(), table.locator("tbody tr").count()
    first = table.locator("tbody tr").first.inner_text()
    context.close()
    assert box["width"] > 300 and box["height"] > 150
    drawn = json.loads((published[0] / "charts" / "lapd-searches" / "lapd-searches.vl.json").read_text())
    assert table_visible and rows == len(drawn["datasets"]["figures"]) and first.startswith("29,817 uses, Nov 2009")


def _meta(page: Path) -> dict[str, str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    tags = soup.find_all("meta", content=True)
    return {tag.get("property") or tag.get("name"): tag["content"] for tag in tags}


def _png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


def test_social_previews_use_absolute_addresses_and_a_landscape_card_of_the_chart_or_the_site(published):
    site, url = published
    lapd = _meta(site / "agencies" / "lapd" / "index.html")
    assert lapd["og:url"] == url + "agencies/lapd/"
    assert lapd["og:image"] == url + "charts/lapd-searches/lapd-searches-preview.png"
    assert (lapd["og:image:width"], lapd["og:image:height"]) == ("1200", "630")
    assert lapd["twitter:card"] == "summary_large_image"
    assert lapd["og:title"] == "Los Angeles Police Department | Face Search Watch"
    chart = _meta(site / "charts" / "lapd-searches" / "index.html")
    assert chart["og:image"] == url + "charts/lapd-searches/lapd-searches-preview.png"
    home = _meta(site / "index.html")
    assert home["og:image"] == url + "preview.png"
    assert home["og:image:alt"] == (
        "Face Search Watch: How often police use facial recognition, from their own disclosures"
    )
    assert home["twitter:card"] == "summary_large_image"


def test_a_local_build_shows_no_previews_and_draws_none(site):
    assert "og:image" not in _meta(site / "agencies" / "lapd" / "index.html")
    assert sorted(site.rglob("*preview.png")) == []


def test_every_page_with_a_card_shows_an_image_of_the_site_1200_by_630(published):
    site, url = published
    cards = {}
    for page in site.rglob("index.html"):
        if "og:image" in (meta := _meta(page)):
            cards[page.parent.relative_to(site).as_posix()] = meta["og:image"]
    assert {"agencies", "sources", "data", "charts/comparison-per-month"} <= set(cards)  # a list, data, a chart
    sizes = {card: _png_size(site / card.removeprefix(url)) for card in set(cards.values())}
    assert all(card.startswith(url) for card in sizes)
    assert set(sizes.values()) == {(1200, 630)}


def test_the_chart_page_links_back_and_every_chart_links_to_its_page(published):
    site, _ = published
    lapd = (site / "agencies" / "lapd" / "index.html").read_text(encoding="utf-8")
    assert '/charts/lapd-searches/">Share, embed, cite or download this chart</a>' in lapd
    met = (site / "agencies" / "met-police" / "index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<figure class="chart" id="chart-([^"]+)"', met)
    assert charts
    assert [chart for chart in charts if f'/charts/{chart}/">Share, embed, cite or download' not in met] == []
    page = BeautifulSoup((site / "charts" / "lapd-searches" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("p", class_="breadcrumb").a["href"].endswith("/agencies/lapd/")
    bibtex = page.find("pre", id="citation-bibtex").get_text()
    assert bibtex.startswith("@misc{fsw-lapd-searches,\n  author = {{Face Search Watch contributors}},")
    assert "url = {" + "http://127.0.0.1" in bibtex


def test_a_live_chart_redraws_at_its_columns_width_when_the_window_resizes(published, browser):
    _, url = published
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    page.goto(url + "agencies/lapd/", wait_until="networkidle")
    assert live_chart(page, "chart-lapd-searches") is not None
    svg = "#chart-lapd-searches .chart-live svg"
    wide = page.evaluate(f"document.querySelector('{svg}').getBoundingClientRect().width")
    page.set_viewport_size({"width": 400, "height": 800})
    # a function, not an expression: the page's CSP forbids the eval Playwright polls an expression with
    page.wait_for_function(f"() => document.querySelector('{svg}').getBoundingClientRect().width <= 400 - 32")
    column = page.evaluate("document.querySelector('#chart-lapd-searches .chart-image').clientWidth")
    narrow = page.evaluate(f"document.querySelector('{svg}').getBoundingClientRect().width")
    context.close()
    assert wide > 900 and narrow == column


def test_in_dark_mode_the_live_charts_text_and_marks_take_the_dark_palette(published, browser):
    _, url = published
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(url + "agencies/lapd/", wait_until="networkidle")
    assert live_chart(page, "chart-lapd-searches") is not None
    colours = page.evaluate(
        """() => {
          const live = document.querySelector('#chart-lapd-searches .chart-live');
          const fill = selector => getComputedStyle(live.querySelector(selector)).fill;
          return [fill('g.role-axis-label text'), fill('g.mark-rect path[role=graphics-symbol]'),
                  getComputedStyle(document.body).backgroundColor];
        }"""
    )
    context.close()
    # The axis text is the dark palette's text on the dark page, the bars their dark twins
    assert colours == ["rgb(236, 236, 236)", "rgb(240, 136, 74)", "rgb(18, 20, 23)"]


def test_the_large_assets_are_precompressed_beside_themselves_and_decompress_to_them(published):
    site, _ = published
    packed = {path.with_suffix("") for path in site.rglob("*.gz")}
    assert site / "theme" / "vendor" / "vega.min.js" in packed and site / "pagefind" / "pagefind-ui.js" in packed
    for asset in packed:
        data = asset.read_bytes()
        assert gzip.decompress(asset.with_name(asset.name + ".gz").read_bytes()) == data, asset
        assert brotli.decompress(asset.with_name(asset.name + ".br").read_bytes()) == data, asset
    assert not (site / "theme" / "favicon.svg.gz").exists()  # pages, downloads and small files are left to the host


def test_precompressing_skips_small_files_and_gives_the_same_bytes_every_time(tmp_path):
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "big.js").write_text("var chart = 1;\n" * 200, encoding="utf-8")
    (tmp_path / "theme" / "small.css").write_text("body { margin: 0 }\n", encoding="utf-8")
    assert precompress(tmp_path) == [tmp_path / "theme" / "big.js"]
    first = (tmp_path / "theme" / "big.js.gz").read_bytes()
    precompress(tmp_path)
    assert (tmp_path / "theme" / "big.js.gz").read_bytes() == first
    assert first[4:8] == b"\0\0\0\0"  # no time in the header
    written = sorted(path.name for path in (tmp_path / "theme").iterdir())
    assert written == ["big.js", "big.js.br", "big.js.gz", "small.css"]
