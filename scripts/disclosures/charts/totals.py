"""The totals chart: each disclosed figure drawn as what it is, an amount over its own period.

A total is a bar from the first to the last day of its period, labelled with the number in
its source's words ("29,817 uses, Nov 2009 - Sep 2020"). Where a bound is only a month or a
year, the part of the bar it leaves uncertain is lighter. A figure whose start (or end) is
not stated is a point at the bound that is; a rate is a point at its date. Nothing is
averaged: averages per month are the data table's column and the comparison chart's subject.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from typing import Literal

import altair as alt
import pandas as pd

from ..i18n import N_, _, active, ngettext, said
from ..vocabulary import RATES
from .events import rule
from .frame import Drawing, with_data
from .labels import CHAR_WIDTH, ROW, above, row_offset

CALENDAR = alt.Scale(type="utc", padding=8)
#: Event labels sit in lanes above the bars, this many to a row's height, so that neighbours do not collide; a
#: second row of lanes opens only where the first is full (longer words, as in Spanish, need it more often).
LANES = 3
BANDS = 2
#: The narrowest chart labels are placed for, in pixels (a phone's column).
NARROW = 340
#: What a point says (its legend's words, shown through ``_()``), and its shape.
POINTS = {
    N_("start not stated"): "triangle-left",
    N_("end not stated"): "triangle-right",
    N_("stated as a rate"): "circle",
}


def _tooltip() -> list[alt.Tooltip]:
    """What a figure's tooltip gives, in the active language."""
    return [
        alt.Tooltip("label:N", title=_("Figure")),
        alt.Tooltip("period:N", title=_("Period")),
        alt.Tooltip("average:N", title=_("Average per month")),
        alt.Tooltip("system:N", title=_("System")),
        alt.Tooltip("source:N", title=_("Source")),
        alt.Tooltip("note:N", title=_("Note")),
    ]


#: What a chart's dataset keeps of each figure (the CSV of the chart is exactly these rows).
FIELDS = [
    "figure_id",
    "label",
    "amount",
    "when",
    "system",
    "period",
    "qualifier",
    "average",
    "source",
    "note",
    "range_from",
    "range_to",
    "bar_from",
    "bar_to",
    "point_at",
    "point",
    "row",
    "side",
    "room",
    "mark",
    "describe",
]


def rows(figures: pd.DataFrame, system_names: dict[str, str]) -> pd.DataFrame:
    """Every figure with a stated start or end, as a totals chart draws it, with its agency and measure.

    A figure about part of an agency's use (a ``scope``) is not drawn beside figures about all of it.
    """
    drawable = figures[(figures["scope"] == "") & (figures["first_day"].notna() | figures["last_day"].notna())]
    if drawable.empty:
        return pd.DataFrame(columns=["agency_id", "measure", "measure_label", "measure_words", *FIELDS])
    # What it counts as its source said it (in the active language: ``tables.figure_words``), else in our words
    words = drawable["measure_said"]
    rates = {per: said(words) for per, words in RATES.items()}  # "{count} a month"
    measured = [
        rates[per].format(count=word) if per else word for per, word in zip(drawable["rate_per"], words, strict=True)
    ]
    amount = drawable["value_words"] + " " + pd.Series(measured, index=drawable.index)
    both = drawable["first_day"].notna() & drawable["last_day"].notna()
    spans = both & (drawable["rate_per"] == "")
    # The solid bar runs from the latest possible start to the earliest possible end; one
    # month or year named as both bounds is that whole month or year
    whole = drawable["period_start"] == drawable["period_end"]
    bar_from = drawable["start_last"].where(~whole, drawable["first_day"])
    bar_to = drawable["end_first"].where(~whole, drawable["last_day"])
    point = pd.Series(_("stated as a rate"), index=drawable.index).where(
        drawable["rate_per"] != "",
        pd.Series(_("start not stated"), index=drawable.index).where(drawable["first_day"].isna(), _("end not stated")),
    )
    average = drawable["per_month_words"].where(drawable["per_month_words"] != "", _("not averaged: open period"))
    weak = drawable["source_strength"] == "weak"
    mark = drawable["source_strength_why"].map(lambda why: _("weak source: {why}").format(why=why)).where(weak, "")
    systems = drawable["system"].map(system_names)
    label = [
        _("{figure}, {period} (weak source)").format(figure=said, period=when) if is_weak else f"{said}, {when}"
        for said, when, is_weak in zip(amount, drawable["period_short"], weak, strict=True)
    ]
    describe = [
        _describe_figure(said, period, system, publisher, marked, note)
        for said, period, system, publisher, marked, note in zip(
            amount,
            drawable["period_words"],
            systems,
            drawable["source_publisher"],
            mark,
            drawable["note"],
            strict=True,
        )
    ]
    frame = pd.DataFrame(
        {
            "agency_id": drawable["agency"],
            "measure": drawable["measure"],
            "measure_label": drawable["measure_label"],
            "measure_words": words,
            "figure_id": drawable["id"],
            "label": label,
            "amount": amount,
            "when": drawable["period_short"],
            "system": systems,
            "period": drawable["period_words"],
            "qualifier": drawable["qualifier_label"],
            "average": average,
            "source": drawable["source_publisher"],
            "note": drawable["note"],
            # A point's light bar is the span of its one stated bound
            "range_from": _iso(drawable["first_day"].where(both, drawable["end_first"].fillna(drawable["first_day"]))),
            "range_to": _iso(drawable["last_day"].where(both, drawable["start_last"].fillna(drawable["last_day"]))),
            "bar_from": _iso(bar_from.where(spans)),
            "bar_to": _iso(bar_to.where(spans & (bar_from <= bar_to))),
            "point_at": _iso(
                drawable["last_day"].where(drawable["last_day"].notna(), drawable["first_day"]).where(~spans)
            ),
            "point": point.where(~spans),
            "mark": mark,
            "describe": describe,
        }
    )
    frame["bar_from"] = frame["bar_from"].where(frame["bar_to"].notna())
    # Nothing drawn is None, as in the JSON the chart carries
    return frame.astype(object).where(frame.notna(), None).reset_index(drop=True)


def _describe_figure(said: str, period: str, system: str, publisher: str, mark: str, note: str) -> str:
    """A figure as a screen reader hears it: its amount, period, system and source, any mark and its note."""
    marked = f" ({mark})" if mark else ""
    if note:
        return _("{figure} {period}, {system}; source: {publisher}{mark}; note: {note}").format(
            figure=said, period=period, system=system, publisher=publisher, mark=marked, note=note
        )
    return _("{figure} {period}, {system}; source: {publisher}{mark}").format(
        figure=said, period=period, system=system, publisher=publisher, mark=marked
    )


def _iso(days: pd.Series) -> pd.Series:
    """Days as ISO dates, and no day as None."""
    return days.map(lambda day: day.isoformat() if isinstance(day, date) else None)


def draw(figures: list[dict], events: list[dict], latest: str | None, longest: str | None) -> Drawing:
    """Draw one agency's totals of one measure, with its events, in rows from the earliest start;
    the subtitle names the ``latest`` and ``longest`` figures by id (``claims``: never a weak one)."""
    figures = sorted(figures, key=lambda row: (row["range_from"], row["range_to"], row["figure_id"]))
    dates = [row[key] for row in figures for key in ("range_from", "range_to")] + [event["date"] for event in events]
    first, last = pd.Timestamp(min(dates)), pd.Timestamp(max(dates))
    span = max((last - first).days, 1)

    def fraction(day: str) -> float:
        return (pd.Timestamp(day) - first).days / span

    placed = []
    for index, row in enumerate(figures):
        start, end = fraction(row["bar_from"] or row["range_from"]), fraction(row["bar_to"] or row["range_to"])
        left = 1 - start >= end
        placed.append(
            {
                **{key: row[key] for key in FIELDS if key in row},
                "row": index,
                "side": "left" if left else "right",
                "room": round(1 - start if left else end, 3),
            }
        )
    marked = _lanes(events, fraction)
    shapes = tuple(shape for shape in POINTS if any(row["point"] == _(shape) for row in placed))
    lighter = any(
        (row["bar_from"], row["bar_to"]) != (row["range_from"], row["range_to"]) for row in placed if row["bar_from"]
    )
    bars = any(row["bar_from"] for row in placed)
    template = _template(bars, shapes, bool(marked), active().code)
    spec = with_data(template, figures=placed, events=marked) if marked else with_data(template, figures=placed)
    notes = []
    if lighter:
        notes.append(_("Lighter ends: the source gave that bound only as a month or a year."))
    if shapes:
        notes.append(
            _(
                "Points: a figure whose start or end its source did not state, at the bound it did; or a rate, at"
                " its date."
            )
        )
    notes += [f"{row['amount']}, {row['when']}: {row['mark']}." for row in placed if row["mark"]]
    notes.append(_("Totals over different periods overlap and are never added together."))
    return Drawing(spec, subtitle(placed, latest, longest), describe(placed, marked), tuple(notes))


def _lanes(events: list[dict], fraction) -> list[dict]:
    """Events of one day as one label, each in the first lane where it overlaps no other label.

    A label runs right from its rule, or left where it would pass the chart's edge; its width is
    estimated at a narrow chart's, so that lanes hold on a phone.
    """
    days: dict[str, list[dict]] = {}
    for event in sorted(events, key=lambda event: (event["date"], event["label"])):
        days.setdefault(event["date"], []).append(event)
    taken: list[list[tuple[float, float]]] = [[] for _ in range(LANES * BANDS)]
    placed = []
    for day, same in days.items():
        label = ", ".join([same[0]["label"], *(event["label"].lower() for event in same[1:])])
        at, width = fraction(day), (len(label) * CHAR_WIDTH + 8) / NARROW
        side = "left" if at + width <= 1 else "right"
        span = (at, at + width) if side == "left" else (at - width, at)
        free = [lane for lane in range(LANES * BANDS) if all(span[1] < a or b < span[0] for a, b in taken[lane])]
        lane = free[0] if free else min(range(LANES * BANDS), key=lambda lane: len(taken[lane]))
        taken[lane].append(span)
        placed.append(
            {
                **same[0],
                "label": label,
                "title": "; ".join(event["title"] for event in same),
                "describe": "; ".join(event["describe"] for event in same),
                "lane": lane,
                "side": side,
            }
        )
    return placed


def subtitle(rows: list[dict], latest: str | None, longest: str | None) -> str:
    """The chart's finding in numbers: the longest figure and the latest, as their sources put them
    (never a figure from a weak source)."""
    label = {row["figure_id"]: row["label"] for row in rows}
    count = len(rows)
    if count == 1:
        return f"{rows[0]['label']}." if latest else _("One figure, from a {mark}.").format(mark=rows[0]["mark"])
    if latest is None:
        return _("{count} figures disclosed, each from a weak source (see the notes).").format(count=count)
    if longest is None:
        return _("{count} figures disclosed; the latest: {latest}.").format(count=count, latest=label[latest])
    if latest == longest:
        return _("{count} figures disclosed; the longest and latest: {latest}.").format(
            count=count, latest=label[latest]
        )
    return _("{count} figures disclosed. Longest: {longest}. Latest: {latest}.").format(
        count=count, longest=label[longest], latest=label[latest]
    )


def describe(rows: list[dict], events: list[dict]) -> str:
    """The chart in words, figure by figure, for readers who cannot see it."""
    text = ngettext(
        "Timeline of {count} disclosed figure, each drawn as a bar over its own period (or a point where only one"
        " end of it is known): {figures}.",
        "Timeline of {count} disclosed figures, each drawn as a bar over its own period (or a point where only one"
        " end of it is known): {figures}.",
        len(rows),
    ).format(count=len(rows), figures="; ".join(row["describe"] for row in rows))
    if events:
        text += " " + _("Events marked: {events}.").format(events="; ".join(event["describe"] for event in events))
    return text


@cache
def _template(bars: bool, shapes: tuple[str, ...], with_events: bool, language: str) -> str:
    """The chart for its kinds of mark (bars, the point shapes present, events), as JSON with named data:
    a layer only for what is drawn; its words in ``language``, the active one (each has its own)."""
    tooltip = _tooltip()
    figures = alt.Chart(alt.NamedData("figures"))
    y = alt.Y("row:O", axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0))
    x = alt.X("range_from:T", title=None, scale=CALENDAR, axis=alt.Axis(grid=True, tickCount=6))
    color = alt.Color("system:N", title=None)
    layers = [
        # fillOpacity, not opacity, so that the legend's swatches stay solid
        figures.mark_bar(height=12, fillOpacity=0.35, aria=False).encode(
            x=x, x2="range_to:T", y=y, color=color, tooltip=tooltip
        ),
    ]
    if bars:
        layers.append(
            figures.transform_filter("isValid(datum.bar_from)")
            .mark_bar(height=12)
            .encode(
                x=alt.X("bar_from:T", scale=CALENDAR),
                x2="bar_to:T",
                y=y,
                color=color,
                tooltip=tooltip,
                description="describe:N",
            )
        )
    if shapes:
        layers.append(
            figures.transform_filter("isValid(datum.point_at)")
            .mark_point(size=140, opacity=1)
            .encode(
                x=alt.X("point_at:T", scale=CALENDAR),
                y=y,
                color=color,
                shape=alt.Shape(
                    "point:N",
                    title=None,
                    scale=alt.Scale(domain=[_(s) for s in shapes], range=[POINTS[s] for s in shapes]),
                ),
                tooltip=tooltip,
                description="describe:N",
            )
        )
    # Each label sits above its bar, from the bar's start or to its end, whichever leaves more room
    for side, anchor in (("left", "bar_from"), ("right", "bar_to")):
        at = f"isValid(datum.{anchor}) ? datum.{anchor} : datum.{'range_from' if side == 'left' else 'range_to'}"
        layers.append(
            above(
                figures.transform_filter(f"datum.side == '{side}'").transform_calculate(
                    at=f"isValid(datum.point_at) ? datum.point_at : {at}"
                ),
                "datum.room",
                "[datum.amount, datum.when]",
                align=side,
            ).encode(x=alt.X("at:T", scale=CALENDAR), y=y, yOffset=row_offset(), text="text:N")
        )
    if with_events:
        layers.insert(0, rule(CALENDAR))
        events = alt.Chart(alt.NamedData("events"))
        sides: tuple[tuple[Literal["left", "right"], int], ...] = (("left", 4), ("right", -4))
        for side, dx in sides:
            layers.append(
                events.transform_filter(f"datum.side == '{side}'")
                .transform_calculate(band=f"-1 - floor(datum.lane / {LANES})", slot=f"datum.lane % {LANES}")
                .mark_text(align=side, baseline="middle", dx=dx, style="event", aria=False)
                .encode(
                    x=alt.X("date:T", scale=CALENDAR),
                    y=alt.Y("band:O", axis=None),
                    # Lanes 14 px apart within each band above the first bar
                    yOffset=alt.YOffset("slot:Q", scale=alt.Scale(domain=[0, LANES - 1], range=[8, ROW - 8])),
                    text="label:N",
                )
            )
    chart = alt.layer(*layers).properties(height=alt.Step(ROW))
    return json.dumps(chart.to_dict())
