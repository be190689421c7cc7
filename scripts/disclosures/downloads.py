"""The published downloads: every table as CSV, and each chart's SVG, Vega spec and data.

Every text cell that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or
a carriage return) is written with a leading apostrophe, as the OWASP guidance on CSV injection
says; numbers are never changed.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from .records.extraction import scan
from .tables import Disclosures
from .vocabulary import STATUSES

SOURCE_URL = {"name": "source_url", "type": "string", "description": "Web address of the figure's source."}
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
    "scope",
]


def write_tables(disclosures: Disclosures, folder: Path) -> None:
    """Write every table as CSV (figures carry their source URL) and each disclosure's records."""
    folder.mkdir(parents=True, exist_ok=True)
    _csv(disclosures.figures[FIGURE_COLUMNS].sort_values("id"), folder / "figures.csv")
    for name in ("sources", "agencies", "systems"):
        _csv(getattr(disclosures, name), folder / f"{name}.csv")
    _csv(pd.DataFrame({"figure": disclosures.headlines}), folder / "headlines.csv")
    _csv(disclosures.corrections, folder / "corrections.csv")
    _csv(disclosures.unknowns, folder / "unknowns.csv")
    _csv(disclosures.statuses, folder / "statuses.csv")
    _csv(disclosures.obligations, folder / "obligations.csv")
    _csv(disclosures.events.drop(columns=["first_day", "date_words"]), folder / "events.csv")
    for disclosure in disclosures.records:
        write_records(disclosure.extraction.path, folder / f"records-{disclosure.extraction.description.id}.csv")


FORMULA = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """Return a text cell that would start a formula with a leading apostrophe; anything else as it is."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA) else value


def write_records(parquet: Path, path: Path) -> None:
    """Write every row of an extraction, with its status, as CSV (text cells made inert)."""
    with duckdb.connect() as con:
        types = con.execute(f"DESCRIBE SELECT * FROM {scan(parquet)}").fetchall()
        formula = r"'^[=+\-@\t\r]'"
        columns = [
            f'CASE WHEN regexp_matches("{name}", {formula}) THEN chr(39) || "{name}" ELSE "{name}" END AS "{name}"'
            if kind == "VARCHAR"
            else f'"{name}"'
            for name, kind, *_ in types
        ]
        con.execute(f"COPY (SELECT {', '.join(columns)} FROM {scan(parquet)}) TO ? (FORMAT csv, HEADER)", [str(path)])


LICENSES = [
    {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0 (our compilation; each figure remains its source's statement)",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    }
]
#: Tables the site works out from the data, with their titles.
DERIVED = {
    "series": "Counts per month, counted from record-level disclosures",
    "disclosure-status": "For each agency and year, what was said about its use in that year",
    "places": "Where the map of agencies places each agency, by a public code, and how old its newest disclosure is",
}
#: The columns of places.csv, in the order of its schema.
PLACE_COLUMNS = ("agency", "name", "map", "area", "code", "code_system", "latest", "age")
#: Table Schema types of the types DuckDB gives a record field.
RECORD_TYPES = {"VARCHAR": "string", "DATE": "date", "BIGINT": "integer", "INTEGER": "integer", "DOUBLE": "number"}


def data_package(data_dir: Path, disclosures: Disclosures) -> dict:
    """Return the Frictionless descriptor of every table published in ``data/``, schemas inline:
    the reference tables and figures (which carry their source's URL beside its id), the monthly
    series counted from records, and each record-level disclosure's rows with their status."""
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    package["licenses"] = LICENSES
    for resource in package["resources"]:
        schema = json.loads((data_dir / resource["schema"]).read_text(encoding="utf-8"))
        schema.pop("foreignKeys", None)
        if resource["name"] == "figures":
            at = next(i for i, field in enumerate(schema["fields"]) if field["name"] == "source") + 1
            schema["fields"].insert(at, SOURCE_URL)
            schema["fields"] = [field for field in schema["fields"] if field["name"] in FIGURE_COLUMNS]
        resource.update(path=f"{resource['name']}.csv", schema=schema, sources=[SOURCES_TABLE])
    schemas = data_dir / "schemas"
    package["resources"] += [
        {
            "name": name,
            "path": f"{name}.csv",
            "title": title,
            "format": "csv",
            "encoding": "utf-8",
            "schema": json.loads((schemas / f"{name}.schema.json").read_text(encoding="utf-8")),
            "sources": [SOURCES_TABLE],
        }
        for name, title in DERIVED.items()
    ]
    # The states a year can be in have one home: the vocabulary
    years = next(resource for resource in package["resources"] if resource["name"] == "disclosure-status")
    state = next(field for field in years["schema"]["fields"] if field["name"] == "status")
    state["constraints"]["enum"] = list(STATUSES)
    meanings = {
        field["name"]: field["description"]
        for field in json.loads((schemas / "records.schema.json").read_text(encoding="utf-8"))["fields"]
    }
    sources = disclosures.sources.set_index("id")
    package["resources"] += [
        _records_resource(disclosure, meanings, sources.loc[disclosure.extraction.description.source])
        for disclosure in disclosures.records
    ]
    return package


SOURCES_TABLE = {
    "title": "Each row's source is named by id in sources.csv, with its address and where to look for it in the"
    " Web Archive"
}


def _records_resource(disclosure, meanings: dict[str, str], source: pd.Series) -> dict:
    """The resource of one record-level disclosure: every row read, its fields typed as extracted."""
    description = disclosure.extraction.description
    with duckdb.connect() as con:
        columns = con.execute(f"DESCRIBE SELECT * FROM {scan(disclosure.extraction.path)}").fetchall()
    fields = [
        {"name": name, "type": RECORD_TYPES.get(kind, "string"), "description": meanings.get(name, "")}
        for name, kind, *_ in columns
    ]
    return {
        "name": f"records-{description.id}",
        "path": f"records-{description.id}.csv",
        "title": description.title,
        "format": "csv",
        "encoding": "utf-8",
        "schema": {"fields": fields},
        "sources": [
            {
                "title": f"{source['title']} ({source['publisher']})",
                **({"path": source["url"]} if source["url"] else {}),
            }
        ],
    }


def write_data_package(data_dir: Path, disclosures: Disclosures, folder: Path) -> None:
    """Write ``datapackage.json`` beside the published tables."""
    text = json.dumps(data_package(data_dir, disclosures), indent=2) + "\n"
    (folder / "datapackage.json").write_text(text, encoding="utf-8")


def write_derived(series: pd.DataFrame, status: pd.DataFrame, places: pd.DataFrame, folder: Path) -> None:
    """Write the monthly series counted from records, the disclosure status of each agency and year,
    and where the map places each agency (each its header alone when empty)."""
    _csv(series, folder / "series.csv")
    _csv(status, folder / "disclosure-status.csv")
    _csv(places, folder / "places.csv")


def _csv(frame: pd.DataFrame, path: Path) -> None:
    text = frame.select_dtypes(exclude="number").columns
    frame.assign(**{name: frame[name].map(inert) for name in text}).to_csv(path, index=False, lineterminator="\n")
