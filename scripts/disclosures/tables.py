"""Load the validated tables into pandas frames, with the derived columns pages need."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import qualifiers
from .periods import Period
from .problems import DataError, Problem, suggest
from .records.extraction import Disclosure, load_disclosures
from .records.figures import disclosed_figures
from .records.ingest import PUBLISHED
from .validate import validate

#: Days in an average month, used to turn periods and rates into a monthly average.
DAYS_PER_MONTH = 30.4375
RATE_TO_MONTH = {"day": DAYS_PER_MONTH, "month": 1.0, "year": 1 / 12}

MEASURE_WORDS = {
    "searches": "searches",
    "requests": "requests for a search",
    "matches": "possible matches",
    "alerts": "alerts",
    "true_alerts": "true alerts",
    "false_alerts": "false alerts",
    "arrests": "arrests",
    "faces_scanned": "faces scanned",
    "deployments": "deployments",
    "users": "people with access",
    "agencies": "agencies",
    "log_records": "log records",
}


@dataclass(frozen=True)
class Disclosures:
    """The reference tables and the disclosed figures, validated and typed."""

    agencies: pd.DataFrame
    systems: pd.DataFrame
    sources: pd.DataFrame
    events: pd.DataFrame
    figures: pd.DataFrame
    headlines: list[str]
    records: list[Disclosure]


def load(data_dir: Path, raw_dirs: list[Path] | None = None, cache: Path | None = None) -> Disclosures:
    """Validate ``data_dir`` and return its tables and record-level disclosures; raise DataError
    before reading bad data. Raw files are looked for in ``raw_dirs``; ``cache`` keeps what
    the build has verified between runs."""
    validate(data_dir)
    read = {
        name: pd.read_csv(data_dir / folder / f"{name}.csv", dtype=str, keep_default_na=False)
        for name, folder in [
            ("agencies", "reference"),
            ("systems", "reference"),
            ("sources", "reference"),
            ("events", "reference"),
            ("headlines", "reference"),
            ("figures", "disclosed"),
        ]
    }
    records = load_disclosures(data_dir, raw_dirs or [], cache)
    _check_references(records, read)
    _check_scopes(read["figures"])
    read["figures"] = _with_disclosed_figures(read["figures"], disclosed_figures(records))
    return Disclosures(
        records=records,
        agencies=read["agencies"].sort_values("id", ignore_index=True),
        systems=read["systems"].sort_values("id", ignore_index=True),
        sources=read["sources"].sort_values("id", ignore_index=True),
        events=describe_events(read["events"]),
        figures=describe_figures(read["figures"], read["sources"]),
        headlines=read["headlines"]["figure"].tolist(),
    )


def _check_references(records: list[Disclosure], tables: dict[str, pd.DataFrame]) -> None:
    """Each description's agency, system and source must be rows of the reference tables."""
    problems = [
        Problem(
            f"disclosures/{disclosure.extraction.description.id}.yaml",
            None,
            column,
            value,
            f"{column} must be an id in {table}.csv",
            f"use an id from {table}.csv, or add a row there first",
        )
        for disclosure in records
        for column, table in (("agency", "agencies"), ("system", "systems"), ("source", "sources"))
        if (value := getattr(disclosure.extraction.description, column)) not in set(tables[table]["id"])
    ]
    if problems:
        raise DataError(problems)


def _check_scopes(figures: pd.DataFrame) -> None:
    """A figure's scope (``field=value; ...``) must name record fields."""
    problems = [
        Problem(
            "disclosed/figures.csv",
            index + 2,
            "scope",
            scope,
            "a scope is field=value, separated by semicolons, where each field is a record field",
            suggest(condition.split("=")[0].strip(), PUBLISHED, "use a field of the records, such as location"),
        )
        for index, scope in enumerate(figures["scope"])
        for condition in filter(None, scope.split(";"))
        if "=" not in condition or condition.split("=")[0].strip() not in PUBLISHED
    ]
    if problems:
        raise DataError(problems)


def _with_disclosed_figures(figures: pd.DataFrame, disclosed: pd.DataFrame) -> pd.DataFrame:
    """Add the figures stated by figures-kind disclosures; their ids must not repeat figures.csv's."""
    if disclosed.empty:
        return figures
    clashes = sorted(set(figures["id"]) & set(disclosed["id"]))
    if clashes:
        raise DataError(
            [
                Problem(
                    "disclosed/figures.csv",
                    None,
                    "id",
                    clash,
                    "a figure id must be unique across figures.csv and the figures that disclosures state",
                    "rename the figure in figures.csv",
                )
                for clash in clashes
            ]
        )
    return pd.concat([figures, disclosed], ignore_index=True)


def describe_figures(figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Return the figures with typed values, periods in words and a monthly average.

    ``per_month`` is the rate for rates, and for totals the value divided by the length of
    the figure's own period; it is blank when the period has an open end.
    """
    figures = figures.copy()
    figures["value"] = figures["value"].astype(int)
    figures["value_max"] = pd.to_numeric(figures["value_max"]).astype("Int64")
    periods = [Period.parse(s, e) for s, e in zip(figures["period_start"], figures["period_end"], strict=True)]
    figures["first_day"] = [p.first_day for p in periods]
    figures["last_day"] = [p.last_day for p in periods]
    figures["period_words"] = [p.words() for p in periods]
    figures["months"] = [p.months() for p in periods]

    # Say the number as the source did, and what it counts
    figures["value_words"] = [
        qualifiers.value_words(v, None if pd.isna(m) else int(m), q, w)
        for v, m, q, w in zip(
            figures["value"], figures["value_max"], figures["qualifier"], figures["qualifier_words"], strict=True
        )
    ]
    figures["qualifier_label"] = figures["qualifier"].map(qualifiers.LABELS)
    figures["measure_label"] = figures["measure"].map(MEASURE_WORDS)
    figures["is_rate"] = figures["rate_per"] != ""

    # Average per month over each figure's own period (rates convert their unit)
    rate_factor = figures["rate_per"].map(RATE_TO_MONTH)
    figures["per_month"] = (figures["value"] * rate_factor).where(
        figures["is_rate"], figures["value"] / figures["months"].astype(float)
    )
    figures["per_month_basis"] = (
        figures["rate_per"]
        .map({"day": "stated per day", "month": "stated per month", "year": "stated per year"})
        .fillna("average over the stated period")
        .where(figures["per_month"].notna(), "not comparable: open period")
    )

    # Carry each figure's source with it
    source_columns = sources.set_index("id")[["url", "publisher", "title", "date", "kind", "strength"]]
    figures = figures.join(source_columns.add_prefix("source_"), on="source")
    return figures.sort_values(["agency", "first_day", "id"], na_position="first", ignore_index=True)


def describe_events(events: pd.DataFrame) -> pd.DataFrame:
    """Return the events, oldest first, with their dates as first days and in words."""
    events = events.copy()
    periods = [Period.parse(d, d) for d in events["date"]]
    events["first_day"] = [p.first_day for p in periods]
    events["date_words"] = [p.start.words() for p in periods]
    return events.sort_values(["first_day", "id"], ignore_index=True)
