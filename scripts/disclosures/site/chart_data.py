"""A chart's CSV as a reporter opens it: one row per value the chart draws, numbers as numbers beside
the words, each figure as disclosed (its period as stated, its source), and none of the marks' layout."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from ..i18n import _
from .model import Figure

#: Each figure a chart draws: what was disclosed, as numbers, then in words, then our average and the source
FIGURE_COLUMNS = {
    "figure_id": lambda figure: figure["id"],
    "agency": lambda figure: figure["agency_name"],
    "system": lambda figure: figure["system_name"],
    "measure": lambda figure: figure["measure"],
    "measured_as": lambda figure: figure["measure_said"],
    "value": lambda figure: figure["value"],
    "value_max": lambda figure: figure["value_max"],
    "qualifier": lambda figure: figure["qualifier"],
    "rate_per": lambda figure: figure["rate_per"],
    "period_start": lambda figure: figure["period_start"],
    "period_end": lambda figure: figure["period_end"],
    "value_words": lambda figure: figure["value_words"],
    "period_words": lambda figure: figure["period_words"],
    "note": lambda figure: figure["note"],
    "average_per_month_low": lambda figure: _hundredths(figure["per_month_low"], math.floor),
    "average_per_month_high": lambda figure: _hundredths(figure["per_month_high"], math.ceil),
    "average_per_month": lambda figure: figure["per_month_words"] or _("not averaged: open period"),
    "source": lambda figure: figure["cited"].publisher,
    "source_url": lambda figure: figure["cited"].url,
}
#: What a chart adds to a figure that a reader may want: a trend's change and whether a step is a partial
#: year, a comparison's rate per residents
ADDED = ("change", "completeness", "per_residents")
#: The other rows a chart draws, as they are drawn, without the marks' layout: months counted from
#: records, and events
KEPT = ("month", "system", "value", "records", "missing", "covered", "month_total", "completeness")
EVENT_COLUMNS = {"date": "date", "title": "title", "agency_id": "agency", "system_id": "system"}


def rows(datasets: Mapping[str, list[dict]], figures: Mapping[str, Figure]) -> list[dict]:
    """The CSV's rows: each drawn row of each layer (``datasets`` of a Vega-Lite spec), as a reader reads it."""
    found = []
    for layer, drawn in datasets.items():
        for row in drawn:
            found.append({"layer": layer, **_row(row, figures)})
    return found


def _row(row: dict, figures: Mapping[str, Figure]) -> dict:
    if row.get("figure_id"):
        figure = figures[row["figure_id"]]
        return {name: value(figure) for name, value in FIGURE_COLUMNS.items()} | {
            name: row[name] for name in ADDED if name in row
        }
    if "title" in row:
        return {name: row[key] for key, name in EVENT_COLUMNS.items() if key in row}
    return {name: row[name] for name in KEPT if name in row}


def _hundredths(value: float, how: Callable[[float], int]) -> float | None:
    """A bound of an average to two places, rounded outward (``how``: down for the low, up for the high) so
    that rounding never narrows the range; None where there is no average (NaN)."""
    return None if math.isnan(value) else how(round(value * 100, 6)) / 100
