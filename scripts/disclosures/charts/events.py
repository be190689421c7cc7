"""Policy events as charts mark them: a dashed rule at the date, labelled by what happened."""

from __future__ import annotations

import altair as alt
import pandas as pd


def rule(calendar: alt.Scale) -> alt.Chart:
    """The dashed rule at each event's date on the ``calendar`` scale, with its tooltip and description."""
    return (
        alt.Chart(alt.NamedData("events"))
        .mark_rule(strokeDash=[4, 3], style="event")
        .encode(
            x=alt.X("date:T", scale=calendar),
            tooltip=[alt.Tooltip("label:N", title="Event"), alt.Tooltip("title:N", title="What happened")],
            description="describe:N",
        )
    )


def marked(calendar: alt.Scale) -> list[alt.Chart]:
    """The rules and their labels, in lanes 15 px apart from the top of the chart."""
    labels = (
        alt.Chart(alt.NamedData("events"))
        .transform_calculate(top="2 + 15 * datum.lane")
        .mark_text(align="left", baseline="top", dx=4, style="event", aria=False)
        .encode(x=alt.X("date:T", scale=calendar), y=alt.Y("top:Q", scale=None), text="label:N")
    )
    return [rule(calendar), labels]


def rows(events: pd.DataFrame) -> pd.DataFrame:
    """Every event with its agency and system (blank: all its systems), its date, a short label (its
    kind) and its words for screen readers."""
    if events.empty:
        return pd.DataFrame(columns=["agency_id", "system_id", "date", "when", "label", "title", "describe", "source"])
    kind = events["kind"].str.replace("_", " ").str.capitalize()
    return pd.DataFrame(
        {
            "agency_id": events["agency"],
            "system_id": events["system"],
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
