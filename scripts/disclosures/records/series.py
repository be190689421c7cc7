"""Series and checks: clean records counted by month, and compared with disclosed figures.

``Counted`` gathers the records the site counts, across disclosures, as one DuckDB view:
a disclosure that repeats another is not counted, and a superseded one only outside the
period of the one that replaces it. A measure counts only from disclosures that report it,
so that "not disclosed" never becomes zero; a month with no record is a real zero only
inside the period a disclosure says it lists in full, and before it was received.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from ..i18n import N_, _, number, said
from ..periods import Period
from ..qualifiers import value_bounds
from .describe import Description
from .extraction import Disclosure, scan
from .ingest import published_fields
from .sql import literal

#: Measures records carry, and the field each is summed from (None: each record counts one).
MEASURE_FIELDS = {
    "deployments": None,
    "log_records": None,
    "searches": "searches",
    "faces_scanned": "faces_scanned",
    "alerts": "alerts",
    "true_alerts": "true_alerts",
    "false_alerts": "false_alerts",
    "arrests": "arrests",
}
#: A whole and the parts it splits into: in every record, the parts add up to the whole.
SPLITS = {"alerts": ("true_alerts", "false_alerts")}
SERIES_COLUMNS = [
    "agency",
    "system",
    "measure",
    "month",
    "value",
    "records",
    "missing",
    "qualifier",
    "covered",
    "source",
    "basis",
]
#: How a figure compares with the records of its period, in words (pages show them through ``_()``).
VERDICTS = {
    "incomplete": N_("records incomplete"),
    "exact": N_("agrees exactly"),
    "within": N_("agrees within the figure's qualifier"),
    "disagrees": N_("disagrees"),
}
CHECK_COLUMNS = [
    "figure",
    "agency",
    "measure",
    "disclosed",
    "counted",
    "records",
    "missing",
    "scope",
    "verdict",
    "agrees",
]


def scope_conditions(scope: str) -> list[tuple[str, bool, str]]:
    """Return a figure's scope (``field=value`` or ``field!=value``, joined by semicolons) as
    (field, whether records must have the value, value) triples."""
    conditions = []
    for condition in filter(None, (part.strip() for part in scope.split(";"))):
        name, value = condition.split("=", 1)
        conditions.append((name.rstrip("!").strip(), not name.endswith("!"), value.strip()))
    return conditions


def reported(description: Description) -> dict[str, str]:
    """Return the measures a disclosure reports, each with the SQL that counts it per record."""
    fields = published_fields(description)
    measures = {}
    if description.unit == "deployment":
        measures["deployments"] = "1"
    if description.unit == "log_entry":
        measures["log_records"] = "1"
    if "searches" in fields:
        measures["searches"] = "coalesce(searches, 1)" if description.unit == "search" else "searches"
    elif description.unit == "search":
        measures["searches"] = "1"
    for measure, field in MEASURE_FIELDS.items():
        if field and field != "searches" and field in fields:
            measures[measure] = field
    return measures


def covered_days(description: Description) -> tuple[date, date]:
    """Return the first and last day a disclosure lists in full: its covers, never after it was received."""
    period = Period.parse(description.covers.start, description.covers.end)
    assert period.first_day is not None and period.last_day is not None  # covers states both bounds
    return period.first_day, min(period.last_day, description.raw.received)


class Counted:
    """The clean records the site counts, across record-level disclosures, in one DuckDB connection."""

    def __init__(self, disclosures: list[Disclosure]):
        self.disclosures = [
            d.extraction
            for d in disclosures
            if d.extraction.description.kind == "records" and not d.extraction.description.duplicates
        ]
        self.con = duckdb.connect()
        selects = [self._select(extraction) for extraction in self.disclosures]
        self.con.execute(
            "CREATE VIEW counted AS "
            + (" UNION ALL BY NAME ".join(selects) if selects else "SELECT NULL::VARCHAR AS agency WHERE false")
        )

    def _select(self, extraction) -> str:
        """SQL for one disclosure's counted records, leaving out the days a superseding disclosure covers."""
        description = extraction.description
        excluded = [
            covered_days(other.description)
            for other in self.disclosures
            if description.id in other.description.supersedes
        ]
        outside = "".join(f" AND NOT (date BETWEEN DATE '{first}' AND DATE '{last}')" for first, last in excluded)
        return (
            f"SELECT *, {literal(description.agency)} AS agency, {literal(description.system)} AS system,"
            f" {literal(description.source)} AS source, {literal(description.id)} AS disclosure"
            f" FROM {scan(extraction.path)} WHERE status = 'clean'{outside}"
        )

    @property
    def empty(self) -> bool:
        """True when no disclosure has records to count."""
        return not self.disclosures

    def monthly(self) -> pd.DataFrame:
        """Return one row per agency, system, measure and month, counted from the records.

        A month where some records lack the measure is a lower bound (qualifier at_least) and
        says how many had none. Months a disclosure lists in full with no record are zeros; a
        month not listed in full (cut by ``covers`` or ``received``) says so in ``covered`` and
        is a lower bound too.
        """
        frames = [self._monthly(extraction) for extraction in self.disclosures]
        frames = [frame for frame in frames if not frame.empty]
        if not frames:
            return pd.DataFrame(columns=SERIES_COLUMNS)
        series = pd.concat(frames, ignore_index=True)
        keys = ["agency", "system", "measure", "month"]
        series = series.groupby(keys, sort=True, as_index=False).agg(
            value=("value", "sum"),
            records=("records", "sum"),
            missing=("missing", "sum"),
            covered=("covered", "max"),  # "whole month" when any disclosure lists the whole month
            source=("source", lambda sources: "; ".join(sorted(set(filter(None, sources))))),
        )
        # A count is a lower bound where records lack the measure, or the month is not listed in full
        series["qualifier"] = [
            "at_least" if missing or covered != "whole month" else "exact"
            for missing, covered in zip(series["missing"], series["covered"], strict=True)
        ]
        series["basis"] = series["records"].map(
            lambda n: "counted from records" if n else "counted from records (none that month)"
        )
        return series[SERIES_COLUMNS]

    def totals(self) -> list[dict]:
        """Each disclosure's totals over the days it lists in full (less any a superseding one
        covers): per measure it reports, the sum and how many records lack a value."""
        found = []
        for extraction in self.disclosures:
            description = extraction.description
            measures = reported(description)
            if not measures:
                continue
            sums = ", ".join(f"sum({sql}), count(*) - count({sql})" for sql in measures.values())
            first, last = covered_days(description)
            period = Period.parse(description.covers.start, description.covers.end)
            if period.last_day != last:  # received before the period it covers ended
                period = Period.parse(first.isoformat(), last.isoformat())
            within = " AND date BETWEEN ? AND ?" if "date" in published_fields(description) else ""
            row = self.con.execute(
                f"SELECT count(*), {sums} FROM counted WHERE disclosure = ?{within}",
                [description.id, first, last] if within else [description.id],
            ).fetchone()
            assert row is not None  # an aggregate query returns one row
            found.append(
                {
                    "disclosure": description.id,
                    "title": description.title,
                    "agency": description.agency,
                    "system": description.system,
                    "source": description.source,
                    "period": period.words(),
                    "last_day": last,
                    "records": row[0],
                    "measures": {
                        measure: (int(row[1 + 2 * i] or 0), int(row[2 + 2 * i])) for i, measure in enumerate(measures)
                    },
                }
            )
        return found

    def _monthly(self, extraction) -> pd.DataFrame:
        description = extraction.description
        measures = reported(description)
        if not measures or "date" not in published_fields(description):
            return pd.DataFrame()
        sums = ", ".join(f'sum({sql}) AS "v_{m}", count(*) - count({sql}) AS "n_{m}"' for m, sql in measures.items())
        counted = self.con.execute(
            f"SELECT strftime(date, '%Y-%m') AS month, count(*) AS records, {sums} FROM counted"
            f" WHERE disclosure = ? GROUP BY 1 ORDER BY 1",
            [description.id],
        ).df()
        first, last = covered_days(description)
        months = pd.period_range(first, last, freq="M")
        whole = {str(m) for m in months if m.start_time.date() >= first and m.end_time.date() <= last}
        listed = pd.DataFrame({"month": [str(m) for m in months]})
        counted = listed.merge(counted, on="month", how="outer")
        counted = counted[counted["month"].isin(whole) | counted["records"].notna()]
        counted["records"] = counted["records"].fillna(0).astype(int)
        rows = []
        for measure in measures:
            rows.append(
                pd.DataFrame(
                    {
                        "agency": description.agency,
                        "system": description.system,
                        "measure": measure,
                        "month": counted["month"],
                        "value": counted[f"v_{measure}"].fillna(0).astype(int),
                        "records": counted["records"],
                        "missing": counted[f"n_{measure}"].fillna(0).astype(int),
                        "covered": counted["month"].map(
                            lambda m: "whole month" if m in whole else "not the whole month"
                        ),
                        "source": counted["records"].map(lambda n: description.source if n else ""),
                    }
                )
            )
        return pd.concat(rows, ignore_index=True)

    def false_alert_rate(self, agency: str) -> pd.DataFrame:
        """Return false alerts per face scanned, by year and over all years, for one agency.

        Only records that give both numbers count, so that a missing number never counts as zero.
        """
        if not any(
            {"false_alerts", "faces_scanned"} <= set(published_fields(e.description)) and e.description.agency == agency
            for e in self.disclosures
        ):
            return pd.DataFrame()
        rates = self.con.execute(
            """
            WITH both_given AS (
                SELECT strftime(date, '%Y') AS year, false_alerts, faces_scanned FROM counted
                WHERE agency = ? AND false_alerts IS NOT NULL AND faces_scanned IS NOT NULL
            )
            SELECT period, count(*) AS deployments, sum(false_alerts)::BIGINT AS false_alerts,
                   sum(faces_scanned)::BIGINT AS faces_scanned,
                   sum(false_alerts) / sum(faces_scanned) AS rate,
                   round(sum(faces_scanned) / nullif(sum(false_alerts), 0)) AS one_in
            FROM (SELECT year AS period, * FROM both_given UNION ALL SELECT 'all years' AS period, * FROM both_given)
            GROUP BY period ORDER BY period = 'all years', period
            """,
            [agency],
        ).df()
        # The row of all years says so in the page's language
        return rates.assign(period=rates["period"].replace("all years", _("all years")))

    def mismatched_parts(self) -> list[dict]:
        """Records whose parts do not add up to their whole (true and false alerts against alerts),
        among those that give all three, in file order: what a funnel and the data-quality page flag."""
        found = []
        for extraction in self.disclosures:
            fields = published_fields(extraction.description)
            for whole, parts in SPLITS.items():
                if not {whole, *parts} <= set(fields):
                    continue
                place = ", ".join(name for name in ("date", "location") if name in fields)
                rows = self.con.execute(
                    f"SELECT source_row, {place + ', ' if place else ''}{whole}, {', '.join(parts)} FROM counted"
                    f" WHERE disclosure = ? AND {' + '.join(parts)} IS DISTINCT FROM {whole}"
                    f" AND {whole} IS NOT NULL AND {' AND '.join(f'{part} IS NOT NULL' for part in parts)}"
                    " ORDER BY source_row",
                    [extraction.description.id],
                ).df()
                found += [
                    {"disclosure": extraction.description.id, "whole": whole, "parts": parts, **row}
                    for row in rows.to_dict("records")
                ]
        return found

    def checks(self, figures: pd.DataFrame) -> pd.DataFrame:
        """Compare each figure with the records that report its measure over its whole period.

        A figure is checked when its period is closed and lies within what one disclosure lists
        in full; its ``scope`` (``field=value``) narrows the records it is compared with.
        """
        rows = []
        for figure in figures.to_dict("records"):
            if figure["rate_per"] or figure["measure"] not in MEASURE_FIELDS:
                continue
            period = Period.parse(figure["period_start"], figure["period_end"])
            sources = [
                e
                for e in self.disclosures
                if (e.description.agency, e.description.system) == (figure["agency"], figure["system"])
                and figure["measure"] in reported(e.description)
                and period.first_day is not None
                and period.last_day is not None
                and covered_days(e.description)[0] <= period.first_day
                and period.last_day <= covered_days(e.description)[1]
            ]
            if not sources:
                continue
            rows.append(self._check(figure, period, sources[0]))
        return pd.DataFrame(rows, columns=CHECK_COLUMNS)

    def contradictions(self, figures: pd.DataFrame) -> dict[str, str]:
        """Return, by figure id, how the agency's own records contradict the figure's average per month.

        A total spread evenly over a long period claims the same use every month. Where records
        list part of that period in full and give a rate less than half the lowest or more than
        twice the highest average the figure allows, the average describes no actual month.
        """
        found = {}
        for figure in figures[
            figures["per_month_low"].notna() & ~figures["is_rate"] & (figures["scope"] == "")
        ].to_dict("records"):
            for extraction in self.disclosures:
                description = extraction.description
                if (description.agency, description.system) != (figure["agency"], figure["system"]):
                    continue
                if figure["measure"] not in reported(description):
                    continue
                first, last = covered_days(description)
                start, end = max(first, figure["first_day"]), min(last, figure["last_day"])
                inside = first <= figure["first_day"] and figure["last_day"] <= last
                months = ((end - start).days + 1) / 30.4375
                if inside or months < 1:
                    continue
                measure = reported(description)[figure["measure"]]
                row = self.con.execute(
                    f"SELECT coalesce(sum({measure}), 0) FROM counted WHERE disclosure = ? AND date BETWEEN ? AND ?",
                    [description.id, start, end],
                ).fetchone()
                assert row is not None  # an aggregate query returns one row
                counted = row[0]
                rate = counted / months
                if rate < figure["per_month_low"] / 2 or rate > figure["per_month_high"] * 2:
                    span = Period.parse(start.isoformat(), end.isoformat()).words()
                    found[figure["id"]] = _(
                        "The agency's own records give {rate} a month {period} ({counted} in all), part of this"
                        " figure's period: use was not even, so its average ({average}) describes no actual month,"
                        " and it is not drawn."
                    ).format(
                        rate=number(rate, 1), period=span, counted=number(counted), average=figure["per_month_words"]
                    )
        return found

    def _check(self, figure: dict, period: Period, extraction) -> dict:
        measure = reported(extraction.description)[figure["measure"]]
        conditions = ["disclosure = ?", "date BETWEEN ? AND ?"]
        parameters = [extraction.description.id, period.first_day, period.last_day]
        for name, keep, value in scope_conditions(figure["scope"]):
            conditions.append(f'CAST("{name}" AS VARCHAR) {"=" if keep else "IS DISTINCT FROM"} ?')
            parameters.append(value)
        row = self.con.execute(
            f"SELECT coalesce(sum({measure}), 0)::BIGINT, count(*), count(*) - count({measure}) FROM counted"
            f" WHERE {' AND '.join(conditions)}",
            parameters,
        ).fetchone()
        assert row is not None  # an aggregate query returns one row
        counted, records, missing = row
        low, high = value_bounds(
            figure["value"], None if pd.isna(figure["value_max"]) else int(figure["value_max"]), figure["qualifier"]
        )
        if missing:
            verdict = "incomplete"
        elif counted == figure["value"]:
            verdict = "exact"
        elif low <= counted <= high:
            verdict = "within"
        else:
            verdict = "disagrees"
        return {
            "figure": figure["id"],
            "agency": figure["agency"],
            "measure": figure["measure"],
            "disclosed": figure["value_words"],
            "counted": counted,
            "records": records,
            "missing": missing,
            "scope": figure["scope"],
            "verdict": said(VERDICTS[verdict]),
            "agrees": verdict in ("exact", "within"),
        }
