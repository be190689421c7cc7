"""Periods as sources state them: a day, a month or a year, or not stated at all."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .i18n import _, active

PRECISIONS = ("day", "month", "year")
#: Between the two bounds of a period in a label: an en dash, spaced.
DASH = " \u2013 "
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def is_partial_date(text: str) -> bool:
    """True when ``text`` is written YYYY, YYYY-MM or YYYY-MM-DD (whether or not the day exists)."""
    return bool(_PARTIAL_DATE.match(text))


@dataclass(frozen=True, order=True)
class Bound:
    """A date written to the precision the source gave: ``2020``, ``2020-02`` or ``2020-02-14``."""

    first: date
    last: date
    precision: str
    text: str

    @classmethod
    def parse(cls, text: str) -> Bound:
        """Return the bound for an ISO date of any precision; raise ValueError if it is no date."""
        match = _PARTIAL_DATE.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None  # the pattern's year group always matches
        if month is None:
            return cls(date(year, 1, 1), date(year, 12, 31), "year", text)
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month}")
        if day is None:
            last_day = calendar.monthrange(year, month)[1]
            return cls(date(year, month, 1), date(year, month, last_day), "month", text)
        try:
            day_date = date(year, month, day)
        except ValueError:
            raise ValueError(f"{text!r} is not a day of the calendar") from None
        return cls(day_date, day_date, "day", text)

    def short(self) -> str:
        """Return the bound as a chart labels it: its month and year (``Nov 2009``), or its year."""
        return str(self.first.year) if self.precision == "year" else active().month_short(self.first)

    def words(self) -> str:
        """Return the bound in words at its own precision, e.g. ``6 November 2009``."""
        return active().date_words(self.first, self.precision)


@dataclass(frozen=True)
class Period:
    """What a figure covers: from a start bound (or an unstated start) to an end bound."""

    start: Bound | None
    end: Bound | None

    @classmethod
    def parse(cls, start: str, end: str) -> Period:
        """Return the period for two ISO texts, either of which may be blank."""
        return cls(Bound.parse(start) if start else None, Bound.parse(end) if end else None)

    @property
    def is_closed(self) -> bool:
        """True when both ends are stated, so the period has a length."""
        return self.start is not None and self.end is not None

    @property
    def first_day(self) -> date | None:
        """The earliest day the period can include."""
        return self.start.first if self.start else None

    @property
    def last_day(self) -> date | None:
        """The latest day the period can include."""
        return self.end.last if self.end else None

    def months(self) -> float | None:
        """Return the period's length in months (days / 30.4375), or None when a bound is open."""
        if self.start is None or self.end is None:
            return None
        days = (self.end.last - self.start.first).days + 1
        return days / 30.4375

    def months_range(self) -> tuple[float, float] | None:
        """Return the shortest and the longest the period can be, in months: a bound stated as a
        month or a year may start late or end early within it ("since February"), while one
        month or year named as both bounds is that whole month or year. None when a bound is open."""
        months = self.months()
        if self.start is None or self.end is None or months is None:
            return None
        if self.start.text == self.end.text:
            return months, months
        shortest = max((self.end.first - self.start.last).days + 1, 1)
        return shortest / 30.4375, months

    def contains(self, other: Period) -> bool:
        """True when ``other`` lies wholly inside this period (both closed)."""
        if self.start is None or self.end is None or other.start is None or other.end is None:
            return False
        return self.start.first <= other.start.first and other.end.last <= self.end.last

    def overlaps(self, other: Period) -> bool:
        """True when two closed periods share at least one day."""
        if self.start is None or self.end is None or other.start is None or other.end is None:
            return False
        return self.start.first <= other.end.last and other.start.first <= self.end.last

    def short(self) -> str:
        """Return the period as a chart labels it: ``Nov 2009 - Sep 2020`` (an en dash), ``2015``, ``up to 2020``."""
        if self.start and self.end:
            if self.start.text == self.end.text:
                return self.start.short() if self.start.precision != "day" else self.start.words()
            if self.start.short() == self.end.short():
                return f"{self.start.words()}{DASH}{self.end.words()}"
            return f"{self.start.short()}{DASH}{self.end.short()}"
        if self.start:
            return _("since {start}").format(start=self.start.short())
        return _("up to {end}").format(end=self.end.short()) if self.end else ""

    def words(self) -> str:
        """Return the period in words, keeping each bound's precision."""
        if self.start and self.end:
            if self.start.text == self.end.text:
                if self.start.precision == "day":
                    return _("on {day}").format(day=self.start.words())
                return _("in {period}").format(period=self.start.words())
            return _("from {start} to {end}").format(start=self.start.words(), end=self.end.words())
        if self.start:
            return _("since {start}").format(start=self.start.words())
        if self.end:
            return _("up to {end} (start not stated)").format(end=self.end.words())
        return _("period not stated")
