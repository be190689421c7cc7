"""The published downloads: every table as CSV, and each chart's SVG, Vega spec and data."""

from __future__ import annotations

import json
from pathlib import Path

from .records.extraction import to_csv
from .tables import Disclosures

FIGURE_COLUMNS = [
    "id",
    "agency",
    "system",
    "measure",
    "measure_words",
    "value",
    "value_max",
    "qualifier",
    "qualifier_words",
    "rate_per",
    "period_start",
    "period_end",
    "period_note",
    "source",
    "source_url",
    "locator",
    "note",
]


def write_tables(disclosures: Disclosures, folder: Path) -> None:
    """Write figures, sources, agencies, systems and events as CSV; figures carry their source URL."""
    folder.mkdir(parents=True, exist_ok=True)
    _csv(disclosures.figures[FIGURE_COLUMNS].sort_values("id"), folder / "figures.csv")
    for name in ("sources", "agencies", "systems"):
        _csv(getattr(disclosures, name), folder / f"{name}.csv")
    _csv(disclosures.events.drop(columns=["first_day", "date_words"]), folder / "events.csv")
    for disclosure in disclosures.records:
        (folder / f"records-{disclosure.extraction.description.id}.csv").write_text(
            to_csv(disclosure.extraction), encoding="utf-8"
        )


def write_series(series, folder: Path) -> None:
    """Write the monthly series counted from records."""
    if series is not None:
        _csv(series, folder / "series.csv")


def write_chart(chart, folder: Path) -> None:
    """Write one chart's SVG, Vega spec and data table."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{chart.id}.svg").write_text(chart.svg, encoding="utf-8")
    (folder / f"{chart.id}.vg.json").write_text(
        json.dumps(chart.vega, sort_keys=True, indent=1) + "\n", encoding="utf-8"
    )
    _csv(chart.table, folder / f"{chart.id}.csv")


def _csv(frame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n")
