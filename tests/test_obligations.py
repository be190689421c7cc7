"""Reporting duties: what each makes due by the data date, and what became of each report due."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from conftest import replace_in
from disclosures.obligations import REPORT_COLUMNS, Due, ledger, periods
from disclosures.problems import DataError, Problem
from disclosures.validate import validate

AGENCIES = pd.DataFrame(
    [
        {"id": "bpd", "country": "US", "region": "Maryland", "jurisdiction": "Baltimore, MD", "kind": "police"},
        {"id": "md-users", "country": "US", "region": "Maryland", "jurisdiction": "Maryland", "kind": "group"},
        {"id": "dpd", "country": "US", "region": "Michigan", "jurisdiction": "Detroit, MI", "kind": "police"},
    ]
)
WEEKLY = {
    "id": "weekly",
    "agency": "dpd",
    "region": "",
    "jurisdiction": "",
    "country": "US",
    "system": "",
    "measures": "",
    "condition": "",
    "frequency": "weekly",
    "due_by": "",
    "grace_days": "",
    "starts": "2025-01-06",
    "ends": "",
}
ANNUAL = {
    **WEEKLY,
    "id": "annual",
    "agency": "",
    "region": "Maryland",
    "measures": "searches; matches",
    "frequency": "annual",
    "due_by": "02-01",
    "starts": "2024-10-01",
}
NONE_DELIVERED = pd.DataFrame(columns=["agency", "system", "year_from", "year_to", "source"])


def reports(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=REPORT_COLUMNS)


def test_a_weekly_duty_with_three_weeks_missing_is_overdue_for_each_with_its_dates():
    first_week = ("weekly", "dpd", "week-1", "searches", date(2025, 1, 6), date(2025, 1, 12))
    dues = ledger(pd.DataFrame([WEEKLY]), AGENCIES, reports(first_week), NONE_DELIVERED, date(2025, 2, 3))
    assert [(due.start, due.end, due.due, due.state, due.reports) for due in dues] == [
        (date(2025, 1, 6), date(2025, 1, 12), date(2025, 1, 12), "received", ("week-1",)),
        (date(2025, 1, 13), date(2025, 1, 19), date(2025, 1, 19), "overdue", ()),
        (date(2025, 1, 20), date(2025, 1, 26), date(2025, 1, 26), "overdue", ()),
        (date(2025, 1, 27), date(2025, 2, 2), date(2025, 2, 2), "overdue", ()),
        (date(2025, 2, 3), date(2025, 2, 9), date(2025, 2, 9), "not_yet_due", ()),
    ]


def test_days_the_source_allows_move_each_due_day():
    dues = ledger(
        pd.DataFrame([{**WEEKLY, "grace_days": "10"}]), AGENCIES, reports(), NONE_DELIVERED, date(2025, 1, 22)
    )
    assert [(due.due, due.state) for due in dues] == [
        (date(2025, 1, 22), "not_yet_due"),
        (date(2025, 1, 29), "not_yet_due"),
        (date(2025, 2, 5), "not_yet_due"),
    ]
    first = ledger(pd.DataFrame([WEEKLY]), AGENCIES, reports(), NONE_DELIVERED, date(2025, 1, 23))[0]
    assert (first.due, first.state) == (date(2025, 1, 12), "overdue")


def test_an_annual_duty_due_1_february_is_not_overdue_on_31_january_nor_on_the_day_but_is_after():
    def state_on(day: date) -> list[tuple]:
        return [
            (due.agency, due.start, due.end, due.due, due.state)
            for due in ledger(pd.DataFrame([ANNUAL]), AGENCIES, reports(), NONE_DELIVERED, day)
        ]

    first = ("bpd", date(2024, 10, 1), date(2024, 12, 31), date(2025, 2, 1))
    # A state law binds the state's agencies, not a group of them; the first year starts with the law
    assert state_on(date(2025, 1, 31)) == [
        (*first, "not_yet_due"),
        ("bpd", date(2025, 1, 1), date(2025, 12, 31), date(2026, 2, 1), "not_yet_due"),
    ]
    assert state_on(date(2025, 2, 1))[0] == (*first, "not_yet_due")
    assert state_on(date(2025, 2, 2))[0] == (*first, "overdue")


def test_a_received_report_that_lacks_a_required_measure_lists_it():
    report = reports(("annual", "bpd", "bpd-2024-report", "searches", date(2024, 10, 1), date(2024, 12, 31)))
    (due, _) = ledger(pd.DataFrame([ANNUAL]), AGENCIES, report, NONE_DELIVERED, date(2025, 6, 1))
    assert due == Due(
        "annual",
        "bpd",
        date(2024, 10, 1),
        date(2024, 12, 31),
        date(2025, 2, 1),
        "received",
        ("bpd-2024-report",),
        ("matches",),
    )


def test_a_report_for_part_of_a_period_is_received_in_part_and_a_body_that_gets_them_is_not_overdue():
    part = reports(("annual", "bpd", "q4", "searches", date(2024, 11, 1), date(2024, 12, 31)))
    board = pd.DataFrame([{"agency": "bpd", "system": "", "year_from": "2025", "year_to": "2026", "source": "city"}])
    dues = ledger(pd.DataFrame([ANNUAL]), AGENCIES, part, board, date(2026, 3, 1))
    assert [(due.state, due.reports, due.missing) for due in dues] == [
        ("received_part", ("q4",), ("matches",)),
        ("delivered", ("city",), ()),
        ("not_yet_due", (), ()),
    ]


def test_a_duty_on_a_condition_is_never_called_overdue_and_one_without_a_frequency_makes_nothing_due():
    warrants = {**ANNUAL, "condition": "an agency that has applied for a warrant"}
    assert {
        due.state for due in ledger(pd.DataFrame([warrants]), AGENCIES, reports(), NONE_DELIVERED, date(2026, 3, 1))
    } == {"conditional", "not_yet_due"}
    assert periods({**WEEKLY, "frequency": "unstated"}, date(2026, 3, 1)) == []


def test_monthly_and_quarterly_periods_are_calendar_ones_the_first_cut_to_the_start():
    monthly = {**WEEKLY, "frequency": "monthly", "starts": "2024-01-15"}
    assert periods(monthly, date(2024, 3, 1)) == [
        (date(2024, 1, 15), date(2024, 1, 31), date(2024, 1, 31)),
        (date(2024, 2, 1), date(2024, 2, 29), date(2024, 2, 29)),
        (date(2024, 3, 1), date(2024, 3, 31), date(2024, 3, 31)),
    ]
    quarterly = {**WEEKLY, "frequency": "quarterly", "starts": "2024-02-10", "ends": "2024-06-30"}
    assert periods(quarterly, date(2025, 1, 1)) == [
        (date(2024, 2, 10), date(2024, 3, 31), date(2024, 3, 31)),
        (date(2024, 4, 1), date(2024, 6, 30), date(2024, 6, 30)),
    ]


OBLIGATION = (
    "lapd-weekly,lapd,,,US,,Los Angeles Police Department,Police Commission,board,policy,Policy 1,searches,,,weekly,,,"
    '2021-01-12,,latimes,"LAPD will report its searches to the Commission each week.",paragraph 3,\n'
)


def test_an_obligation_without_a_quote_is_a_problem_that_says_what_to_copy(tiny_data):
    with open(tiny_data / "reference" / "obligations.csv", "a", encoding="utf-8") as file:
        file.write(OBLIGATION)
    validate(tiny_data)
    replace_in(
        tiny_data, "reference/obligations.csv", '"LAPD will report its searches to the Commission each week."', ""
    )
    with pytest.raises(DataError) as raised:
        validate(tiny_data)
    assert raised.value.problems == [
        Problem(
            str(tiny_data / "reference" / "obligations.csv"),
            2,
            "quote",
            "",
            "quote is required",
            "fill it in: The source's own sentence that sets the duty, verbatim.",
        )
    ]


@pytest.mark.parametrize(
    ("old", "new", "column", "rule"),
    [
        (
            "lapd-weekly,lapd,,,",
            "lapd-weekly,lapd,California,,",
            "agency",
            "a duty binds one agency, or every agency of one region or one jurisdiction: exactly one of the three",
        ),
        (
            "weekly,,,2021",
            "annual,,,2021",
            "due_by",
            "an annual duty needs the day of the year its report is due (MM-DD, a day every year has), a duty owed"
            " once its date (YYYY-MM-DD), and the others none",
        ),
        (
            "weekly,,,2021",
            "annual,02-29,,2021",
            "due_by",
            "an annual duty needs the day of the year its report is due (MM-DD, a day every year has), a duty owed"
            " once its date (YYYY-MM-DD), and the others none",
        ),
        ("weekly,,,2021", "once,2020-12-31,,2021", "due_by", "a duty owed once cannot be due before it starts"),
        (
            "Policy 1,searches,",
            "Policy 1,searches; uses,",
            "measures",
            "measures must be the site's measure codes, joined by semicolons",
        ),
    ],
)
def test_a_duty_that_cannot_be_is_a_problem(tiny_data, old, new, column, rule):
    with open(tiny_data / "reference" / "obligations.csv", "a", encoding="utf-8") as file:
        file.write(OBLIGATION.replace(old, new))
    with pytest.raises(DataError) as raised:
        validate(tiny_data)
    assert [(problem.column, problem.rule) for problem in raised.value.problems] == [(column, rule)]
