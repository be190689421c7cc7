"""Render Altair charts at build time: a static SVG for every reader, a Vega spec for the browser.

Rendering is the slow part of a build, so each result is kept in a cache folder under the
checksum of the chart's spec and the renderer's version: an unchanged chart is never
rendered twice.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import vl_convert as vlc

RENDERER = f"vl-convert-python=={metadata.version('vl-convert-python')}"


@dataclass(frozen=True)
class RenderedChart:
    """One chart as the site publishes it."""

    svg: str
    vega: dict


def render(spec: dict, cache: Path | None = None) -> RenderedChart:
    """Return the Vega-Lite ``spec`` as SVG markup and as a Vega spec for the self-hosted runtime."""
    key = hashlib.sha256((RENDERER + json.dumps(spec, sort_keys=True)).encode()).hexdigest()
    kept = cache / "charts" / f"{key}.json" if cache else None
    if kept and kept.is_file():
        return RenderedChart(**json.loads(kept.read_text(encoding="utf-8")))
    vega = vlc.vegalite_to_vega(spec)
    rendered = RenderedChart(svg=_strip_xml_prolog(vlc.vega_to_svg(vega)), vega=vega)
    if kept:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(json.dumps({"svg": rendered.svg, "vega": rendered.vega}), encoding="utf-8")
    return rendered


def render_all(specs: list[dict], cache: Path | None = None) -> list[RenderedChart]:
    """Render many specs, one thread per core (the renderer releases Python's lock while it works)."""
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        return list(pool.map(lambda spec: render(spec, cache), specs))


def _strip_xml_prolog(svg: str) -> str:
    return svg.split("?>", 1)[1].lstrip() if svg.startswith("<?xml") else svg
