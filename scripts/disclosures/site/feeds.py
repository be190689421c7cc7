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


def corrections_feed(corrections: list[dict], site_url: str, site_name: str) -> str:
    """Return an Atom feed of ``corrections`` (newest first), each linking to its entry on the corrections page."""
    feed = Atom1Feed(
        title=f"{site_name}: corrections",
        link=f"{site_url}/corrections/",
        description="What the site got wrong, what it says now, and how we know.",
        language="en",
    )
    for correction in corrections:
        feed.add_item(
            title=correction["right"],
            link=f"{site_url}/corrections/#correction-{correction['id']}",
            unique_id=f"{site_url}/corrections/#correction-{correction['id']}",
            description=escape(
                f"Was: {correction['wrong']} Now: {correction['right']} How we know: {correction['why']}"
            ),
            pubdate=datetime.fromisoformat(correction["date"]).replace(tzinfo=UTC),
        )
    return feed.writeString("utf-8")


def write_feed(path: Path, text: str) -> None:
    """Write a feed to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
