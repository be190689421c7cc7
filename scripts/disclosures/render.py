"""Render charts at build time: the image as SVG and as PNG at twice its size; the live chart
as a Vega spec for the browser's self-hosted runtime; and that same Vega spec drawn as SVG at a
phone's and a desktop's column width, which pages show until a reader interacts with a chart.

Rendering is the slow part of a build, so each result is kept in a cache folder under the
checksum of the chart's specs and the renderer's version: an unchanged chart is never
rendered twice; the others are drawn in one process per core (``engine``).
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

import vl_convert as vlc
from PIL import Image

from . import engine
from .charts import theme

RENDERER = f"vl-convert-python=={metadata.version('vl-convert-python')}"
#: The PNG is drawn at this many pixels per CSS pixel of the SVG.
PNG_SCALE = 2
#: The widths the live chart is drawn at for pages without its runtime: a 375 px phone's column
#: (16 px margins) and the column of a screen at site.css's wide breakpoint (47rem, 752 px).
STATIC_WIDTHS = {"narrow": 343, "wide": 720}


@dataclass(frozen=True)
class RenderedChart:
    """One chart as the site publishes it."""

    svg: str
    png: bytes
    vega: dict
    #: The live chart at each of STATIC_WIDTHS, as SVG
    static: dict[str, str]

    @property
    def png_size(self) -> tuple[int, int]:
        """The PNG's width and height in pixels, read from its header."""
        return struct.unpack(">II", self.png[16:24])


def render(image: dict, live: dict, cache_dir: Path | None = None) -> RenderedChart:
    """Return the Vega-Lite ``image`` spec as SVG and PNG, and the ``live`` spec as Vega and as SVG at each
    of STATIC_WIDTHS."""
    return render_all([(image, live)], cache_dir)[0][0]


def render_all(specs: list[tuple[dict, dict]], cache_dir: Path | None = None) -> tuple[list[RenderedChart], int]:
    """Render many (image, live) pairs: each from the cache where it is, the rest in one process
    per core (the renderer draws one chart at a time in each process, whatever its threads).
    Return them in order, and how many were drawn."""
    keys = [_key(pair) for pair in specs]
    return engine.run(
        specs,
        keys,
        _draw,
        kept=lambda key: _cached(cache_dir, key),
        keep=lambda key, rendered: _keep(cache_dir / "charts" / key, rendered) if cache_dir else None,
        prepare=_fonts,
        chunksize=4,
    )


def _key(pair: tuple[dict, dict]) -> str:
    drawn = json.dumps([pair, STATIC_WIDTHS], sort_keys=True)
    return hashlib.sha256((RENDERER + drawn).encode()).hexdigest()


def _cached(cache_dir: Path | None, key: str) -> RenderedChart | None:
    kept = cache_dir / "charts" / key if cache_dir else None
    if not kept or not (kept / "chart.json").is_file():
        return None
    return RenderedChart(
        **json.loads((kept / "chart.json").read_text(encoding="utf-8")), png=(kept / "chart.png").read_bytes()
    )


def _keep(kept: Path, rendered: RenderedChart) -> None:
    """Keep a chart: its PNG, then the JSON whose presence says the chart is whole."""
    engine.keep_file(kept / "chart.png", rendered.png)
    kept_json = {"svg": rendered.svg, "vega": rendered.vega, "static": rendered.static}
    engine.keep_file(kept / "chart.json", json.dumps(kept_json).encode())


def _draw(pair: tuple[dict, dict]) -> RenderedChart:
    """Render one (image, live) pair."""
    _fonts()
    image, live = pair
    svg = vlc.vega_to_svg(vlc.vegalite_to_vega(image))
    vega = vlc.vegalite_to_vega(live)
    return RenderedChart(
        svg=_strip_xml_prolog(svg),
        png=_compact(vlc.svg_to_png(svg, scale=PNG_SCALE)),  # the same pixels as from Vega, in half the time
        vega=vega,
        static={name: _strip_xml_prolog(vlc.vega_to_svg(at_width(vega, at))) for name, at in STATIC_WIDTHS.items()},
    )


def at_width(vega: dict, width: int) -> dict:
    """The live chart's Vega spec with its container's width fixed at ``width`` CSS pixels: the chart
    the browser would draw in a column that wide, padding and axes included."""
    signals = [{"name": "width", "value": width} if signal["name"] == "width" else signal for signal in vega["signals"]]
    return {**vega, "signals": signals}


@cache
def _fonts() -> None:
    """Load the vendored font into the renderer, once per process."""
    theme.load_fonts()


def _compact(png: bytes) -> bytes:
    """The PNG in 256 colours, without dithering: a chart's flat colours and edges survive, at an
    eighth of the size (about 50 KB instead of 400 KB)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    indexed = image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    written = io.BytesIO()
    indexed.save(written, "PNG")
    return written.getvalue()


def _strip_xml_prolog(svg: str) -> str:
    return svg.split("?>", 1)[1].lstrip() if svg.startswith("<?xml") else svg
