"""The trend chart: an agency's use of one system, period by period, drawn by rate.

Periods differ in length, so a bar's height is the step's average per month and its width its
period: its area is the total, and a long period never towers over a short one for being long.
Each bar is labelled with its total in the source's words. Where the period's bounds (or the
figure) leave the average a range, the bar is solid to the bottom of the range and lighter to
its top. Bars are coloured by the source's measure word, so that a change of measure shows in
the legend as well as in the notes. The agency's events for this system are marked.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Literal

import altair as alt

from ..claims import round_down, round_up
from ..i18n import _, active
from ..periods import Period
from ..trends import Step, Trend
from .events import marked
from .frame import Drawing, with_data
from .totals import CALENDAR

#: Room above the tallest bar for its label, as a share of its height.
HEADROOM = 1.3


def draw(trend: Trend, agency_name: str, events: list[dict]) -> Drawing:
    """Draw one trend with the events of its system (or of all the agency's systems) inside its span."""
    rows = [
        {
            "figure_id": step.figure["id"],
            "label": f"{step.figure['value_words']} {step.measure}",
            # A period in words ("from February 2020 to 11 September 2020") is too long for a bar's label
            "period": _label_period(step),
            "measure": step.measure,
            "value": step.figure["value"],
            "qualifier": step.figure["qualifier_label"],
            "low": round_down(step.figure["per_month_low"]),
            "high": round_up(step.figure["per_month_high"]),
            "average": step.figure["per_month_words"],
            "from": step.first.isoformat(),
            "to": step.last.isoformat(),
            "completeness": _("partial year") if step.partial else _("whole period"),
            "anchor": "end" if step is trend.steps[-1] else "middle",
            "change": step.change,
            "source": step.figure["source_publisher"],
            "describe": (
                _("{step} (a partial year), {average} on average; {change}; source: {publisher}")
                if step.partial
                else _("{step}, {average} on average; {change}; source: {publisher}")
            ).format(
                step=step.words,
                average=step.figure["per_month_words"],
                change=step.change or _("the first step"),
                publisher=step.figure["source_publisher"],
            ),
        }
        for step in trend.steps
    ]
    first, last = rows[0]["from"], rows[-1]["to"]
    shown = [event for event in events if first <= event["date"] <= last and event["system_id"] in ("", trend.system)]
    marked_events = [{**event, "lane": index % 2} for index, event in enumerate(shown)]
    partial = any(step.partial for step in trend.steps)
    ranges = any(row["low"] != row["high"] for row in rows)
    measures = tuple(dict.fromkeys(row["measure"] for row in rows))
    template = _template(measures, partial, ranges, bool(marked_events), active().code)
    spec = with_data(template, steps=rows, events=marked_events) if marked_events else with_data(template, steps=rows)
    notes = [
        *trend.notes,
        _(
            "Each bar spans its own period and is as tall as its average per month (our arithmetic, not disclosed),"
            " so that its area is the total its label gives."
        ),
    ]
    if ranges:
        notes.append(_("Lighter tops: where a bound is only a month or a year, the average is a range."))
    description = (
        _("Bar chart of {agency}'s use, period by period, by average per month: {trend}").format(
            agency=agency_name, trend=trend.sentence
        )
        + " "
        + " ".join(
            _("{period}: {average} on average; {change}.").format(
                period=row["period"], average=row["average"], change=row["change"]
            )
            if row["change"]
            else _("{period}: {average} on average.").format(period=row["period"], average=row["average"])
            for row in rows
        )
    )
    if marked_events:
        description += " " + _("Events marked: {events}.").format(
            events="; ".join(event["describe"] for event in marked_events)
        )
    return Drawing(spec, trend.sentence, description, tuple(notes))


def _label_period(step: Step) -> str:
    """A step's period as its bar's label gives it: a figure's own period from one bound to another in short
    (``Feb 2020 \u2013 Sep 2020``), too long in words; and whether it is a partial year."""
    period = Period.parse(step.figure["period_start"], step.figure["period_end"])
    spans = (
        step.spelled and period.start is not None and period.end is not None and period.start.text != period.end.text
    )
    said = step.figure["period_short"] if spans else step.period
    return _("{period} (partial year)").format(period=said) if step.partial else said


@cache
def _template(measures: tuple[str, ...], partial: bool, ranges: bool, with_events: bool, language: str) -> str:
    """The chart for its measure words, with or without a partial period, ranges of averages and events; its
    words in ``language``, the active one (each has its own)."""
    steps = alt.Chart(alt.NamedData("steps"))
    x = alt.X("from:T", title=None, scale=CALENDAR, axis=alt.Axis(grid=False, tickCount=6))
    y = alt.Y(
        "low:Q",
        title=_("Average per month (ours)"),
        scale=alt.Scale(domainMax=alt.ExprRef(f"max(1, extent(pluck(data('steps'), 'high'))[1]) * {HEADROOM}")),
    )
    tooltip = [
        alt.Tooltip("label:N", title=_("Figure")),
        alt.Tooltip("period:N", title=_("Period")),
        alt.Tooltip("average:N", title=_("Average per month (ours)")),
        alt.Tooltip("change:N", title=_("Change")),
        alt.Tooltip("source:N", title=_("Source")),
    ]
    opacity = (
        alt.FillOpacity(
            "completeness:N",
            title=None,
            scale=alt.Scale(domain=[_("whole period"), _("partial year")], range=[1, 0.45]),
        )
        if partial
        else alt.value(1)
    )
    color = alt.Color("measure:N", title=None, scale=alt.Scale(domain=list(measures)))
    bars = steps.mark_bar(stroke=None).encode(
        x=x,
        x2="to:T",
        y=y,
        y2=alt.datum(0),
        color=color,
        fillOpacity=opacity,
        tooltip=tooltip,
        description="describe:N",
    )
    layers = [bars]
    if ranges:
        layers.append(
            steps.transform_filter("datum.high > datum.low")
            .mark_bar(stroke=None, fillOpacity=0.3, aria=False)
            .encode(x=x, x2="to:T", y="low:Q", y2="high:Q", color=color, tooltip=tooltip)
        )
    # Two lines above each bar (Vega sets the first line on the baseline, the second below it):
    # centred on the bar, but the last one ends where its bar ends, so that it stays inside the chart
    anchors: tuple[tuple[str, str, Literal["center", "right"]], ...] = (
        ("middle", "(toDate(datum['from']) + toDate(datum['to'])) / 2", "center"),
        ("end", "toDate(datum['to'])", "right"),
    )
    layers += [
        steps.transform_filter(f"datum.anchor == '{anchor}'")
        .transform_calculate(at=at, text="[datum.label, datum.period]")
        .mark_text(align=align, baseline="bottom", dy=-19, style="label", lineHeight=15, aria=False)
        .encode(x=alt.X("at:T", scale=CALENDAR), y="high:Q", text="text:N")
        for anchor, at, align in anchors
    ]
    if with_events:
        layers += marked(CALENDAR)
    return json.dumps(alt.layer(*layers).properties(height=240).to_dict())
