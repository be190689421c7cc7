"""Render Altair charts at build time: a static SVG for every reader, a Vega spec for the browser."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import vl_convert as vlc


@dataclass(frozen=True)
class RenderedChart:
    """One chart as the site publishes it."""

    svg: str
    vega: dict


def render(chart: alt.TopLevelMixin) -> RenderedChart:
    """Return the chart as SVG markup and as a Vega spec for the self-hosted runtime."""
    spec = chart.to_dict()
    vega = vlc.vegalite_to_vega(spec)
    svg = vlc.vega_to_svg(vega)
    return RenderedChart(svg=_strip_xml_prolog(svg), vega=vega)


def _strip_xml_prolog(svg: str) -> str:
    return svg.split("?>", 1)[1].lstrip() if svg.startswith("<?xml") else svg
