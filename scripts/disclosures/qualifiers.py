"""Qualifiers: how exact a disclosed number is, in the source's words and in ours."""

from __future__ import annotations

import math

#: What each qualifier means, shown on the methodology page and in tooltips.
MEANINGS = {
    "exact": "the source gives the number as exact",
    "about": "the source rounds or approximates (about, nearly, close to)",
    "at_least": "a lower bound: the true number is this or more (at least, more than, over)",
    "at_most": "an upper bound: the true number is this or less (at most, up to)",
    "range": "the source gives a range, from the lower to the upper number",
    "estimate": "the source calls the number an estimate",
}

#: Short labels for tables and chart legends.
LABELS = {
    "exact": "exact",
    "about": "approximate",
    "at_least": "lower bound",
    "at_most": "upper bound",
    "range": "range",
    "estimate": "estimate",
}

#: How far an approximate or estimated number may stray before two figures conflict.
APPROXIMATION = 0.1


def value_words(value: int, value_max: int | None, qualifier: str, qualifier_words: str) -> str:
    """Return the figure as the source stated it, e.g. ``nearly 475`` or ``11 to 50``."""
    if qualifier == "range" and value_max is not None:
        if qualifier_words == "between":
            return f"between {value:,} and {value_max:,}"
        return f"{value:,} to {value_max:,}"
    return f"{qualifier_words} {value:,}" if qualifier_words else f"{value:,}"


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
