"""Reconcile figures that cover the same thing: which overlap, which nest, which conflict.

Figures whose periods overlap are never added up. A pair conflicts when the values the
two figures allow (see ``qualifiers.value_bounds``) cannot both be true: a part larger than
its whole, or two different counts of the same period.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from .periods import Period
from .qualifiers import value_bounds

SAME_THING = ["agency", "system", "measure", "rate_per"]


def relate(figures: pd.DataFrame) -> pd.DataFrame:
    """Return one row per pair of figures about the same thing whose periods overlap.

    Columns: figure, other, relation (same period, nested, overlapping), conflict (bool)
    and explanation in words.
    """
    pairs = []
    for _, group in figures.groupby(SAME_THING, sort=True):
        for (_, a), (_, b) in combinations(group.sort_values("id").iterrows(), 2):
            pair = _relation(a, b)
            if pair:
                pairs.append(pair)
    return pd.DataFrame(pairs, columns=["figure", "other", "relation", "conflict", "explanation"])


def _relation(a: pd.Series, b: pd.Series) -> dict | None:
    period_a = Period.parse(a["period_start"], a["period_end"])
    period_b = Period.parse(b["period_start"], b["period_end"])
    if not period_a.overlaps(period_b):
        return None
    low_a, high_a = value_bounds(a["value"], _int(a["value_max"]), a["qualifier"])
    low_b, high_b = value_bounds(b["value"], _int(b["value_max"]), b["qualifier"])
    if period_a.contains(period_b) and period_b.contains(period_a):
        relation, conflict = "same period", high_a < low_b or high_b < low_a
        why = "two counts of the same period that cannot both be true" if conflict else "the same period"
    elif period_a.contains(period_b) or period_b.contains(period_a):
        outer, inner = (a, b) if period_a.contains(period_b) else (b, a)
        outer_high = high_a if outer is a else high_b
        inner_low = low_b if outer is a else low_a
        relation, conflict = "nested", inner_low > outer_high
        why = (
            f"{inner['value_words']} ({inner['period_words']}) lies within "
            f"{outer['value_words']} ({outer['period_words']})"
        )
        if conflict:
            why = "the part is larger than the whole: " + why
    else:
        relation, conflict = "overlapping", False
        why = "the periods share some time, so the figures must not be added up"
    return {"figure": a["id"], "other": b["id"], "relation": relation, "conflict": conflict, "explanation": why}


def _int(value) -> int | None:
    return None if pd.isna(value) else int(value)
