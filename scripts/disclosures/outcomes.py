"""Outcomes: what use yielded, step by step, from requests (or faces scanned) to arrests.

A funnel chains only numbers about the same agency, system and period: disclosed figures whose
periods are stated identically, or counts from one record-level disclosure over the days it
lists in full. Numbers from different periods are never chained. Each step keeps its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: The steps a disclosed figure can be, in order, with what each step is.
FIGURE_STEPS = {
    "faces_scanned": "faces scanned",
    "requests": "requests made",
    "searches": "searches run",
    "matches": "possible matches",
    "false_matches": "of which wrong",
    "arrests": "arrests",
}
#: The steps records can count, in order.
RECORD_STEPS = {
    "faces_scanned": "faces scanned",
    "alerts": "alerts",
    "false_alerts": "of which false",
    "true_alerts": "true alerts",
    "arrests": "arrests",
}
#: Steps that are a part of the step before them, not a step after it.
PARTS = {"false_matches", "false_alerts"}


@dataclass
class Funnel:
    """The outcomes of one agency's use of one system over one period."""

    agency: str
    system: str
    period: str
    basis: str
    steps: list[dict]
    last_day: date
    system_name: str = ""

    @property
    def sentence(self) -> str:
        """The funnel in words: ``15 requests, 13 uses, 5 matches (2 bad matches) and 0 arrests, from ...``."""
        parts: list[str] = []
        for step in self.steps:
            words = f"{step['value_words']} {step['words']}"
            if step["measure"] in PARTS and parts:
                parts[-1] += f" (of which {words})"
            else:
                parts.append(words)
        listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
        return f"{listed}, {self.period}."


def _shares(steps: list[dict]) -> list[dict]:
    """Say each step as a share of the step it follows (ours, not disclosed), where both are exact counts."""
    main = previous = None
    for step in steps:
        before = previous if step["measure"] in PARTS else main
        if before and before["exact"] and step["exact"] and before["value"]:
            step["share"] = f"{step['value']:,} of {before['value']:,} {before['words']} ({_percent(step, before)})"
        elif before is None:
            step["share"] = "first step"
        else:
            step["share"] = "not computed: not both exact counts"
        if step["measure"] not in PARTS:
            main = step
        previous = step
    return steps


def _percent(step: dict, before: dict) -> str:
    """A share as a percentage to two significant figures below 1%: ``87%``, ``0.11%``."""
    percent = 100 * step["value"] / before["value"]
    return f"{percent:.0f}%" if percent >= 1 or percent == 0 else f"{percent:.2g}%"


def from_figures(figures: list[dict], sources: dict[str, dict]) -> list[Funnel]:
    """Funnels of disclosed figures: two steps or more with the same agency, system, scope and stated period."""
    groups: dict[tuple, list[dict]] = {}
    for figure in figures:
        stated = figure["period_start"] and figure["period_end"]
        if figure["measure"] in FIGURE_STEPS and not figure["rate_per"] and stated:
            key = (figure["agency"], figure["system"], figure["scope"], figure["period_start"], figure["period_end"])
            groups.setdefault(key, []).append(figure)
    funnels = []
    order = list(FIGURE_STEPS)
    for (agency, system, scope, _, _), members in sorted(groups.items()):
        if len({figure["measure"] for figure in members} - PARTS) < 2:
            continue
        members.sort(key=lambda figure: (order.index(figure["measure"]), figure["id"]))
        steps = [
            {
                "measure": figure["measure"],
                "role": FIGURE_STEPS[figure["measure"]],
                "value": figure["value"],
                "exact": figure["qualifier"] == "exact",
                "value_words": figure["value_words"],
                "words": figure["measure_words"] or figure["measure_label"],
                "figure": figure["id"],
                "source": sources[figure["source"]],
            }
            for figure in members
        ]
        period = members[0]["period_words"] + (f" ({members[0]['scope_words']})" if scope else "")
        funnels.append(Funnel(agency, system, period, "disclosed figures", _shares(steps), members[0]["last_day"]))
    return funnels


def from_records(totals: list[dict], sources: dict[str, dict]) -> list[Funnel]:
    """Funnels counted from each record-level disclosure over the days it lists in full; a count
    is "at least" where some records have no value."""
    funnels = []
    for total in totals:
        counted = [(measure, total["measures"][measure]) for measure in RECORD_STEPS if measure in total["measures"]]
        if len([measure for measure, _ in counted if measure not in PARTS]) < 2:
            continue
        steps = [
            {
                "measure": measure,
                "role": RECORD_STEPS[measure],
                "value": value,
                "exact": not missing,
                "value_words": f"at least {value:,}" if missing else f"{value:,}",
                "words": RECORD_STEPS[measure].removeprefix("of which "),
                "missing": missing,
                "figure": None,
                "source": sources[total["source"]],
            }
            for measure, (value, missing) in counted
        ]
        basis = f"counted from records: {total['title']} ({total['records']:,} records)"
        funnel = Funnel(total["agency"], total["system"], total["period"], basis, _shares(steps), total["last_day"])
        funnels.append(funnel)
    return funnels
