"""Reconcile figures that cover the same thing: which overlap, which nest, which conflict.

Figures whose periods overlap are never added up. A pair conflicts when the values the
two figures allow (see ``qualifiers.value_bounds``) cannot both be true: a part larger than
its whole, or two different counts of the same period.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .i18n import N_, _
from .qualifiers import value_bounds

SAME_THING = ["agency", "system", "measure", "rate_per"]
COLUMNS = ["figure", "other", "relation", "conflict", "explanation"]


def relate(figures: pd.DataFrame) -> pd.DataFrame:
    """Return one row per pair of figures about the same thing whose periods overlap.

    Columns: figure, other, relation (same period, nested, overlapping), conflict (bool)
    and explanation in words. Pairs are found by one self-join, not figure by figure.
    """
    closed = figures[figures["first_day"].notna() & figures["last_day"].notna()]
    bounds = [
        value_bounds(v, None if pd.isna(m) else int(m), q)
        for v, m, q in closed[["value", "value_max", "qualifier"]].itertuples(index=False)
    ]
    closed = closed.assign(low=[pair[0] for pair in bounds], high=[pair[1] for pair in bounds])
    sides = closed[[*SAME_THING, "id", "first_day", "last_day", "low", "high", "value_words", "period_words"]]
    pairs = sides.merge(sides, on=SAME_THING, suffixes=("_a", "_b"))
    pairs = pairs[(pairs["id_a"] < pairs["id_b"])]
    pairs = pairs[(pairs["first_day_a"] <= pairs["last_day_b"]) & (pairs["first_day_b"] <= pairs["last_day_a"])]
    if pairs.empty:
        return pd.DataFrame(columns=COLUMNS)
    a_holds_b = (pairs["first_day_a"] <= pairs["first_day_b"]) & (pairs["last_day_b"] <= pairs["last_day_a"])
    b_holds_a = (pairs["first_day_b"] <= pairs["first_day_a"]) & (pairs["last_day_a"] <= pairs["last_day_b"])
    same = a_holds_b & b_holds_a
    nested = (a_holds_b | b_holds_a) & ~same
    relation = np.select([same, nested], ["same period", "nested"], "overlapping")
    # A part larger than its whole, or two counts of one period that cannot both be true
    part_too_big = np.where(a_holds_b, pairs["low_b"] > pairs["high_a"], pairs["low_a"] > pairs["high_b"])
    apart = (pairs["high_a"] < pairs["low_b"]) | (pairs["high_b"] < pairs["low_a"])
    conflict = np.select([same, nested], [apart, part_too_big], False)
    explanations = []
    for row, kind, clash, outer_is_a in zip(pairs.itertuples(index=False), relation, conflict, a_holds_b, strict=True):
        explanations.append(_explain(row, kind, clash, outer_is_a))
    return pd.DataFrame(
        {
            "figure": pairs["id_a"].to_numpy(),
            "other": pairs["id_b"].to_numpy(),
            "relation": relation,
            "conflict": conflict.astype(bool),
            "explanation": explanations,
        }
    ).sort_values(["figure", "other"], ignore_index=True)


def _explain(row, relation: str, conflict: bool, outer_is_a: bool) -> str:
    """Say in words how a pair of figures relates."""
    if relation == "same period":
        return _("two counts of the same period that cannot both be true") if conflict else _("the same period")
    if relation == "overlapping":
        return _("the periods share some time, so the figures must not be added up")
    outer = (row.value_words_a, row.period_words_a) if outer_is_a else (row.value_words_b, row.period_words_b)
    inner = (row.value_words_b, row.period_words_b) if outer_is_a else (row.value_words_a, row.period_words_a)
    said = (
        _("the part is larger than the whole: {inner} ({inner_period}) lies within {outer} ({outer_period})")
        if conflict
        else _("{inner} ({inner_period}) lies within {outer} ({outer_period})")
    )
    return said.format(inner=inner[0], inner_period=inner[1], outer=outer[0], outer_period=outer[1])


#: Each relation in words, as a figure's line names it.
RELATIONS = {"same period": N_("same period"), "nested": N_("nested"), "overlapping": N_("overlapping")}
