"""Outcomes: what use yielded, step by step, from requests to arrests.

A funnel chains only numbers about the same agency, system and period: disclosed figures whose
periods are stated identically, or counts from one record-level disclosure over the days it
lists in full. Numbers from different periods are never chained. Each step keeps its source.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The steps a disclosed figure can be, in order; false matches are a part of the matches.
FIGURE_STEPS = {
    "requests": "requests made",
    "searches": "searches run",
    "matches": "possible matches",
    "false_matches": "of which found wrong",
    "arrests": "arrests",
}
#: The steps records can count, in order.
RECORD_STEPS = {
    "faces_scanned": "faces scanned",
    "alerts": "alerts",
    "true_alerts": "true alerts",
    "arrests": "arrests",
}


@dataclass
class Funnel:
    """The outcomes of one agency's use of one system over one period."""

    agency: str
    system: str
    period: str
    basis: str
    steps: list[dict]

    @property
    def sentence(self) -> str:
        """The funnel in words: ``15 requests, 13 uses, 5 matches (2 bad matches), 0 arrests``."""
        parts = []
        for step in self.steps:
            words = f"{step['value_words']} {step['words']}"
            if step["measure"] == "false_matches" and parts:
                parts[-1] += f" ({words})"
            else:
                parts.append(words)
        return ", ".join(parts) + f", {self.period}."


def from_figures(figures: list[dict]) -> list[Funnel]:
    """Funnels of disclosed figures: two steps or more with the same agency, system and stated period."""
    groups: dict[tuple, list[dict]] = {}
    for figure in figures:
        stated = figure["period_start"] and figure["period_end"]
        if figure["measure"] in FIGURE_STEPS and not figure["scope"] and not figure["rate_per"] and stated:
            key = (figure["agency"], figure["system"], figure["period_start"], figure["period_end"])
            groups.setdefault(key, []).append(figure)
    funnels = []
    order = list(FIGURE_STEPS)
    for (agency, system, _, _), members in sorted(groups.items()):
        if len({figure["measure"] for figure in members}) < 2:
            continue
        members.sort(key=lambda figure: (order.index(figure["measure"]), figure["id"]))
        steps = [
            {
                "measure": figure["measure"],
                "role": FIGURE_STEPS[figure["measure"]],
                "value": figure["value"],
                "value_words": figure["value_words"],
                "words": figure["measure_words"] or figure["measure_label"],
                "figure": figure,
                "source": {
                    "publisher": figure["source_publisher"],
                    "url": figure["source_url"],
                    "title": figure["source_title"],
                },
            }
            for figure in members
        ]
        funnels.append(Funnel(agency, system, members[0]["period_words"], "disclosed figures", steps))
    return funnels


def from_records(totals: list[dict], sources: dict[str, dict]) -> list[Funnel]:
    """Funnels counted from each record-level disclosure over the days it lists in full."""
    funnels = []
    for total in totals:
        counted = [(measure, total["measures"][measure]) for measure in RECORD_STEPS if measure in total["measures"]]
        if len(counted) < 2:
            continue
        source = sources[total["source"]]
        steps = [
            {
                "measure": measure,
                "role": RECORD_STEPS[measure],
                "value": value,
                "value_words": f"{value:,}" if not missing else f"at least {value:,}",
                "words": RECORD_STEPS[measure],
                "missing": missing,
                "source": {"publisher": source["publisher"], "url": source["url"], "title": total["title"]},
            }
            for measure, (value, missing) in counted
        ]
        funnels.append(Funnel(total["agency"], total["system"], total["period"], "counted from records", steps))
    return funnels
