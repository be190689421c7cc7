"""Outcomes: what use yielded, step by step, from requests (or faces scanned) to arrests.

A funnel chains only numbers about the same agency, system and period: disclosed figures whose
periods are stated identically (none from a weak source), or counts from one record-level
disclosure over the days it lists in full. Numbers from different periods are never chained.
Each step keeps its source. Parts are checked against their whole: where they do not add up,
the funnel says so, with the records that cause it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from .claims import leads, span
from .model import FigureRow
from .periods import Bound
from .records.series import SPLITS
from .vocabulary import FIGURE_STEPS, PART_OF, RECORD_STEPS


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
    #: Where the parts do not add up to their whole, what the numbers are and why, in words
    discrepancies: list[str] = field(default_factory=list)

    @property
    def sentence(self) -> str:
        """The funnel in words: ``15 requests, 13 uses, 5 matches (2 bad matches) and 0 arrests, from ...``."""
        parts: list[str] = []
        for step in self.steps:
            words = f"{step['value_words']} {step['words']}"
            if step["measure"] in PART_OF and parts:
                parts[-1] += f" (of which {words})"
            else:
                parts.append(words)
        listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
        return f"{listed}, {self.period}."


def _shares(steps: list[dict]) -> list[dict]:
    """Say each step as a share of the step it follows (ours, not disclosed), where both are exact counts."""
    main: dict | None = None
    previous: dict | None = None
    for step in steps:
        before = previous if step["measure"] in PART_OF else main
        if before and before["exact"] and step["exact"] and before["value"]:
            step["share"] = f"{step['value']:,} of {before['value']:,} {before['words']} ({_percent(step, before)})"
        elif before is None:
            step["share"] = "first step"
        else:
            step["share"] = "not computed: not both exact counts"
        if step["measure"] not in PART_OF:
            main = step
        previous = step
    return steps


def _percent(step: dict, before: dict) -> str:
    """A share as a percentage to two significant figures below 1%: ``87%``, ``0.11%``."""
    percent = 100 * step["value"] / before["value"]
    return f"{percent:.0f}%" if percent >= 1 or percent == 0 else f"{percent:.2g}%"


def from_figures(figures: Sequence[FigureRow], sources: Mapping[str, object]) -> list[Funnel]:
    """Funnels of disclosed figures: two steps or more with the same agency, system, scope and stated period."""
    groups: dict[tuple, list[FigureRow]] = {}
    for figure in figures:
        if figure["measure"] in FIGURE_STEPS and not figure["rate_per"] and (days := span(figure)) and leads(figure):
            # the period as stated, and its days (the same for the same statement)
            key = (
                figure["agency"],
                figure["system"],
                figure["scope"],
                figure["period_start"],
                figure["period_end"],
                days,
            )
            groups.setdefault(key, []).append(figure)
    funnels = []
    order = list(FIGURE_STEPS)
    for (agency, system, scope, _, _, (_, last_day)), members in sorted(groups.items()):
        if len({figure["measure"] for figure in members} - PART_OF.keys()) < 2:
            continue
        members.sort(key=lambda figure: (order.index(figure["measure"]), figure["id"]))
        steps = [
            {
                "measure": figure["measure"],
                "part": figure["measure"] in PART_OF,
                "role": FIGURE_STEPS[figure["measure"]],
                "value": figure["value"],
                "exact": figure["qualifier"] == "exact",
                "value_words": figure["value_words"],
                "words": figure["measure_said"],
                "figure": figure["id"],
                "cited": sources[figure["source"]],
            }
            for figure in members
        ]
        period = members[0]["period_words"] + (f" ({members[0]['scope_words']})" if scope else "")
        funnel = Funnel(agency, system, period, "disclosed figures", _shares(steps), last_day)
        funnel.discrepancies = [f"{gap} The sources do not say why." for gap in _gaps(steps)]
        funnels.append(funnel)
    return funnels


def _gaps(steps: list[dict]) -> list[str]:
    """Where a funnel's parts do not add up to their whole (exact counts only), in words: parts that
    split a whole (true and false alerts) must make it, and a part must not exceed its whole."""
    found = {step["measure"]: step for step in steps if step["exact"]}
    gaps = []
    for whole, parts in SPLITS.items():
        if whole in found and all(part in found for part in parts):
            total = sum(found[part]["value"] for part in parts)
            if total != found[whole]["value"]:
                named = " and ".join(f"{found[part]['value']:,} {found[part]['words']}" for part in parts)
                difference = abs(total - found[whole]["value"])
                gaps.append(
                    f"The parts do not add up: {named} make {total:,}, {difference:,} "
                    f"{'more' if total > found[whole]['value'] else 'fewer'} than the "
                    f"{found[whole]['value']:,} {found[whole]['words']}."
                )
    for part, whole in PART_OF.items():
        if part in found and whole in found and found[part]["value"] > found[whole]["value"]:
            gaps.append(
                f"A part exceeds its whole: {found[part]['value']:,} {found[part]['words']} of "
                f"{found[whole]['value']:,} {found[whole]['words']}."
            )
    return gaps


def from_records(totals: list[dict], sources: Mapping[str, object], mismatched: list[dict]) -> list[Funnel]:
    """Funnels counted from each record-level disclosure over the days it lists in full; a count
    is "at least" where some records have no value. ``mismatched`` lists the records whose parts
    do not add up (``Counted.mismatched_parts``), which a funnel that does not add up names."""
    funnels = []
    for total in totals:
        counted = [(measure, total["measures"][measure]) for measure in RECORD_STEPS if measure in total["measures"]]
        if len([measure for measure, _ in counted if measure not in PART_OF]) < 2:
            continue
        steps = [
            {
                "measure": measure,
                "part": measure in PART_OF,
                "role": RECORD_STEPS[measure],
                "value": value,
                "exact": not missing,
                "value_words": f"at least {value:,}" if missing else f"{value:,}",
                "words": RECORD_STEPS[measure].removeprefix("of which "),
                "missing": missing,
                "figure": None,
                "cited": sources[total["source"]],
            }
            for measure, (value, missing) in counted
        ]
        basis = f"counted from records: {total['title']} ({total['records']:,} records)"
        funnel = Funnel(total["agency"], total["system"], total["period"], basis, _shares(steps), total["last_day"])
        causes = [record for record in mismatched if record["disclosure"] == total["disclosure"]]
        funnel.discrepancies = [f"{gap} {_caused_by(causes)}" for gap in _gaps(steps)]
        funnels.append(funnel)
    return funnels


def _caused_by(records: list[dict]) -> str:
    """The records whose parts do not add up to their whole, in words."""
    if not records:
        return "No single record explains it."
    described = []
    for record in records:
        where = [Bound.parse(pd.Timestamp(record["date"]).date().isoformat()).words()] if "date" in record else []
        where += [record["location"]] if record.get("location") else []
        values = ", ".join(f"{name.replace('_', ' ')} {record[name]:,}" for name in (record["whole"], *record["parts"]))
        row = str(record["source_row"])
        described.append(
            f"the record of {', '.join(where) or 'an unstated day'} ({'row ' if row.isdigit() else ''}{row}): {values}"
        )
    return "It comes from " + "; ".join(described) + ". The record checks flag it."
