"""The map of agencies: each placed by a public code (a US state by its Census FIPS code, any other
country by its ISO 3166 numeric code) on boundaries vendored from npm (us-atlas's states, simplified
with topojson-simplify at ``make vendor``; world-atlas's countries at 1:110m), each
area coloured by how long ago its agencies' newest disclosure was. Two Vega-Lite specs, the United
States and the world, drawn as static SVG: shapes and links only, the words are in the page."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pycountry

from ..i18n import N_, country_name, place_name

MAPS = Path(__file__).resolve().parents[3] / "theme" / "maps"
#: How long ago an area's newest disclosure was, and its colour (light to dark: older to newer). Each age is the
#: key an area carries (``age``) and its words, which pages show through ``_()``.
AGES = {
    N_("within 2 years"): "#08306b",
    N_("2 to 5 years ago"): "#2171b5",
    N_("more than 5 years ago"): "#6baed6",
    N_("no disclosure yet"): "#ffffff",
}
NOT_PLACED = "#ebebeb"
SIZE = {"us": (720, 440), "world": (360, 240)}


@cache
def states() -> dict[str, str]:
    """Each US state's FIPS code, by its name (us-atlas's states)."""
    atlas = json.loads((MAPS / "us-states-10m.json").read_text(encoding="utf-8"))
    return {state["properties"]["name"]: state["id"] for state in atlas["objects"]["states"]["geometries"]}


def place(agency: Mapping[str, Any]) -> dict | None:
    """Where the map places an agency: its state in the US (by the region agencies.csv gives), its
    country elsewhere, each named in the active language; None for an agency that works across the United
    States."""
    if agency["country"] == "US":
        code = states().get(agency["region"])
        return (
            {
                "map": "us",
                "area": place_name("US", agency["region"]),
                "code": code,
                "code_system": "US Census FIPS (state)",
            }
            if code
            else None
        )
    country = pycountry.countries.get(alpha_2=agency["country"])
    assert country is not None  # validation has checked the code
    return {
        "map": "world",
        "area": country_name(agency["country"]),
        "code": country.numeric,
        "code_system": "ISO 3166-1 numeric (country)",
    }


def age(latest: str, as_of: date) -> str:
    """Which of AGES an area's newest disclosure (an ISO date of any precision, or empty) falls in."""
    if not latest:
        return "no disclosure yet"
    years = (as_of - date.fromisoformat((latest + "-01-01")[:10])).days / 365.25
    return "within 2 years" if years <= 2 else "2 to 5 years ago" if years <= 5 else "more than 5 years ago"


def spec(which: str, areas: list[dict]) -> dict:
    """The Vega-Lite spec of one map: every area of the atlas, those with agencies coloured by age,
    each a link (``href``) with its words for a screen reader (``description``)."""
    width, height = SIZE[which]
    atlas, feature, projection = {
        "us": ("us-states-10m.json", "states", {"type": "albersUsa"}),
        "world": ("world-countries-110m.json", "countries", {"type": "equalEarth"}),
    }[which]
    values = json.loads((MAPS / atlas).read_text(encoding="utf-8"))
    shape = {"type": "geoshape", "stroke": "#4d4d4d", "strokeWidth": 0.6}
    placed = {
        "transform": [
            {"lookup": "id", "from": {"data": {"values": areas}, "key": "code", "fields": ["age", "href", "label"]}},
            {"filter": "isValid(datum.age)"},
        ],
        "mark": shape,
        "encoding": {
            "color": {
                "field": "age",
                "type": "nominal",
                "scale": {"domain": list(AGES), "range": list(AGES.values())},
                "legend": None,
            },
            "href": {"field": "href", "type": "nominal"},
            "description": {"field": "label", "type": "nominal"},
        },
    }
    # The United States shows every state for context; the world only the countries with agencies, fitted to them
    context = [{"mark": {**shape, "fill": NOT_PLACED, "stroke": "#ffffff", "aria": False}}] if which == "us" else []
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": width,
        "height": height,
        "background": "#ffffff",
        "padding": 0,
        "config": {"view": {"stroke": None}},
        "projection": projection,
        "data": {"values": values, "format": {"type": "topojson", "feature": feature}},
        "layer": [*context, placed],
    }
