"""The comparison chart: agencies side by side on one measure, each figure as an average per month.

An average over a figure's own period is the only way to set figures of different lengths
side by side; it is labelled as our average everywhere it appears, drawn with the range its
words and period allow, and never used where a period is open. Agencies' names are never cut
short: where a label does not fit on one line, it wraps onto as many as it needs.
"""

from __future__ import annotations

import json
import textwrap
from functools import cache
from typing import Any

import altair as alt

from ..i18n import _, active, number
from .frame import Drawing, with_data
from .labels import LINE, ROW, above, row_offset

FIELDS = [
    *["figure_id", "agency", "label", "lines", "figure", "per_month", "low", "high", "average", "basis"],
    *["per_residents", "source", "row"],
]
#: Characters per line of a wrapped label: what fits the narrowest chart (a 375 px screen).
LABEL_WRAP = 44


def label_lines(agency: str, figure: str) -> list[str]:
    """A row's label as short lines: the agency's full name, then the figure, each wrapped (never cut)."""
    wrap: dict[str, Any] = {"width": LABEL_WRAP, "break_long_words": False, "break_on_hyphens": False}
    return textwrap.wrap(agency, **wrap) + textwrap.wrap(figure, **wrap)


def draw(rows: list[dict], left_out: int, unit: str) -> Drawing:
    """Draw the figures' averages per month, highest first, with how many lower ones were left out;
    every figure counts ``unit`` (its sources' word)."""
    placed = [
        {
            **{key: row[key] for key in FIELDS if key in row},
            "lines": label_lines(row["agency"], row["figure"]),
            "row": i,
        }
        for i, row in enumerate(rows)
    ]
    bases = tuple(sorted({row["basis"] for row in placed}))
    # Every row is as tall as the longest wrapped label needs
    step = ROW + LINE * max(0, max(len(row["lines"]) for row in placed) - 2)
    spec = with_data(_template(bases, step, active().code), figures=placed)
    top, bottom = placed[0], placed[-1]
    subtitle = _("Highest: {top}, {top_average}. Lowest shown: {bottom}, {bottom_average}.").format(
        top=top["agency"], top_average=top["average"], bottom=bottom["agency"], bottom_average=bottom["average"]
    )
    said = (
        _(
            "Dot plot of the {count} highest of {total} disclosed figures of {unit} by single agencies, each as our"
            " average per month over the figure's own period (or the rate its source stated), with a bar across the"
            " range its words and period allow. {subtitle} Groups of agencies, and figures with an open period, which"
            " cannot be averaged, are left out."
        )
        if left_out
        else _(
            "Dot plot of {count} disclosed figures of {unit} by single agencies, each as our average per month over"
            " the figure's own period (or the rate its source stated), with a bar across the range its words and"
            " period allow. {subtitle} Groups of agencies, and figures with an open period, which cannot be"
            " averaged, are left out."
        )
    )
    description = said.format(count=len(placed), total=number(len(placed) + left_out), unit=unit, subtitle=subtitle)
    notes = [
        _("Our average per month is not a measurement: it spreads each total evenly over its own period."),
        _("Single agencies only: a group's count overlaps with the agencies in it."),
        _(
            "Only figures their sources count as {unit}: figures of other units and from weak sources are listed"
            " on the page, apart."
        ).format(unit=unit),
        _("Log scale: each step is ten times the last."),
    ]
    if left_out:
        notes.append(_("{count} lower figures are on their agencies' pages.").format(count=number(left_out)))
    return Drawing(spec, subtitle, description, tuple(notes))


@cache
def _template(bases: tuple[str, ...], step: int, language: str) -> str:
    """The chart for the kinds of average present, rows ``step`` pixels tall, as JSON with named data; its words
    in ``language``, the active one (each has its own)."""
    base = alt.Chart(alt.NamedData("figures"))
    y = alt.Y("row:O", axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0))
    x = alt.X(
        "per_month:Q",
        title=_("Average per month (log scale)"),
        scale=alt.Scale(type="log"),
        axis=alt.Axis(grid=True, tickCount=5),
    )
    tooltip = [
        alt.Tooltip("agency:N", title=_("Agency")),
        alt.Tooltip("figure:N", title=_("Figure")),
        alt.Tooltip("average:N", title=_("Per month")),
        alt.Tooltip("basis:N", title=_("Per month is")),
        alt.Tooltip("per_residents:N", title=_("Per 100,000 residents")),
        alt.Tooltip("source:N", title=_("Source")),
    ]
    # One kind of average a line (a row of them would be cut short on a phone), clear of the first
    # row's label however many lines it wraps to (it rises half a row above the plot)
    legend = alt.Legend(direction="vertical", offset=step // 2)
    color = alt.Color("basis:N", title=None, scale=alt.Scale(domain=list(bases)), legend=legend)
    chart = alt.layer(
        base.mark_rule(strokeWidth=3, aria=False).encode(
            x=alt.X("low:Q", title=_("Average per month (log scale)"), scale=alt.Scale(type="log")),
            x2="high:Q",
            y=y,
            color=color,
            tooltip=tooltip,
        ),
        base.mark_point(size=110).encode(x=x, y=y, color=color, tooltip=tooltip, description="label:N"),
        above(base, "1", "datum.lines", row=step, align="left").encode(
            x=alt.value(0), y=y, yOffset=row_offset(), text="text:N"
        ),
    ).properties(height=alt.Step(step))
    return json.dumps(chart.to_dict())
