"""Outcome funnels chain only figures of one agency, system, scope and stated period."""

from __future__ import annotations

from datetime import date

from disclosures.outcomes import from_figures

SOURCES = {"paper": {"id": "paper", "publisher": "The Paper", "url": "https://example.org/a", "date": "2024-01-02"}}


def figure(id_, measure, value, start="2023-01-01", end="2023-12-31", **extra) -> dict:
    return {
        "id": id_,
        "agency": "pd",
        "system": "fr",
        "measure": measure,
        "measure_words": extra.get("words", measure),
        "measure_label": measure,
        "value": value,
        "value_words": f"{value:,}",
        "qualifier": extra.get("qualifier", "exact"),
        "rate_per": "",
        "scope": extra.get("scope", ""),
        "scope_words": "",
        "period_start": start,
        "period_end": end,
        "period_words": f"from {start} to {end}",
        "last_day": date.fromisoformat(end),
        "source": "paper",
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
