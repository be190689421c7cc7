"""Altair chart builders: a frame in, a Vega-Lite spec out, no I/O.

Every chart plots a figure's average per month over its own period, so that figures of
different lengths can be compared without adding overlapping periods together.

Altair builds each kind of chart once per shape (its labels and legends) with named data,
and each chart is that spec with its own rows as ``datasets``: a site of a thousand agencies
builds a handful of Altair charts, not thousands.
"""

from __future__ import annotations

import json
from functools import cache

import altair as alt
import pandas as pd

WIDTH = 640
#: Dates are calendar dates: read and written in UTC, so no build machine's or reader's time zone moves them.
CALENDAR = alt.Scale(type="utc")
QUALIFIER_SHAPES = {
    "exact": "circle",
    "approximate": "diamond",
    "estimate": "square",
    "lower bound": "triangle-up",
    "upper bound": "triangle-down",
    "range": "cross",
}
TOOLTIP = [
    alt.Tooltip("figure:N", title="Figure"),
    alt.Tooltip("period:N", title="Period"),
    alt.Tooltip("average:N", title="Per month"),
    alt.Tooltip("basis:N", title="Per month is"),
    alt.Tooltip("source:N", title="Source"),
    alt.Tooltip("note:N", title="Note"),
]


@alt.theme.register("disclosures", enable=True)
def disclosures_theme() -> alt.theme.ThemeConfig:
    """The site's one chart theme: system fonts, quiet axes, a colour-blind-safe palette."""
    font = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
    return {
        "config": {
            "font": font,
            "background": "transparent",
            "view": {"stroke": None},
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "titleFontWeight": "normal",
                "gridColor": "#d9d9d9",
                "labelColor": "#333333",
                "titleColor": "#333333",
            },
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "orient": "bottom",
                "direction": "vertical",
                "labelLimit": 420,
            },
            "range": {"category": ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"]},
            "point": {"size": 90, "filled": True},
        }
    }


ROW_COLUMNS = [
    "agency_id",
    "measure",
    "measure_label",
    "measure_words",
    "figure_id",
    "figure",
    "system",
    "period",
    "start",
    "end",
    "per_month",
    "low",
    "high",
    "average",
    "basis",
    "qualifier",
    "source",
    "note",
    "describe",
]


def chart_rows(figures: pd.DataFrame, system_names: dict[str, str]) -> pd.DataFrame:
    """Return the figures that can be charted, as the rows a chart and its table show, with the
    agency and measure each belongs to.

    A figure about part of an agency's use (a ``scope``, such as one location) is not drawn
    beside figures about all of it; it stays in the tables.
    """
    chartable = figures[figures["per_month"].notna() & (figures["scope"] == "")]
    if chartable.empty:
        return pd.DataFrame(columns=ROW_COLUMNS)
    return pd.DataFrame(
        {
            "agency_id": chartable["agency"],
            "measure": chartable["measure"],
            "measure_label": chartable["measure_label"],
            "measure_words": chartable["measure_words"].where(
                chartable["measure_words"] != "", chartable["measure_label"]
            ),
            "figure_id": chartable["id"],
            "figure": chartable["value_words"]
            + " "
            + chartable["measure_words"].where(chartable["measure_words"] != "", chartable["measure_label"]),
            "system": chartable["system"].map(system_names),
            "period": chartable["period_words"],
            "start": chartable["first_day"].fillna(chartable["last_day"]).map(str),
            "end": chartable["last_day"].map(str),
            "per_month": chartable["per_month"].round(2),
            "low": chartable["per_month_low"].round(2),
            "high": chartable["per_month_high"].round(2),
            "average": chartable["per_month_words"],
            "basis": chartable["per_month_basis"],
            "qualifier": chartable["qualifier_label"],
            "source": chartable["source_publisher"],
            "note": chartable["note"],
            "describe": chartable["value_words"]
            + " "
            + chartable["measure_words"].where(chartable["measure_words"] != "", chartable["measure_label"])
            + " "
            + chartable["period_words"]
            + ", "
            + chartable["per_month_words"]
            + " ("
            + chartable["per_month_basis"]
            + "), "
            + chartable["system"].map(system_names)
            + "; source: "
            + chartable["source_publisher"]
            + chartable["note"].map(lambda note: f"; note: {note}" if note else ""),
        }
    ).reset_index(drop=True)


def records_by(frame: pd.DataFrame, key: str) -> dict[str, list[dict]]:
    """Return the frame's rows as JSON-ready dicts, grouped by the value of ``key``, in order."""
    grouped: dict[str, list[dict]] = {}
    for row in json.loads(frame.to_json(orient="records")):
        grouped.setdefault(row[key], []).append(row)
    return grouped


def with_data(template: str, **datasets: list[dict]) -> dict:
    """Return the spec ``template`` (JSON) with each list of rows as the named dataset of its keyword."""
    spec = json.loads(template)
    spec["datasets"] = datasets
    return spec


def use_over_time(rows: list[dict], events: list[dict], measure_label: str) -> dict:
    """Return each figure drawn across its own period at its average per month, with events."""
    present = {row["qualifier"] for row in rows}
    qualifiers = tuple(q for q in QUALIFIER_SHAPES if q in present)
    if not events:
        return with_data(_use_over_time(measure_label, qualifiers, False), figures=rows)
    return with_data(_use_over_time(measure_label, qualifiers, True), figures=rows, events=events)


def describe_use_over_time(rows: list[dict], events: list[dict], label: str) -> str:
    """Describe a use-over-time chart in words, figure by figure."""
    figures = "; ".join(f"{row['figure']} {row['period']}, {row['average']} ({row['basis']})" for row in rows)
    text = (
        f"Each disclosed figure is drawn across its own period at its average {label} per month, with a bar from"
        f" the lowest to the highest average its words and period allow. {figures}."
    )
    if events:
        text += " Events marked: " + "; ".join(f"{event['when']}, {event['title']}" for event in events) + "."
    return text


@cache
def _use_over_time(measure_label: str, qualifiers: tuple[str, ...], with_events: bool) -> str:
    base = alt.Chart(alt.NamedData("figures"))
    x = alt.X("start:T", title=None, scale=CALENDAR)
    y = alt.Y("per_month:Q", title=f"{measure_label.capitalize()} per month (average over each figure's period)")
    # Each mark's accessible text is the figure in words, so that no renderer writes its dates
    spans = base.mark_rule(strokeWidth=4, opacity=0.8).encode(
        x=x,
        x2="end:T",
        y=y,
        color=alt.Color("system:N", title="System"),
        tooltip=TOOLTIP,
        description="describe:N",
    )
    ends = base.mark_point().encode(
        x=alt.X("end:T", scale=CALENDAR),
        y="per_month:Q",
        color="system:N",
        tooltip=TOOLTIP,
        description="describe:N",
        shape=alt.Shape("qualifier:N", title="Qualifier", scale=_shape_scale(qualifiers)),
    )
    # A vague period or a range gives a range of averages: drawn as a bar at the period's end
    ranges = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("end:T", scale=CALENDAR),
        y="low:Q",
        y2="high:Q",
        color="system:N",
        tooltip=TOOLTIP,
        description="describe:N",
    )
    layers = [alt.layer(spans, ranges, ends)]
    if with_events:
        marks = alt.Chart(alt.NamedData("events"))
        layers += [
            marks.mark_rule(strokeDash=[4, 3], color="#555555").encode(
                x=alt.X("date:T", scale=CALENDAR),
                tooltip=[alt.Tooltip("label:N", title="Event"), alt.Tooltip("title:N", title="What happened")],
                description="describe:N",
            ),
            marks.mark_text(align="left", dx=3, baseline="top", fontSize=11, color="#333333").encode(
                x=alt.X("date:T", scale=CALENDAR), y=alt.Y("lane:O", axis=None), text="label:N"
            ),
        ]
    chart = alt.layer(*layers).resolve_scale(y="independent").properties(width=WIDTH, height=280)
    return json.dumps(chart.to_dict())


def comparison(rows: list[dict]) -> dict:
    """Return a dot plot of every comparable figure's average per month, largest first."""
    present = {row["qualifier"] for row in rows}
    return with_data(_comparison(tuple(q for q in QUALIFIER_SHAPES if q in present)), figures=rows)


@cache
def _comparison(qualifiers: tuple[str, ...]) -> str:
    chart = (
        alt.Chart(alt.NamedData("figures"))
        .mark_point()
        .encode(
            x=alt.X("per_month:Q", title="Per month (log scale)", scale=alt.Scale(type="log")),
            y=alt.Y("label:N", title=None, sort="-x", axis=alt.Axis(labelLimit=360)),
            color=alt.Color("basis:N", title="Per month is"),
            shape=alt.Shape("qualifier:N", title="Qualifier", scale=_shape_scale(qualifiers)),
            tooltip=[alt.Tooltip("agency:N", title="Agency"), *TOOLTIP],
        )
        .properties(width=WIDTH - 360)
    )
    return json.dumps(chart.to_dict())


def _shape_scale(qualifiers: tuple[str, ...]) -> alt.Scale:
    return alt.Scale(domain=list(qualifiers), range=[QUALIFIER_SHAPES[q] for q in qualifiers])


def event_rows(events: pd.DataFrame) -> pd.DataFrame:
    """Events with a short label and a lane (per agency), so that labels of nearby events do not collide."""
    return pd.DataFrame(
        {
            "agency_id": events["agency"],
            "date": events["first_day"].map(str),
            "when": events["date"],
            "label": events["kind"].str.replace("_", " ").str.capitalize() + " " + events["date"],
            "title": events["title"],
            "describe": events["kind"].str.replace("_", " ").str.capitalize()
            + ", "
            + events["date_words"]
            + ": "
            + events["title"],
            "lane": events.groupby("agency").cumcount() % 3,
        }
    )


def monthly_counts(rows: list[dict], measure_label: str) -> dict:
    """Return a bar per month counted from records; months with records lacking a value are marked."""
    return with_data(_monthly_counts(measure_label), counts=rows)


def describe_monthly_counts(rows: list[dict], label: str, agency_name: str) -> str:
    """Describe a chart of counts per month in words: span, total, busiest month."""
    busiest = max(rows, key=lambda row: row["value"])
    return (
        f"Bar chart of {label} per month, counted from {agency_name}'s own records, "
        f"{rows[0]['month']} to {rows[-1]['month']}: {sum(row['value'] for row in rows):,} in all over "
        f"{sum(row['records'] for row in rows):,} records. The highest month is {busiest['month']} "
        f"with {busiest['value']:,}. Months that a disclosure lists in full with no record show zero;"
        " months no disclosure lists are left out."
    )


@cache
def _monthly_counts(measure_label: str) -> str:
    chart = (
        alt.Chart(alt.NamedData("counts"))
        .mark_bar()
        .encode(
            x=alt.X("month:T", title=None, timeUnit="utcyearmonth", scale=CALENDAR),
            y=alt.Y("value:Q", title=f"{measure_label.capitalize()} per month"),
            color=alt.Color(
                "completeness:N",
                title="Count",
                scale=alt.Scale(
                    domain=["every record gives it", "some records give none (at least)"], range=["#0072b2", "#e69f00"]
                ),
            ),
            tooltip=[
                alt.Tooltip("month:T", title="Month", timeUnit="utcyearmonth", format="%B %Y"),
                alt.Tooltip("value:Q", title=measure_label.capitalize(), format=","),
                alt.Tooltip("records:Q", title="Records"),
                alt.Tooltip("missing:Q", title="Records without a value"),
            ],
        )
        .properties(width=WIDTH, height=200)
    )
    return json.dumps(chart.to_dict())
