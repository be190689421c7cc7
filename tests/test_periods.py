"""Periods keep the precision their source gave, in dates and in words."""

from datetime import date

import pytest

from disclosures.periods import Bound, Period


@pytest.mark.parametrize(
    ("text", "first", "last", "precision", "words"),
    [
        ("2009-11-06", date(2009, 11, 6), date(2009, 11, 6), "day", "6 November 2009"),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29), "month", "February 2020"),
        ("2009", date(2009, 1, 1), date(2009, 12, 31), "year", "2009"),
    ],
)
def test_bound_keeps_its_precision(text, first, last, precision, words):
    bound = Bound.parse(text)
    assert (bound.first, bound.last, bound.precision, bound.words()) == (first, last, precision, words)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2020-02-30", "'2020-02-30' is not a day of the calendar"),
        ("2020-13", "'2020-13' has no month 13"),
        ("Feb 2020", "'Feb 2020' is not a date written YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_bound_rejects_what_is_not_a_date(text, message):
    with pytest.raises(ValueError, match=message):
        Bound.parse(text)


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("2009-11-06", "2020-09-11", "from 6 November 2009 to 11 September 2020"),
        ("2020-02", "2020-09-11", "from February 2020 to 11 September 2020"),
        ("2009", "", "since 2009"),
        ("", "2020-09", "up to September 2020 (start not stated)"),
        ("", "", "period not stated"),
        ("2019", "2019", "in 2019"),
    ],
)
def test_period_in_words(start, end, words):
    assert Period.parse(start, end).words() == words


def test_period_length_in_months_counts_whole_days():
    assert Period.parse("2020-01", "2020-12").months() == pytest.approx(366 / 30.4375)
    assert Period.parse("", "2020-12").months() is None


def test_nesting_and_overlap():
    whole = Period.parse("2009-11-06", "2020-09-11")
    part = Period.parse("2020-02", "2020-09-11")
    later = Period.parse("2020-09", "2021")
    assert whole.contains(part) and not part.contains(whole)
    assert whole.overlaps(later) and not whole.contains(later)
    assert not Period.parse("2019", "2019").overlaps(Period.parse("2020", "2020"))
    assert not whole.overlaps(Period.parse("", "2020-09"))
