"""The data's codes and the site's words for them, each written once: measures (and their place in
outcomes), qualifiers, source strengths and disclosure statuses. The schemas' enums are tested
against these, and the methodology's tables are made from them (``site.glossary``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast


@dataclass(frozen=True)
class Measure:
    """A thing counted: the site's words for it, its words as a step of outcomes, whether it counts
    use (trends follow it and the comparison ranks it), whether figures may state it (records may count
    more), and the whole it is a part of."""

    words: str
    step: str | None = None
    use: bool = False
    disclosed: bool = True
    part_of: str | None = None


#: Every measure, in the order pages list them.
MEASURES = {
    "searches": Measure("searches", "searches run", use=True),
    "requests": Measure("requests for a search", "requests made", use=True),
    "matches": Measure("possible matches", "possible matches"),
    "false_matches": Measure("possible matches found wrong", "of which wrong", part_of="matches"),
    "alerts": Measure("alerts", "alerts"),
    "true_alerts": Measure("true alerts", "true alerts", disclosed=False),
    "false_alerts": Measure("false alerts", "of which false", part_of="alerts"),
    "arrests": Measure("arrests", "arrests"),
    "faces_scanned": Measure("faces scanned", "faces scanned"),
    "deployments": Measure("deployments"),
    "users": Measure("people with access"),
    "agencies": Measure("agencies"),
    "log_records": Measure("log records"),
}
#: The steps of outcomes in order, from faces scanned or requests made to arrests.
FUNNEL = (
    "faces_scanned",
    "requests",
    "searches",
    "matches",
    "false_matches",
    "alerts",
    "false_alerts",
    "true_alerts",
    "arrests",
)
#: The steps records count, in order: live facial recognition's, from faces scanned to arrests.
RECORD_FUNNEL = ("faces_scanned", "alerts", "false_alerts", "true_alerts", "arrests")

MEASURE_WORDS = {name: measure.words for name, measure in MEASURES.items()}
USE = tuple(name for name, measure in MEASURES.items() if measure.use)
FIGURE_STEPS = {name: MEASURES[name].step for name in FUNNEL if MEASURES[name].disclosed}
RECORD_STEPS = cast(dict[str, str], {name: MEASURES[name].step for name in RECORD_FUNNEL})  # each has a step
PART_OF = {name: measure.part_of for name, measure in MEASURES.items() if measure.part_of}


@dataclass(frozen=True)
class Qualifier:
    """How exact a number is: a short label for tables and legends, and what it means."""

    label: str
    meaning: str


QUALIFIERS = {
    "exact": Qualifier("exact", "the source gives the number as exact"),
    "about": Qualifier(
        "approximate", "the source rounds or approximates, either side (about, approximately, close to)"
    ),
    "at_least": Qualifier("lower bound", "a lower bound: the true number is this or more (at least, more than, over)"),
    "at_most": Qualifier(
        "upper bound", "an upper bound: the true number is this or a little less (nearly, almost, up to, at most)"
    ),
    "range": Qualifier("range", "the source gives a range, from the lower to the upper number"),
    "estimate": Qualifier("estimate", "the source calls the number an estimate"),
}

#: Each state of an agency's year in words, strongest first: where a year has several, the first is shown.
STATUSES = {
    "reported": "reported",
    "reported_zero": "reported zero",
    "reported_part": "reported for part of the year",
    "covered": "covered by a longer total",
    "reported_to_body": "reported to an oversight body, not published",
    "answered": "records released on request, not yet in this data",
    "refused": "refused",
    "requested": "requested, no reply yet",
    "not_yet_requested": "not yet requested",
    "not_disclosed": "not disclosed",
}
#: The states written in statuses.csv, each with its source; the others are worked out from the data.
WRITTEN_STATUSES = ("reported_to_body", "answered", "refused", "requested", "not_yet_requested")
#: A records request's state, in words (a request's, where STATUSES gives a year's).
REQUEST_STATES = {"answered": "answered with records", "refused": "refused", "requested": "no answer known"}
#: States that leave a year open: nothing about its use in that year is published.
GAPS = (*WRITTEN_STATUSES, "not_disclosed")
