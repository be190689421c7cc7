"""Trends: an agency's use of one system, period by period, as finely as its figures allow.

A trend is two or more disclosed totals of use (searches or requests) of one system by one
agency, none from a weak source, whose periods do not overlap; where figures overlap, the shorter period is kept, since
it says more about when use happened. Each step keeps its source's measure word. A step is
*partial* when it covers part of a calendar year and the others are whole years. Steps are
compared only as like with like: the same measure over periods of the same length; anything
else is said, with averages per month marked as ours.
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from babel.dates import format_date

from .claims import leads, span
from .i18n import _, active, number
from .model import FigureRow
from .qualifiers import per_month_words
from .vocabulary import USE

#: A period's first and last days
Days = tuple[date, date]


@dataclass
class Step:
    """One period of a trend: its figure, the first and last days it counts, and how it reads."""

    figure: FigureRow
    first: date
    last: date
    period: str
    partial: bool
    change: str = ""

    @property
    def spelled(self) -> bool:
        """True when the period is the figure's own in words (``from ... to ...``), not a year or months."""
        return self.period == self.figure["period_words"]

    @property
    def when(self) -> str:
        """The period as a sentence puts it: ``in 2015``, ``in January-September 2020``, ``from ... to ...``."""
        return self.period if self.spelled else _("in {period}").format(period=self.period)

    @property
    def measure(self) -> str:
        """The source's own word for what it counted."""
        return self.figure["measure_said"]

    @property
    def words(self) -> str:
        """The step as the sentence says it: ``516 uses in January-September 2020``."""
        return _("{value} {measure} {when}").format(
            value=self.figure["value_words"], measure=self.measure, when=self.when
        )


@dataclass
class Trend:
    """An agency's use of one system over time."""

    agency: str
    system: str
    steps: list[Step]
    notes: list[str] = field(default_factory=list)

    @property
    def sentence(self) -> str:
        """The trend in one sentence, in the sources' own words, partial periods said."""
        parts = [
            _("{step} (a partial year)").format(step=step.words) if step.partial else step.words for step in self.steps
        ]
        listed = (
            _("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1]) if len(parts) > 1 else parts[0]
        )
        return _("{steps}.").format(steps=listed)


def trends(figures: Sequence[FigureRow], left_out: Collection[str] = frozenset()) -> list[Trend]:
    """Every trend in ``figures`` (dicts as the catalogue builds them), by agency then system;
    figures whose ids are in ``left_out`` (contradicted by records) take no part."""
    by_use: dict[tuple[str, str], list[tuple[Days, FigureRow]]] = {}
    for figure in figures:
        if (
            figure["measure"] in USE
            and figure["scope"] == ""
            and figure["rate_per"] == ""
            and (days := span(figure))
            and figure["id"] not in left_out
            and leads(figure)
        ):
            by_use.setdefault((figure["agency"], figure["system"]), []).append((days, figure))
    found = []
    for (agency, system), candidates in sorted(by_use.items()):
        chosen = _finest(candidates)
        if len(chosen) >= 2:
            found.append(_trend(agency, system, chosen))
    return found


def _finest(figures: list[tuple[Days, FigureRow]]) -> list[tuple[Days, FigureRow]]:
    """The figures with the shortest periods that do not overlap each other, oldest first."""
    chosen: list[tuple[Days, FigureRow]] = []
    for (first, last), figure in sorted(
        figures, key=lambda pair: ((pair[0][1] - pair[0][0]).days, pair[0][0], pair[1]["id"])
    ):
        if all(last < other_first or other_last < first for (other_first, other_last), _ in chosen):
            chosen.append(((first, last), figure))
    return sorted(chosen, key=lambda pair: pair[0][0])


def _whole_year(start: date, end: date) -> bool:
    return start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)


def _period(figure: FigureRow, start: date, end: date) -> str:
    """A step's period: ``2015``, ``January-September 2020`` (an en dash), or its period in words."""
    if _whole_year(start, end):
        return str(start.year)
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if start.year == end.year and whole_months:
        months = _month(start)
        if end.month != start.month:
            months += "\u2013" + _month(end)
        return _("{months} {year}").format(months=months, year=start.year)
    return figure["period_words"]


def _month(day: date) -> str:
    """A month's name in the active language, as it stands before a year: ``January``, ``enero``."""
    return format_date(day, "LLLL", locale=active().locale)


def _months(step: Step) -> float:
    return ((step.last - step.first).days + 1) / 30.4375


def _trend(agency: str, system: str, chosen: list[tuple[Days, FigureRow]]) -> Trend:
    years = sum(_whole_year(*days) for days, _ in chosen)
    steps = [
        Step(
            figure,
            first,
            last,
            _period(figure, first, last),
            partial=years > 0 and first.year == last.year and not _whole_year(first, last),
        )
        for (first, last), figure in chosen
    ]
    notes = []
    for before, after in itertools.pairwise(steps):
        after.change = _change(before, after)
    for step in steps:
        if step.partial:
            said = (
                _(
                    "The period {period} is a partial year: {months} months, not 12; it is not compared with whole"
                    " years as it stands."
                )
                if step.spelled
                else _(
                    "{period} is a partial year: {months} months, not 12; it is not compared with whole years as it"
                    " stands."
                )
            )
            notes.append(said.format(period=step.period, months=round(_months(step))))
    for before, after in itertools.pairwise(steps):
        if before.measure != after.measure:
            notes.append(
                _(
                    "The measure changes {when}: the source counts {after} there, and {before} before; the two are not"
                    " the same count."
                ).format(when=after.when, after=after.measure, before=before.measure)
            )
    return Trend(agency, system, steps, notes)


def _change(before: Step, after: Step) -> str:
    """How a step compares with the one before it: directly where like with like, else what differs."""
    a, b = before.figure, after.figure
    same_measure = before.measure == after.measure
    same_length = abs(_months(before) - _months(after)) < 0.5
    if same_measure and same_length and a["qualifier"] == b["qualifier"] == "exact":
        if b["value"] == a["value"]:
            return _("the same as {when}").format(when=before.when)
        said = _("up from {number} {when}") if b["value"] > a["value"] else _("down from {number} {when}")
        change = said.format(number=number(a["value"]), when=before.when)
        if a["value"] and b["value"] > a["value"]:
            change = _("{change}, {times} times as many").format(
                change=change, times=number(b["value"] / a["value"], 1)
            )
        return change
    differences = []
    if not same_measure:
        differences.append(_("{after}, not {before}").format(after=after.measure, before=before.measure))
    if not same_length:
        differences.append(
            _("{after} months against {before}").format(after=round(_months(after)), before=round(_months(before)))
        )
    if same_measure and same_length:
        differences.append(_("the sources qualify the numbers"))
    said = (
        _("not directly comparable with the period {period}: {differences}")
        if before.spelled
        else _("not directly comparable with {period}: {differences}")
    )
    change = said.format(period=before.period, differences="; ".join(differences))
    if same_length:
        return change
    return _("{change}; per month, {after} against {before} (our averages, not disclosed)").format(
        change=change,
        after=per_month_words(b["per_month_low"], b["per_month_high"], b["qualifier"]),
        before=per_month_words(a["per_month_low"], a["per_month_high"], a["qualifier"]),
    )
