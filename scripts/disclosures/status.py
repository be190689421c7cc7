"""Disclosure status: for each agency and year, what was said about its use in that year.

A year is *reported* when a figure counts that whole year, *reported for part of the year* when
a figure counts part of it alone, and *covered by a longer total* when it lies inside a figure
of several years (which says nothing of that year by itself). Counts of records give whole or
partial years by the months they list in full. The other states come from ``statuses.csv``,
each with its source: reported to an oversight body but not published, refused, requested
without reply, not yet requested. A year with nothing is *not disclosed*: never blank, never
zero. Figures from weak sources and figures without both ends of their period say nothing of
any one year. Years run from an agency's first known year to the last whole year before the
data date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import groupby

import pandas as pd

from .claims import leads
from .i18n import _, ngettext, said
from .model import FigureRow
from .vocabulary import GAPS, STATUSES

COLUMNS = ["agency", "year", "status", "status_words", "basis", "source"]


def _whole_year(figure: FigureRow) -> bool:
    """True when a figure of one calendar year certainly counts all of it."""
    if figure["period_start"] == figure["period_end"] and len(figure["period_start"]) == 4:
        return True
    first, last = figure["start_last"], figure["end_first"]
    if first is None or last is None:
        return False
    return (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)


def _from_figure(figure: FigureRow) -> list[tuple]:
    """What one figure says of each year its period touches."""
    first, last = figure["first_day"], figure["last_day"]
    if first is None or last is None or not leads(figure):
        return []
    zero = figure["value"] == 0 and figure["qualifier"] == "exact"
    claim = (figure["id"], figure["source"])
    if first.year == last.year:
        if _whole_year(figure):
            return [(figure["agency"], first.year, "reported_zero" if zero else "reported", "", *claim)]
        words = (
            _("reported zero for part of the year ({period})")
            if zero
            else _("reported for part of the year ({period})")
        ).format(period=figure["period_short"])
        return [(figure["agency"], first.year, "reported_zero" if zero else "reported_part", words, *claim)]
    years = range(first.year, last.year + 1)
    if zero:  # nothing in the whole period is nothing in each year of it
        return [
            (figure["agency"], year, "reported_zero", _("reported zero (within a longer period)"), *claim)
            for year in years
        ]
    words = _("covered by a total ({count} years, {first}\u2013{last})").format(
        count=len(years), first=first.year, last=last.year
    )
    return [(figure["agency"], year, "covered", words, *claim) for year in years]


def _from_records(series: pd.DataFrame) -> list[tuple]:
    """What counts of records say of each year: whole where they list all twelve months in full."""
    if series.empty:
        return []
    listed = series[series["covered"] == "whole month"].assign(year=lambda frame: frame["month"].str[:4].astype(int))
    rows = []
    for (agency, year), months in listed.groupby(["agency", "year"], sort=True):
        sources = "; ".join(sorted(set(filter(None, "; ".join(months["source"]).split("; ")))))
        count = months["month"].nunique()
        if count == 12:
            status, words = ("reported", "") if months["value"].sum() else ("reported_zero", "")
        else:
            status = "reported_part"
            words = ngettext(
                "reported for part of the year ({count} month, from records)",
                "reported for part of the year ({count} months, from records)",
                count,
            ).format(count=count)
        rows.append((agency, year, status, words, "counted from records", sources))
    return rows


def _from_statuses(statuses: pd.DataFrame) -> list[tuple]:
    """The states ``statuses.csv`` gives, year by year."""
    rows = []
    for row in statuses[statuses["year_from"] != ""].itertuples():
        words = (
            _("reported to the {body}, not published").format(body=row.body.removeprefix("the "))
            if row.status == "reported_to_body"
            else ""
        )
        for year in range(int(row.year_from), int(row.year_to) + 1):
            rows.append((row.agency, year, row.status, words, row.id, row.source))
    return rows


def _claims(figures: Sequence[FigureRow], series: pd.DataFrame, statuses: pd.DataFrame) -> pd.DataFrame:
    """Every (agency, year, status, words, basis, source) the data states."""
    rows = [claim for figure in figures for claim in _from_figure(figure)]
    rows += _from_records(series) + _from_statuses(statuses)
    claims = pd.DataFrame(rows, columns=COLUMNS)
    stated = {status: said(words) for status, words in STATUSES.items()}
    claims["status_words"] = claims["status_words"].where(claims["status_words"] != "", claims["status"].map(stated))
    return claims


def by_year(figures: Sequence[FigureRow], series: pd.DataFrame, statuses: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """One row per agency and year, from its first known year to the last whole year before ``as_of``
    (or its last known year, if later): the strongest state, in words, what says so and its sources."""
    claims = _claims(figures, series, statuses)
    if claims.empty:
        return pd.DataFrame(columns=COLUMNS)
    rank = {status: number for number, status in enumerate(STATUSES)}
    stated: dict[str, dict[int, list[dict]]] = {}
    for claim in claims.to_dict("records"):
        stated.setdefault(claim["agency"], {}).setdefault(int(claim["year"]), []).append(claim)
    rows = []
    for agency, years in sorted(stated.items()):
        for year in range(min(years), max(max(years), as_of.year - 1) + 1):
            if year not in years:
                rows.append((agency, year, "not_disclosed", said(STATUSES["not_disclosed"]), "", ""))
                continue
            status = min((claim["status"] for claim in years[year]), key=rank.__getitem__)
            chosen = [claim for claim in years[year] if claim["status"] == status]
            basis = "; ".join(dict.fromkeys(claim["basis"] for claim in chosen))
            sources = "; ".join(
                dict.fromkeys(source for claim in chosen if claim["source"] for source in claim["source"].split("; "))
            )
            rows.append((agency, year, status, chosen[0]["status_words"], basis, sources))
    return pd.DataFrame(rows, columns=COLUMNS)


def gaps(years: list[dict]) -> list[dict]:
    """An agency's open years (its rows of ``by_year``, in order), consecutive years of one state together:
    ``2021-2025: not disclosed``."""
    found = []
    rows = [year for year in years if year["status"] in GAPS]
    for _key, pairs in groupby(
        enumerate(rows), key=lambda pair: (pair[1]["year"] - pair[0], pair[1]["status"], pair[1]["status_words"])
    ):
        run = [row for _index, row in pairs]
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
    in_years = ngettext("{count} year", "{count} years", years).format(count=years)
    in_months = ngettext("{count} month", "{count} months", months).format(count=months)
    if years and months:
        return _("{years} and {months}").format(years=in_years, months=in_months)
    return in_years if years else in_months if months else _("less than a month")
