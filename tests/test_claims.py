"""The rules for what the site says by itself, on literal figures: strength, latest, like with like, rounding."""

from __future__ import annotations

from datetime import date

import pytest

from disclosures import claims
from disclosures.qualifiers import per_month_words


def figure(id, *, start=None, end=None, strength="reported", measure="searches", words="searches", **more) -> dict:
    """A figure as the catalogue gives it, with only what the rules read."""
    first, last = start or (None, None), end or (None, None)
    return {
        "id": id,
        "first_day": first[0],
        "start_last": first[1],
        "end_first": last[0],
        "last_day": last[1],
        "source_strength": strength,
        "source_strength_why": more.pop("source_strength_why", ""),
        "source_date": more.pop("source_date", ""),
        "measure": measure,
        "measure_words": words,
        "measure_label": measure,
        "measure_said": words or measure,
        **more,
    }


def day(text: str) -> tuple[date, date]:
    return date.fromisoformat(text), date.fromisoformat(text)


FEB_2020 = (date(2020, 2, 1), date(2020, 2, 29))
YEAR_2020 = (date(2020, 1, 1), date(2020, 12, 31))
# LAPD as sourced: 29,817 uses 2009-11-06 to 2020-09-11 (Los Angeles Times); 3,750 instances since
# February 2020 to the same day (Business Insider, September 2020); nearly 475 Clearview AI searches
# "as of earlier this year" (2020, no start)
LACRIS_ALL = figure("all", start=day("2009-11-06"), end=day("2020-09-11"), words="uses", source_date="2020-09-22")
LACRIS_2020 = figure("since-feb", start=FEB_2020, end=day("2020-09-11"), words="instances", source_date="2020-09")
CLEARVIEW = figure("clearview", end=YEAR_2020, source_date="2020-11-17")


def test_latest_is_the_figure_whose_period_ends_last_and_a_vague_end_is_not_later():
    assert claims.latest([LACRIS_ALL, CLEARVIEW, LACRIS_2020])["id"] == "since-feb"
    # The same whatever the order the figures come in
    assert claims.latest([LACRIS_2020, LACRIS_ALL, CLEARVIEW])["id"] == "since-feb"


def test_latest_ties_go_to_the_certainly_newer_source_then_to_the_later_start():
    older = figure("older", start=day("2019-01-01"), end=day("2019-12-31"), source_date="2020-01-05")
    newer = figure("newer", start=day("2018-01-01"), end=day("2019-12-31"), source_date="2020-03-01")
    assert claims.latest([newer, older])["id"] == "newer"
    undated = {**newer, "source_date": ""}
    assert claims.latest([undated, older])["id"] == "older"


def test_a_weak_figure_never_leads_even_when_it_is_the_latest():
    weak = figure("weak", start=day("2024-01-01"), end=day("2024-12-31"), strength="weak")
    sourced = figure("sourced", start=day("2023-01-01"), end=day("2023-12-31"), strength="secondary")
    assert claims.latest([weak, sourced])["id"] == "sourced"
    assert claims.latest([weak]) is None
    assert claims.leading([weak, sourced]) == [sourced]


def test_marks_say_the_strength_and_why_a_weak_source_is_weak():
    weak = figure("weak", strength="weak", source_strength_why="its original source is not known")
    assert claims.mark(weak) == "weak source: its original source is not known"
    assert claims.mark(figure("reprint", strength="secondary")) == "secondary source"
    assert claims.mark(figure("times")) == ""


def test_a_period_that_holds_another_covers_it_and_is_never_earlier():
    assert claims.covers(LACRIS_ALL, LACRIS_2020)
    assert not claims.covers(LACRIS_2020, LACRIS_ALL)
    assert [each["id"] for each in claims.covering(LACRIS_2020, [LACRIS_ALL, CLEARVIEW, LACRIS_2020])] == ["all"]
    # A period with an unstated start covers nothing: we do not know where it begins
    assert not claims.covers(CLEARVIEW, LACRIS_2020)
    # Nor does the same period, or another measure's
    assert not claims.covers({**LACRIS_2020, "id": "again"}, LACRIS_2020)
    assert not claims.covers({**LACRIS_ALL, "measure": "requests"}, LACRIS_2020)


def test_like_with_like_is_one_measure_in_the_sources_unit():
    assert claims.unit(LACRIS_ALL) == ("searches", "uses")
    assert not claims.same_unit([LACRIS_ALL, LACRIS_2020])
    assert claims.same_unit([LACRIS_ALL, {**LACRIS_2020, "measure_words": "Uses"}])
    assert not claims.same_unit([figure("a"), figure("b", measure="requests", words="searches")])


@pytest.mark.parametrize(
    ("number", "down", "up", "near"),
    [
        (13.07, "13", "14", "13"),
        (14.94, "14", "15", "15"),
        (5.87, "5.8", "5.9", "5.9"),
        (25.7, "25", "26", "26"),
        (582.3, "582", "583", "582"),
        (0.4219, "0.42", "0.43", "0.42"),
        (9.96, "9.9", "10", "10"),
        (1234.5, "1,234", "1,235", "1,235"),
    ],
)
def test_averages_round_to_two_significant_digits_or_whole_numbers_in_the_direction_asked(number, down, up, near):
    assert claims.amount(claims.round_down(number)) == down
    assert claims.amount(claims.round_up(number)) == up
    assert claims.amount(claims.round_near(number)) == near


@pytest.mark.parametrize(
    ("low", "high", "qualifier", "words"),
    [
        # LAPD's 3,750 instances per 100,000 residents: 13.07 to 14.94, never "between 13 and 14"
        (13.07, 14.94, "exact", "between 13 and 15 a month"),
        (5.87, 5.87, "exact", "5.9 a month"),
        (25.7, 25.7, "exact", "26 a month"),
        (4.22, 4.46, "exact", "between 4.2 and 4.5 a month"),
        (509.07, 582.3, "exact", "between 509 and 583 a month"),
        (84.4, 90.0, "at_least", "at least 84 a month"),
        (25.7, 25.7, "at_most", "at most 26 a month"),
        (3950.6, 4100.2, "about", "about between 3,950 and 4,101 a month"),
    ],
)
def test_ranges_of_averages_are_rounded_outward_never_narrowed(low, high, qualifier, words):
    assert per_month_words(low, high, qualifier) == words
