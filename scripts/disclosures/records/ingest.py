"""Ingest: turn a raw table into records, accounting for every row.

Each row read ends up in exactly one place: clean, a duplicate of an earlier row, or
rejected with its reason. Only allow-listed fields leave this module; users become
pseudonyms; subjects and free text are never copied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from ..validate import DataError, Problem
from .describe import Description
from .fields import (
    FIELDS,
    ValueProblem,
    parse_count,
    parse_date,
    parse_decimal,
    parse_duration,
    parse_period_bound,
)
from .readers import RawTable

#: What a record publishes, in order. Raw crime types, statuses and case numbers stay behind.
PUBLISHED = [
    "date",
    "period_start",
    "period_end",
    "location",
    "duration_minutes",
    "purpose",
    "purpose_category",
    "watchlist_size",
    "threshold",
    "alerts",
    "true_alerts",
    "true_alerts_confirmed",
    "true_alerts_unconfirmed",
    "false_alerts",
    "false_alerts_confirmed",
    "false_alerts_unconfirmed",
    "true_alert_engagements",
    "false_alert_engagements",
    "false_alert_rate_stated",
    "arrests",
    "other_disposals",
    "no_action",
    "faces_scanned",
    "searches",
    "requests",
    "matches",
    "crime_category",
    "outcome",
    "user",
    "has_case_number",
]
ACCOUNT = ["source_row", "status", "reason", "duplicate_of"]
PARSERS = {"count": parse_count, "decimal": parse_decimal, "duration": parse_duration}


@dataclass
class Extraction:
    """The records of one disclosure, every row accounted for."""

    description: Description
    records: pd.DataFrame
    skipped: dict[str, int] = field(default_factory=dict)

    def accounts(self) -> dict[str, int]:
        """Return rows read, clean, duplicate and rejected; raise if they do not balance."""
        status = self.records["status"].value_counts()
        counts = {"read": len(self.records), **{s: int(status.get(s, 0)) for s in ("clean", "duplicate", "rejected")}}
        if counts["read"] != counts["clean"] + counts["duplicate"] + counts["rejected"]:
            raise DataError(
                [
                    Problem(
                        self.description.id,
                        None,
                        "status",
                        str(counts),
                        "rows read must equal clean + duplicates + rejected",
                        "every row needs the status clean, duplicate or rejected",
                    )
                ]
            )
        return counts


def ingest(table: RawTable, description: Description, description_path: Path, raw_path: Path) -> Extraction:
    """Return the records of ``table`` as ``description`` says, or raise DataError for the description's faults."""
    _check_columns(table, description, description_path)
    rows = pd.DataFrame([cells for _, cells in table.rows], columns=table.columns, dtype=object)
    rows.insert(0, "source_row", [where for where, _ in table.rows])
    rows = _correct(rows, description, description_path)

    # Map raw columns to fields, then set each row's status
    mapped = pd.DataFrame({"source_row": rows["source_row"]})
    for column, name in description.columns.items():
        mapped[name] = rows[column].map(lambda value: "" if value is None else value)
    for column, pattern in description.extract.items():
        parts = rows[column].astype(str).str.extract(pattern.pattern)
        for name in parts.columns:
            mapped[name] = parts[name].fillna("")
    records = pd.DataFrame({"source_row": rows["source_row"], "status": "clean", "reason": "", "duplicate_of": ""})
    _reject_not_records(mapped, rows, records, description)
    _check_unnamed(rows[records["status"] == "clean"], raw_path)
    parsed = _parse(mapped, records, description, raw_path)
    _apply_vocabularies(parsed, description)
    for total, parts in description.sums.items():
        parsed[total] = parsed[parts].sum(axis=1, min_count=len(parts)).astype("Int64")
    for column, name in description.pseudonymise.items():
        parsed[name] = _pseudonyms(rows[column], description.redacted)
    parsed["has_case_number"] = parsed["case_number"].ne("") if "case_number" in parsed else pd.NA
    for name in PUBLISHED:
        if name not in parsed:
            parsed[name] = pd.NA
    records = pd.concat([records, parsed[PUBLISHED]], axis=1)
    _mark_duplicates(records, description)
    return Extraction(description, records, dict(sorted(table.skipped.items())))


def _check_columns(table: RawTable, description: Description, path: Path) -> None:
    described = [*description.columns, *description.pseudonymise, *description.drop, *description.extract]
    problems = [
        Problem(
            str(path),
            table.header_at,
            column,
            column,
            "the description names a column the raw file does not have",
            f"use one of the raw file's columns: {', '.join(c for c in table.columns if c)}",
        )
        for column in described
        if column not in table.columns
    ]
    problems += [
        Problem(
            str(path),
            table.header_at,
            column,
            column,
            "every column of the raw file must be described",
            "map it under columns, or list it under pseudonymise or drop",
        )
        for column in table.columns
        if column and column not in described
    ]
    if problems:
        raise DataError(problems)


def _correct(rows: pd.DataFrame, description: Description, path: Path) -> pd.DataFrame:
    """Apply the reviewed corrections; each must still find the value it corrects."""
    problems = []
    for correction in description.corrections:
        at = rows.index[rows["source_row"] == correction.at]
        current = str(rows.at[at[0], correction.column]) if len(at) and correction.column in rows else None
        if current != correction.was:
            problems.append(
                Problem(
                    str(path),
                    correction.at,
                    correction.column,
                    str(current),
                    f"the correction expects {correction.was!r} here",
                    "check the correction against the raw file, or remove it",
                )
            )
        else:
            rows.at[at[0], correction.column] = correction.value
    if problems:
        raise DataError(problems)
    return rows


def _check_unnamed(rows: pd.DataFrame, raw_path: Path) -> None:
    if "" not in rows:
        return
    unnamed = rows.loc[:, rows.columns == ""].astype(str).agg(" ".join, axis=1).str.strip()
    if unnamed.any():
        raise DataError(
            [
                Problem(
                    str(raw_path),
                    where,
                    "",
                    value,
                    "a value lies in a column the description leaves unnamed",
                    "name that position in reader.column_names",
                )
                for where, value in zip(rows.loc[unnamed != "", "source_row"], unnamed[unnamed != ""], strict=True)
            ]
        )


def _reject_not_records(mapped: pd.DataFrame, rows: pd.DataFrame, records: pd.DataFrame, description: Description):
    """Reject the rows that a not_records rule matches; rules name record fields or raw columns."""
    for rule in description.not_records:
        matches = pd.Series(True, index=mapped.index)
        for name, pattern in rule.where.items():
            values = mapped[name] if name in mapped else rows[name]
            matches &= values.map(lambda value: "" if value is None else str(value)).str.fullmatch(
                pattern, flags=re.DOTALL
            )
        _reject(records, matches & (records["status"] == "clean"), rule.reason)


def _reject(records: pd.DataFrame, which: pd.Series, reason: str, values: pd.Series | None = None) -> None:
    """Reject the rows in ``which`` with ``reason``, where ``{value}`` stands for each row's value."""
    records.loc[which, "status"] = "rejected"
    records.loc[which, "reason"] = (
        values[which].map(lambda value: reason.format(value=value)) if values is not None else reason
    )


def _parse(mapped: pd.DataFrame, records: pd.DataFrame, description: Description, raw_path: Path) -> pd.DataFrame:
    """Parse each mapped field; a bad value rejects its row, a date in no declared format is an error."""
    parsed = pd.DataFrame(index=mapped.index)
    undated = []
    for name in mapped.columns.drop("source_row"):
        kind = FIELDS.get(name, "text")
        values = mapped[name]
        is_blank = values.map(lambda value: _is_blank(value, description.blank))
        if kind in ("date", "period"):
            parsed[name], unreadable = _parse_dates(name, values, is_blank, records, description, kind)
            undated += [(where, name, str(value)) for where, value in unreadable]
        elif kind in PARSERS:
            parsed[name] = _parse_values(name, PARSERS[kind], values, is_blank, records)
            if kind == "count":
                parsed[name] = parsed[name].astype("Int64")
        else:
            parsed[name] = values.where(~is_blank, "").map(str)
    if undated:
        formats = ", ".join(description.dates) or "none declared"
        raise DataError(
            [
                Problem(
                    str(raw_path),
                    where,
                    name,
                    value,
                    f"the date matches none of the declared formats ({formats})",
                    "add its format to dates in the description, or correct the cell under corrections",
                )
                for where, name, value in undated
            ]
        )
    return parsed


def _is_blank(value, blank: list[str]) -> bool:
    if value is None or (not isinstance(value, str) and not hasattr(value, "year") and pd.isna(value)):
        return True
    return isinstance(value, str) and value.strip() in blank


def _parse_dates(
    name: str, values: pd.Series, is_blank: pd.Series, records: pd.DataFrame, description: Description, kind: str
):
    """Return the dates (or period bounds) as ISO text, and the (row, value) pairs that match no declared format."""
    parse = parse_period_bound if kind == "period" else parse_date
    dates = values.map(
        lambda value: None if value is None else parse(value, description.dates, description.excel_serial_dates)
    )
    live = records["status"] == "clean"
    unreadable = list(
        zip(
            records.loc[live & ~is_blank & dates.isna(), "source_row"],
            values[live & ~is_blank & dates.isna()],
            strict=True,
        )
    )
    _reject(records, live & is_blank, f"{name}: no date")
    received = description.raw.received
    iso = dates.map(lambda day: day.isoformat() if isinstance(day, date) else (day if isinstance(day, str) else pd.NA))
    future = (records["status"] == "clean") & iso.map(lambda day: isinstance(day, str) and day > received.isoformat())
    _reject(records, future, f"{name}: {{value}} is after the disclosure was received ({received})", iso)
    return iso, unreadable


def _parse_values(name: str, parser, values: pd.Series, is_blank: pd.Series, records: pd.DataFrame) -> pd.Series:
    """Return the parsed values; rows whose value cannot be parsed are rejected with the reason."""
    outcomes = pd.Series(
        [None if blank else _try(parser, value) for value, blank in zip(values, is_blank, strict=True)],
        index=values.index,
        dtype=object,
    )
    problems = outcomes.map(lambda outcome: isinstance(outcome, ValueProblem))
    failing = problems & (records["status"] == "clean")
    _reject(records, failing, f"{name}: {{value}}", outcomes)
    return outcomes.map(lambda outcome: pd.NA if outcome is None or isinstance(outcome, ValueProblem) else outcome)


def _try(parser, value):
    try:
        return parser(str(value))
    except ValueProblem as problem:
        return problem


def _apply_vocabularies(parsed: pd.DataFrame, description: Description) -> None:
    for name, vocabulary in description.vocabulary.items():

        def translate(value: str, vocabulary=vocabulary) -> str:
            if not value:
                return ""
            parts = [p.strip() for p in value.split(vocabulary.split)] if vocabulary.split else [value.strip()]
            return "; ".join(dict.fromkeys(vocabulary.map.get(p, vocabulary.otherwise) for p in parts))

        parsed[vocabulary.to] = parsed[name].map(translate)


def _pseudonyms(values: pd.Series, redacted: list[str]) -> pd.Series:
    """Number each person by first appearance: stable for the same data, not a hash of their name."""
    codes = re.compile("|".join(f"(?:{pattern})" for pattern in redacted)) if redacted else None
    numbers: dict[str, str] = {}

    def pseudonym(value) -> str:
        text = " ".join(str(value or "").split()).casefold()
        if not text:
            return ""
        if codes and codes.fullmatch(str(value).strip()):
            return "redacted"
        return numbers.setdefault(text, f"user-{len(numbers) + 1:03d}")

    return values.map(pseudonym)


def _mark_duplicates(records: pd.DataFrame, description: Description) -> None:
    key = description.duplicate_key or [c for c in PUBLISHED if c in records]
    clean = records[records["status"] == "clean"]
    signature = clean[key].map(lambda value: "" if pd.isna(value) else str(value)).agg("\x1f".join, axis=1)
    first = signature.groupby(signature).transform(lambda group: clean.loc[group.index[0], "source_row"])
    repeats = signature.duplicated()
    records.loc[repeats[repeats].index, "status"] = "duplicate"
    records.loc[repeats[repeats].index, "duplicate_of"] = first[repeats]
    records.loc[repeats[repeats].index, "reason"] = "repeats an earlier row"
