"""What agencies owe and what they delivered (the ledger of ``obligations``), and the records requests
made of them, as the agency pages, the briefs, the duties page and its feed show them."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cached_property

import pandas as pd
from babel.dates import get_month_names

from .. import obligations, status
from ..i18n import N_, _, active, ngettext, place_name, said
from ..obligations import Due
from ..periods import Bound
from ..vocabulary import MEASURE_WORDS, REQUEST_STATES
from .catalogue import Catalogue
from .pages import Page, page

FREQUENCIES = {
    "weekly": N_("every week"),
    "monthly": N_("every month"),
    "quarterly": N_("every quarter"),
    "annual": N_("every year"),
    "once": N_("once"),
    "unstated": N_("how often is not stated"),
}


class Duties:
    """Each reporting duty with its ledger, and each records request with its dates, by agency."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue

    @cached_property
    def as_of(self) -> date | None:
        return self.catalogue.as_of.last if self.catalogue.as_of else None

    @cached_property
    def dues(self) -> list[Due]:
        """Every report due by the data date (``obligations.ledger``)."""
        data = self.catalogue.data
        if self.as_of is None or data.obligations.empty:
            return []
        delivered = data.statuses[data.statuses["status"] == "reported_to_body"]
        return obligations.ledger(data.obligations, data.agencies, self.reports, delivered, self.as_of)

    @cached_property
    def reports(self) -> pd.DataFrame:
        """What each source marked as a report under a duty states: its figures' periods, and the period each
        record-level disclosure lists in full with the measures its records count."""
        catalogue = self.catalogue
        under = {source.id: source.obligation for source in catalogue.sources.values() if source.obligation}
        rows = [
            (
                under[figure["source"]],
                figure["agency"],
                figure["source"],
                figure["measure"],
                figure["first_day"],
                figure["last_day"],
            )
            for figure in catalogue.figures
            if figure["source"] in under
        ]
        # A record-level disclosure reports the period it lists in full, for each measure its records count
        series = catalogue.series
        for disclosure in catalogue.disclosures:
            source = disclosure["cited"].id
            if source not in under or disclosure["covers"] is None:
                continue
            first, last = Bound.parse(disclosure["covers"].start), Bound.parse(disclosure["covers"].end)
            counted = series[
                (series["agency"] == disclosure["agency"]) & series["source"].str.contains(source, regex=False)
            ]
            rows += [
                (under[source], disclosure["agency"], source, measure, first.first, last.last)
                for measure in sorted(set(counted["measure"]))
            ]
        return pd.DataFrame(rows, columns=obligations.REPORT_COLUMNS)

    @cached_property
    def duties(self) -> list[dict]:
        """Every duty as pages show it, with the agencies it binds and, for each, its ledger in runs."""
        catalogue = self.catalogue
        found = []
        grouped: dict[tuple[str, str], list[Due]] = {}
        for due in self.dues:
            grouped.setdefault((due.obligation, due.agency), []).append(due)
        for duty in catalogue.data.obligations.to_dict("records"):
            agencies = obligations.bound(duty, catalogue.data.agencies)
            found.append(
                {
                    **duty,
                    "cited": catalogue.sources[duty["source"]],
                    "measures_words": [
                        said(MEASURE_WORDS[measure.strip()])
                        for measure in duty["measures"].split(";")
                        if measure.strip()
                    ],
                    "fields_words": [field.strip() for field in duty["fields"].split(";") if field.strip()],
                    "when": when(duty),
                    "starts_words": Bound.parse(str(duty["starts"])).words(),
                    "ends_words": Bound.parse(str(duty["ends"])).words() if duty["ends"] else "",
                    "applies": ""
                    if duty["agency"]
                    else place_name(duty["country"], duty["region"] or duty["jurisdiction"]),
                    "ledgers": [self.ledger(agency, grouped.get((duty["id"], agency), [])) for agency in agencies],
                }
            )
        return found

    def ledger(self, agency: str, dues: list[Due]) -> dict:
        """One agency's ledger under one duty: counts of each state, and its runs in words."""
        counts = {state: sum(due.state == state for due in dues) for state in obligations.STATES}
        return {
            "agency": agency,
            "agency_name": self.catalogue.agency_names[agency],
            "agency_url": self.catalogue.urls("agency", id=agency),
            "due": len(dues),
            "counts": [(said(obligations.STATES[state]), count) for state, count in counts.items() if count],
            "runs": [self.run(run) for run in obligations.runs(dues)],
        }

    def run(self, run: dict) -> dict:
        """Consecutive reports due of one state, in words: their periods, due days and what became of them."""
        first, last, state = run["first"], run["last"], run["state"]
        return {
            "state": state,
            "state_words": said(obligations.STATES[state]),
            "count": run["count"],
            "periods": _span(first.start, last.end),
            "due": _span(first.due, last.due),
            "overdue_since": _day(first.due + timedelta(days=1)) if run["state"] == "overdue" else "",
            "reports": [self.catalogue.sources[source] for source in first.reports],
            "missing": [said(MEASURE_WORDS[measure]) for measure in first.missing],
        }

    def of(self, agency: str) -> list[dict]:
        """The duties binding one agency, each with that agency's ledger alone."""
        return [
            {**duty, "ledger": ledger}
            for duty in self.duties
            for ledger in duty["ledgers"]
            if ledger["agency"] == agency
        ]

    @cached_property
    def overdue(self) -> list[dict]:
        """Every run of overdue reports across agencies, duty by duty."""
        return [
            {**run, "duty": duty, "agency_name": ledger["agency_name"], "agency_url": ledger["agency_url"]}
            for duty in self.duties
            for ledger in duty["ledgers"]
            for run in ledger["runs"]
            if run["state"] == "overdue"
        ]

    @cached_property
    def requests(self) -> list[dict]:
        """Every records request in ``statuses.csv`` (a row answered, refused or requested), with its dates
        and how long the agency took."""
        catalogue = self.catalogue
        rows = catalogue.data.statuses
        states = {state: _(words) for state, words in REQUEST_STATES.items()}
        found = []
        for row in rows[rows["status"].isin(list(REQUEST_STATES))].to_dict("records"):
            cited = catalogue.sources[row["source"]]
            found.append(
                {
                    **row,
                    "agency_name": catalogue.agency_names[row["agency"]],
                    "agency_url": catalogue.urls("agency", id=row["agency"]),
                    "state_words": states[row["status"]],
                    "requested_words": Bound.parse(row["requested_on"]).words()
                    if row["requested_on"]
                    else _("not stated"),
                    "answered_words": Bound.parse(row["answered_on"]).words() if row["answered_on"] else "",
                    "due_words": Bound.parse(row["due_on"]).words() if row["due_on"] else "",
                    "took": took(row["requested_on"], row["answered_on"]),
                    "waited": took(row["requested_on"], cited.date)
                    if row["status"] == "requested" and cited.date
                    else "",
                    "late": late(row["due_on"], row["answered_on"]),
                    "years": ""
                    if not row["year_from"]
                    else row["year_from"]
                    if row["year_from"] == row["year_to"]
                    else f"{row['year_from']}\u2013{row['year_to']}",
                    "cited": cited,
                }
            )
        return sorted(found, key=lambda request: (request["requested_on"] or request["answered_on"], request["id"]))

    def requests_of(self, agency: str) -> list[dict]:
        return [request for request in self.requests if request["agency"] == agency]

    def page(self) -> Page:
        """The page of every duty and what is overdue under it, and of every records request."""
        return page(
            self.catalogue.urls("duties"),
            "duties",
            duties=self.duties,
            overdue=self.overdue,
            requests=self.requests,
            as_of_words=self.catalogue.as_of.words() if self.catalogue.as_of else "",
        )

    def feed_entries(self, limit: int = 100) -> list[dict]:
        """The newest ``limit`` of: each report that fell due by the data date, dated the day it fell due,
        and each that became overdue, dated the day after."""
        names = self.catalogue.agency_names
        duties = {duty["id"]: duty for duty in self.duties}
        entries = []
        fallen = sorted(
            (due for due in self.dues if due.state != "not_yet_due"),
            key=lambda due: (due.due, due.obligation, due.agency),
            reverse=True,
        )
        # Each report due gives at most two entries, newer than any older one's: the newest are among these
        for due in fallen[:limit]:
            duty = duties[due.obligation]
            what = _("{agency}: the report on {period} to {body}").format(
                agency=names[due.agency], period=_span(due.start, due.end), body=duty["body"]
            )
            state = {"due": due, "duty": duty, "state_words": said(obligations.STATES[due.state])}
            title = _("Due {day}: {report}").format(day=_day(due.due), report=what)
            entries.append({"when": due.due, "kind": "due", "title": title, **state})
            if due.state == "overdue":
                after = due.due + timedelta(days=1)
                title = _("Overdue: {report}").format(report=what)
                entries.append({"when": after, "kind": "overdue", "title": title, **state})
        return sorted(
            entries,
            key=lambda entry: (entry["when"], entry["kind"], entry["due"].obligation, entry["due"].agency),
            reverse=True,
        )


def when(duty: dict) -> str:
    """When a duty's reports are due, in words: ``every year, by 1 February, on the calendar year before``."""
    frequency, due_by = duty["frequency"], duty["due_by"]
    if frequency == "annual":
        month, day = (int(part) for part in due_by.split("-"))
        month_name = get_month_names("wide", "format", active().locale)[month]
        return _("every year, by {day} {month}, on the calendar year before").format(day=day, month=month_name)
    if frequency == "once":
        return _("once, by {day}").format(day=_day(date.fromisoformat(due_by)))
    if frequency == "unstated":
        return said(FREQUENCIES[frequency])
    grace = duty["grace_days"]
    if grace in ("", None):
        return {
            "weekly": _("every week, each report due when its week ends"),
            "monthly": _("every month, each report due when its month ends"),
            "quarterly": _("every quarter, each report due when its quarter ends"),
        }[frequency]
    days = int(grace)
    pattern = {
        "weekly": lambda: ngettext(
            "every week, each report due within {days} day of the end of its week",
            "every week, each report due within {days} days of the end of its week",
            days,
        ),
        "monthly": lambda: ngettext(
            "every month, each report due within {days} day of the end of its month",
            "every month, each report due within {days} days of the end of its month",
            days,
        ),
        "quarterly": lambda: ngettext(
            "every quarter, each report due within {days} day of the end of its quarter",
            "every quarter, each report due within {days} days of the end of its quarter",
            days,
        ),
    }[frequency]()
    return pattern.format(days=grace)


def took(requested: str, answered: str) -> str:
    """How long between two dates of any precision: ``44 days`` between days, else ``about 9 months``."""
    if not requested or not answered:
        return ""
    first, last = Bound.parse(requested), Bound.parse(answered)
    if first.precision == last.precision == "day":
        days = (last.first - first.first).days
        return ngettext("{count} day", "{count} days", days).format(count=days)
    return _("about {age}").format(age=status.age(first.first, last.first))


def late(due: str, answered: str) -> str:
    """How late an answer came after its due day, in words, or the empty string (on time, or not known)."""
    if not due or not answered or not Bound.parse(answered).first > Bound.parse(due).last:
        return ""
    return _("{time} late").format(time=took(due, answered))


def _day(day: date) -> str:
    return Bound.parse(day.isoformat()).words()


def _span(first: date, last: date) -> str:
    return _day(first) if first == last else _("{start} to {end}").format(start=_day(first), end=_day(last))
