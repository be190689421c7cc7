"""Load the validated tables into pandas frames, with the derived columns pages need."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import qualifiers
from .periods import Bound, Period
from .problems import DataError, Problem, suggest
from .records.extraction import Disclosure, load_disclosures
from .records.figures import disclosed_figures
from .records.ingest import PUBLISHED
from .records.series import scope_conditions
from .validate import validate
from .vocabulary import MEASURE_WORDS, QUALIFIERS

#: Days in an average month, used to turn periods and rates into a monthly average.
DAYS_PER_MONTH = 30.4375
RATE_TO_MONTH = {"day": DAYS_PER_MONTH, "month": 1.0, "year": 1 / 12}


@dataclass(frozen=True)
class Disclosures:
    """The reference tables and the disclosed figures, validated and typed."""

    agencies: pd.DataFrame
    systems: pd.DataFrame
    sources: pd.DataFrame
    events: pd.DataFrame
    figures: pd.DataFrame
    headlines: list[str]
    corrections: pd.DataFrame
    unknowns: pd.DataFrame
    statuses: pd.DataFrame
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
            ("corrections", "reference"),
            ("unknowns", "reference"),
            ("statuses", "reference"),
            ("figures", "disclosed"),
        ]
    }
    records = load_disclosures(data_dir, raw_dirs or [], cache)
    _check_references(records, read)
    _check_scopes(read["figures"])
    _check_dated_by_sources(read)
    _check_one_status_a_year(read["statuses"])
    read["figures"] = _with_disclosed_figures(read["figures"], disclosed_figures(records))
    _check_corrections(read)
    _check_no_ids(read, [disclosure.extraction.description.id for disclosure in records])
    return Disclosures(
        records=records,
        agencies=read["agencies"].sort_values("id", ignore_index=True),
        systems=read["systems"].sort_values("id", ignore_index=True),
        sources=read["sources"].sort_values("id", ignore_index=True),
        events=describe_events(read["events"]),
        figures=describe_figures(read["figures"], read["sources"]),
        headlines=read["headlines"]["figure"].tolist(),
        corrections=read["corrections"].sort_values(["date", "id"], ascending=[False, True], ignore_index=True),
        unknowns=read["unknowns"],
        statuses=read["statuses"].sort_values(["agency", "year_from", "id"], ignore_index=True),
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
            "a scope is field=value or field!=value, separated by semicolons, where each field is a record field",
            suggest(name, PUBLISHED, "use a field of the records, such as location"),
        )
        for index, scope in enumerate(figures["scope"])
        for name, _, _ in scope_conditions(scope)
        if name not in PUBLISHED
    ]
    if problems:
        raise DataError(problems)


def _check_dated_by_sources(tables: dict[str, pd.DataFrame]) -> None:
    """No figure's period ends after the source that reports it was published."""
    published = {source["id"]: source["date"] for source in tables["sources"].to_dict("records") if source["date"]}
    problems = [
        Problem(
            f"{folder}/{table}.csv",
            index + 2,
            column,
            row[column],
            f"{column} must not be after the source that reports it was published ({published[row['source']]})",
            "check the date against the source; a bound the source does not state is left blank",
        )
        for table, folder, column in (("figures", "disclosed", "period_end"),)
        for index, row in enumerate(tables[table].to_dict("records"))
        if row["source"] in published and _after(row[column], published[row["source"]])
    ]
    if problems:
        raise DataError(problems)


def _check_one_status_a_year(statuses: pd.DataFrame) -> None:
    """An agency's years have one stated status each: two rows whose years overlap (for the same
    system, or where either names none) would silently drop one."""
    rows = statuses.to_dict("records")
    problems = [
        Problem(
            "reference/statuses.csv",
            later + 2,
            "year_from",
            f"{row['year_from']}-{row['year_to']}",
            f"an agency's year has one status: this row's years overlap row {earlier + 2}'s ({other['status']})",
            "keep the one the sources support, or split the years between the two rows",
        )
        for later, row in enumerate(rows)
        for earlier, other in enumerate(rows[:later])
        if row["agency"] == other["agency"]
        and (not row["system"] or not other["system"] or row["system"] == other["system"])
        and int(row["year_from"]) <= int(other["year_to"])
        and int(other["year_from"]) <= int(row["year_to"])
    ]
    if problems:
        raise DataError(problems)


def _after(first: str, second: str) -> bool:
    """True when the date ``first`` certainly lies after ``second`` (either written to any precision)."""
    return bool(first) and Bound.parse(first).first > Bound.parse(second).last


def _check_corrections(tables: dict[str, pd.DataFrame]) -> None:
    """Each correction names what it changed: ids of figures, events, sources or agencies, or a page's path."""
    known = {name: set(tables[name]["id"]) for name in ("figures", "events", "sources", "agencies")}
    every = set().union(*known.values())
    problems = [
        Problem(
            "reference/corrections.csv",
            index + 2,
            "changed",
            changed,
            "each thing a correction changed must be the id of a figure, event, source or agency, or a page's path",
            suggest(changed, sorted(every), "correct the id; separate several with semicolons"),
        )
        for index, names in enumerate(tables["corrections"]["changed"])
        for changed in (name.strip() for name in names.split(";"))
        if changed not in every and not changed.startswith("/")
    ]
    if problems:
        raise DataError(problems)


#: The columns of free text a reader sees, by table.
FREE_TEXT = {
    "figures": ("measure_words", "period_note", "locator", "note"),
    "sources": ("title", "url_missing", "archive_missing", "strength_why", "original", "note"),
    "events": ("title", "note"),
    "unknowns": ("question", "known"),
    "corrections": ("wrong", "right", "why"),
    "statuses": ("body", "note"),
    "agencies": ("name", "aliases", "jurisdiction"),
    "systems": ("name", "short_name", "operator", "vendor", "note"),
}


def _check_no_ids(tables: dict[str, pd.DataFrame], disclosures: list[str]) -> None:
    """Free text never names an internal id of several words (of a figure, source, event, status,
    question, correction, disclosure, agency or system): a reader sees the words, not our keys."""
    tables_with_ids = ("figures", "sources", "events", "statuses", "unknowns", "corrections", "agencies", "systems")
    ids = {name for table in tables_with_ids for name in tables[table]["id"]} | set(disclosures)
    # An id of one word (lapd) is also a word of the language; one of several (lapd-2020) is ours
    ids = {name for name in ids if "-" in name}
    if not ids:
        return
    pattern = re.compile(
        r"(?<![\w./-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")(?![\w/-])"
    )
    folder = {"figures": "disclosed"}
    problems = [
        Problem(
            f"{folder.get(table, 'reference')}/{table}.csv",
            index + 2,
            column,
            found.group(1),
            "free text must not name an internal id: readers see the words, and an id means nothing to them",
            "name it in words: a figure by its number and period, a source by its publisher and date",
        )
        for table, columns in FREE_TEXT.items()
        for column in columns
        for index, text in enumerate(tables[table][column])
        if (found := pattern.search(text))
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

    ``per_month_low`` and ``per_month_high`` bound the rate for rates, and for totals the value
    divided by the length of the figure's own period (a range when the period's bounds or the
    value are); ``per_month_words`` says it; all are blank when the period has an open end.
    ``per_month``, their middle, only places a figure on a chart.
    """
    figures = figures.copy()
    figures["value"] = figures["value"].astype(int)
    figures["value_max"] = pd.to_numeric(figures["value_max"]).astype("Int64")
    periods = [Period.parse(s, e) for s, e in zip(figures["period_start"], figures["period_end"], strict=True)]
    figures["first_day"] = [p.first_day for p in periods]
    figures["last_day"] = [p.last_day for p in periods]
    # A bound given as a month or a year is a span of days: the latest start and earliest end
    figures["start_last"] = [p.start.last if p.start else None for p in periods]
    figures["end_first"] = [p.end.first if p.end else None for p in periods]
    figures["period_words"] = [p.words() for p in periods]
    figures["period_short"] = [p.short() for p in periods]
    figures["months"] = [p.months() for p in periods]

    # Say the number as the source did, and what it counts
    figures["value_words"] = [
        qualifiers.value_words(v, None if pd.isna(m) else int(m), q, w)
        for v, m, q, w in zip(
            figures["value"], figures["value_max"], figures["qualifier"], figures["qualifier_words"], strict=True
        )
    ]
    figures["qualifier_label"] = figures["qualifier"].map({name: each.label for name, each in QUALIFIERS.items()})
    figures["measure_label"] = figures["measure"].map(MEASURE_WORDS)
    figures["is_rate"] = figures["rate_per"] != ""

    # Average per month over each figure's own period (rates convert their unit): a range wherever
    # the figure is a range or a bound is a month or a year, since the period may be shorter
    rate_factor = figures["rate_per"].map(RATE_TO_MONTH).astype(float)
    spans = [p.months_range() or (None, None) for p in periods]
    shortest = pd.Series([short for short, _ in spans], index=figures.index, dtype=float)
    longest = pd.Series([long for _, long in spans], index=figures.index, dtype=float)
    top = figures["value_max"].astype(float).fillna(figures["value"].astype(float))
    figures["per_month_low"] = (figures["value"] * rate_factor).where(figures["is_rate"], figures["value"] / longest)
    figures["per_month_high"] = (top * rate_factor).where(figures["is_rate"], top / shortest)
    figures["per_month"] = (figures["per_month_low"] + figures["per_month_high"]) / 2
    figures["per_month_words"] = [
        "" if pd.isna(low) else qualifiers.per_month_words(low, high, qualifier)
        for low, high, qualifier in zip(
            figures["per_month_low"], figures["per_month_high"], figures["qualifier"], strict=True
        )
    ]
    figures["per_month_basis"] = (
        figures["rate_per"]
        .map({"day": "stated per day", "month": "stated per month", "year": "stated per year"})
        .fillna("average over the stated period")
        .where(figures["per_month"].notna(), "not comparable: open period")
    )

    figures["scope_words"] = figures["scope"].map(scope_words)

    # Carry each figure's source with it
    source_columns = sources.set_index("id")[
        ["url", "archived_url", "archive_checked", "publisher", "title", "date", "kind", "strength", "strength_why"]
    ]
    figures = figures.join(source_columns.add_prefix("source_"), on="source")
    return figures.sort_values(["agency", "first_day", "id"], na_position="first", ignore_index=True)


def scope_words(scope: str) -> str:
    """Return a figure's scope in words: ``location: Oxford Circus only``, ``all but location Dalston``."""
    return "; ".join(
        f"{name}: {value} only" if keep else f"all but {name} {value}" for name, keep, value in scope_conditions(scope)
    )


def describe_events(events: pd.DataFrame) -> pd.DataFrame:
    """Return the events, oldest first, with their dates as first days and in words.

    An event that follows another (``after``) comes after it, never before, even on the same
    day or when its date is vaguer; it must not be dated earlier than the event it follows.
    """
    events = events.copy()
    bounds = [Bound.parse(d) for d in events["date"]]  # an event's date is required
    events["first_day"] = [bound.first for bound in bounds]
    events["date_words"] = [bound.words() for bound in bounds]
    first_day = dict(zip(events["id"], events["first_day"], strict=True))
    after = dict(zip(events["id"], events["after"], strict=True))
    problems = [
        Problem(
            "reference/events.csv",
            index + 2,
            "after",
            cause,
            "an event must not be dated before the event it follows",
            "check both dates against their sources",
        )
        for index, (event, cause) in enumerate(after.items())
        if cause and first_day[event] < first_day[cause]
    ]
    if problems:
        raise DataError(problems)

    def depth(event: str) -> int:
        """How many events this one follows, one after another (a loop is refused)."""
        chain = [event]
        while after[chain[-1]]:
            if after[chain[-1]] in chain:
                raise DataError(
                    [
                        Problem(
                            "reference/events.csv",
                            None,
                            "after",
                            event,
                            "events must not follow each other in a loop",
                            "remove one of the after links",
                        )
                    ]
                )
            chain.append(after[chain[-1]])
        return len(chain) - 1

    events["follows"] = events["id"].map(depth)
    return events.sort_values(["first_day", "follows", "id"], ignore_index=True).drop(columns="follows")
