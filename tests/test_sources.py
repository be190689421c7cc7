"""A source is cited the same way on every page: a link to it, or, where it has no public address, to
its entry on the sources page with the words "(no public address)"; one macro decides, and no
template decides for itself."""

from __future__ import annotations

import re

from jinja2 import Environment, FileSystemLoader
from pelican.settings import read_settings

from conftest import ROOT
from disclosures.site import helpers
from disclosures.site.sources import Source
from disclosures.site.urls import Urls

ROW = {
    "id": "latimes",
    "title": "Despite denials",
    "publisher": "Los Angeles Times",
    "url": "https://www.latimes.com/a",
    "url_missing": "",
    "archived_url": "https://web.archive.org/web/2020/https://www.latimes.com/a",
    "archive_checked": "false",
    "archive_missing": "",
    "accessed": "2026-11-27",
    "date": "2020-09-22",
    "kind": "news_report",
    "strength": "reported",
    "strength_why": "",
    "original": "",
    "request_id": "",
    "obligation": "",
    "note": "",
}
UNADDRESSED = {**ROW, "id": "board", "url": "", "url_missing": "a paper packet", "archived_url": "", "date": ""}


def cite(source: Source, **arguments) -> str:
    """The ``cite`` macro of the theme, rendered as a page of a site at ``https://example.org``."""
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    templates = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), **settings["JINJA_ENVIRONMENT"])
    helpers(templates, settings)
    module = templates.get_template("partials/source.html").make_module({"SITEURL": "https://example.org"})
    return str(module.cite(source, **arguments))


def test_a_row_becomes_a_typed_source_with_its_entry_on_the_site():
    source = Source.from_row(ROW, Urls({"SOURCE_URL": "references/#{id}"}))
    assert (source.page_url, source.archive_checked, source.dated) == (
        "references/#latimes",
        False,
        "Los Angeles Times, 2020-09-22",
    )
    assert Source.from_row({**ROW, "strength": "weak", "strength_why": "a vendor's blog"}, Urls({})).mark == (
        "weak source: a vendor's blog"
    )


def test_a_source_with_an_address_is_linked_and_one_without_links_to_its_entry_and_says_so():
    urls = Urls({})
    assert cite(Source.from_row(ROW, urls)) == (
        '<a href="https://www.latimes.com/a" rel="external noopener noreferrer">Los Angeles Times, 2020-09-22</a>'
    )
    assert cite(Source.from_row(UNADDRESSED, urls), words="Board <minutes>") == (
        '<a href="https://example.org/sources/#source-board">Board &lt;minutes&gt;</a> (no public address)'
    )


def test_a_short_citation_shortens_the_publisher_and_keeps_the_date():
    long = Source.from_row({**ROW, "publisher": "The Los Angeles County Board of Supervisors"}, Urls({}))
    assert re.sub("<[^>]+>", "", cite(long, limit=20)) == "The Los Angeles..., 2020-09-22"


def test_no_template_but_the_source_partial_decides_how_a_source_is_linked():
    deciding = re.compile(r"\{%-? if [\w.]+\.url %\}<a ")
    templates = sorted((ROOT / "theme" / "templates").rglob("*.html"))
    found = [path.relative_to(ROOT).as_posix() for path in templates if deciding.search(path.read_text())]
    # the sources page names each source's own address in its heading, where its entry is
    assert found == ["theme/templates/partials/source.html", "theme/templates/sources.html"]
