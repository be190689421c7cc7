"""Each gate fails when it should: a violation planted in a copy of the output is caught."""

import shutil

import pytest

import gates
from gates import (
    axe_light_and_dark,
    axe_violations,
    broken_links,
    html_errors,
    live_chart,
    load,
    serve,
    sideways_overflow,
)


@pytest.fixture
def planted(tiny_site, tmp_path):
    """A copy of the site built from the tiny data; ``plant(path, markup)`` adds markup at the end of a
    page's main."""
    copy = shutil.copytree(tiny_site, tmp_path / "output")

    def plant(path: str, markup: str):
        page = copy / path / "index.html"
        page.write_text(page.read_text(encoding="utf-8").replace("</main>", markup + "</main>", 1), encoding="utf-8")
        return copy

    return plant


def axe_on(site, browser, path: str) -> list[str]:
    """Serve ``site`` and return axe's serious and critical violations on one page."""
    context = browser.new_context(bypass_csp=True)
    with serve(site) as url:
        page = context.new_page()
        page.goto(url + path, wait_until="networkidle")
        violations = axe_violations(page)
    context.close()
    return [violation.split(":")[0] for violation in violations]


def test_axe_catches_an_image_without_alt_text(planted, browser):
    assert axe_on(planted("about/", '<img src="../theme/favicon.svg">'), browser, "about/") == ["image-alt"]


def test_axe_catches_text_without_contrast(planted, browser):
    site = planted("about/", '<p style="color:#eeeeee">Hard to read</p>')
    assert axe_on(site, browser, "about/") == ["color-contrast"]


def test_axe_catches_text_readable_only_in_the_light_scheme(planted, browser):
    site = planted("about/", '<p style="color:#1a1a1a">Dark on dark</p>')
    context = browser.new_context(bypass_csp=True)
    with serve(site) as url:
        found = axe_light_and_dark(context.new_page(), url + "about/")
    context.close()
    assert {scheme: [rule.split(":")[0] for rule in rules] for scheme, rules in found.items()} == {
        "light": [],
        "dark": ["color-contrast"],
    }


def test_the_html_checker_catches_an_unclosed_element(planted):
    site = planted("about/", "<section><h2>Unclosed")
    errors = html_errors([site / "about" / "index.html"])
    assert errors and all(error.startswith("index.html:") for error in errors)
    assert any("Unclosed element" in error or "End tag" in error for error in errors)


def test_an_html_checker_that_cannot_run_fails_the_gate_rather_than_passing_the_page(monkeypatch, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><html lang=en><title>t</title><p>Fine</p></html>", encoding="utf-8")
    monkeypatch.setattr(gates, "VNU", tmp_path / "no-such-checker.jar")
    with pytest.raises(AssertionError, match="the HTML checker did not run"):
        html_errors([page])


def test_the_crawler_catches_a_broken_link_and_a_missing_anchor(planted):
    site = planted("about/", '<a href="../no-such-page/">Gone</a><a href="../sources/#source-nobody">Nobody</a>')
    assert broken_links(site) == [
        "about/index.html -> ../no-such-page/",
        "about/index.html -> ../sources/#source-nobody (no such id)",
    ]


def test_the_request_check_catches_a_request_to_another_host(planted, page):
    # On a host that sends no CSP, a page that lost its own lets the request go out: the request check sees it
    site = planted("about/", '<img src="https://cdn.example.com/pixel.png" alt="">')
    (site / "_headers").unlink()
    about = site / "about" / "index.html"
    html = about.read_text(encoding="utf-8")
    about.write_text(
        html.replace(html[html.index('<meta http-equiv="Content-Security-Policy"') :].split(">", 1)[0] + ">", "")
    )
    with serve(site) as url:
        seen = load(page, url + "about/")
    assert seen["foreign_requests"] == ["https://cdn.example.com/pixel.png"]


def test_the_console_check_catches_an_external_script_the_csp_blocks(planted, page):
    site = planted("about/", '<script src="https://cdn.example.com/tracker.js"></script>')
    with serve(site) as url:
        seen = load(page, url + "about/")
    assert any(
        "cdn.example.com/tracker.js" in line and "Content Security Policy" in line for line in seen["console_errors"]
    )


def test_the_interactivity_check_catches_charts_that_stay_static(planted, page):
    site = planted("about/", "")
    for packed in (site / "theme" / "js").glob("charts.js.*"):  # its precompressed copies, which a host prefers
        packed.unlink()
    (site / "theme" / "js" / "charts.js").write_text("// does nothing\n", encoding="utf-8")
    with serve(site) as url:
        load(page, url + "agencies/lapd/")
        assert live_chart(page, "chart-lapd-searches") is None


def test_the_csp_blocks_an_inline_script(planted, page):
    site = planted("about/", "<script>document.title = 'changed'</script>")
    with serve(site) as url:
        seen = load(page, url + "about/")
        title = page.title()
    assert title == "About | Face Search Watch"
    assert any("Content Security Policy" in error for error in seen["console_errors"])


def test_the_mobile_gate_catches_a_page_wider_than_the_screen(planted, browser):
    site = planted("about/", '<div style="width: 900px">Too wide</div>')
    context = browser.new_context(viewport={"width": 375, "height": 800})
    with serve(site) as url:
        page = context.new_page()
        page.goto(url + "about/", wait_until="networkidle")
        overflow = sideways_overflow(page)
    context.close()
    assert overflow > 0
