"""Policy events as charts mark them: a dashed rule at the date, labelled by what happened."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..i18n import N_, _, said

#: Each kind of event as a chart labels it (shown through ``_()``).
KINDS = {
    "policy": N_("Policy"),
    "ban": N_("Ban"),
    "audit": N_("Audit"),
    "contract": N_("Contract"),
    "report": N_("Report"),
    "statement": N_("Statement"),
    "review": N_("Review"),
    "records_response": N_("Records response"),
}


def rule(calendar: alt.Scale) -> alt.Chart:
    """The dashed rule at each event's date on the ``calendar`` scale, with its tooltip and description."""
    return (
        alt.Chart(alt.NamedData("events"))
        .mark_rule(strokeDash=[4, 3], style="event")
        .encode(
            x=alt.X("date:T", scale=calendar),
            tooltip=[alt.Tooltip("label:N", title=_("Event")), alt.Tooltip("title:N", title=_("What happened"))],
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
    kind = events["kind"].map(lambda kind: said(KINDS[kind]) if kind in KINDS else kind.replace("_", " ").capitalize())
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
