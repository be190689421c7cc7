"""A newsroom starts from nothing: an empty data folder builds a small site that passes every gate
and says how to add the first disclosure."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import build_site
from disclosures.__main__ import main
from gates import axe_violations, broken_links, html_errors, load, serve

pytestmark = pytest.mark.slow  # every test here builds a site or drives a browser

PAGES = ["", "agencies/", "systems/", "timeline/", "sources/", "data/", "data-quality/", "methodology/", "about/"]


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("empty")
    assert main(["new", str(folder / "data")]) == 0
    return build_site(folder / "output", folder / "data")


def test_new_writes_every_table_with_its_header_and_nothing_else(tmp_path, capsys):
    assert main(["new", str(tmp_path / "data")]) == 0
    figures = (tmp_path / "data" / "disclosed" / "figures.csv").read_text(encoding="utf-8")
    assert figures.startswith("id,agency,system,measure,measure_words,value,") and figures.count("\n") == 1
    assert "Build its (empty) site with: make html DATA=" in capsys.readouterr().out
    assert main(["new", str(tmp_path / "data")]) == 1  # never over a folder that has files


def test_the_empty_home_page_says_how_to_add_the_first_disclosure(empty_site):
    home = BeautifulSoup((empty_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.find(id="nothing-yet").get_text() == "Nothing published yet"
    steps = [item.get_text(" ", strip=True) for item in home.select(".nothing-yet ol li")]
    assert steps[-1] == "run make validate , then make html ."
    assert home.find(id="headlines") is None


def test_the_empty_site_is_valid_and_links_resolve(empty_site):
    assert html_errors([empty_site / path / "index.html" for path in PAGES]) == []
    assert broken_links(empty_site) == []


@pytest.mark.parametrize("path", PAGES)
def test_the_empty_site_passes_the_browser_gates(empty_site, browser, path):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    with serve(empty_site) as url:
        seen = load(page, url + path)
        violations = axe_violations(page)
    context.close()
    assert (seen, violations) == ({"foreign_requests": [], "console_errors": []}, [])
