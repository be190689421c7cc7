"""Which figures the comparison across agencies draws, why it leaves out each of the others, and
averages per 100,000 residents.

The comparison sets single agencies side by side on one measure counted in one unit (the one
most agencies' figures count in: "searches" as their sources say it), each figure as an average
per month over its own period (or the rate its source stated). Every other figure is left out
for the first reason in :data:`REASONS` that applies to it, and the page says which.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from . import claims
from .i18n import N_, _, said
from .model import FigureRow
from .qualifiers import per_month_words
from .vocabulary import USE

#: Why a figure is left out of the comparison, in the order the page lists them.
REASONS = {
    "group": N_("A group of agencies, not one agency: its count overlaps with the agencies in it"),
    "measure": N_("Another measure than searches or requests"),
    "weak": N_("From a weak source, which never leads a ranking"),
    "unit": N_("Counted in another unit than the chart's: only like is compared with like"),
    "scope": N_("Only part of an agency's use"),
    "contradicted": N_("Contradicted by the agency's own records"),
    "open": N_("No average per month: the period has no stated start or no stated end"),
    "zero": N_("Zero, which the chart's log scale cannot place"),
    "lower": N_("Lower than the highest averages, as many as the chart can show legibly"),
}
#: The number of residents an average per resident is given for.
RESIDENTS = 100_000
RESIDENTS_UNIT = N_("per 100,000 residents a month")


def left_out(figure: FigureRow, kind: str, contradiction: str) -> tuple[str, str]:
    """Why the comparison leaves ``figure`` out: a key of :data:`REASONS` and what in the figure
    makes it so (or the empty string); ``("", "")`` when the figure compares. ``kind`` is its
    agency's kind; ``contradiction`` says how records contradict it, empty when they do not."""
    if kind == "group":
        return "group", ""
    if figure["measure"] not in USE:
        return "measure", _("counts {measure}").format(measure=figure["measure_label"])
    if not claims.leads(figure):
        return "weak", claims.mark(figure)
    if figure["scope"]:
        return "scope", figure["scope_words"]
    if contradiction:
        return "contradicted", contradiction
    if figure["per_month"] is None:
        return "open", ""
    if figure["per_month"] <= 0:
        return "zero", ""
    return "", ""


def ranked_unit(figures: Sequence[FigureRow]) -> tuple[str, str]:
    """The unit the comparison ranks: the one the most agencies' figures count in; where as many
    count in two, searches before requests, and the measure's own word ("searches") before others."""
    counts = Counter(unit for unit, _ in {(claims.unit(figure), figure["agency"]) for figure in figures})
    return min(counts, key=lambda unit: (-counts[unit], USE.index(unit[0]), unit[1] != unit[0], unit[1]))


def per_residents(low: float, high: float, population: int) -> tuple[float, float]:
    """An average per month's bounds per 100,000 residents of a place with ``population``."""
    return low * RESIDENTS / population, high * RESIDENTS / population


def per_residents_words(figure: FigureRow, population: Mapping) -> str:
    """A figure's average per month per 100,000 residents, in words with its qualifier and the years
    of the count and of the population: ``at least 4.8 per 100,000 residents a month (searches from
    2017 to 2019; residents in 2020)``."""
    low, high = per_residents(figure["per_month_low"], figure["per_month_high"], population["population"])
    words = per_month_words(low, high, figure["qualifier"], said(RESIDENTS_UNIT))
    return _("{average} ({unit} {period}; residents in {year})").format(
        average=words, unit=claims.unit_words(figure), period=figure["period_words"], year=population["year"]
    )
