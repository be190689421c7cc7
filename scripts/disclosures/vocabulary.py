"""The data's codes and the site's words for them, each written once: measures (and their place in
outcomes), qualifiers, source strengths and disclosure statuses. The schemas' enums are tested
against these, and the methodology's tables are made from them (``site.glossary``). Their words are
English, marked for the catalogues (``N_``): pages show them through ``_()`` in their own language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from .i18n import N_


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
    "searches": Measure(N_("searches"), N_("searches run"), use=True),
    "requests": Measure(N_("requests for a search"), N_("requests made"), use=True),
    "matches": Measure(N_("possible matches"), N_("possible matches")),
    "false_matches": Measure(N_("possible matches found wrong"), N_("of which wrong"), part_of="matches"),
    "alerts": Measure(N_("alerts"), N_("alerts")),
    "true_alerts": Measure(N_("true alerts"), N_("true alerts"), disclosed=False),
    "false_alerts": Measure(N_("false alerts"), N_("of which false"), part_of="alerts"),
    "arrests": Measure(N_("arrests"), N_("arrests")),
    "faces_scanned": Measure(N_("faces scanned"), N_("faces scanned")),
    "deployments": Measure(N_("deployments")),
    "users": Measure(N_("people with access")),
    "agencies": Measure(N_("agencies")),
    "log_records": Measure(N_("log records")),
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
    "exact": Qualifier(N_("exact"), N_("the source gives the number as exact")),
    "about": Qualifier(
        N_("approximate"), N_("the source rounds or approximates, either side (about, approximately, close to)")
    ),
    "at_least": Qualifier(
        N_("lower bound"), N_("a lower bound: the true number is this or more (at least, more than, over)")
    ),
    "at_most": Qualifier(
        N_("upper bound"),
        N_("an upper bound: the true number is this or a little less (nearly, almost, up to, at most)"),
    ),
    "range": Qualifier(N_("range"), N_("the source gives a range, from the lower to the upper number")),
    "estimate": Qualifier(N_("estimate"), N_("the source calls the number an estimate")),
}

#: A rate's words after its count: ``4,600 uses a month``.
RATES = {"day": N_("{count} a day"), "month": N_("{count} a month"), "year": N_("{count} a year")}

#: Each state of an agency's year in words, strongest first: where a year has several, the first is shown.
STATUSES = {
    "reported": N_("reported"),
    "reported_zero": N_("reported zero"),
    "reported_part": N_("reported for part of the year"),
    "covered": N_("covered by a longer total"),
    "reported_to_body": N_("reported to an oversight body, not published"),
    "answered": N_("records released on request, not yet in this data"),
    "refused": N_("refused"),
    "requested": N_("requested, no reply yet"),
    "not_yet_requested": N_("not yet requested"),
    "not_disclosed": N_("not disclosed"),
}
#: The states written in statuses.csv, each with its source; the others are worked out from the data.
WRITTEN_STATUSES = ("reported_to_body", "answered", "refused", "requested", "not_yet_requested")
#: A records request's state, in words (a request's, where STATUSES gives a year's).
REQUEST_STATES = {"answered": N_("answered with records"), "refused": N_("refused"), "requested": N_("no answer known")}
#: States that leave a year open: nothing about its use in that year is published.
GAPS = (*WRITTEN_STATUSES, "not_disclosed")

#: The words for the data's other codes (kinds of agency, event, source and system; how duties are set), as pages
#: show them: English is the code with spaces.
TERMS = {
    # agencies
    "police": N_("police"),
    "sheriff": N_("sheriff"),
    "state": N_("state"),
    "federal": N_("federal"),
    "group": N_("group"),
    # events
    "policy": N_("policy"),
    "ban": N_("ban"),
    "audit": N_("audit"),
    "contract": N_("contract"),
    "report": N_("report"),
    "statement": N_("statement"),
    "review": N_("review"),
    "records_response": N_("records response"),
    # sources
    "agency_release": N_("agency release"),
    "court_filing": N_("court filing"),
    "news_report": N_("news report"),
    "reprint": N_("reprint"),
    "research": N_("research"),
    "official_report": N_("official report"),
    "company_statement": N_("company statement"),
    "vendor_blog": N_("vendor blog"),
    "blog": N_("blog"),
    "database": N_("database"),
    "leak": N_("leak"),
    # what one record of a log or grid is
    "deployment": N_("deployment"),
    "search": N_("search"),
    "log_entry": N_("log entry"),
    "period": N_("period"),
    # source strengths, as a figure names its source
    "primary": N_("primary source"),
    "reported": N_("reported source"),
    "secondary": N_("secondary source"),
    "weak": N_("weak source"),
    # systems
    "government": N_("government"),
    "commercial": N_("commercial"),
}
