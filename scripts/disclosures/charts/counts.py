"""The counts chart: a bar per month, counted from an agency's own records."""

from __future__ import annotations

import json
from functools import cache

import altair as alt

from ..periods import MONTHS
from .events import marked
from .frame import Drawing, with_data
from .theme import LIGHT
from .totals import CALENDAR, LANES

#: What each bar's colour says: the count is complete, or only a lower bound.
COMPLETENESS = {"exact": "complete count", "at_least": "at least this many"}
#: Room above the tallest bar, as a share of its height.
HEADROOM = 1.15
FIELDS = ["month", "system", "value", "month_total", "records", "missing", "covered", "completeness"]


def draw(counts: list[dict], events: list[dict], measure: str, agency_name: str) -> Drawing:
    """Draw one measure's counts per month, with the events of the months drawn."""
    totals: dict[str, int] = {}
    for row in counts:
        totals[row["month"]] = totals.get(row["month"], 0) + row["value"]
    rows = [
        {key: row[key] for key in FIELDS if key in row}
        | {
            "month_total": totals[row["month"]],
            "completeness": COMPLETENESS[row["qualifier"]],
            "describe": f"{_month(row['month'])}: {row['value']:,} {measure} ({COMPLETENESS[row['qualifier']]}),"
            f" {row['records']:,} records",
        }
        for row in counts
    ]
    kinds = tuple(label for label in COMPLETENESS.values() if any(row["completeness"] == label for row in rows))
    marked = [{**event, "lane": index % LANES} for index, event in enumerate(events)]
    template = _template(measure, kinds, bool(marked))
    spec = with_data(template, counts=rows, events=marked) if marked else with_data(template, counts=rows)
    notes = ["Months a disclosure lists in full with no record show zero; months no disclosure lists are left out."]
    if "at least this many" in kinds:
        notes.insert(
            0, "At least this many: some records that month give no value, or the month is only partly listed."
        )
    return Drawing(spec, subtitle(rows, measure), describe(rows, measure, agency_name, marked), tuple(notes))


def subtitle(rows: list[dict], measure: str) -> str:
    """The chart's finding in numbers: the total over the months drawn, and the busiest month."""
    months = sorted({row["month"] for row in rows})
    by_month: dict[str, int] = {}
    for row in rows:
        by_month[row["month"]] = by_month.get(row["month"], 0) + row["value"]
    busiest = max(months, key=lambda month: (by_month[month], month))
    return (
        f"{sum(by_month.values()):,} {measure} in {len(months)} months from {_month(months[0])} to "
        f"{_month(months[-1])}; the most in {_month(busiest)}: {by_month[busiest]:,}."
    )


def describe(rows: list[dict], measure: str, agency_name: str, events: list[dict]) -> str:
    """The chart in words: span, total, busiest month, and what a zero means."""
    text = (
        f"Bar chart of {measure} per month, counted from {agency_name}'s own records over "
        f"{sum(row['records'] for row in rows):,} records: {subtitle(rows, measure)}"
        " Months that a disclosure lists in full with no record show zero; months no disclosure lists are left out."
    )
    if events:
        text += " Events marked: " + "; ".join(event["describe"] for event in events) + "."
    return text


def _month(month: str) -> str:
    """``2023-05`` as ``May 2023``."""
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


@cache
def _template(measure: str, kinds: tuple[str, ...], with_events: bool) -> str:
    """The chart for one measure and the kinds of count present, as JSON with named data."""
    colours = {"complete count": 0, "at least this many": 4}
    x = alt.X("month:T", title=None, timeUnit="utcyearmonth", scale=CALENDAR)
    bars = (
        alt.Chart(alt.NamedData("counts"))
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y(
                "sum(value):Q",
                title=f"{measure.capitalize()} per month",
                # Headroom above the tallest month, whatever the data
                scale=alt.Scale(
                    domainMax=alt.ExprRef(f"max(1, extent(pluck(data('counts'), 'month_total'))[1]) * {HEADROOM}")
                ),
            ),
            color=alt.Color(
                "completeness:N",
                title=None,
                scale=alt.Scale(domain=list(kinds), range=[LIGHT.category[colours[kind]] for kind in kinds]),
            ),
            tooltip=[
                alt.Tooltip("month:T", title="Month", timeUnit="utcyearmonth", format="%B %Y"),
                alt.Tooltip("value:Q", title=measure.capitalize(), format=","),
                alt.Tooltip("completeness:N", title="Count"),
                alt.Tooltip("records:Q", title="Records"),
                alt.Tooltip("missing:Q", title="Records without a value"),
            ],
            description="describe:N",
        )
    )
    layers = [bars]
    if with_events:
        layers += marked(CALENDAR)
    return json.dumps(alt.layer(*layers).properties(height=220).to_dict())
