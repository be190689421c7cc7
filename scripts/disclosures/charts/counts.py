"""The counts chart: a bar per month, counted from an agency's own records."""

from __future__ import annotations

import json
from functools import cache

import altair as alt

from ..i18n import N_, _, active, number, said
from ..periods import Bound
from .events import marked
from .frame import Drawing, with_data
from .theme import LIGHT
from .totals import CALENDAR, LANES

#: What each bar's colour says (shown through ``_()``): the count is complete, or only a lower bound.
COMPLETENESS = {"exact": N_("complete count"), "at_least": N_("at least this many")}
#: Each kind of count's colour, of the palette's categories.
COLOURS = {"exact": 0, "at_least": 4}
#: Room above the tallest bar, as a share of its height.
HEADROOM = 1.15
FIELDS = ["month", "system", "value", "month_total", "records", "missing", "covered", "completeness"]


def draw(counts: list[dict], events: list[dict], measure: str, agency_name: str) -> Drawing:
    """Draw one measure's counts per month, with the events of the months drawn."""
    totals: dict[str, int] = {}
    for row in counts:
        totals[row["month"]] = totals.get(row["month"], 0) + row["value"]
    said = {qualifier: _(words) for qualifier, words in COMPLETENESS.items()}
    rows = [
        {key: row[key] for key in FIELDS if key in row}
        | {
            "month_total": totals[row["month"]],
            "completeness": said[row["qualifier"]],
            "describe": _("{month}: {value} {measure} ({completeness}), {records} records").format(
                month=_month(row["month"]),
                value=number(row["value"]),
                measure=measure,
                completeness=said[row["qualifier"]],
                records=number(row["records"]),
            ),
        }
        for row in counts
    ]
    kinds = tuple(kind for kind in COMPLETENESS if any(row["qualifier"] == kind for row in counts))
    marked = [{**event, "lane": index % LANES} for index, event in enumerate(events)]
    template = _template(measure, kinds, bool(marked), active().code)
    spec = with_data(template, counts=rows, events=marked) if marked else with_data(template, counts=rows)
    notes = [_("Months a disclosure lists in full with no record show zero; months no disclosure lists are left out.")]
    if "at_least" in kinds:
        notes.insert(
            0, _("At least this many: some records that month give no value, or the month is only partly listed.")
        )
    return Drawing(spec, subtitle(rows, measure), describe(rows, measure, agency_name, marked), tuple(notes))


def subtitle(rows: list[dict], measure: str) -> str:
    """The chart's finding in numbers: the total over the months drawn, and the busiest month."""
    months = sorted({row["month"] for row in rows})
    by_month: dict[str, int] = {}
    for row in rows:
        by_month[row["month"]] = by_month.get(row["month"], 0) + row["value"]
    busiest = max(months, key=lambda month: (by_month[month], month))
    return _("{total} {measure} in {count} months from {start} to {end}; the most in {busiest}: {most}.").format(
        total=number(sum(by_month.values())),
        measure=measure,
        count=len(months),
        start=_month(months[0]),
        end=_month(months[-1]),
        busiest=_month(busiest),
        most=number(by_month[busiest]),
    )


def describe(rows: list[dict], measure: str, agency_name: str, events: list[dict]) -> str:
    """The chart in words: span, total, busiest month, and what a zero means."""
    text = _(
        "Bar chart of {measure} per month, counted from {agency}'s own records over {records} records: {subtitle}"
        " Months that a disclosure lists in full with no record show zero; months no disclosure lists are left out."
    ).format(
        measure=measure,
        agency=agency_name,
        records=number(sum(row["records"] for row in rows)),
        subtitle=subtitle(rows, measure),
    )
    if events:
        text += " " + _("Events marked: {events}.").format(events="; ".join(event["describe"] for event in events))
    return text


def _month(month: str) -> str:
    """``2023-05`` as ``May 2023`` (``may 2023`` in Spanish)."""
    return Bound.parse(month).short()


@cache
def _template(measure: str, kinds: tuple[str, ...], with_events: bool, language: str) -> str:
    """The chart for one measure and the kinds of count present (``exact``, ``at_least``), as JSON with named
    data; its words in ``language``, the active one (each has its own)."""
    x = alt.X("month:T", title=None, timeUnit="utcyearmonth", scale=CALENDAR)
    bars = (
        alt.Chart(alt.NamedData("counts"))
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y(
                "sum(value):Q",
                title=_("{measure} per month").format(measure=measure.capitalize()),
                # Headroom above the tallest month, whatever the data
                scale=alt.Scale(
                    domainMax=alt.ExprRef(f"max(1, extent(pluck(data('counts'), 'month_total'))[1]) * {HEADROOM}")
                ),
            ),
            color=alt.Color(
                "completeness:N",
                title=None,
                scale=alt.Scale(
                    domain=[said(COMPLETENESS[kind]) for kind in kinds],
                    range=[LIGHT.category[COLOURS[kind]] for kind in kinds],
                ),
            ),
            tooltip=[
                # A month as the language writes one (d3's time format: %B the month's name, %Y the year)
                alt.Tooltip("month:T", title=_("Month"), timeUnit="utcyearmonth", format=_("%B %Y")),
                alt.Tooltip("value:Q", title=measure.capitalize(), format=","),
                alt.Tooltip("completeness:N", title=_("Count")),
                alt.Tooltip("records:Q", title=_("Records")),
                alt.Tooltip("missing:Q", title=_("Records without a value")),
            ],
            description="describe:N",
        )
    )
    layers = [bars]
    if with_events:
        layers += marked(CALENDAR)
    return json.dumps(alt.layer(*layers).properties(height=220).to_dict())
