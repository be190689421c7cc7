"""Reporting duties and their ledger: what each duty (``obligations.csv``) has made due so far, and
for each report due, whether it was received, said to be delivered but not published, or overdue.

A duty binds one agency, or every agency of a region or jurisdiction. Its reports cover consecutive
periods from the day it starts: weeks counted from that day, calendar months, quarters or years (the
first cut to start on that day), or one period for a duty owed once. A weekly, monthly or quarterly
report is due when its period ends, plus the days the source allows; an annual one on the day of the
next year the source sets; one owed once on its date. A report is *received* when a source marked as
a report under the duty states figures (or records) for the agency whose period covers the whole
period between them, *received in part* when they cover only some of it; what it was to count and does not is
listed. Otherwise it is *delivered, not published* where a source says the agency reports to the body
in that year (``statuses.csv``), *overdue* once its due day has passed by the data date (unless the
duty binds only on a condition this data cannot see), and *not yet due* before. A duty whose source
does not say how often makes nothing due. Nothing is dated by the clock: the data date decides.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

import pandas as pd

from .i18n import N_

#: Each state of a report due, in words (pages show them through ``_()``), in the order the ledger lists them.
STATES = {
    "received": N_("received"),
    "received_part": N_("received in part"),
    "delivered": N_("said to be delivered, not published"),
    "overdue": N_("overdue: no report found"),
    "conditional": N_("no report found, and whether one was owed is not known"),
    "not_yet_due": N_("not yet due"),
}
#: The columns of a report frame: one row per figure or month of records a report states.
REPORT_COLUMNS = ["obligation", "agency", "source", "measure", "first_day", "last_day"]


@dataclass(frozen=True)
class Due:
    """One report a duty makes due: whose, for which period, by when, and what became of it."""

    obligation: str
    agency: str
    start: date
    end: date
    due: date
    state: str
    reports: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


def bound(obligation: dict, agencies: pd.DataFrame) -> list[str]:
    """The ids of the agencies a duty binds: its agency, or every agency (not a group of agencies) of
    its country and region or jurisdiction."""
    if obligation["agency"]:
        return [obligation["agency"]]
    place = "region" if obligation["region"] else "jurisdiction"
    found = agencies[
        (agencies["country"] == obligation["country"])
        & (agencies[place] == obligation[place])
        & (agencies["kind"] != "group")
    ]
    return sorted(found["id"])


def periods(obligation: dict, as_of: date) -> list[tuple[date, date, date]]:
    """Each (first day, last day, due day) of the reports a duty has made due that begin by ``as_of``
    and before the duty ended."""
    starts = _day(obligation["starts"])
    ends = _day(obligation["ends"]) if obligation["ends"] else None
    last = min(as_of, ends) if ends else as_of
    frequency = obligation["frequency"]
    if frequency == "unstated":
        return []
    if frequency == "once":
        return [(starts, _day(obligation["due_by"]), _day(obligation["due_by"]))] if starts <= last else []
    found = []
    start = starts
    while start <= last:
        end = _period_end(frequency, start, starts)
        if frequency == "annual":
            month, day = (int(part) for part in obligation["due_by"].split("-"))
            due = date(end.year + 1, month, day)
        else:
            due = end + timedelta(days=int(obligation["grace_days"] or 0))
        found.append((start, end, due))
        start = end + timedelta(days=1)
    return found


def _period_end(frequency: str, start: date, starts: date) -> date:
    """The last day of the period that begins on ``start`` (weeks run from the day the duty starts)."""
    if frequency == "weekly":
        return start + timedelta(days=6 - (start - starts).days % 7)
    if frequency == "annual":
        return date(start.year, 12, 31)
    month = start.month if frequency == "monthly" else ((start.month - 1) // 3 + 1) * 3
    return date(start.year, month, calendar.monthrange(start.year, month)[1])


def _day(text) -> date:
    return text if isinstance(text, date) else date.fromisoformat(str(text))


def ledger(
    obligations: pd.DataFrame, agencies: pd.DataFrame, reports: pd.DataFrame, delivered: pd.DataFrame, as_of: date
) -> list[Due]:
    """Every report each duty has made due for each agency it binds, by ``as_of``, and its state.

    ``reports`` has :data:`REPORT_COLUMNS`; ``delivered`` holds the ``statuses.csv`` rows of agencies
    said to report to a body (agency, system, year_from, year_to, source). Each agency's few rows are
    taken out once, so that a duty of many years' weeks costs little per week."""
    dated = reports.dropna(subset=["first_day", "last_day"])
    stated: dict[tuple, list[tuple]] = {}
    for row in dated.itertuples(index=False):
        stated.setdefault((row.obligation, row.agency), []).append((row.first_day, row.last_day, row.source))
    counted: dict[tuple, set] = {}
    for row in reports.itertuples(index=False):
        counted.setdefault((row.obligation, row.agency, row.source), set()).add(row.measure)
    found = []
    for obligation in obligations.to_dict("records"):
        required = [measure.strip() for measure in obligation["measures"].split(";") if measure.strip()]
        conditional = bool(obligation["condition"])
        for agency in bound(obligation, agencies):
            own = sorted(stated.get((obligation["id"], agency), []))
            measures = {source: counted[obligation["id"], agency, source] for _, _, source in own}
            years = [
                (int(row["year_from"]), int(row["year_to"]), row["source"])
                for row in delivered[delivered["agency"] == agency].to_dict("records")
                if not row["system"] or not obligation["system"] or row["system"] == obligation["system"]
            ]
            for start, end, due in periods(obligation, as_of):
                found.append(
                    _state(
                        obligation["id"], agency, (start, end, due), own, measures, years, required, as_of, conditional
                    )
                )
    return found


def _state(obligation, agency, period, own, measures, years, required, as_of, conditional) -> Due:
    """What became of one report due: ``own`` are the (first day, last day, source) its agency's reports
    state, ``measures`` what each counts, ``years`` the (first, last, source) a body is said to get them."""
    start, end, due = period
    part = [(first, last, source) for first, last, source in own if first <= end and last >= start]
    sources = list(dict.fromkeys(source for _, _, source in part))
    spans = {source: [(first, last) for first, last, each in part if each == source] for source in sources}
    whole = [source for source in sources if _covers(spans[source], start, end)]
    for state, chosen in (("received", whole), ("received_part", sources)):
        if chosen:
            counted = set().union(*(measures[source] for source in chosen))
            missing = tuple(measure for measure in required if measure not in counted)
            return Due(obligation, agency, start, end, due, state, tuple(chosen), missing)
    if due >= as_of:
        return Due(obligation, agency, start, end, due, "not_yet_due")
    said = tuple(dict.fromkeys(source for first, last, source in years if first <= end.year <= last))
    if said:
        return Due(obligation, agency, start, end, due, "delivered", said)
    return Due(obligation, agency, start, end, due, "conditional" if conditional else "overdue")


def _covers(spans: list[tuple[date, date]], start: date, end: date) -> bool:
    """True when the periods one report states (its figures, its records' months) cover every day from
    ``start`` to ``end`` between them."""
    reached = start - timedelta(days=1)
    for first, last in sorted(spans):
        if first > reached + timedelta(days=1):
            break
        reached = max(reached, last)
    return reached >= end


def runs(dues: list[Due]) -> list[dict]:
    """Consecutive reports due of one state (and the same reports and gaps) together, in order: a
    weekly duty's six years read as a few lines."""
    found = []
    for _, same in groupby(dues, key=lambda due: (due.obligation, due.agency, due.state, due.reports, due.missing)):
        run = list(same)
        found.append({"first": run[0], "last": run[-1], "count": len(run), "state": run[0].state})
    return found
