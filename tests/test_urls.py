"""Every page's address comes from one place, the ``*_URL`` settings: change one and the pages move,
every link follows, and no template or view writes a path of its own."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, build_site, write_tiny_data
from disclosures.site.urls import DEFAULTS, Urls
from gates import broken_links

MOVED = {
    "AGENCIES_URL": "departments/",
    "AGENCY_URL": "departments/{id}/",
    "BRIEF_URL": "departments/{id}/one-page/",
    "FIGURE_URL": "departments/{agency}/#figure-{id}",
    "EVENT_URL": "departments/{agency}/#event-{id}",
    "SOURCES_URL": "references/",
    "SOURCE_URL": "references/#source-{id}",
    "CHART_URL": "graphics/{id}/",
    "CHART_COLOURS_URL": "graphics/colours.css",
    "EMBED_URL": "frames/{id}/",
    "DOWNLOAD_URL": "data/{name}",
}


def test_an_address_is_its_settings_pattern_filled_in():
    urls = Urls({"AGENCY_URL": "departments/{id}/"})
    assert urls("agency", id="lapd") == "departments/lapd/"
    assert urls("figure", agency="lapd", id="lapd-all") == "agencies/lapd/#figure-lapd-all"
    assert urls.folder("embed") == "embed/"


@pytest.mark.slow
def test_pages_live_where_the_settings_say_and_every_link_follows_them(tmp_path):
    site = build_site(tmp_path / "output", write_tiny_data(tmp_path / "data"), **MOVED)
    for path in ("departments/index.html", "departments/lapd/index.html", "departments/lapd/one-page/index.html"):
        assert (site / path).is_file(), path
    assert (site / "departments" / "lapd" / "one-page" / "lapd-brief.pdf").is_file()
    for path in ("references/index.html", "frames/lapd-searches/index.html", "graphics/lapd-searches/index.html"):
        assert (site / path).is_file(), path
    assert not [folder for folder in ("agencies", "sources", "charts", "embed") if (site / folder).exists()]
    assert broken_links(site) == []
    page = (site / "departments" / "lapd" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../references/#source-latimes"' in page
    assert not [folder for folder in ("/agencies/", "/sources/", "/charts/", "/embed/") if folder in page]
    assert "\n/frames/*\n  Content-Security-Policy:" in (site / "_headers").read_text(encoding="utf-8")


def test_no_template_or_view_writes_a_page_address_of_its_own():
    pattern = re.compile("|".join(re.escape(url.split("{")[0]) for url in DEFAULTS.values() if "/" in url))
    places = [*(ROOT / "theme" / "templates").rglob("*.html"), *(ROOT / "scripts/disclosures/site").glob("*.py")]
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in places
        if path.name != "urls.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(rf"[\"'/]({pattern.pattern})", line)
    ]
    assert found == []
