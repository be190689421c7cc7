"""Series and checks: clean records counted by month, and compared with disclosed figures."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from ..periods import Period
from ..qualifiers import value_bounds
from .extraction import Disclosure

#: Measures records carry, and the field each is summed from (deployments count rows).
MEASURE_FIELDS = {
    "deployments": None,
    "faces_scanned": "faces_scanned",
    "alerts": "alerts",
    "true_alerts": "true_alerts",
    "false_alerts": "false_alerts",
    "arrests": "arrests",
    "searches": "searches",
}


def clean_records(disclosures: list[Disclosure]) -> pd.DataFrame:
    """Return every clean record with its agency, system, source and unit."""
    frames = []
    for disclosure in disclosures:
        description = disclosure.extraction.description
        if description.kind != "records":
            continue
        records = disclosure.extraction.records
        frames.append(
            records[records["status"] == "clean"].assign(
                agency=description.agency,
                system=description.system,
                source=description.source,
                disclosure=description.id,
                unit=description.unit,
            )
        )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def monthly(records: pd.DataFrame, covered: dict[tuple[str, str], list[tuple[date, date]]]) -> pd.DataFrame:
    """Return one row per agency, system, measure and month: the total counted from records.

    A month where some records lack the measure is a lower bound (qualifier at_least), and
    says how many records had no value; "not disclosed" is never counted as zero. A month
    inside a disclosure's full coverage with no record at all is a real zero.
    """
    rows = []
    if records.empty:
        return pd.DataFrame(
            columns=[
                "agency",
                "system",
                "measure",
                "month",
                "value",
                "records",
                "missing",
                "qualifier",
                "source",
                "basis",
            ]
        )
    records = records.assign(month=records["date"].str[:7])
    for measure, field in MEASURE_FIELDS.items():
        if field is None:
            counted = records[records["unit"] == "deployment"].assign(value=1)
        elif field == "searches":
            counted = records.assign(value=records[field].where(records["unit"] != "search", records[field].fillna(1)))
        else:
            counted = records.assign(value=records[field])
        if counted.empty or counted["value"].isna().all():
            continue
        grouped = counted.groupby(["agency", "system", "month", "source"], sort=True)
        for (agency, system, month, source), group in grouped:
            missing = int(group["value"].isna().sum())
            rows.append(
                {
                    "agency": agency,
                    "system": system,
                    "measure": measure,
                    "month": month,
                    "value": int(group["value"].sum()),
                    "records": len(group),
                    "missing": missing,
                    "qualifier": "at_least" if missing else "exact",
                    "source": source,
                    "basis": "counted from records",
                }
            )
    series = pd.DataFrame(rows)
    zeros = [
        {
            **key,
            "month": month,
            "value": 0,
            "records": 0,
            "missing": 0,
            "qualifier": "exact",
            "source": "",
            "basis": "counted from records (none that month)",
        }
        for key in series[["agency", "system", "measure"]].drop_duplicates().to_dict("records")
        for first, last in covered.get((key["agency"], key["system"]), [])
        for month in pd.period_range(first, last, freq="M").astype(str)
    ]
    series = pd.concat([series, pd.DataFrame(zeros)]).drop_duplicates(["agency", "system", "measure", "month"])
    return series.sort_values(["agency", "system", "measure", "month"], ignore_index=True)


def false_alert_rate(records: pd.DataFrame) -> pd.DataFrame:
    """Return false alerts per face scanned, by agency and year and over all years.

    Only deployments that give both numbers count, so that a missing figure never counts as zero.
    """
    both = records[records["false_alerts"].notna() & records["faces_scanned"].notna()]
    both = pd.concat([both.assign(period=both["date"].str[:4]), both.assign(period="all years")])
    rates = (
        both.groupby(["agency", "period"], sort=True)
        .agg(deployments=("date", "size"), false_alerts=("false_alerts", "sum"), faces_scanned=("faces_scanned", "sum"))
        .reset_index()
    )
    rates["rate"] = rates["false_alerts"] / rates["faces_scanned"]
    rates["one_in"] = (rates["faces_scanned"] / rates["false_alerts"].where(rates["false_alerts"] > 0)).round()
    return rates


def coverage(disclosures: list[Disclosure]) -> dict[tuple[str, str], list[tuple[date, date]]]:
    """Return, per agency and system, the spans of days that record-level disclosures cover in full."""
    spans: dict[tuple[str, str], list[tuple[date, date]]] = {}
    for disclosure in disclosures:
        description = disclosure.extraction.description
        if description.kind != "records":
            continue
        period = Period.parse(description.covers.start, description.covers.end)
        spans.setdefault((description.agency, description.system), []).append((period.first_day, period.last_day))
    merged = {}
    for key, found in spans.items():
        joined: list[tuple[date, date]] = []
        for first, last in sorted(found):
            if joined and first <= joined[-1][1] + timedelta(days=1):
                joined[-1] = (joined[-1][0], max(last, joined[-1][1]))
            else:
                joined.append((first, last))
        merged[key] = joined
    return merged


def checks(
    figures: pd.DataFrame, records: pd.DataFrame, covered: dict[tuple[str, str], list[tuple[date, date]]]
) -> pd.DataFrame:
    """Compare each figure about an agency, system and measure that records cover with the records' count.

    A figure is checked when its period is closed and lies within the records' coverage; its
    ``scope`` (``field=value``) narrows the records it is compared with.
    """
    rows = []
    for figure in figures.to_dict("records"):
        spans = covered.get((figure["agency"], figure["system"]), [])
        field = MEASURE_FIELDS.get(figure["measure"], "missing")
        period = Period.parse(figure["period_start"], figure["period_end"])
        inside = period.is_closed and any(
            first <= period.first_day and period.last_day <= last for first, last in spans
        )
        if field == "missing" or figure["rate_per"] or not inside:
            continue
        chosen = records[(records["agency"] == figure["agency"]) & (records["system"] == figure["system"])]
        chosen = chosen[
            (chosen["date"] >= period.first_day.isoformat()) & (chosen["date"] <= period.last_day.isoformat())
        ]
        for condition in filter(None, figure["scope"].split(";")):
            name, value = condition.split("=", 1)
            chosen = chosen[chosen[name.strip()] == value.strip()]
        values = pd.Series(1, index=chosen.index) if field is None else chosen[field]
        counted, missing = int(values.sum()), int(values.isna().sum())
        low, high = value_bounds(
            figure["value"], None if pd.isna(figure["value_max"]) else int(figure["value_max"]), figure["qualifier"]
        )
        if missing:
            verdict = "records incomplete"
        elif counted == figure["value"]:
            verdict = "agrees exactly"
        elif low <= counted <= high:
            verdict = "agrees within the figure's qualifier"
        else:
            verdict = "disagrees"
        rows.append(
            {
                "figure": figure["id"],
                "agency": figure["agency"],
                "measure": figure["measure"],
                "disclosed": figure["value_words"],
                "counted": counted,
                "records": len(chosen),
                "missing": missing,
                "scope": figure["scope"],
                "verdict": verdict,
                "agrees": verdict.startswith("agrees"),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
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
        ],
    )
