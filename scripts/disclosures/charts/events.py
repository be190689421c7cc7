"""Policy events as charts mark them: a dashed rule at the date, labelled by what happened."""

from __future__ import annotations

import pandas as pd


def rows(events: pd.DataFrame) -> pd.DataFrame:
    """Every event with its agency, its date, a short label (its kind) and its words for screen readers."""
    if events.empty:
        return pd.DataFrame(columns=["agency_id", "date", "when", "label", "title", "describe", "source"])
    kind = events["kind"].str.replace("_", " ").str.capitalize()
    return pd.DataFrame(
        {
            "agency_id": events["agency"],
            "date": events["first_day"].map(str),
            "when": events["date"],
            "label": kind,
            "title": events["title"],
            "describe": kind + ", " + events["date_words"] + ": " + events["title"],
            "source": events["source"],
        }
    )


def within(events: list[dict], first: str, last: str) -> list[dict]:
    """The events dated from ``first`` to ``last`` (ISO dates)."""
    return [event for event in events if first <= event["date"] <= last]
