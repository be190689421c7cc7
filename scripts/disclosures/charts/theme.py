"""The one chart theme, in two palettes.

Altair draws every chart with the light palette. The dark palette gives each light colour a
twin, and :func:`colour_css` turns the pairs into the stylesheet that recolours the charts'
SVG (rendered at build time or live in the browser) for readers who prefer dark pages, so
that both come from this one definition. Text is drawn in the vendored Atkinson Hyperlegible,
which the renderers load from ``theme/fonts``, so that every machine measures and
draws the same glyphs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass
from pathlib import Path

import altair as alt
import vl_convert as vlc
from babel.dates import get_day_names, get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol

from ..i18n import SOURCE, Language, active

FONT = "Atkinson Hyperlegible"
FONTS = Path(__file__).resolve().parents[3] / "theme" / "fonts"
#: The fontconfig file that shows a renderer the vendored fonts and no others.
FONT_CONFIG = FONTS / "fonts.conf"
#: Sizes in CSS pixels: nothing in a chart is drawn smaller than 12 px.
SIZES = {"text": 12, "label": 13, "title": 18, "subtitle": 14}
#: The space around everything a chart draws, axis labels included, in CSS pixels.
PADDING = 4


@dataclass(frozen=True)
class Palette:
    """The colours a chart is drawn in, by role."""

    background: str
    text: str
    muted: str
    grid: str
    axis: str
    category: tuple[str, ...]


LIGHT = Palette(
    background="#ffffff",
    text="#1a1a1a",
    muted="#4d4d4d",
    grid="#dcdcdc",
    axis="#767676",
    category=("#0072b2", "#c2410c", "#047857", "#a3348a", "#8a6100", "#6d4fb8"),
)
DARK = Palette(
    background="#121417",
    text="#ececec",
    muted="#c2c2c2",
    grid="#3a4048",
    axis="#8f8f8f",
    category=("#56b4e9", "#f0884a", "#34c79b", "#e58cc9", "#e6b84a", "#b7a4f0"),
)


def config(palette: Palette) -> alt.theme.ConfigKwds:
    """The Vega-Lite config of the theme in one palette."""
    font = f"{FONT}, sans-serif"
    text: alt.theme.MarkConfigKwds = {"fontSize": SIZES["text"], "font": font}
    return {
        "font": font,
        "background": "transparent",
        "view": {"stroke": None},
        "padding": PADDING,
        "title": {
            "anchor": "start",
            "fontSize": SIZES["title"],
            "fontWeight": "bold",
            "color": palette.text,
            "subtitleFontSize": SIZES["subtitle"],
            "subtitleColor": palette.text,
            "subtitlePadding": 6,
            "offset": 12,
        },
        "axis": {
            "labelFontSize": SIZES["text"],
            "titleFontSize": SIZES["text"],
            "titleFontWeight": "normal",
            "gridColor": palette.grid,
            "domainColor": palette.axis,
            "tickColor": palette.axis,
            "labelColor": palette.text,
            "titleColor": palette.text,
        },
        # The first and last labels of an x axis align with its ends, so a phone never cuts them off
        "axisX": {"labelFlush": True},
        "legend": {
            "labelFontSize": SIZES["text"],
            "titleFontSize": SIZES["text"],
            "labelColor": palette.text,
            "titleColor": palette.text,
            "orient": "top",
            "direction": "horizontal",
            "labelLimit": 0,
            "titleLimit": 0,
            "symbolFillColor": palette.text,
        },
        "range": {"category": list(palette.category)},
        "mark": {"color": palette.category[0]},
        "text": {**text, "color": palette.text},
        "rule": {"color": palette.muted},
        "point": {"size": 90, "filled": True},
        "style": {  # type: ignore[typeddict-unknown-key]  # named styles: valid Vega-Lite, unknown to Altair's types
            "label": {"fontSize": SIZES["label"], "color": palette.text},
            "event": {"color": palette.muted},
            "footer": {"color": palette.muted, "fontSize": SIZES["text"]},
        },
    }


def locale(language: Language) -> dict:
    """How Vega writes numbers and dates in ``language``, as d3 defines a locale, from CLDR: its decimal and
    thousands marks, and its months and days (an axis of months names them)."""
    cldr = language.locale
    months, short_months = (get_month_names(width, "format", cldr) for width in ("wide", "abbreviated"))
    days, short_days = (get_day_names(width, "format", cldr) for width in ("wide", "abbreviated"))
    sunday_first = (6, 0, 1, 2, 3, 4, 5)  # CLDR counts days from Monday, d3 from Sunday
    return {
        "number": {
            "decimal": get_decimal_symbol(cldr),
            "thousands": get_group_symbol(cldr),
            "grouping": [3],
            "currency": ["", ""],
        },
        "time": {
            "dateTime": "%x, %X",
            "date": "%d/%m/%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [days[day] for day in sunday_first],
            "shortDays": [short_days[day] for day in sunday_first],
            "months": [months[month] for month in range(1, 13)],
            "shortMonths": [short_months[month].rstrip(".") for month in range(1, 13)],
        },
    }


@alt.theme.register("disclosures", enable=True)
def disclosures_theme() -> alt.theme.ThemeConfig:
    """The site's chart theme, light palette: what Altair writes into every spec. In a language other than
    English, Vega writes the spec's numbers and dates in that language (English is Vega's own)."""
    theme = config(LIGHT)
    if active().code != SOURCE:
        theme["locale"] = locale(active())  # type: ignore[typeddict-item]  # a Vega-Lite locale, as d3 defines one
    return {"config": theme}


def pairs() -> list[tuple[str, str]]:
    """Each light colour with its dark twin."""
    light, dark = astuple(LIGHT), astuple(DARK)
    flat = [(a, b) for a, b in zip(light[:-1], dark[:-1], strict=True)]
    return flat + list(zip(LIGHT.category, DARK.category, strict=True))


def colour_css() -> str:
    """The stylesheet that draws every chart SVG in the reader's colour scheme.

    Each light colour the renderer wrote as a ``fill`` or ``stroke`` attribute becomes
    ``light-dark(light, dark)``: the page's ``color-scheme`` picks one.
    """
    rules = [
        f'.chart-image svg [{attribute}="{light}"] {{ {attribute}: light-dark({light}, {dark}); }}'
        for light, dark in pairs()
        for attribute in ("fill", "stroke")
    ]
    return (
        "/* Generated from scripts/disclosures/charts/theme.py: the charts' light and dark palettes. */\n"
        + "\n".join(rules)
        + "\n"
    )


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two colours written ``#rrggbb``."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def load_fonts() -> None:
    """Give the renderer the vendored font, so that charts are drawn alike on every machine."""
    vlc.register_font_directory(str(FONTS))


@contextmanager
def vendored_fonts_only() -> Iterator[None]:
    """Within it, fontconfig (how librsvg and WeasyPrint find fonts) finds the vendored fonts and no
    others: a renderer that starts fontconfig here never sees the machine's own."""
    before = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(FONT_CONFIG)
    try:
        yield
    finally:
        if before is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = before
