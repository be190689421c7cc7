"""The record fields a description may map raw columns to, and how each is parsed."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

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

#: Measures that records count, summed by month.
MEASURES = [
    "searches",
    "faces_scanned",
    "alerts",
    "true_alerts",
    "false_alerts",
    "arrests",
    "deployments",
]

EXCEL_EPOCH = date(1899, 12, 30)
_DURATION = re.compile(r"^(\d+)\s*h\s*(\d+)?\s*m?$", re.IGNORECASE)


class ValueProblem(ValueError):
    """A cell that cannot be read as its field's type; the message says why."""


def parse_count(text: str) -> int:
    """Return a whole number of 0 or more, allowing thousands separators."""
    cleaned = text.replace(",", "").strip()
    if not re.fullmatch(r"-?\d+", cleaned):
        raise ValueProblem(f"{text!r} is not a whole number")
    value = int(cleaned)
    if value < 0:
        raise ValueProblem(f"{text!r} is negative; a count cannot be")
    return value


def parse_decimal(text: str) -> str:
    """Return a decimal number such as a threshold ``0.64``, written as the source wrote it."""
    try:
        return str(Decimal(text.strip()))
    except InvalidOperation:
        raise ValueProblem(f"{text!r} is not a number") from None


def parse_duration(text: str) -> int:
    """Return minutes for a duration written ``5h03m``, ``5h 48m`` or ``5h40``."""
    match = _DURATION.match(text.strip())
    if not match:
        raise ValueProblem(f"{text!r} is not a duration like 5h03m")
    return int(match.group(1)) * 60 + int(match.group(2) or 0)


def parse_period_bound(value: object, formats: list[str], excel_serial: bool) -> str | None:
    """Return a period bound as ISO text at its own precision: ``2023``, ``2023-02`` kept as
    written, anything else read as a day (see ``parse_date``); None when it is no date."""
    text = str(value).strip()
    if re.fullmatch(r"\d{4}(-\d{2})?", text):
        return text
    day = parse_date(value, formats, excel_serial)
    return day.isoformat() if day else None


def parse_date(value: object, formats: list[str], excel_serial: bool) -> date | None:
    """Return the date in ``value`` (a spreadsheet date, an Excel serial number, or text in one
    of ``formats``); None when the text matches none of the formats."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if excel_serial and re.fullmatch(r"\d{5}(\.\d+)?", text):
        return EXCEL_EPOCH + timedelta(days=int(float(text)))
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
