"""Qualifiers: how exact a disclosed number is, in the source's words and in ours.

The source's words decide the qualifier: "nearly" is a little under the number (at most),
"more than" and "over" at least, "about" either side. A quote must state the figure's number,
with the qualifier's words right before it.
"""

from __future__ import annotations

import math
import re

from num2words import num2words

from .claims import amount, round_down, round_near, round_up
from .i18n import N_, _, number, said

#: The words sources put before a number, and the qualifier each means.
WORDS = {
    "nearly": "at_most",
    "almost": "at_most",
    "just under": "at_most",
    "up to": "at_most",
    "at most": "at_most",
    "more than": "at_least",
    "over": "at_least",
    "at least": "at_least",
    "upwards of": "at_least",
    "about": "about",
    "approximately": "about",
    "around": "about",
    "roughly": "about",
    "close to": "about",
    "estimated": "estimate",
    "an estimated": "estimate",
    "between": "range",
}

#: How far an approximate or estimated number may stray before two figures conflict.
APPROXIMATION = 0.1


#: How the site writes a number after each of the source's words: the word's meaning, in the page's language.
SAID = {
    "nearly": N_("nearly {number}"),
    "almost": N_("almost {number}"),
    "just under": N_("just under {number}"),
    "up to": N_("up to {number}"),
    "at most": N_("at most {number}"),
    "more than": N_("more than {number}"),
    "over": N_("over {number}"),
    "at least": N_("at least {number}"),
    "upwards of": N_("upwards of {number}"),
    "about": N_("about {number}"),
    "approximately": N_("approximately {number}"),
    "around": N_("around {number}"),
    "roughly": N_("roughly {number}"),
    "close to": N_("close to {number}"),
    "estimated": N_("estimated {number}"),
    "an estimated": N_("an estimated {number}"),
}


def value_words(value: int, value_max: int | None, qualifier: str, qualifier_words: str) -> str:
    """Return the figure as the source stated it, e.g. ``nearly 475`` or ``11 to 50`` (``casi 475``, ``de 11 a
    50`` in Spanish)."""
    if qualifier == "range" and value_max is not None:
        pattern = _("between {low} and {high}") if qualifier_words == "between" else _("{low} to {high}")
        return pattern.format(low=number(value), high=number(value_max))
    if not qualifier_words:
        return number(value)
    stated = SAID.get(qualifier_words.lower())
    return said(stated).format(number=number(value)) if stated else f"{qualifier_words} {number(value)}"


def value_bounds(value: int, value_max: int | None, qualifier: str) -> tuple[float, float]:
    """Return the lowest and highest true values the figure allows."""
    if qualifier == "exact":
        return value, value
    if qualifier in ("about", "estimate"):
        return value * (1 - APPROXIMATION), value * (1 + APPROXIMATION)
    if qualifier == "at_least":
        return value, math.inf
    if qualifier == "at_most":
        return 0, value
    return value, value_max if value_max is not None else math.inf


def fits(qualifier: str, words: str) -> bool:
    """True when the source's ``words`` mean ``qualifier`` (no words: any qualifier but a range's)."""
    return WORDS.get(words.lower()) == qualifier if words else qualifier != "range"


def number_forms(value: int) -> list[str]:
    """Return the ways a source may write ``value``: 29,817 or 29817, in words (five, a million),
    in millions (2.5 million), and zero as "no" or "none"."""
    words = num2words(value)
    forms = [f"{value:,}", str(value), words]
    if words.startswith("one ") and " " not in words[4:]:
        forms.append("a " + words[4:])  # a million, a thousand
    if value >= 1_000_000 and value % 10_000 == 0:
        forms.append(f"{value / 1_000_000:g} million")  # 2.5 million
    if value == 0:
        forms += ["no", "none"]
    return forms


def _written(forms: list[str]) -> str:
    return "(?:" + "|".join(re.escape(form) for form in forms) + ")"


def states(quote: str, value: int, value_max: int | None, words: str) -> bool:
    """True when ``quote`` states the number (both ends of a range), with ``words`` right before it."""
    number = rf"(?<![\w,.]){_written(number_forms(value))}(?!\w|[,.]\d)"
    if value_max is not None:
        number += rf"\s+(?:and|to|-|\u2013)\s+{_written(number_forms(value_max))}(?!\w|[,.]\d)"
    lead = rf"(?<![\w-]){re.escape(words)}\s+(?:a\s+)?" if words else ""
    return bool(re.search(lead + number, quote, re.IGNORECASE))


def unqualified(quote: str, value: int) -> str:
    """Return the qualifier word a quote puts right before the number, or "" when it puts none."""
    before = "|".join(re.escape(word) for word in sorted(WORDS, key=len, reverse=True))
    found = re.search(
        rf"(?<![\w-])({before})\s+(?:a\s+)?{_written(number_forms(value))}(?!\w|[,.]\d)", quote, re.IGNORECASE
    )
    return found.group(1) if found else ""


def per_month_words(low: float, high: float, qualifier: str, unit: str = "") -> str:
    """Return an average per month in words, as a range wherever the figure or its period is vague:
    ``between 509 and 583 a month``, ``at least 84 a month``, ``about 4,000 a month``; ``unit``
    names what it is per (``per 100,000 residents a month``). Rounding goes outward, never
    narrowing the range (see ``claims``)."""
    unit = unit or _("a month")
    if qualifier == "at_least":
        return _("at least {number} {unit}").format(number=amount(round_down(low)), unit=unit)
    if qualifier == "at_most":
        return _("at most {number} {unit}").format(number=amount(round_up(high)), unit=unit)
    lead = {"about": _("about {number} {unit}"), "estimate": _("an estimated {number} {unit}")}.get(
        qualifier, "{number} {unit}"
    )
    if low == high:
        return lead.format(number=amount(round_near(low)), unit=unit)
    bottom, top = amount(round_down(low)), amount(round_up(high))
    if bottom == top:
        return lead.format(number=bottom, unit=unit)
    between = (
        _("about between {low} and {high} {unit}")
        if qualifier in ("about", "estimate")
        else _("between {low} and {high} {unit}")
    )
    return between.format(low=bottom, high=top, unit=unit)
