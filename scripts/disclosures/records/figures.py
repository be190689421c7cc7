"""Figures stated by figures-kind disclosures: a table of counts per period becomes figures.

Each mapped count column of each clean row is one figure, keeping the source's column title
as its words and the row as its locator.
"""

from __future__ import annotations

import re

import pandas as pd

from .extraction import Disclosure

#: The record fields a figures disclosure may carry, as figure measures.
FIGURE_MEASURES = ["searches", "requests", "matches", "arrests", "faces_scanned"]


def disclosed_figures(disclosures: list[Disclosure]) -> pd.DataFrame:
    """Return the figures that figures-kind disclosures state: one per clean row and measure column."""
    figures = []
    for disclosure in disclosures:
        description = disclosure.extraction.description
        if description.kind != "figures":
            continue
        titles = {field: column for column, field in description.columns.items()}
        records = disclosure.extraction.records
        for row in records[records["status"] == "clean"].to_dict("records"):
            start, end = _text(row.get("period_start")), _text(row.get("period_end"))
            for measure in (m for m in FIGURE_MEASURES if m in titles and not pd.isna(row[m])):
                figures.append(
                    {
                        "id": re.sub(r"[^a-z0-9]+", "-", f"{description.id} {measure} {start or end}".lower()).strip(
                            "-"
                        ),
                        "agency": description.agency,
                        "system": description.system,
                        "measure": measure,
                        "measure_words": titles[measure],
                        "value": str(int(row[measure])),
                        "value_max": "",
                        "qualifier": description.qualifier,
                        "qualifier_words": "",
                        "rate_per": "",
                        "period_start": start,
                        "period_end": end,
                        "period_note": "",
                        "source": description.source,
                        "locator": row["source_row"],
                        "note": f"From {description.title}",
                        "scope": "",
                        "quote": "",
                        "quote_missing": "A cell of a table, not a sentence: the locator names its row",
                    }
                )
    return pd.DataFrame(figures, dtype=str)


def _text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)
