"""The comparison chart: agencies side by side on one measure, each figure as an average per month.

An average over a figure's own period is the only way to set figures of different lengths
side by side; it is labelled as an average everywhere it appears, drawn with the range its
words and period allow, and never used where a period is open.
"""

from __future__ import annotations

import json
from functools import cache

import altair as alt

from .frame import Drawing, with_data
from .labels import ROW, above, row_offset

FIELDS = ["figure_id", "agency", "label", "figure", "per_month", "low", "high", "average", "basis", "source", "row"]


def draw(rows: list[dict], left_out: int) -> Drawing:
    """Draw the figures' averages per month, highest first, with how many were left out."""
    placed = [{**{key: row[key] for key in FIELDS if key in row}, "row": index} for index, row in enumerate(rows)]
    bases = tuple(sorted({row["basis"] for row in placed}))
    spec = with_data(_template(bases), figures=placed)
    top, bottom = placed[0], placed[-1]
    subtitle = f"Highest: {top['agency']}, {top['average']}. Lowest shown: {bottom['agency']}, {bottom['average']}."
    shown = f"the {len(placed)} highest of {len(placed) + left_out:,}" if left_out else f"{len(placed)}"
    description = (
        f"Dot plot of {shown} disclosed figures for searches or requests, each as an average per month over the "
        f"figure's own period (or the rate its source stated), with a bar across the range its words and period "
        f"allow. {subtitle} Figures with an open period cannot be averaged and are left out."
    )
    notes = [
        "An average per month is not a measurement: it spreads each total evenly over its own period.",
        "Log scale: each step is ten times the last.",
    ]
    if left_out:
        notes.append(f"{left_out:,} lower figures are on their agencies' pages.")
    return Drawing(spec, subtitle, description, tuple(notes))


@cache
def _template(bases: tuple[str, ...]) -> str:
    """The chart for the kinds of average present, as JSON with named data."""
    base = alt.Chart(alt.NamedData("figures"))
    y = alt.Y("row:O", axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0))
    x = alt.X(
        "per_month:Q", title="Per month (log scale)", scale=alt.Scale(type="log"), axis=alt.Axis(grid=True, tickCount=5)
    )
    tooltip = [
        alt.Tooltip("agency:N", title="Agency"),
        alt.Tooltip("figure:N", title="Figure"),
        alt.Tooltip("average:N", title="Per month"),
        alt.Tooltip("basis:N", title="Per month is"),
        alt.Tooltip("source:N", title="Source"),
    ]
    color = alt.Color("basis:N", title=None, scale=alt.Scale(domain=list(bases)))
    chart = alt.layer(
        base.mark_rule(strokeWidth=3, aria=False).encode(
            x=alt.X("low:Q", title="Per month (log scale)", scale=alt.Scale(type="log")),
            x2="high:Q",
            y=y,
            color=color,
            tooltip=tooltip,
        ),
        base.mark_point(size=110).encode(x=x, y=y, color=color, tooltip=tooltip, description="label:N"),
        above(base, "1", "agency", "figure", align="left").encode(
            x=alt.value(0), y=y, yOffset=row_offset(), text="text:N"
        ),
    ).properties(height=alt.Step(ROW))
    return json.dumps(chart.to_dict())
