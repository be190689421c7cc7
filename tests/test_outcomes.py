"""Outcome funnels chain only figures of one agency, system, scope and stated period."""

from __future__ import annotations

from datetime import date

from disclosures.outcomes import from_figures, from_records

SOURCES = {"paper": {"id": "paper", "publisher": "The Paper", "url": "https://example.org/a", "date": "2024-01-02"}}


def figure(id_, measure, value, start="2023-01-01", end="2023-12-31", **extra) -> dict:
    return {
        "id": id_,
        "agency": "pd",
        "system": "fr",
        "measure": measure,
        "measure_words": extra.get("words", measure),
        "measure_label": measure,
        "measure_said": extra.get("words", measure),
        "value": value,
        "value_words": f"{value:,}",
        "qualifier": extra.get("qualifier", "exact"),
        "rate_per": "",
        "scope": extra.get("scope", ""),
        "scope_words": "",
        "period_start": start,
        "period_end": end,
        "period_words": f"from {start} to {end}",
        "first_day": date.fromisoformat(start),
        "last_day": date.fromisoformat(end),
        "source": "paper",
        "source_strength": extra.get("strength", "reported"),
    }


def test_steps_of_one_period_chain_in_order_with_their_shares():
    (funnel,) = from_figures(
        [figure("a", "arrests", 3), figure("r", "requests", 40), figure("m", "matches", 10)], SOURCES
    )
    assert [(step["figure"], step["share"]) for step in funnel.steps] == [
        ("r", "first step"),
        ("m", "10 of 40 requests (25%)"),
        ("a", "3 of 10 matches (30%)"),
    ]
    assert funnel.sentence == "40 requests, 10 matches and 3 arrests, from 2023-01-01 to 2023-12-31."


def test_figures_of_different_periods_or_scopes_are_never_chained():
    funnels = from_figures(
        [
            figure("r", "requests", 40),
            figure("a", "arrests", 3, start="2023-01-01", end="2023-06-30"),
            figure("m", "matches", 10, scope="location=Depot"),
        ],
        SOURCES,
    )
    assert funnels == []


def test_a_wrong_match_is_a_part_of_the_matches_not_a_step_after_them():
    (funnel,) = from_figures(
        [figure("m", "matches", 5), figure("f", "false_matches", 2, words="bad matches"), figure("a", "arrests", 0)],
        SOURCES,
    )
    assert [step["share"] for step in funnel.steps] == ["first step", "2 of 5 matches (40%)", "0 of 5 matches (0%)"]
    assert funnel.sentence == "5 matches (of which 2 bad matches) and 0 arrests, from 2023-01-01 to 2023-12-31."
    # A matches figure and its wrong part alone are one step, not a funnel
    assert from_figures([figure("m", "matches", 5), figure("f", "false_matches", 2)], SOURCES) == []


def test_a_figure_from_a_weak_source_takes_no_part_in_a_funnel():
    assert from_figures([figure("r", "requests", 40), figure("a", "arrests", 3, strength="weak")], SOURCES) == []


def test_a_part_larger_than_its_whole_is_said_and_the_sources_are_said_not_to_explain_it():
    (funnel,) = from_figures(
        [figure("m", "matches", 5), figure("f", "false_matches", 7, words="bad matches"), figure("a", "arrests", 0)],
        SOURCES,
    )
    assert funnel.discrepancies == ["A part exceeds its whole: 7 bad matches of 5 matches. The sources do not say why."]


# The Met's 2023-24 grid: 1,344 alerts, 29 false, 1,316 true (1,345), because one record lists
# 1 alert and 2 true alerts
MET_TOTALS = [
    {
        "disclosure": "grid",
        "title": "LFR deployments 2023-2024",
        "agency": "met",
        "system": "lfr",
        "source": "paper",
        "period": "from 2023 to 2024",
        "last_day": date(2024, 12, 31),
        "records": 203,
        "measures": {"alerts": (1344, 0), "false_alerts": (29, 0), "true_alerts": (1316, 0), "arrests": (609, 0)},
    }
]
WESTMINSTER = {
    "disclosure": "grid",
    "whole": "alerts",
    "parts": ("true_alerts", "false_alerts"),
    "source_row": 34,
    "date": date(2024, 1, 10),
    "location": "Westminster",
    "alerts": 1,
    "true_alerts": 2,
    "false_alerts": 0,
}


def test_parts_that_do_not_add_up_to_their_whole_are_said_with_the_record_that_causes_it():
    (funnel,) = from_records(MET_TOTALS, SOURCES, [WESTMINSTER])
    assert funnel.discrepancies == [
        "The parts do not add up: 1,316 true alerts and 29 false make 1,345, 1 more than the 1,344 alerts."
        " It comes from the record of 10 January 2024, Westminster (row 34): alerts 1, true alerts 2, false alerts 0."
        " The record checks flag it."
    ]
    (adds_up,) = from_records(
        [{**MET_TOTALS[0], "measures": {**MET_TOTALS[0]["measures"], "true_alerts": (1315, 0)}}], SOURCES, []
    )
    assert adds_up.discrepancies == []
