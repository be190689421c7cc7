"""Checks across tables, once each table has passed its own schema and rules (``validate``): ids that
must name rows of another table or file, dates that must agree with their source's, years that must
not overlap, figure ids that must not repeat, and free text that must not name an id. Every problem
found is reported at once."""

from __future__ import annotations

import re

import pandas as pd

from .periods import Bound
from .problems import DataError, Problem, suggest
from .records.extraction import Disclosure
from .records.ingest import PUBLISHED
from .records.series import scope_conditions


def check(tables: dict[str, pd.DataFrame], records: list[Disclosure], disclosed: pd.DataFrame) -> None:
    """Raise DataError listing every problem across ``tables`` (as read), the record-level disclosures'
    descriptions and the ``disclosed`` figures they state."""
    problems = (
        references(records, tables)
        + scopes(tables["figures"])
        + dated_by_sources(tables)
        + one_status_a_year(tables["statuses"])
        + unique_figure_ids(tables["figures"], disclosed)
        + corrections(tables, disclosed)
        + no_ids(tables, disclosed, [disclosure.extraction.description.id for disclosure in records])
    )
    if problems:
        raise DataError(problems)


def references(records: list[Disclosure], tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Each description's agency, system and source must be rows of the reference tables."""
    return [
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


def scopes(figures: pd.DataFrame) -> list[Problem]:
    """A figure's scope (``field=value; ...``) must name record fields."""
    return [
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


def dated_by_sources(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """No figure's period ends after the source that reports it was published."""
    published = {source["id"]: source["date"] for source in tables["sources"].to_dict("records") if source["date"]}
    return [
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


def one_status_a_year(statuses: pd.DataFrame) -> list[Problem]:
    """An agency's years have one stated status each: two rows whose years overlap (for the same
    system, or where either names none) would silently drop one."""
    rows = [row if row["year_from"] else {**row, "agency": None} for row in statuses.to_dict("records")]
    return [
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
        if row["agency"] is not None
        and row["agency"] == other["agency"]
        and (not row["system"] or not other["system"] or row["system"] == other["system"])
        and int(row["year_from"]) <= int(other["year_to"])
        and int(other["year_from"]) <= int(row["year_to"])
    ]


def _after(first: str, second: str) -> bool:
    """True when the date ``first`` certainly lies after ``second`` (either written to any precision)."""
    return bool(first) and Bound.parse(first).first > Bound.parse(second).last


def unique_figure_ids(figures: pd.DataFrame, disclosed: pd.DataFrame) -> list[Problem]:
    """The figures that disclosures state must not reuse an id of figures.csv."""
    clashes = sorted(set(figures["id"]) & set(disclosed["id"])) if not disclosed.empty else []
    return [
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


def corrections(tables: dict[str, pd.DataFrame], disclosed: pd.DataFrame) -> list[Problem]:
    """Each correction names what it changed: ids of figures, events, sources or agencies, or a page's path."""
    known = {name: set(tables[name]["id"]) for name in ("figures", "events", "sources", "agencies")}
    known["disclosed"] = set(disclosed["id"]) if not disclosed.empty else set()
    every = set().union(*known.values())
    return [
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


#: The columns of free text a reader sees, by table.
FREE_TEXT = {
    "figures": ("measure_words", "period_note", "locator", "note"),
    "sources": ("title", "url_missing", "archive_missing", "strength_why", "original", "note"),
    "events": ("title", "note"),
    "unknowns": ("question", "known"),
    "corrections": ("wrong", "right", "why"),
    "statuses": ("body", "note"),
    "obligations": ("obligor", "body", "fields", "condition", "locator", "note"),
    "agencies": ("name", "aliases", "jurisdiction"),
    "systems": ("name", "short_name", "operator", "vendor", "note"),
}


def no_ids(tables: dict[str, pd.DataFrame], disclosed: pd.DataFrame, disclosures: list[str]) -> list[Problem]:
    """Free text never names an internal id of several words (of a figure, source, event, status,
    question, correction, disclosure, agency or system): a reader sees the words, not our keys."""
    tables_with_ids = (
        "figures",
        "sources",
        "events",
        "statuses",
        "obligations",
        "unknowns",
        "corrections",
        "agencies",
        "systems",
    )
    ids = {name for table in tables_with_ids for name in tables[table]["id"]} | set(disclosures)
    ids |= set(disclosed["id"]) if not disclosed.empty else set()
    # An id of one word (lapd) is also a word of the language; one of several (lapd-2020) is ours
    ids = {name for name in ids if "-" in name}
    if not ids:
        return []
    pattern = re.compile(
        r"(?<![\w./-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")(?![\w/-])"
    )
    folder = {"figures": "disclosed"}
    return [
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
