"""A disclosed figure as the pipeline reads it: one row of ``tables.describe_figures``, typed.

Figures stay rows (dicts) because they are rows of a pandas frame and every rule in ``claims``,
``trends``, ``outcomes``, ``status`` and ``comparable`` reads them so; the type checker holds each
key's name and type. The site's records (``site.model``) extend it.
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict


class FigureRow(TypedDict):
    """A validated row of ``disclosed/figures.csv`` with its period, its words and its source's strength."""

    id: str
    agency: str
    system: str
    measure: str
    measure_words: str
    value: int
    value_max: int | None
    qualifier: str
    qualifier_words: str
    rate_per: str
    period_start: str
    period_end: str
    period_note: str
    source: str
    locator: str
    note: str
    scope: str
    quote: str
    quote_missing: str
    #: The period as days: its first and last possible days, the latest start and earliest end
    first_day: date | None
    last_day: date | None
    start_last: date | None
    end_first: date | None
    period_words: str
    period_short: str
    months: float | None
    #: The value, qualifier and measure as the source said them, and in our words
    value_words: str
    qualifier_label: str
    measure_label: str
    measure_said: str
    is_rate: bool
    #: The average per month (NaN without one), its words and how it was worked out
    per_month_low: float
    per_month_high: float
    per_month: float | None
    per_month_words: str
    per_month_basis: str
    scope_words: str
    #: The source's fields the charts and the rules need
    source_url: str
    source_archived_url: str
    source_archive_checked: str
    source_publisher: str
    source_title: str
    source_date: str
    source_kind: str
    source_strength: str
    source_strength_why: str
