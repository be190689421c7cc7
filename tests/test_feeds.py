"""Atom feeds: valid against RFC 4287's schema, each entry linking to a page and an anchor that exist, dated from
the data and never by the clock; the list of updates; and feed links only in the published build."""

from __future__ import annotations

import csv
import html
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import DATA, build_site, write_tiny_data
from disclosures.site.feeds import FeedSite, as_of, corrections_feed
from disclosures.site.urls import Urls
from gates import ATOM, atom_errors, broken_feed_links

LAPD_FEED = "feeds/agencies/lapd.atom.xml"


def entries(feed: Path) -> dict[str, dict[str, str]]:
    """A feed's entries by id (the site's address left out), each with its title, link and dates, in feed order."""
    document = etree.parse(feed)
    site = document.find("atom:link[@rel='alternate']", ATOM).get("href").split("/")[:3]
    base = "/".join(site)
    return {
        entry.findtext("atom:id", namespaces=ATOM).removeprefix(base): {
            "title": entry.findtext("atom:title", namespaces=ATOM),
            "link": entry.find("atom:link", ATOM).get("href").removeprefix(base),
            "published": entry.findtext("atom:published", namespaces=ATOM),
            "updated": entry.findtext("atom:updated", namespaces=ATOM),
        }
        for entry in document.iterfind("atom:entry", ATOM)
    }


def updated(feed: Path) -> str:
    return etree.parse(feed).findtext("atom:updated", namespaces=ATOM)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def feed_links(page: BeautifulSoup) -> tuple[list[str], list[tuple[str, str]]]:
    """A page's feeds: the addresses its head announces, and its visible links (text, address)."""
    announced = [link["href"] for link in page.head.find_all("link", type="application/atom+xml")]
    visible = [(link.get_text(), link["href"]) for link in page.body.find_all("a", type="application/atom+xml")]
    return announced, visible


# The published build


def test_the_published_build_writes_the_site_feeds_and_one_per_agency(published):
    site, _ = published
    with (DATA / "reference" / "agencies.csv").open(encoding="utf-8") as table:
        agencies = [row["id"] for row in csv.DictReader(table)]
    feeds = ["feeds/corrections.atom.xml", "feeds/duties.atom.xml", "feeds/events.atom.xml", "feeds/updates.atom.xml"]
    feeds += [f"feeds/agencies/{agency}.atom.xml" for agency in agencies]
    # and each in Spanish, under es/
    assert sorted(str(path.relative_to(site)) for path in site.rglob("*.atom.xml")) == sorted(
        feeds + [f"es/{feed}" for feed in feeds]
    )


def test_every_feed_is_valid_atom(published):
    site, _ = published
    errors = {
        str(path.relative_to(site)): atom_errors(path.read_text(encoding="utf-8")) for path in site.rglob("*.atom.xml")
    }
    with (DATA / "reference" / "agencies.csv").open(encoding="utf-8") as table:
        assert len(errors) == 2 * (4 + len(list(csv.DictReader(table))))  # in English and in Spanish
    assert {path: found for path, found in errors.items() if found} == {}


def test_every_link_of_every_feed_leads_to_a_page_and_anchor_of_the_site(published):
    site, url = published
    assert broken_feed_links(site, url.rstrip("/")) == []


def rows(name: str) -> list[dict]:
    folder = "disclosed" if name == "figures" else "reference"
    with (DATA / folder / f"{name}.csv").open(encoding="utf-8") as table:
        return list(csv.DictReader(table))


def test_lapd_feed_gives_each_figure_in_its_sources_words_dated_by_its_source(published):
    site, _ = published
    lapd = entries(site / LAPD_FEED)
    # A day-precision source (22 September 2020), updated when a correction last changed the figure
    figure = lapd["/agencies/lapd/#figure-lapd-lacris-searches-2009-2020"]
    assert {key: figure[key] for key in ("title", "link", "published")} == {
        "title": "29,817 uses, from 6 November 2009 to 11 September 2020",
        "link": "/agencies/lapd/#figure-lapd-lacris-searches-2009-2020",
        "published": "2020-09-22T00:00:00+00:00",
    }
    corrected = [c["date"] for c in rows("corrections") if "lapd-lacris-searches-2009-2020" in c["changed"].split(";")]
    assert figure["updated"] == max(corrected) + "T00:00:00+00:00"
    # A month-precision source (September 2020) is dated by its first day; the qualifier stays the source's
    assert lapd["/agencies/lapd/#figure-lapd-lacris-searches-2020-feb-sep"]["published"] == "2020-09-01T00:00:00+00:00"
    assert lapd["/agencies/lapd/#figure-lapd-clearview-searches-2020"]["title"] == (
        "Nearly 475 searches, up to 2020 (start not stated)"
    )
    # Events link to their row on the agency's page; one dated by a year falls on its first day
    assert (
        lapd["/timeline/#event-lapd-2019-spokesman-denial"]["link"]
        == "/agencies/lapd/#event-lapd-2019-spokesman-denial"
    )
    assert lapd["/timeline/#event-lapd-2019-spokesman-denial"]["published"] == "2019-01-01T00:00:00+00:00"
    # Every figure and event of LAPD, and the corrections that changed LAPD, its figures, events or their
    # sources, and no other
    figures = [row for row in rows("figures") if row["agency"] == "lapd"]
    events = [row for row in rows("events") if row["agency"] == "lapd"]
    touched = {"lapd", "/agencies/lapd/"} | {row[key] for row in figures + events for key in ("id", "source")}
    corrections = {c["id"] for c in rows("corrections") if touched & set(c["changed"].split(";"))}
    assert sorted(key for key in lapd if key.startswith("/corrections/")) == sorted(
        f"/corrections/#correction-{name}" for name in corrections
    )
    assert len(lapd) == len(figures) + len(events) + len(corrections)
    published_dates = [entry["published"] for entry in lapd.values()]
    assert published_dates == sorted(published_dates, reverse=True)  # newest first
    # The feed's own date is its newest entry's, not the build's
    assert updated(site / LAPD_FEED) == max(entry["updated"] or entry["published"] for entry in lapd.values())


def test_the_home_and_agency_pages_link_their_feeds_in_the_published_build(published):
    site, url = published
    feeds = url + "feeds/"
    home = [
        feeds + "updates.atom.xml",
        feeds + "corrections.atom.xml",
        feeds + "duties.atom.xml",
        feeds + "events.atom.xml",
    ]
    assert feed_links(soup(site / "index.html")) == (
        home,
        [("Follow events", feeds + "events.atom.xml"), ("Follow updates", feeds + "updates.atom.xml")],
    )
    assert feed_links(soup(site / "agencies" / "lapd" / "index.html")) == (
        [*home, feeds + "agencies/lapd.atom.xml"],
        [("Follow this agency's new figures, events and corrections", feeds + "agencies/lapd.atom.xml")],
    )


@pytest.mark.parametrize("page", ["index.html", "agencies/lapd/index.html", "updates/index.html"])
def test_the_local_build_links_no_feed(site, page):
    assert not list(site.glob("**/*.atom.xml"))
    assert feed_links(soup(site / page)) == ([], [])


def test_the_updates_page_lists_the_launch_update_and_the_home_page_links_it(site):
    updates = soup(site / "updates" / "index.html")
    [launch] = updates.find_all("article")
    assert launch.h2.a["href"] == "../updates/launch/" and launch.h2.get_text() == "Site launched"
    assert launch.time["datetime"] == "2026-11-26T00:00:00+00:00" and launch.time.get_text() == "26 November 2026"
    assert launch.p.find_next_sibling("p").get_text().startswith("The first build brings together published figures")
    assert soup(site / "index.html").find("a", string="All updates")["href"] == "./updates/"


# The Atom gate, seen to fail

VALID = """<feed xmlns="http://www.w3.org/2005/Atom"><title>Face Search Watch: events</title>
<id>https://example.org/feeds/events.atom.xml</id><updated>2020-11-13T00:00:00+00:00</updated>
<author><name>Face Search Watch contributors</name></author>
<entry><title>LAPD bars third-party services</title><link href="https://example.org/agencies/lapd/#event-lapd-ban"/>
<id>https://example.org/timeline/#event-lapd-ban</id><updated>2020-11-13T00:00:00+00:00</updated></entry></feed>"""


@pytest.mark.parametrize(
    ("broken", "old", "new", "error"),
    [
        (
            "no feed id",
            "<id>https://example.org/feeds/events.atom.xml</id>",
            "",
            "Expecting an element id, got nothing",
        ),
        (
            "a date with no time",
            "<updated>2020-11-13T00:00:00+00:00</updated>\n",
            "<updated>2020-11-13</updated>\n",
            "Type dateTime doesn't allow value '2020-11-13'",
        ),
        (
            "no author",
            "<author><name>Face Search Watch contributors</name></author>",
            "",
            "An atom:feed must have an atom:author unless all of its atom:entry children have an atom:author.",
        ),
        (
            "an entry with neither link nor content",
            '<link href="https://example.org/agencies/lapd/#event-lapd-ban"/>',
            "",
            "An atom:entry must have at least one atom:link element with a rel attribute of 'alternate' "
            "or an atom:content.",
        ),
    ],
)
def test_the_atom_gate_finds_a_broken_feed(broken, old, new, error):
    assert atom_errors(VALID) == []
    assert old in VALID
    assert any(error in found for found in atom_errors(VALID.replace(old, new))), broken


def test_the_feed_link_gate_finds_a_missing_page_a_missing_anchor_and_another_host(tmp_path):
    (tmp_path / "agencies" / "lapd").mkdir(parents=True)
    (tmp_path / "agencies" / "lapd" / "index.html").write_text('<tr id="figure-lapd-all">', encoding="utf-8")
    (tmp_path / "feeds").mkdir()
    links = [
        "https://example.org/agencies/lapd/#figure-lapd-all",
        "https://example.org/agencies/lapd/#figure-lapd-2020",
        "https://example.org/agencies/nypd/",
        "https://elsewhere.example/agencies/lapd/",
    ]
    (tmp_path / "feeds" / "lapd.atom.xml").write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom">' + "".join(f'<link href="{link}"/>' for link in links) + "</feed>",
        encoding="utf-8",
    )
    assert broken_feed_links(tmp_path, "https://example.org") == [
        "feeds/lapd.atom.xml -> https://example.org/agencies/lapd/#figure-lapd-2020 (no such id)",
        "feeds/lapd.atom.xml -> https://example.org/agencies/nypd/",
        "feeds/lapd.atom.xml -> https://elsewhere.example/agencies/lapd/",
    ]


# Dates from the data, and updates as the sanitiser leaves them, on a small published site

UPDATES = {
    "2025-12-01-first.md": "Title: First update\nDate: 2025-12-01\nSlug: first\n\nThe first.\n",
    "2026-01-02-second.md": (
        "Title: Second update\nDate: 2026-01-02\nSlug: second\n"
        'Summary: A summary with <script>alert(1)</script> and <a href="javascript:alert(2)">a link</a>.\n\n'
        "The second.\n\n"
        '<img src="https://tracker.example/pixel.gif" alt="pixel"> <img src="//tracker.example/p.gif" alt="p">'
        ' <img src="/theme/favicon.svg" alt="the site\'s own">\n'
    ),
}


@pytest.fixture(scope="module")
def tiny_published(tmp_path_factory) -> Path:
    """The tiny data (two LAPD figures, one event, no correction) and two updates, built with publishconf.py."""
    folder = tmp_path_factory.mktemp("tiny-published")
    data = write_tiny_data(folder / "data")
    (folder / "content" / "updates").mkdir(parents=True)
    for name, text in UPDATES.items():
        (folder / "content" / "updates" / name).write_text(text, encoding="utf-8")
    return build_site(
        folder / "output",
        data,
        settings_file="publishconf.py",
        PATH=str(folder / "content"),
        SITEURL="https://example.org",
        FEED_DOMAIN="https://example.org",
    )


def test_a_feed_with_no_entries_is_dated_by_the_data_and_still_valid(tiny_published):
    corrections = tiny_published / "feeds" / "corrections.atom.xml"
    assert entries(corrections) == {}
    # The tiny data's newest date: the day its one source was last checked
    assert updated(corrections) == "2026-11-27T00:00:00+00:00"
    for feed in tiny_published.rglob("*.atom.xml"):
        assert atom_errors(feed.read_text(encoding="utf-8")) == [], feed


@pytest.mark.parametrize(
    ("data_date", "expected"), [("2020-09", "2020-09-01T00:00:00+00:00"), ("", "1970-01-01T00:00:00+00:00")]
)
def test_an_empty_feed_is_dated_by_the_datas_date_or_else_the_epoch(data_date, expected):
    site = FeedSite(
        "https://example.org", "Face Search Watch", "Face Search Watch contributors", "en", as_of(data_date), Urls({})
    )
    feed = corrections_feed([], site, "feeds/corrections.atom.xml")
    assert f"<updated>{expected}</updated>" in feed and atom_errors(feed) == []


def test_the_updates_page_lists_updates_newest_first_with_their_summaries_sanitised(tiny_published):
    updates = soup(tiny_published / "updates" / "index.html")
    assert [article.h2.get_text() for article in updates.find_all("article")] == ["Second update", "First update"]
    assert (
        updates.find("article").find_all("p")[1].decode()
        == '<p>A summary with  and <a rel="noopener noreferrer">a link</a>.</p>'
    )
    for path in ("updates/index.html", "feeds/updates.atom.xml"):
        text = (tiny_published / path).read_text(encoding="utf-8")
        assert "alert(" not in text and "javascript:" not in text, path
        assert "tracker.example" not in text, path  # no reader's feed app fetches an image from another host
    assert 'src="/theme/favicon.svg"' in html.unescape(
        (tiny_published / "feeds" / "updates.atom.xml").read_text(encoding="utf-8")
    )
