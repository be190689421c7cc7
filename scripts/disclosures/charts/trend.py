"""The trend chart: an agency's use of one system, period by period, as its sources counted it.

Each step is a bar across its own period, as tall as its total; a partial period is narrower
(it is shorter) and lighter, and its label says so. Bars are coloured by the source's measure
word, so that a change of measure shows in the legend as well as in the notes.
"""

from __future__ import annotations

import json
from functools import cache

import altair as alt

from ..trends import Trend
from .events import marked
from .frame import Drawing, with_data
from .totals import CALENDAR

#: Room above the tallest bar for its label, as a share of its height.
HEADROOM = 1.25


def draw(trend: Trend, agency_name: str, events: list[dict]) -> Drawing:
    """Draw one trend with the events inside its span."""
    rows = [
        {
            "figure_id": step.figure["id"],
            "label": f"{step.figure['value_words']} {step.measure}",
            "period": step.period + (" (partial year)" if step.partial else ""),
            "measure": step.measure,
            "value": step.figure["value"],
            "qualifier": step.figure["qualifier_label"],
            "from": step.figure["first_day"].isoformat(),
            "to": step.figure["last_day"].isoformat(),
            "completeness": "partial year" if step.partial else "whole period",
            "anchor": "end" if step is trend.steps[-1] else "middle",
            "change": step.change,
            "source": step.figure["source_publisher"],
            "describe": f"{step.words}{' (a partial year)' if step.partial else ''}; {step.change or 'the first step'};"
            f" source: {step.figure['source_publisher']}",
        }
        for step in trend.steps
    ]
    first, last = rows[0]["from"], rows[-1]["to"]
    marked = [
        {**event, "lane": index % 2} for index, event in enumerate(e for e in events if first <= e["date"] <= last)
    ]
    partial = any(row["completeness"] == "partial year" for row in rows)
    measures = tuple(dict.fromkeys(row["measure"] for row in rows))
    template = _template(measures, partial, bool(marked))
    spec = with_data(template, steps=rows, events=marked) if marked else with_data(template, steps=rows)
    notes = [
        *trend.notes,
        "Each bar is a total as disclosed, across its own period; a shorter period's bar is narrower.",
    ]
    description = f"Bar chart of {agency_name}'s use, period by period: {trend.sentence} " + " ".join(
        f"{row['period']}: {row['change']}." for row in rows if row["change"]
    )
    if marked:
        description += " Events marked: " + "; ".join(event["describe"] for event in marked) + "."
    return Drawing(spec, trend.sentence, description, tuple(notes))


@cache
def _template(measures: tuple[str, ...], partial: bool, with_events: bool) -> str:
    """The chart for its measure words, with or without a partial period and events."""
    steps = alt.Chart(alt.NamedData("steps"))
    x = alt.X("from:T", title=None, scale=CALENDAR, axis=alt.Axis(grid=False, tickCount=6))
    y = alt.Y(
        "value:Q",
        title=f"Total as disclosed ({', '.join(measures)})",
        scale=alt.Scale(domainMax=alt.ExprRef(f"max(1, extent(pluck(data('steps'), 'value'))[1]) * {HEADROOM}")),
    )
    tooltip = [
        alt.Tooltip("label:N", title="Figure"),
        alt.Tooltip("period:N", title="Period"),
        alt.Tooltip("change:N", title="Change"),
        alt.Tooltip("source:N", title="Source"),
    ]
    opacity = (
        alt.FillOpacity(
            "completeness:N",
            title=None,
            scale=alt.Scale(domain=["whole period", "partial year"], range=[1, 0.45]),
        )
        if partial
        else alt.value(1)
    )
    bars = steps.mark_bar(stroke=None).encode(
        x=x,
        x2="to:T",
        y=y,
        y2=alt.datum(0),
        color=alt.Color("measure:N", title=None, scale=alt.Scale(domain=list(measures))),
        fillOpacity=opacity,
        tooltip=tooltip,
        description="describe:N",
    )
    # Two lines above each bar (Vega sets the first line on the baseline, the second below it):
    # centred on the bar, but the last one ends where its bar ends, so that it stays inside the chart
    labels = [
        steps.transform_filter(f"datum.anchor == '{anchor}'")
        .transform_calculate(at=at, text="[datum.label, datum.period]")
        .mark_text(align=align, baseline="bottom", dy=-19, style="label", lineHeight=15, aria=False)
        .encode(x=alt.X("at:T", scale=CALENDAR), y="value:Q", text="text:N")
        for anchor, at, align in (
            ("middle", "(toDate(datum['from']) + toDate(datum['to'])) / 2", "center"),
            ("end", "toDate(datum['to'])", "right"),
        )
    ]
    layers = [bars, *labels]
    if with_events:
        layers += marked(CALENDAR)
    return json.dumps(alt.layer(*layers).properties(height=240).to_dict())
