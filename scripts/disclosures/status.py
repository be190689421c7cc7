"""Disclosure status: for each agency and year, whether its use was reported, reported as zero,
refused, requested without reply, not yet requested, or simply not disclosed.

Reported years come from figures (every year a figure's period touches) and from counts of
records; the other states come from ``statuses.csv``, each with its request or refusal as
source. A year with nothing is *not disclosed*: never blank, never zero. Years run from an
agency's first known year to the last whole year before the data date.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby

import pandas as pd

#: Each state in words, strongest first: where a year has several, the first is shown.
STATES = {
    "reported": "reported",
    "reported_zero": "reported zero",
    "reported_to_body": "reported to an oversight body, not published",
    "refused": "refused",
    "requested": "requested, no reply yet",
    "not_yet_requested": "not yet requested",
    "not_disclosed": "not disclosed",
}
#: States that leave a year open: nothing about its use is known.
GAPS = ("reported_to_body", "refused", "requested", "not_yet_requested", "not_disclosed")
COLUMNS = ["agency", "year", "status", "status_words", "basis", "source"]


def _claims(figures: list[dict], series: pd.DataFrame, statuses: pd.DataFrame) -> pd.DataFrame:
    """Every (agency, year, status, basis, source) the data states."""
    rows = []
    for figure in figures:
        days = [day for day in (figure["first_day"], figure["last_day"]) if day is not None]
        if not days:
            continue
        zero = figure["value"] == 0 and figure["qualifier"] == "exact"
        for year in range(days[0].year, days[-1].year + 1):
            rows.append(
                (figure["agency"], year, "reported_zero" if zero else "reported", figure["id"], figure["source"])
            )
    if not series.empty:
        by_year = series.assign(year=series["month"].str[:4].astype(int))
        by_year = by_year.groupby(["agency", "year"], as_index=False).agg(
            value=("value", "sum"), source=("source", lambda s: "; ".join(sorted(set(filter(None, s)))))
        )
        for row in by_year.itertuples():
            status = "reported" if row.value else "reported_zero"
            rows.append((row.agency, row.year, status, "counted from records", row.source))
    for row in statuses.itertuples():
        for year in range(int(row.year_from), int(row.year_to) + 1):
            rows.append((row.agency, year, row.status, row.id, row.source))
    return pd.DataFrame(rows, columns=["agency", "year", "status", "basis", "source"])


def by_year(figures: list[dict], series: pd.DataFrame, statuses: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """One row per agency and year, from its first known year to the last whole year before ``as_of``
    (or its last known year, if later): the strongest state, what says so and its sources."""
    claims = _claims(figures, series, statuses)
    if claims.empty:
        return pd.DataFrame(columns=COLUMNS)
    order = list(STATES)
    rows = []
    for agency, known in claims.groupby("agency", sort=True):
        last = max(int(known["year"].max()), as_of.year - 1)
        for year in range(int(known["year"].min()), last + 1):
            stated = known[known["year"] == year]
            if stated.empty:
                rows.append((agency, year, "not_disclosed", STATES["not_disclosed"], "", ""))
                continue
            status = min(stated["status"], key=order.index)
            chosen = stated[stated["status"] == status]
            basis = "; ".join(dict.fromkeys(chosen["basis"]))
            sources = "; ".join(
                dict.fromkeys(source for cell in chosen["source"] if cell for source in cell.split("; "))
            )
            rows.append((agency, year, status, STATES[status], basis, sources))
    return pd.DataFrame(rows, columns=COLUMNS)


def gaps(years: pd.DataFrame) -> list[dict]:
    """An agency's open years, consecutive years of one state together: ``2021-2025: not disclosed``."""
    found = []
    rows = years[years["status"].isin(GAPS)].to_dict("records")
    for _, run in groupby(enumerate(rows), key=lambda pair: (pair[1]["year"] - pair[0], pair[1]["status"])):
        run = [row for _, row in run]
        first, last = run[0]["year"], run[-1]["year"]
        found.append(
            {
                "years": str(first) if first == last else f"{first}\u2013{last}",
                "status": run[0]["status"],
                "status_words": run[0]["status_words"],
                "basis": run[0]["basis"],
                "source": run[0]["source"],
            }
        )
    return found


def age(since: date, as_of: date) -> str:
    """How long before ``as_of`` a day was, in whole years and months: ``6 years``, ``1 year and 2 months``."""
    months = (as_of.year - since.year) * 12 + as_of.month - since.month - (as_of.day < since.day)
    years, months = divmod(max(months, 0), 12)
    parts = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in ((years, "year"), (months, "month")) if n]
    return " and ".join(parts) or "less than a month"
