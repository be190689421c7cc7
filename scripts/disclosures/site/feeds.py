"""The events feed: policies, bans, audits and reports as Atom entries, newest first."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path

from feedgenerator import Atom1Feed


def events_feed(events: list[dict], site_url: str, site_name: str) -> str:
    """Return an Atom feed of ``events`` (oldest first, as the views give them), each linking to its agency."""
    feed = Atom1Feed(
        title=f"{site_name}: events",
        link=f"{site_url}/timeline/",
        description="Policies, bans, audits, reviews and reports on police facial recognition.",
        language="en",
    )
    for event in reversed(events):
        feed.add_item(
            title=f"{event['agency_name']}: {event['title']}",
            link=f"{site_url}/agencies/{event['agency']}/#event-{event['id']}",
            unique_id=f"{site_url}/timeline/#event-{event['id']}",
            # Atom summaries are HTML: escape the text so that readers show it as text
            description=escape(f"{event['date_words']}. {event['title']} (source: {event['source']})"),
            pubdate=datetime.combine(event["first_day"], datetime.min.time(), tzinfo=UTC),
        )
    return feed.writeString("utf-8")


def write_events_feed(path: Path, events: list[dict], site_url: str, site_name: str) -> None:
    """Write the events feed to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(events_feed(events, site_url, site_name), encoding="utf-8")
