"""The record fields a description may map raw columns to, and how each is parsed.

Each parser is SQL that DuckDB runs over every row at once: it turns a cell's text into the
field's value, and says, by conditions and fixed reasons, why a cell cannot be read. A reason
names the column and the problem, never the cell's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .sql import literal

#: Every field a record can carry, by type. Anything not listed never leaves ingest.
FIELDS = {
    "date": "date",
    "period_start": "period",
    "period_end": "period",
    "location": "text",
    "duration_minutes": "duration",
    "purpose": "text",
    "watchlist_size": "count",
    "threshold": "decimal",
    "alerts": "count",
    "true_alerts": "count",
    "true_alerts_confirmed": "count",
    "true_alerts_unconfirmed": "count",
    "false_alerts": "count",
    "false_alerts_confirmed": "count",
    "false_alerts_unconfirmed": "count",
    "true_alert_engagements": "count",
    "false_alert_engagements": "count",
    "false_alert_rate_stated": "text",
    "arrests": "count",
    "other_disposals": "count",
    "no_action": "count",
    "faces_scanned": "count",
    "searches": "count",
    "requests": "count",
    "matches": "count",
    "crime_type": "text",
    "status": "text",
    "case_number": "text",
}
#: Fields that receive a shared vocabulary's words.
VOCABULARIES = {"crime_category", "outcome", "purpose_category"}
#: Fields that receive pseudonyms.
PSEUDONYMS = {"user"}

ISO_DATES = ["%Y-%m-%d", "%Y-%m-%d %H:%M:%S"]
_COUNT = r"[0-9]+|[0-9]{1,3}(,[0-9]{3})+|[0-9]+\.0+"
_HOURS = r"([0-9]+)\s*h(?:ours?|rs?)?\.?\s*(?:([0-9]{1,2})\s*(?:m|mins?|minutes?)?\.?)?"
_CLOCK = r"([0-9]+):([0-5][0-9])"
_MINUTES = r"([0-9]+)\s*(?:m|mins?|minutes?)\.?"


@dataclass(frozen=True)
class Parser:
    """SQL for one field: its value, and the (condition, reason) pairs that reject a row."""

    value: str
    problems: list[tuple[str, str]]


def parser(
    kind: str, text: str, value: str, title: str, formats: list[str], excel_serial: bool, received: date
) -> Parser:
    """Return the SQL that parses the column ``text`` (NULL when blank) as a field of ``kind``.

    The problems' conditions read the text and the parsed ``value`` column; reasons name the
    raw column's ``title``, never the cell's text.
    """
    if kind == "date":
        return _date(text, value, title, formats, excel_serial, received)
    if kind == "period":
        day = _date(text, value, title, formats, excel_serial, received).value
        return _period(text, value, title, day)
    return {"count": _count, "decimal": _decimal, "duration": _duration}.get(kind, _text)(text, value, title)


def _unreadable(text: str, value: str, reason: str) -> tuple[str, str]:
    """The problem of a cell that has text but no value."""
    return f"{value} IS NULL AND {text} IS NOT NULL", reason


def _date(text: str, value: str, title: str, formats: list[str], excel_serial: bool, received: date) -> Parser:
    written = "[" + ", ".join(literal(fmt) for fmt in [*formats, *ISO_DATES]) + "]"
    day = f"try_strptime({text}, {written})::DATE"
    if excel_serial:
        days = f"CAST(floor(CAST({text} AS DOUBLE)) AS INTEGER)"
        serial = f"CASE WHEN regexp_full_match({text}, '[0-9]{{5}}(\\.[0-9]+)?') THEN DATE '1899-12-30' + {days} END"
        day = f"coalesce({day}, {serial})"
    return Parser(
        day,
        [
            (f"{text} IS NULL", f"{title}: no date"),
            _unreadable(text, value, f"{title}: not a date in the declared formats"),
            (f"{value} > DATE '{received.isoformat()}'", f"{title}: after the disclosure was received ({received})"),
        ],
    )


def _period(text: str, value: str, title: str, day: str) -> Parser:
    month = f"regexp_full_match({text}, '[0-9]{{4}}(-(0[1-9]|1[0-2]))?')"
    period = f"CASE WHEN {month} THEN {text} ELSE strftime({day}, '%Y-%m-%d') END"
    return Parser(period, [_unreadable(text, value, f"{title}: not a year, a month or a date in the declared formats")])


def _count(text: str, value: str, title: str) -> Parser:
    digits = f"regexp_full_match({text}, '{_COUNT}')"
    negative = f"regexp_full_match({text}, '-({_COUNT})')"
    written = f"regexp_replace(replace({text}, ',', ''), '\\.0+$', '')"
    count = (
        f"CASE WHEN regexp_full_match({text}, '[0-9]{{1,18}}') THEN CAST({text} AS BIGINT)"
        f" WHEN {digits} THEN TRY_CAST({written} AS BIGINT) END"
    )
    return Parser(
        count,
        [
            (negative, f"{title}: negative, and a count cannot be"),
            (
                f"{text} IS NOT NULL AND {value} IS NULL AND NOT {digits} AND NOT {negative}",
                f"{title}: not a whole number",
            ),
            (f"{digits} AND {value} IS NULL", f"{title}: too large to be a count"),
        ],
    )


def _decimal(text: str, value: str, title: str) -> Parser:
    number = f"CASE WHEN regexp_full_match({text}, '-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)') THEN {text} END"
    return Parser(number, [_unreadable(text, value, f"{title}: not a number")])


def _duration(text: str, value: str, title: str) -> Parser:
    def group(pattern: str, number: int, flags: str = "") -> str:
        return f"CAST(regexp_extract({text}, '{pattern}', {number}{flags}) AS BIGINT)"

    insensitive = ", 'i'"
    minutes = (
        f"CASE WHEN regexp_full_match({text}, '{_HOURS}', 'i') THEN 60 * {group(_HOURS, 1, insensitive)}"
        f" + coalesce(TRY_CAST(regexp_extract({text}, '{_HOURS}', 2, 'i') AS BIGINT), 0)"
        f" WHEN regexp_full_match({text}, '{_CLOCK}') THEN 60 * {group(_CLOCK, 1)} + {group(_CLOCK, 2)}"
        f" WHEN regexp_full_match({text}, '{_MINUTES}', 'i') THEN {group(_MINUTES, 1, insensitive)} END"
    )
    reason = f"{title}: not a duration such as 4h47m, 4 hrs 47 mins, 4:47 or 287 min"
    return Parser(minutes, [_unreadable(text, value, reason)])


def _text(text: str, value: str, title: str) -> Parser:
    return Parser(text, [])
