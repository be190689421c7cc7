"""The Atom feeds: events, corrections, and one per agency (its figures, events and corrections), newest first.

Every date is a calendar day at midnight UTC taken from the data, never from the clock, so the same
data give byte-identical feeds. Entry ids are the absolute address of the thing on the site.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from html import escape
from pathlib import Path

from feedgenerator import Atom1Feed

from ..i18n import _
from ..periods import Bound
from .catalogue import statement
from .model import Agency, Correction, Event, Figure
from .sources import Source
from .urls import Urls

#: The updated date of a feed with no entries on a site whose data has no date at all.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedSite:
    """What every feed says about the site: its absolute address, name, author, language and the data's date;
    and where its pages are."""

    url: str
    name: str
    author: str
    language: str
    as_of: datetime
    urls: Urls

    def address(self, kind: str, **fields: str) -> str:
        """The absolute address of a page of ``kind``."""
        return f"{self.url}/{self.urls(kind, **fields)}"


class Feed(Atom1Feed):
    """An Atom feed updated when its newest entry was, or, with no entries, as of the data's date."""

    def __init__(self, site: FeedSite, path: str, title: str, link: str, subtitle: str):
        super().__init__(
            title=f"{site.name}: {title}",
            link=link,
            description=subtitle,
            subtitle=subtitle,
            language=site.language,
            author_name=site.author,
            feed_url=f"{site.url}/{path}",
            feed_guid=f"{site.url}/{path}",
        )
        self.as_of = site.as_of

    def latest_post_date(self) -> datetime:
        """The newest entry's date, or the data's date when there is no entry (feedgenerator would use the clock)."""
        return super().latest_post_date() if self.items else self.as_of


def day(text: str | date) -> datetime:
    """Midnight UTC of a date, or of the first day of an ISO date written to a month or a year (``2020-07``)."""
    first = text if isinstance(text, date) else Bound.parse(text).first
    return datetime.combine(first, datetime.min.time(), tzinfo=UTC)


def as_of(data_date: str) -> datetime:
    """The data's date as a feed gives it (see ``Catalogue.data_date``); the epoch when the data has none."""
    return day(data_date) if data_date else EPOCH


def events_feed(events: list[Event], site: FeedSite, path: str) -> str:
    """Return an Atom feed of ``events`` (oldest first, as the views give them), each linking to its agency."""
    feed = Feed(
        site,
        path,
        _("events"),
        site.address("timeline"),
        _("Policies, bans, audits, reviews and reports on police facial recognition."),
    )
    for event in reversed(events):
        add_event(feed, event, site, day(event["first_day"]))
    return feed.writeString("utf-8")


def corrections_feed(corrections: list[Correction], site: FeedSite, path: str) -> str:
    """Return an Atom feed of ``corrections`` (newest first), each linking to its entry on the corrections page."""
    feed = Feed(
        site,
        path,
        _("corrections"),
        site.address("corrections"),
        _("What the site got wrong, what it says now, and how we know."),
    )
    for correction in corrections:
        add_correction(feed, correction, site, day(correction["date"]))
    return feed.writeString("utf-8")


def agency_feed(
    agency: Agency,
    figures: list[Figure],
    events: list[Event],
    corrections: list[Correction],
    site: FeedSite,
    path: str,
) -> str:
    """Return an Atom feed of one agency: its figures (dated by their sources), its events, and the corrections
    that changed the agency, its page, its figures, its events or their sources; newest first."""
    feed = Feed(
        site,
        path,
        agency["name"],
        site.address("agency", id=agency["id"]),
        _("Figures, events and corrections on {agency}'s use of facial recognition.").format(agency=agency["name"]),
    )
    touched = {agency["id"], "/" + agency["url"]}
    touched |= {item[key] for item in figures + events for key in ("id", "source")}
    # Each entry: when, its kind and id (the order of entries on one day), and how to add it
    entries: list[tuple[datetime, str, str, Callable[[datetime], None]]] = [
        (published(figure["cited"], site), "figure", figure["id"], partial(add_figure, feed, figure, site))
        for figure in figures
    ]
    entries += [
        (day(event["first_day"]), "event", event["id"], partial(add_event, feed, event, site)) for event in events
    ]
    entries += [
        (day(correction["date"]), "correction", correction["id"], partial(add_correction, feed, correction, site))
        for correction in corrections
        if touched.intersection(correction["changed"])
    ]
    for when, _kind, _id, add in sorted(entries, key=lambda entry: entry[:3], reverse=True):
        add(when)
    return feed.writeString("utf-8")


def published(source: Source, site: FeedSite) -> datetime:
    """When a figure was published: its source's date, else the day the source was last checked, else the data's."""
    text = source.date or source.accessed
    return day(text) if text else site.as_of


def add_figure(feed: Feed, figure: Figure, site: FeedSite, when: datetime) -> None:
    """Add a figure published ``when``, linking to its row on its agency's page; updated when a correction last
    changed it."""
    address = site.address("figure", agency=figure["agency"], id=figure["id"])
    said = f" “{figure['quote']}”" if figure["quote"] else ""
    words = statement(figure)
    mark = f" ({figure['mark']})" if figure["mark"] else ""
    feed.add_item(
        title=words[:1].upper() + words[1:] + mark,
        link=address,
        unique_id=address,
        # Atom summaries are HTML: escape the text so that readers show it as text
        description=escape(
            _("{agency}, {system}: {figure}. Source: {publisher}, {title}{mark}.{quote}").format(
                agency=figure["agency_name"],
                system=figure["system_name"],
                figure=words,
                publisher=figure["cited"].publisher,
                title=figure["cited"].title,
                mark=mark,
                quote=said,
            )
        ),
        pubdate=when,
        updateddate=max([when, *(day(correction["date"]) for correction in figure["corrections"])]),
    )


def add_event(feed: Feed, event: Event, site: FeedSite, when: datetime) -> None:
    """Add an event that happened ``when``, linking to it on its agency's page."""
    feed.add_item(
        title=f"{event['agency_name']}: {event['title']}",
        link=site.address("event", agency=event["agency"], id=event["id"]),
        unique_id=site.address("timeline_event", id=event["id"]),
        description=escape(
            _("{date}. {title} (source: {publisher})").format(
                date=event["date_words"], title=event["title"], publisher=event["cited"].publisher
            )
        ),
        pubdate=when,
    )


def add_correction(feed: Feed, correction: Correction, site: FeedSite, when: datetime) -> None:
    """Add a correction made ``when``, linking to its entry on the corrections page."""
    address = site.address("correction", id=correction["id"])
    feed.add_item(
        title=_("Correction: {right}").format(right=correction["right"]),
        link=address,
        unique_id=address,
        description=escape(
            _("Was: {wrong} Now: {right} How we know: {why}").format(
                wrong=correction["wrong"], right=correction["right"], why=correction["why"]
            )
        ),
        pubdate=when,
    )


def duties_feed(entries: list[dict], site: FeedSite, path: str, limit: int = 100) -> str:
    """Return an Atom feed of reports that fell due or became overdue (``Duties.feed_entries``, newest first),
    each dated by the data's own dates and linking to its duty; the newest ``limit`` of them."""
    feed = Feed(
        site,
        path,
        _("reporting duties"),
        site.address("duties"),
        _(
            "Reports that laws, ordinances and policies require of police about facial recognition,"
            " as they fall due or become overdue."
        ),
    )
    for entry in entries[:limit]:
        due, duty = entry["due"], entry["duty"]
        address = site.address("duty", id=duty["id"])
        feed.add_item(
            title=entry["title"],
            link=address,
            unique_id=f"{address}/{due.agency}/{due.start.isoformat()}/{entry['kind']}",
            description=escape(
                _("{citation}: {quote} State by the data date: {state}.").format(
                    citation=duty["citation"], quote=duty["quote"], state=entry["state_words"]
                )
            ),
            pubdate=day(entry["when"]),
        )
    return feed.writeString("utf-8")


def write_feed(path: Path, text: str) -> None:
    """Write a feed to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
