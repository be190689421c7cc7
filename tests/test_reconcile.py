"""Overlapping figures are related, never summed; impossible pairs are flagged as conflicts."""

import pandas as pd
import pytest

from disclosures.reconcile import relate
from disclosures.tables import describe_figures

SOURCES = pd.DataFrame(
    [
        {
            "id": "s",
            "url": "https://example.org",
            "publisher": "P",
            "title": "T",
            "date": "",
            "kind": "news_report",
            "strength": "reported",
            "strength_why": "",
            "archived_url": "",
            "archive_checked": "false",
        }
    ]
)


def figures(*rows: tuple) -> pd.DataFrame:
    """Figures about LAPD's LACRIS searches: (id, value, value_max, qualifier, start, end)."""
    frame = pd.DataFrame(
        [
            {
                "id": id_,
                "agency": "lapd",
                "system": "lacris",
                "measure": "searches",
                "measure_words": "",
                "value": str(value),
                "value_max": value_max,
                "qualifier": qualifier,
                "qualifier_words": "",
                "rate_per": "",
                "period_start": start,
                "period_end": end,
                "period_note": "",
                "source": "s",
                "locator": "",
                "note": "",
                "scope": "",
            }
            for id_, value, value_max, qualifier, start, end in rows
        ]
    )
    return describe_figures(frame, SOURCES)


def test_a_part_inside_its_whole_is_nested_and_agrees():
    pairs = relate(
        figures(
            ("all", 29817, "", "exact", "2009-11-06", "2020-09-11"), ("feb", 3750, "", "exact", "2020-02", "2020-09-11")
        )
    )
    assert pairs.to_dict("records") == [
        {
            "figure": "all",
            "other": "feb",
            "relation": "nested",
            "conflict": False,
            "explanation": "3,750 (from February 2020 to 11 September 2020) lies within "
            "29,817 (from 6 November 2009 to 11 September 2020)",
        }
    ]


def test_a_part_larger_than_its_whole_conflicts():
    pairs = relate(
        figures(
            ("all", 3000, "", "exact", "2009-11-06", "2020-09-11"),
            ("feb", 3750, "", "at_least", "2020-02", "2020-09-11"),
        )
    )
    assert pairs["conflict"].tolist() == [True]
    assert pairs["explanation"][0].startswith("the part is larger than the whole: ")


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        ((500, "", "about"), (540, "", "about"), False),  # within 10% of each other
        ((500, "", "exact"), (600, "", "exact"), True),
        ((500, "", "at_least"), (600, "", "exact"), False),
        ((11, 50, "range"), (60, "", "exact"), True),
    ],
)
def test_two_counts_of_the_same_period(first, second, conflict):
    pairs = relate(figures(("a", *first, "2019", "2019"), ("b", *second, "2019-01-01", "2019-12-31")))
    assert pairs[["relation", "conflict"]].values.tolist() == [["same period", conflict]]


def test_separate_and_open_periods_are_not_related():
    assert relate(figures(("a", 10, "", "exact", "2019", "2019"), ("b", 20, "", "exact", "2020", "2020"))).empty
    assert relate(figures(("a", 10, "", "exact", "", "2019"), ("b", 20, "", "exact", "2019", "2019"))).empty


def test_averages_per_month_over_each_figures_own_period():
    frame = figures(("all", 29817, "", "exact", "2009-11-06", "2020-09-11"), ("open", 475, "", "about", "", "2020"))
    by_id = frame.set_index("id")
    assert by_id.loc["all", "per_month"] == pytest.approx(29817 / (3963 / 30.4375))
    assert by_id.loc["all", "per_month_basis"] == "average over the stated period"
    assert pd.isna(by_id.loc["open", "per_month"])
    assert by_id.loc["open", "per_month_basis"] == "not comparable: open period"


def test_rates_stay_rates():
    frame = describe_figures(
        pd.DataFrame(
            [
                {
                    "id": "faces",
                    "agency": "x",
                    "system": "faces",
                    "measure": "searches",
                    "measure_words": "",
                    "value": "4600",
                    "value_max": "",
                    "qualifier": "about",
                    "qualifier_words": "about",
                    "rate_per": "month",
                    "period_start": "",
                    "period_end": "2020-01",
                    "period_note": "",
                    "source": "s",
                    "locator": "",
                    "note": "",
                    "scope": "",
                },
                {
                    "id": "miami",
                    "agency": "y",
                    "system": "c",
                    "measure": "searches",
                    "measure_words": "",
                    "value": "450",
                    "value_max": "",
                    "qualifier": "about",
                    "qualifier_words": "about",
                    "rate_per": "year",
                    "period_start": "",
                    "period_end": "2023-03",
                    "period_note": "",
                    "source": "s",
                    "locator": "",
                    "note": "",
                    "scope": "",
                },
            ]
        ),
        SOURCES,
    ).set_index("id")
    assert by_value(frame, "faces") == (4600, 4600.0, "stated per month", True)
    assert by_value(frame, "miami") == (450, 37.5, "stated per year", True)


def by_value(frame: pd.DataFrame, figure_id: str) -> tuple:
    row = frame.loc[figure_id]
    return row["value"], row["per_month"], row["per_month_basis"], row["is_rate"]
