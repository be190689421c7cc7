"""Render charts at build time: the image as SVG and as PNG at twice its size, and the live
chart as a Vega spec for the browser's self-hosted runtime.

Rendering is the slow part of a build, so each result is kept in a cache folder under the
checksum of the chart's specs and the renderer's version: an unchanged chart is never
rendered twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

import vl_convert as vlc

from .charts import theme

RENDERER = f"vl-convert-python=={metadata.version('vl-convert-python')}"
#: The PNG is drawn at this many pixels per CSS pixel of the SVG.
PNG_SCALE = 2


@dataclass(frozen=True)
class RenderedChart:
    """One chart as the site publishes it."""

    svg: str
    png: bytes
    vega: dict

    @property
    def png_size(self) -> tuple[int, int]:
        """The PNG's width and height in pixels, read from its header."""
        return struct.unpack(">II", self.png[16:24])


def render(image: dict, live: dict, cache_dir: Path | None = None) -> RenderedChart:
    """Return the Vega-Lite ``image`` spec as SVG and PNG, and the ``live`` spec as Vega."""
    _fonts()
    key = hashlib.sha256((RENDERER + json.dumps([image, live], sort_keys=True)).encode()).hexdigest()
    kept = cache_dir / "charts" / key if cache_dir else None
    if kept and (kept / "chart.json").is_file():
        return RenderedChart(
            **json.loads((kept / "chart.json").read_text(encoding="utf-8")), png=(kept / "chart.png").read_bytes()
        )
    drawn = vlc.vegalite_to_vega(image)
    rendered = RenderedChart(
        svg=_strip_xml_prolog(vlc.vega_to_svg(drawn)),
        png=vlc.vega_to_png(drawn, scale=PNG_SCALE),
        vega=vlc.vegalite_to_vega(live),
    )
    if kept:
        kept.mkdir(parents=True, exist_ok=True)
        (kept / "chart.png").write_bytes(rendered.png)
        (kept / "chart.json").write_text(json.dumps({"svg": rendered.svg, "vega": rendered.vega}), encoding="utf-8")
    return rendered


def render_all(specs: list[tuple[dict, dict]], cache_dir: Path | None = None) -> list[RenderedChart]:
    """Render many (image, live) pairs, one thread per core (the renderer releases Python's lock)."""
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        return list(pool.map(lambda pair: render(*pair, cache_dir), specs))


@cache
def _fonts() -> None:
    """Load the vendored font into the renderer, once."""
    theme.load_fonts()


def _strip_xml_prolog(svg: str) -> str:
    return svg.split("?>", 1)[1].lstrip() if svg.startswith("<?xml") else svg
