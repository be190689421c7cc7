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
from babel.numbers import get_decimal_symbol

from .claims import leads, span
from .i18n import N_, _, active, ngettext, number, said
from .model import FigureRow
from .periods import Bound
from .records.series import SPLITS
from .vocabulary import FIGURE_STEPS, MEASURE_WORDS, PART_OF, RECORD_STEPS

#: What a step that is part of the one before counts, after "of which": ``12 alerts (of which 3 false)``.
PART_WORDS = {"false_alerts": N_("false")}


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
            words = _("{value} {measure}").format(value=step["value_words"], measure=step["words"])
            if step["measure"] in PART_OF and parts:
                parts[-1] = _("{whole} (of which {part})").format(whole=parts[-1], part=words)
            else:
                parts.append(words)
        listed = (
            _("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1]) if len(parts) > 1 else parts[0]
        )
        return _("{steps}, {period}.").format(steps=listed, period=self.period)


def _shares(steps: list[dict]) -> list[dict]:
    """Say each step as a share of the step it follows (ours, not disclosed), where both are exact counts."""
    main: dict | None = None
    previous: dict | None = None
    for step in steps:
        before = previous if step["measure"] in PART_OF else main
        if before and before["exact"] and step["exact"] and before["value"]:
            step["share"] = _("{part} of {whole} {measure} ({percent})").format(
                part=number(step["value"]),
                whole=number(before["value"]),
                measure=before["words"],
                percent=_percent(step, before),
            )
        elif before is None:
            step["share"] = _("first step")
        else:
            step["share"] = _("not computed: not both exact counts")
        if step["measure"] not in PART_OF:
            main = step
        previous = step
    return steps


def _percent(step: dict, before: dict) -> str:
    """A share as a percentage to two significant figures below 1%: ``87%``, ``0.11%``."""
    percent = 100 * step["value"] / before["value"]
    written = f"{percent:.0f}" if percent >= 1 or percent == 0 else f"{percent:.2g}"
    return _("{percent}%").format(percent=written.replace(".", get_decimal_symbol(active().locale)))


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
    for (agency, system, scope, _start, _end, (_first, last_day)), members in sorted(groups.items()):
        if len({figure["measure"] for figure in members} - PART_OF.keys()) < 2:
            continue
        members.sort(key=lambda figure: (order.index(figure["measure"]), figure["id"]))
        steps = [
            {
                "measure": figure["measure"],
                "part": figure["measure"] in PART_OF,
                "role": said(FIGURE_STEPS[figure["measure"]] or ""),
                "value": figure["value"],
                "exact": figure["qualifier"] == "exact",
                "value_words": figure["value_words"],
                "words": figure["measure_said"],
                "figure": figure["id"],
                "cited": sources[figure["source"]],
            }
            for figure in members
        ]
        period = members[0]["period_words"]
        if scope:
            period = _("{period} ({scope})").format(period=period, scope=members[0]["scope_words"])
        funnel = Funnel(agency, system, period, _("disclosed figures"), _shares(steps), last_day)
        funnel.discrepancies = [_("{gap} The sources do not say why.").format(gap=gap) for gap in _gaps(steps)]
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
                named = _(" and ").join(_said(found[part]) for part in parts)
                difference = abs(total - found[whole]["value"])
                pattern = (
                    _("The parts do not add up: {parts} make {total}, {difference} more than the {whole}.")
                    if total > found[whole]["value"]
                    else _("The parts do not add up: {parts} make {total}, {difference} fewer than the {whole}.")
                )
                gaps.append(
                    pattern.format(
                        parts=named, total=number(total), difference=number(difference), whole=_said(found[whole])
                    )
                )
    for part, whole in PART_OF.items():
        if part in found and whole in found and found[part]["value"] > found[whole]["value"]:
            gaps.append(
                _("A part exceeds its whole: {part} of {whole}.").format(
                    part=_said(found[part]), whole=_said(found[whole])
                )
            )
    return gaps


def _said(step: dict) -> str:
    """A step's count and what it counts: ``12 alerts``."""
    return _("{value} {measure}").format(value=number(step["value"]), measure=step["words"])


def from_records(totals: list[dict], sources: Mapping[str, object], mismatched: list[dict]) -> list[Funnel]:
    """Funnels counted from each record-level disclosure over the days it lists in full; a count
    is "at least" where some records have no value. ``mismatched`` lists the records whose parts
    do not add up (``Counted.mismatched_parts``), which a funnel that does not add up names."""
    funnels = []
    for total in totals:
        counted = [(measure, total["measures"][measure]) for measure in RECORD_STEPS if measure in total["measures"]]
        if len([measure for measure, _counts in counted if measure not in PART_OF]) < 2:
            continue
        steps = [
            {
                "measure": measure,
                "part": measure in PART_OF,
                "role": said(RECORD_STEPS[measure]),
                "value": value,
                "exact": not missing,
                "value_words": _("at least {number}").format(number=number(value)) if missing else number(value),
                "words": said(PART_WORDS.get(measure, RECORD_STEPS[measure])),
                "missing": missing,
                "figure": None,
                "cited": sources[total["source"]],
            }
            for measure, (value, missing) in counted
        ]
        basis = ngettext(
            "counted from records: {title} ({count} record)",
            "counted from records: {title} ({count} records)",
            total["records"],
        ).format(title=total["title"], count=number(total["records"]))
        funnel = Funnel(total["agency"], total["system"], total["period"], basis, _shares(steps), total["last_day"])
        causes = [record for record in mismatched if record["disclosure"] == total["disclosure"]]
        funnel.discrepancies = [_("{gap} {cause}").format(gap=gap, cause=_caused_by(causes)) for gap in _gaps(steps)]
        funnels.append(funnel)
    return funnels


def _caused_by(records: list[dict]) -> str:
    """The records whose parts do not add up to their whole, in words."""
    if not records:
        return _("No single record explains it.")
    described = []
    for record in records:
        where = [Bound.parse(pd.Timestamp(record["date"]).date().isoformat()).words()] if "date" in record else []
        where += [record["location"]] if record.get("location") else []
        values = ", ".join(
            _("{measure} {number}").format(
                measure=said(MEASURE_WORDS.get(name, name.replace("_", " "))), number=number(record[name])
            )
            for name in (record["whole"], *record["parts"])
        )
        row = str(record["source_row"])
        pattern = (
            _("the record of {where} (row {row}): {values}")
            if row.isdigit()
            else _("the record of {where} ({row}): {values}")
        )
        described.append(pattern.format(where=", ".join(where) or _("an unstated day"), row=row, values=values))
    return _("It comes from {records}. The record checks flag it.").format(records="; ".join(described))
