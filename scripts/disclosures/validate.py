"""Validate the data folder against its Frictionless schemas and the disclosure rules.

Every problem is reported with the file, row, column, value, the rule broken and how to fix
it. Nothing is coerced: a table with a problem stops the build.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import attrs
from frictionless import Check, Checklist, Package, errors

from .periods import Bound, Period, is_partial_date
from .problems import DataError, Problem


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


def _in_order(row) -> bool:
    try:
        period = Period.parse(row["period_start"] or "", row["period_end"] or "")
    except ValueError:
        return True  # reported by the calendar-date rules
    return not period.is_closed or period.first_day <= period.last_day


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
        "events",
        "date",
        "date must be a real calendar date",
        "check the day and month: YYYY, YYYY-MM or YYYY-MM-DD",
        lambda row: _is_date(row["date"]),
    ),
    Rule(
        "sources",
        "date",
        "date must be a real calendar date",
        "check the day and month: YYYY, YYYY-MM or YYYY-MM-DD",
        lambda row: _is_date(row["date"]),
    ),
]


def validate(data_dir: Path) -> None:
    """Check every table in ``data_dir/datapackage.json``; raise DataError listing all problems."""
    package = Package(data_dir / "datapackage.json")
    report = package.validate(checklist=Checklist(checks=[RuleCheck(rules=RULES)]))
    problems = [
        _problem(package, task.name, error)
        for task in report.tasks
        for error in task.errors
        if error.type != "primary-key"  # reported as the unique-error of the same cell
    ]
    problems += [
        Problem(str(data_dir / "datapackage.json"), None, "", "", str(e), "correct the package descriptor")
        for e in report.errors
    ]
    if problems:
        raise DataError(problems)


def _problem(package: Package, name: str, error) -> Problem:
    resource = package.get_resource(name)
    file = str(Path(resource.basepath or "") / resource.path)
    row = getattr(error, "row_number", None)
    if error.type == "foreign-key":
        column, value = error.field_names[0], error.field_cells[0]
        return Problem(
            file,
            row,
            column,
            value,
            f"{column} must be an id in {error.reference_name}.csv",
            _fix_foreign_key(package, error.reference_name, value),
        )
    column = getattr(error, "field_name", "") or ""
    value = str(getattr(error, "cell", None) or "")
    field = resource.schema.get_field(column) if column and resource.schema.has_field(column) else None
    if error.type == "disclosure-rule":
        rule = next(r for r in RULES if r.resource == name and r.column == column and r.text == error.note)
        return Problem(file, row, column, error.cells[error.field_number - 1], rule.text, rule.fix)
    return Problem(file, row, column, value, *_explain(error, field))


def _explain(error, field) -> tuple[str, str]:
    """Return the rule and the fix for a schema error, in words."""
    example = field.example if field is not None else ""
    constraints = field.constraints if field is not None else {}
    if error.type == "type-error":
        return f"{field.name} must be a whole number", f"write digits only, like {example}"
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
        if constraint == "pattern":
            return f"{field.name} must match {constraints['pattern']}", f"write it like {example!r}"
    return error.note, error.description


def _fix_foreign_key(package: Package, reference: str, value: str) -> str:
    known = sorted({row["id"] for row in package.get_resource(reference).read_rows()})
    close = difflib.get_close_matches(value, known, n=3)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    return f"{hint}use an id from {reference}.csv, or add a row for {value!r} there first"
