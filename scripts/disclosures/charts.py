"""Altair chart builders: a frame in, an ``alt.Chart`` out, no I/O.

Every chart plots a figure's average per month over its own period, so that figures of
different lengths can be compared without adding overlapping periods together.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

WIDTH = 640
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
    alt.Tooltip("per_month:Q", title="Per month", format=",.1f"),
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


def chart_rows(figures: pd.DataFrame, system_names: dict[str, str]) -> pd.DataFrame:
    """Return the figures that can be charted, as the rows a chart and its table show.

    A figure about part of an agency's use (a ``scope``, such as one location) is not drawn
    beside figures about all of it; it stays in the tables.
    """
    chartable = figures[figures["per_month"].notna() & (figures["scope"] == "")]
    return pd.DataFrame(
        {
            "figure_id": chartable["id"],
            "figure": chartable["value_words"]
            + " "
            + chartable["measure_words"].where(chartable["measure_words"] != "", chartable["measure_label"]),
            "system": chartable["system"].map(system_names),
            "period": chartable["period_words"],
            "start": chartable["first_day"].fillna(chartable["last_day"]).map(str),
            "end": chartable["last_day"].map(str),
            "per_month": chartable["per_month"].round(1),
            "basis": chartable["per_month_basis"],
            "qualifier": chartable["qualifier_label"],
            "source": chartable["source_publisher"],
            "note": chartable["note"],
        }
    ).reset_index(drop=True)


def use_over_time(rows: pd.DataFrame, events: pd.DataFrame, measure_label: str) -> alt.LayerChart:
    """Return each figure drawn across its own period at its average per month, with events."""
    base = alt.Chart(rows)
    x = alt.X("start:T", title=None)
    y = alt.Y("per_month:Q", title=f"{measure_label.capitalize()} per month (average over each figure's period)")
    spans = base.mark_rule(strokeWidth=4, opacity=0.8).encode(
        x=x, x2="end:T", y=y, color=alt.Color("system:N", title="System"), tooltip=TOOLTIP
    )
    ends = base.mark_point().encode(
        x="end:T",
        y="per_month:Q",
        color="system:N",
        tooltip=TOOLTIP,
        shape=alt.Shape("qualifier:N", title="Qualifier", scale=_shape_scale(rows)),
    )
    layers = [alt.layer(spans, ends)]
    if not events.empty:
        marks = alt.Chart(_event_rows(events))
        layers += [
            marks.mark_rule(strokeDash=[4, 3], color="#555555").encode(
                x="date:T",
                tooltip=[alt.Tooltip("label:N", title="Event"), alt.Tooltip("title:N", title="What happened")],
            ),
            marks.mark_text(align="left", dx=3, baseline="top", fontSize=11, color="#333333").encode(
                x="date:T", y=alt.Y("lane:O", axis=None), text="label:N"
            ),
        ]
    return alt.layer(*layers).resolve_scale(y="independent").properties(width=WIDTH, height=280)


def comparison(rows: pd.DataFrame) -> alt.Chart:
    """Return a dot plot of every comparable figure's average per month, largest first."""
    return (
        alt.Chart(rows)
        .mark_point()
        .encode(
            x=alt.X("per_month:Q", title="Per month (log scale)", scale=alt.Scale(type="log")),
            y=alt.Y("label:N", title=None, sort="-x", axis=alt.Axis(labelLimit=360)),
            color=alt.Color("basis:N", title="Per month is"),
            shape=alt.Shape("qualifier:N", title="Qualifier", scale=_shape_scale(rows)),
            tooltip=[alt.Tooltip("agency:N", title="Agency"), *TOOLTIP],
        )
        .properties(width=WIDTH - 360)
    )


def _shape_scale(rows: pd.DataFrame) -> alt.Scale:
    present = [q for q in QUALIFIER_SHAPES if q in set(rows["qualifier"])]
    return alt.Scale(domain=present, range=[QUALIFIER_SHAPES[q] for q in present])


def _event_rows(events: pd.DataFrame) -> pd.DataFrame:
    """Events with a short label and a lane, so that labels of nearby events do not collide."""
    return pd.DataFrame(
        {
            "date": events["first_day"].map(str),
            "label": events["kind"].str.replace("_", " ").str.capitalize() + " " + events["date"],
            "title": events["title"],
            "lane": [index % 3 for index in range(len(events))],
        }
    )


def monthly_counts(rows: pd.DataFrame, measure_label: str) -> alt.Chart:
    """Return a bar per month counted from records; months with records lacking a value are marked."""
    return (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            x=alt.X("month:T", title=None, timeUnit="yearmonth"),
            y=alt.Y("value:Q", title=f"{measure_label.capitalize()} per month"),
            color=alt.Color(
                "completeness:N",
                title="Count",
                scale=alt.Scale(
                    domain=["every record gives it", "some records give none (at least)"], range=["#0072b2", "#e69f00"]
                ),
            ),
            tooltip=[
                alt.Tooltip("month:T", title="Month", timeUnit="yearmonth", format="%B %Y"),
                alt.Tooltip("value:Q", title=measure_label.capitalize(), format=","),
                alt.Tooltip("records:Q", title="Records"),
                alt.Tooltip("missing:Q", title="Records without a value"),
            ],
        )
        .properties(width=WIDTH, height=200)
    )
