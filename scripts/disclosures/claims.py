"""What the site says by itself, held to the rules of what it quotes.

The summaries, "latest" figures, rankings, trend sentences, chart titles and brief headlines
are claims the site makes from the figures. Each rule here decides one kind of claim, and
every page, chart, brief and feed calls the same function:

* **Strength decides prominence**: a figure from a weak source never leads; it is shown with
  its mark and the reason. A secondary source is marked more lightly.
* **Latest** is the figure whose period ends last (ties by the source's date, then by the
  later start); a figure whose period holds another's *covers* it, and is never "earlier".
* **Like with like**: only figures of one measure counted in one unit (the source's measure
  words) are ranked, divided or compared.
* **No invented precision**: averages are rounded outward, the bottom of a range down and the
  top up, so that rounding never narrows what the figure allows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from functools import cmp_to_key
from typing import TypeVar

from . import i18n
from .i18n import N_, _, said
from .model import FigureRow
from .periods import Bound
from .vocabulary import MEASURE_WORDS

#: A figure, or a record that extends one (the site's ``Figure``): what the rules return is what they were given
F = TypeVar("F", bound=FigureRow)

#: The mark beside a figure whose source is secondary or weak (primary and reported have none).
MARKS = {"secondary": N_("secondary source"), "weak": N_("weak source")}

#: The rules, as the methodology page states them (a test reads them there).
RULES = {
    "strength": "A figure from a weak source never leads a summary, a brief, a chart's title or a ranking;"
    " wherever it is shown it is marked as weak, with the reason.",
    "latest": "The latest figure is the one whose period ends last (ties go to the newer source, then to"
    " the later start). A figure whose period holds another's covers it; it is never called earlier.",
    "like": "We compare, rank or divide only figures of one measure counted in one unit, in their sources'"
    " words: searches with searches, uses with uses, requests with requests.",
    "rounding": "Our averages are rounded outward: the bottom of a range down and the top up, so that"
    " rounding never narrows what a figure allows; a single average is rounded to the nearest.",
    "periods": "We never average over a period the source does not state: a start or an end it leaves out"
    " stays blank, and a figure without both has no average.",
    "status": "A year's disclosure status comes from what was said about that year: a year inside a total of"
    ' several years is "covered by a longer total", not "reported"; a year only partly counted says so.',
    "parts": "Parts are checked against their whole: where an outcome's parts do not add up, the page says by"
    " how much, and which record causes it.",
    "ids": "Internal ids never appear in what you read; every figure and source is named in words.",
}


def span(figure: FigureRow) -> tuple[date, date] | None:
    """A figure's first and last possible days, or None when its period leaves either end open."""
    first, last = figure["first_day"], figure["last_day"]
    return (first, last) if first is not None and last is not None else None


def leads(figure: FigureRow) -> bool:
    """True when ``figure`` may lead a claim: its source is not weak."""
    return figure["source_strength"] != "weak"


def leading(figures: Iterable[F]) -> list[F]:
    """The figures that may lead, in their order."""
    return [figure for figure in figures if leads(figure)]


def mark(figure: FigureRow) -> str:
    """The mark of a figure's source, as a reader sees it: ``weak source: <why>``, ``secondary source``
    (marked more lightly, without the reason), or the empty string for primary and reported sources."""
    return strength_mark(figure["source_strength"], figure["source_strength_why"])


def strength_mark(strength: str, why: str) -> str:
    """The mark of a source of this strength: ``weak source: <why>``, ``secondary source``, or nothing."""
    if strength == "weak":
        return _("weak source: {why}").format(why=why) if why else said(MARKS["weak"])
    return said(MARKS[strength]) if strength in MARKS else ""


def unit(figure: FigureRow) -> tuple[str, str]:
    """What a figure counts: its measure and its source's word for it (``("searches", "uses")``), the same in
    every language of the site."""
    return figure["measure"], (figure["measure_words"] or MEASURE_WORDS[figure["measure"]]).lower()


def unit_words(figure: FigureRow) -> str:
    """The figure's unit as the sentence says it: ``uses``."""
    return figure["measure_said"].lower()


def same_unit(figures: Iterable[FigureRow]) -> bool:
    """True when every figure counts the same measure in the same unit."""
    return len({unit(figure) for figure in figures}) <= 1


def _compare_latest(a: FigureRow, b: FigureRow) -> int:
    """Order two figures by how late their periods end; ties by the source's date where one is
    certainly newer, then by the later start, then by id."""
    for ends in ((a["end_first"], b["end_first"]), (a["last_day"], b["last_day"])):
        first, second = (end or date.min for end in ends)  # ``latest`` compares only figures with an end
        if first != second:
            return -1 if first < second else 1
    newer = _newer(a["source_date"], b["source_date"])
    if newer:
        return newer
    starts = (a["start_last"] or date.min, b["start_last"] or date.min)
    if starts[0] != starts[1]:
        return -1 if starts[0] < starts[1] else 1
    return (a["id"] > b["id"]) - (a["id"] < b["id"])


def _newer(a: str, b: str) -> int:
    """1 when the date ``a`` is certainly after ``b``, -1 when certainly before, 0 when either is
    missing or their spans overlap (``2020-09`` against ``2020-09-22``)."""
    if not (a and b):
        return 0
    first, second = Bound.parse(a), Bound.parse(b)
    if first.first > second.last:
        return 1
    if first.last < second.first:
        return -1
    return 0


def latest(figures: Iterable[F]) -> F | None:
    """The latest figure that may lead: the one whose period ends last, among those with a stated
    end; None when there is none."""
    ended = [figure for figure in leading(figures) if figure["last_day"] is not None]
    ended.sort(key=lambda figure: figure["id"])
    return max(ended, key=cmp_to_key(_compare_latest)) if ended else None


def longest(figures: Iterable[F]) -> F | None:
    """The figure that may lead with the longest period stated at both ends; None when there is none."""
    closed = [(days, figure) for figure in leading(figures) if (days := span(figure))]
    return max(closed, key=lambda pair: (pair[0][1] - pair[0][0], pair[1]["id"]))[1] if closed else None


def covers(outer: FigureRow, inner: FigureRow) -> bool:
    """True when ``outer`` counts the same measure over a longer period that certainly holds all of
    ``inner``'s (both stated at both ends)."""
    outer_days, inner_days = span(outer), span(inner)
    if outer_days is None or inner_days is None or outer["measure"] != inner["measure"]:
        return False
    (first, last), (inner_first, inner_last) = outer_days, inner_days
    return first <= inner_first <= inner_last <= last and (first, last) != (inner_first, inner_last)


def covering(figure: FigureRow, figures: Iterable[F]) -> list[F]:
    """The figures that may lead whose periods hold ``figure``'s, longest first."""
    found = [other for other in leading(figures) if covers(other, figure)]
    return sorted(found, key=lambda other: (other["first_day"], other["id"]))


def round_down(number: float) -> float:
    """``number`` rounded down to the precision :func:`amount` shows."""
    return _rounded(number, math.floor)


def round_up(number: float) -> float:
    """``number`` rounded up to the precision :func:`amount` shows."""
    return _rounded(number, math.ceil)


def round_near(number: float) -> float:
    """``number`` rounded to the nearest at the precision :func:`amount` shows."""
    return _rounded(number, lambda x: math.floor(x + 0.5))


def _places(number: float) -> int:
    """Decimal places shown: none from 10 up, else two significant digits."""
    if number >= 10 or number <= 0:
        return 0
    return 1 - math.floor(math.log10(number))


def _rounded(number: float, how) -> float:
    scale = 10 ** _places(number)
    return how(round(number * scale, 9)) / scale


def amount(number: float) -> str:
    """A rounded average as the site writes it: ``229``, ``5.9``, ``0.42``, ``1,234`` (Spanish: ``5,9``)."""
    return i18n.number(number, _places(number))
