"""Validate the data folder against its Frictionless schemas and the disclosure rules.

Every problem is reported with the file, row, column, value, the rule broken and how to fix
it. Nothing is coerced: a table with a problem stops the build.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import ClassVar

import attrs
import pycountry
from frictionless import Check, Checklist, Package, errors

from .periods import Bound, Period, is_partial_date
from .problems import DataError, Problem
from .qualifiers import fits, states, unqualified
from .vocabulary import MEASURES


@attrs.define(frozen=True)
class Rule:
    """A rule across the cells of one row, which a schema cannot state."""

    resource: str
    column: str
    text: str
    fix: str
    holds: Callable[[dict], bool]


class RuleError(errors.CellError):
    """A row that breaks a :class:`Rule`."""

    type = "disclosure-rule"
    title = "Disclosure rule"
    description = "A row breaks a rule across its cells."
    template = 'Row "{rowNumber}", field "{fieldName}": {note}'


@attrs.define(kw_only=True, repr=False)
class RuleCheck(Check):
    """Frictionless check that applies every :class:`Rule` written for the resource."""

    type: ClassVar[str] = "disclosure-rules"
    Errors: ClassVar[list] = [RuleError]
    rules: list[Rule] = attrs.field(factory=list)

    def validate_row(self, row):
        for rule in self.rules:
            if rule.resource == self.resource.name and not _holds(rule, row):
                yield RuleError.from_row(row, note=rule.text, field_name=rule.column)


def _holds(rule: Rule, row) -> bool:
    try:
        return bool(rule.holds(row))
    except ValueError:
        return False


def _is_date(text: str | None) -> bool:
    """True unless ``text`` is written as a date but names no calendar day (the pattern catches the rest)."""
    return not text or not is_partial_date(text) or bool(Bound.parse(text))


#: A figure's numbers, and the columns whose rules compare its words with them.
NUMBERS = ("value", "value_max", "qualifier")
WORDS_OF = ("quote", "qualifier_words", "qualifier")


def _numbers_valid(row) -> bool:
    """True when a figure's numbers break no other rule, so that its words can be checked against them."""
    value, value_max = row["value"], row["value_max"]
    return (
        isinstance(value, int)
        and value >= 0
        and (value_max is None or isinstance(value_max, int))
        and (row["qualifier"] == "range") == (value_max is not None)
    )


def _population_complete(row, column: str) -> bool:
    """True when ``column`` is filled exactly when the agency has a population."""
    return (row["population"] is None) == (row[column] in (None, ""))


def _not_after_today(text: str | None) -> bool:
    """True unless ``text`` is a date that certainly lies after today (UTC): a date no source can
    have written yet, like 9999-12-31."""
    try:
        return not text or Bound.parse(text).first <= datetime.now(UTC).date()
    except ValueError:
        return True  # reported by the calendar-date rules


def _column_not_after_today(column: str) -> Callable[[dict], bool]:
    """Return the test that a row's ``column`` is not a date after today."""
    return lambda row: _not_after_today(row[column])


def _column_is_date(column: str) -> Callable[[dict], bool]:
    """Return the test that a row's ``column`` is a real calendar date, if it is written."""
    return lambda row: _is_date(row[column])


def _in_order(row) -> bool:
    try:
        period = Period.parse(row["period_start"] or "", row["period_end"] or "")
    except ValueError:
        return True  # reported by the calendar-date rules
    first, last = period.first_day, period.last_day
    return first is None or last is None or first <= last


RULES = [
    Rule(
        "figures",
        "value_max",
        "a range needs its upper number in value_max, above value",
        "write the upper number of the range in value_max, or change the qualifier",
        lambda row: row["qualifier"] != "range" or (row["value_max"] is not None and row["value_max"] > row["value"]),
    ),
    Rule(
        "figures",
        "value_max",
        "value_max is only for ranges",
        "leave value_max blank, or set the qualifier to range",
        lambda row: row["value_max"] is None or row["qualifier"] == "range",
    ),
    Rule(
        "figures",
        "period_start",
        "period_start must be a real calendar date",
        "check the day and month: YYYY, YYYY-MM or YYYY-MM-DD",
        lambda row: _is_date(row["period_start"]),
    ),
    Rule(
        "figures",
        "period_end",
        "period_end must be a real calendar date",
        "check the day and month: YYYY, YYYY-MM or YYYY-MM-DD",
        lambda row: _is_date(row["period_end"]),
    ),
    Rule(
        "figures",
        "period_end",
        "the period must not end before it starts",
        "swap period_start and period_end, or correct the one that is wrong",
        _in_order,
    ),
    Rule(
        "figures",
        "quote",
        "a figure needs its source's own sentence in quote, or the reason there is none in quote_missing",
        "copy the sentence that states the number into quote, or say in quote_missing why it cannot be quoted",
        lambda row: bool(row["quote"]) != bool(row["quote_missing"]),
    ),
    Rule(
        "figures",
        "locator",
        "a quote needs its place in the source: page, paragraph, table or timestamp",
        "say where the quote is, e.g. paragraph 4",
        lambda row: not row["quote"] or bool(row["locator"]),
    ),
    Rule(
        "figures",
        "quote",
        "the quote must state the figure's number (in digits or words), with its qualifier words right before it",
        "quote the sentence that states this number, or correct value, value_max or qualifier_words",
        lambda row: (
            not row["quote"]
            or not _numbers_valid(row)
            or states(row["quote"], row["value"], row["value_max"], row["qualifier_words"] or "")
        ),
    ),
    Rule(
        "figures",
        "qualifier_words",
        "the quote qualifies the number, so qualifier_words must say how",
        "copy the quote's word before the number (nearly, more than, about, ...) into qualifier_words",
        lambda row: (
            not row["quote"]
            or not _numbers_valid(row)
            or bool(row["qualifier_words"])
            or not unqualified(row["quote"], row["value"])
        ),
    ),
    Rule(
        "figures",
        "qualifier",
        "the qualifier must be what the source's words mean (nearly: at_most; more than, over: at_least; about: about)",
        "set the qualifier the words mean; new words go in qualifiers.WORDS with their meaning",
        lambda row: not _numbers_valid(row) or fits(row["qualifier"], row["qualifier_words"] or ""),
    ),
    Rule(
        "sources",
        "url",
        "a source needs its public address in url, or why it has none (and where to get it) in url_missing",
        "add the address, or say in url_missing why there is none and where a reader can get the source",
        lambda row: bool(row["url"]) != bool(row["url_missing"]),
    ),
    Rule(
        "sources",
        "archived_url",
        "a source needs an archived copy in archived_url, or why it has none in archive_missing",
        "add https://web.archive.org/web/<date>/<url>, or say in archive_missing why there is none",
        lambda row: bool(row["archived_url"]) != bool(row["archive_missing"]),
    ),
    Rule(
        "sources",
        "strength_why",
        "a secondary or weak source needs the reason in strength_why, and only those have one",
        "say in a few words why the source is secondary or weak (a reprint of ..., a vendor's blog), or clear it",
        lambda row: (row["strength"] in ("secondary", "weak")) == bool(row["strength_why"]),
    ),
    Rule(
        "agencies",
        "country",
        "country must be an ISO 3166 two-letter country code",
        "write the country's code, like US or GB (GB is the United Kingdom)",
        lambda row: (
            len(row["country"] or "") != 2
            or not row["country"].isupper()  # the schema's pattern says so
            or pycountry.countries.get(alpha_2=row["country"]) is not None
        ),
    ),
    Rule(
        "agencies",
        "population_year",
        "a population needs the year it counts, and a year goes only with a population",
        "write the year the source's count is for (2020 for the 2020 Census), or clear the year",
        lambda row: _population_complete(row, "population_year"),
    ),
    Rule(
        "agencies",
        "population_source",
        "a population needs its source in population_source, and a source goes only with a population",
        "add the source to sources.csv and write its id here, or clear population_source",
        lambda row: _population_complete(row, "population_source"),
    ),
    Rule(
        "agencies",
        "population_quote",
        "a population needs its source's own sentence in population_quote, and a quote goes only with a population",
        "copy the sentence that states the population into population_quote, or clear it",
        lambda row: _population_complete(row, "population_quote"),
    ),
    Rule(
        "agencies",
        "population_quote",
        "the quote must state the population's number (in digits or words)",
        "quote the sentence that states this number, or correct population",
        lambda row: (
            not row["population_quote"]
            or not isinstance(row["population"], int)
            or states(row["population_quote"], row["population"], None, "")
        ),
    ),
    Rule(
        "events",
        "date",
        "date must be a real calendar date",
        "check the day and month: YYYY, YYYY-MM or YYYY-MM-DD",
        lambda row: _is_date(row["date"]),
    ),
    Rule(
        "statuses",
        "year_to",
        "year_to must not be before year_from",
        "swap year_from and year_to, or correct the one that is wrong",
        lambda row: row["year_to"] is None or row["year_from"] is None or row["year_to"] >= row["year_from"],
    ),
    Rule(
        "statuses",
        "year_from",
        "a status needs both its years, or (for a request that names none) neither; a report to a body and a"
        " year not yet asked about always have them",
        "write the first and last year the request asked about or the source states; never work them out",
        lambda row: (
            (row["year_from"] is None) == (row["year_to"] is None)
            and (row["year_from"] is not None or row["status"] in ("answered", "refused", "requested"))
        ),
    ),
    Rule(
        "statuses",
        "source",
        "a refusal, a request or a report to a body needs its source: the refusal, the request, or what says so",
        "add the request or the refusal to sources.csv and put its id in source",
        lambda row: row["status"] == "not_yet_requested" or bool(row["source"]),
    ),
    Rule(
        "statuses",
        "body",
        "a status of reported_to_body needs the body the agency reports to, and only that status has one",
        "name the board, council or legislature as the source does, or clear body",
        lambda row: (row["status"] == "reported_to_body") == bool(row["body"]),
    ),
    Rule(
        "statuses",
        "answered_on",
        "answered_on is only for a request answered or refused",
        "leave answered_on blank, or set the status to answered or refused",
        lambda row: row["answered_on"] is None or row["status"] in ("answered", "refused"),
    ),
    Rule(
        "statuses",
        "answered_on",
        "a request cannot be answered before it was made",
        "check both dates against the request's page",
        lambda row: (
            not (row["answered_on"] and row["requested_on"]) or not _before(row["answered_on"], row["requested_on"])
        ),
    ),
    Rule(
        "statuses",
        "due_on",
        "due_on is for a request: it needs requested_on, and no earlier date",
        "write the day the request was made in requested_on, or clear due_on",
        lambda row: (
            not row["due_on"] or (bool(row["requested_on"]) and not _before(row["due_on"], row["requested_on"]))
        ),
    ),
    Rule(
        "obligations",
        "agency",
        "a duty binds one agency, or every agency of one region or one jurisdiction: exactly one of the three",
        "fill in agency for one agency's duty, region for a state law's, jurisdiction for a city ordinance's",
        lambda row: sum(bool(row[column]) for column in ("agency", "region", "jurisdiction")) == 1,
    ),
    Rule(
        "obligations",
        "due_by",
        "an annual duty needs the day of the year its report is due (MM-DD, a day every year has), a duty owed"
        " once its date (YYYY-MM-DD), and the others none",
        "copy the deadline from the quote: 02-01 for 'on or before February 1 each year'",
        lambda row: _due_fits(row["frequency"], row["due_by"] or ""),
    ),
    Rule(
        "obligations",
        "due_by",
        "a duty owed once cannot be due before it starts",
        "check both dates against the instrument",
        lambda row: (
            row["frequency"] != "once"
            or not _due_fits("once", row["due_by"] or "")
            or row["starts"] is None
            or date.fromisoformat(row["due_by"]) >= row["starts"]
        ),
    ),
    Rule(
        "obligations",
        "grace_days",
        "grace_days is only for weekly, monthly and quarterly duties",
        "clear grace_days, or set the frequency the source states",
        lambda row: row["grace_days"] is None or row["frequency"] in ("weekly", "monthly", "quarterly"),
    ),
    Rule(
        "obligations",
        "ends",
        "a duty cannot end before it starts",
        "check both dates against the instrument",
        lambda row: row["ends"] is None or row["starts"] is None or row["ends"] >= row["starts"],
    ),
    Rule(
        "obligations",
        "measures",
        "measures must be the site's measure codes, joined by semicolons",
        "use codes from figures.csv's measure column: " + ", ".join(MEASURES),
        lambda row: all(
            measure.strip() in MEASURES for measure in (row["measures"] or "").split(";") if measure.strip()
        ),
    ),
    Rule(
        "obligations",
        "country",
        "country must be an ISO 3166 two-letter country code",
        "write the country's code, like US or GB (GB is the United Kingdom)",
        lambda row: len(row["country"] or "") != 2 or pycountry.countries.get(alpha_2=row["country"]) is not None,
    ),
    *[
        Rule(
            "statuses",
            column,
            f"{column} must be a real calendar date",
            "check the day and month: YYYY, YYYY-MM or YYYY-MM-DD",
            _column_is_date(column),
        )
        for column in ("requested_on", "answered_on", "due_on")
    ],
    Rule(
        "sources",
        "date",
        "date must be a real calendar date",
        "check the day and month: YYYY, YYYY-MM or YYYY-MM-DD",
        lambda row: _is_date(row["date"]),
    ),
    *[
        Rule(
            table,
            column,
            f"{column} must not be after today: no source has been written, read or corrected in the future",
            "check the year; write the date as the source gives it",
            _column_not_after_today(column),
        )
        for table, column in [
            ("sources", "date"),
            ("sources", "accessed"),
            ("events", "date"),
            ("corrections", "date"),
            ("statuses", "requested_on"),
            ("statuses", "answered_on"),
        ]
    ],
    Rule(
        "sources",
        "accessed",
        "accessed must not be before the source's date: we cannot have read it before it was published",
        "write the day you read the source",
        lambda row: not (row["accessed"] and row["date"]) or not _before(row["accessed"], row["date"]),
    ),
]


def _due_fits(frequency: str, due_by: str) -> bool:
    """True when ``due_by`` is what the frequency needs: a day of the year, a date, or nothing."""
    if frequency == "annual":
        try:
            return len(due_by) == 5 and bool(date.fromisoformat(f"2023-{due_by}"))  # every year has the day
        except ValueError:
            return False
    if frequency == "once":
        return _is_date(due_by) and len(due_by) == 10
    return not due_by


def _before(first: str, second: str) -> bool:
    """True when the date ``first`` certainly lies before ``second`` (either written to any precision)."""
    try:
        return Bound.parse(first).last < Bound.parse(second).first
    except ValueError:
        return False  # reported by the calendar-date rules


def validate(data_dir: Path) -> None:
    """Check every table in ``data_dir/datapackage.json``; raise DataError listing all problems.

    The files are read first as files (present, UTF-8, one row per line), so that a problem
    with one file is reported once, against that file, before any table is compared with
    another.
    """
    problems = check_files(data_dir)
    if problems:
        raise DataError(problems)
    package = Package(data_dir / "datapackage.json")
    # Each reference to another table is checked here, against each table's ids read once (frictionless
    # would read the referenced tables again for every table and reference: most of its time)
    references = {resource.name: resource.schema.foreign_keys for resource in package.resources}
    for resource in package.resources:
        resource.schema.foreign_keys = []
    report = package.validate(checklist=Checklist(checks=[RuleCheck(rules=RULES)]))
    problems = []
    for task in report.tasks:
        header_wrong = any(error.type.endswith("-label") for error in task.errors)
        # A number that breaks the schema is reported once, not again as a mismatch with its quote
        numbers_wrong = {
            error.row_number
            for error in task.errors
            if error.type in ("type-error", "constraint-error") and error.field_name in NUMBERS
        }
        problems += [
            _problem(package, task.name, error)
            for error in task.errors
            if error.type != "primary-key"  # reported as the unique-error of the same cell
            and not (header_wrong and error.type in ("extra-cell", "missing-cell"))  # the header's fault, said once
            and not (
                error.type == "disclosure-rule" and error.row_number in numbers_wrong and error.field_name in WORDS_OF
            )
        ]
    problems += _references(package, references)
    problems += [
        Problem(str(data_dir / "datapackage.json"), None, "", "", str(e), "correct the package descriptor")
        for e in report.errors
    ]
    if problems:
        raise DataError(problems)


def check_files(data_dir: Path) -> list[Problem]:
    """Return the problems of the package's files as files: missing, not JSON, not UTF-8, rows over several lines."""
    descriptor = data_dir / "datapackage.json"
    restore = "restore it from the project's data/ folder, or start a data folder with python -m disclosures new"
    if not descriptor.is_file():
        return [Problem(str(descriptor), None, "", "", "the data folder must have its datapackage.json", restore)]
    try:
        package = json.loads(descriptor.read_text(encoding="utf-8"))
        resources = [(r["path"], r["schema"]) for r in package["resources"]]
    except (ValueError, KeyError, TypeError) as error:
        where = f"line {error.lineno}, column {error.colno}" if isinstance(error, json.JSONDecodeError) else None
        rule = f"datapackage.json must be JSON listing resources with a path and a schema ({error})"
        return [Problem(str(descriptor), where, "", "", rule, restore)]
    outside = [
        Problem(
            str(descriptor),
            None,
            "path" if path is table else "schema",
            str(path)[:120],
            "a table and its schema must be files inside the data folder, named relative to it",
            restore,
        )
        for table, schema in resources
        for path in (table, schema)
        if not _inside(data_dir, path)
    ]
    if outside:
        return outside
    problems = []
    for table, schema in resources:
        problems += _check_json(data_dir / schema, restore) + _check_table(data_dir / table)
    return problems


def _inside(folder: Path, path) -> bool:
    """Whether ``path`` is a relative path naming a file in ``folder``, once links are followed."""
    return isinstance(path, str) and (folder / path).resolve().is_relative_to(folder.resolve())


#: Characters no cell may hold: controls other than tab and line ends, and Unicode's non-characters.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")


def _check_json(path: Path, restore: str) -> list[Problem]:
    if not path.is_file():
        return [Problem(str(path), None, "", "", "every table's schema must exist", restore)]
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        return [Problem(str(path), None, "", "", f"the schema must be JSON ({error})", restore)]
    return []


def _check_table(path: Path) -> list[Problem]:
    """A table must exist, be UTF-8 and hold one row per line (a stray quote must never merge rows)."""
    if not path.is_file():
        return [Problem(str(path), None, "", "", "every table in datapackage.json must exist", "restore the file")]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return [
            Problem(
                str(path),
                f"line {line}",
                "",
                f"byte 0x{data[error.start]:02x} at offset {error.start}",
                "the file must be UTF-8",
                "save it as UTF-8 (in a spreadsheet: CSV UTF-8); the byte is probably an accented letter",
            )
        ]
    if not text.strip():
        return [Problem(str(path), None, "", "", "a table must have its header row", "write the header row")]
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows)
    problems = []
    for number, cells in enumerate(rows, start=2):
        for column, cell in zip(header, cells, strict=False):
            if found := INVISIBLE.search(cell):
                problems.append(
                    Problem(
                        str(path),
                        number,
                        column,
                        INVISIBLE.sub(lambda character: f"\\u{ord(character.group()):04x}", cell)[:60],
                        f"a cell must not hold a control or non-character (U+{ord(found.group()):04X}): it is invisible"
                        " on the page, breaks the feeds and the chart renderer",
                        "delete the character (it often comes from copying out of a PDF or a spreadsheet)",
                    )
                )
            elif "\n" in cell or "\r" in cell:
                problems.append(
                    Problem(
                        str(path),
                        number,
                        column,
                        cell.splitlines()[0][:60] + "…",
                        "a cell must not run over several lines: a quote opened in it is not closed on its line,"
                        " so the lines after it would be read into it",
                        'close the quote; a quote that belongs in the text is written twice ("")',
                    )
                )
                return problems
    return problems


def _problem(package: Package, name: str, error) -> Problem:
    resource = package.get_resource(name)
    assert resource.path is not None  # every resource of the package is a file
    file = str(Path(resource.basepath or "") / resource.path)
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", "") or ""
    value = str(getattr(error, "cell", None) or "")
    field = resource.schema.get_field(column) if column and resource.schema.has_field(column) else None
    if error.type == "disclosure-rule":
        rule = next(r for r in RULES if r.resource == name and r.column == column and r.text == error.note)
        cells = error.cells
        return Problem(
            file,
            row,
            column,
            cells[error.field_number - 1] if error.field_number <= len(cells) else "",
            rule.text,
            rule.fix,
        )
    return Problem(file, row, column, value, *_explain(error, field, resource.schema.field_names))


TYPES = {"integer": "a whole number", "number": "a number", "date": "a date", "boolean": "true or false"}


def _explain(error, field, names: list[str]) -> tuple[str, str]:
    """Return the rule and the fix for a schema error, in words (``names``: the schema's columns)."""
    example = field.example if field is not None else ""
    constraints = field.constraints if field is not None else {}
    if error.type == "missing-label":
        return (
            f"the header must have the column {error.field_name!r}",
            "add the column to the header, with a cell in every row",
        )
    if error.type in ("extra-label", "blank-label", "duplicate-label", "incorrect-label"):
        return (
            f"the header's column {error.field_number} must be named as the schema says",
            "write the header's columns in the schema's order: " + ", ".join(names),
        )
    if error.type == "extra-cell":
        return (
            "a row must not have more cells than the header",
            "remove the extra cell, or quote a cell that holds a comma",
        )
    if error.type == "missing-cell":
        return "a row must have a cell for every column", "add the missing cells (an empty cell is fine)"
    if error.type == "blank-row":
        return "a table must have no blank rows", "remove the blank row"
    if error.type == "type-error":
        fix = f"write digits only, like {example}" if field.type == "integer" else f"write it like {example}"
        return f"{field.name} must be {TYPES.get(field.type, field.type)}", fix
    if error.type == "unique-error":
        return f"{error.field_name} must be unique", f"give this row its own {error.field_name}; {error.note}"
    if error.type == "constraint-error":
        constraint = error.note.split('"')[1]
        if constraint == "required":
            return f"{field.name} is required", f"fill it in: {field.description}"
        if constraint == "enum":
            return f"{field.name} must be one of the allowed words", "use one of: " + ", ".join(constraints["enum"])
        if constraint == "minimum":
            return (
                f"{field.name} must be at least {constraints['minimum']}",
                "write the number as disclosed, never negative",
            )
        if constraint == "maximum":
            return (
                f"{field.name} must be at most {constraints['maximum']:,}",
                "check the number against the source: no disclosure counts that many",
            )
        if constraint == "maxLength":
            return (
                f"{field.name} must be at most {constraints['maxLength']:,} characters",
                "shorten it: pages, charts and the one-page brief show it whole; put the rest in the source",
            )
        if constraint == "pattern":
            return f"{field.name} must match {constraints['pattern']}", f"write it like {example!r}"
    return error.note, error.description


def _references(package: Package, references: dict[str, list[dict]]) -> list[Problem]:
    """Every cell that must be an id of another table (its schema's foreign keys) and is not one."""
    ids: dict[str, set[str]] = {}
    problems = []
    for name, keys in references.items():
        resource = package.get_resource(name)
        file = Path(resource.basepath or "") / str(resource.path)
        rows = _rows(file)
        for key in keys:
            column, reference = key["fields"][0], key["reference"]["resource"]
            if not package.has_resource(reference):
                descriptor = str(Path(package.basepath or "") / "datapackage.json")
                rule = f"{column} of {name}.csv must be an id in {reference}.csv, which the package does not list"
                problems.append(Problem(descriptor, None, "", "", rule, f"restore the {reference} resource to it"))
                continue
            if reference not in ids:
                referenced = package.get_resource(reference)
                known = _rows(Path(referenced.basepath or "") / str(referenced.path))
                ids[reference] = {row.get(key["reference"]["fields"][0], "") for row in known}
            problems += [
                Problem(
                    str(file),
                    number,
                    column,
                    row[column],
                    f"{column} must be an id in {reference}.csv",
                    _fix_foreign_key(ids[reference], reference, row[column]),
                )
                for number, row in enumerate(rows, start=2)
                if row.get(column) and row[column] not in ids[reference]
            ]
    return problems


def _rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file that has passed ``check_files``."""
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _fix_foreign_key(ids: set[str], reference: str, value: str) -> str:
    known = sorted(ids - {""})
    close = difflib.get_close_matches(value, known, n=3)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    return f"{hint}use an id from {reference}.csv, or add a row for {value!r} there first"
