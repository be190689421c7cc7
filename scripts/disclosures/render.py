"""Render charts at build time: the live chart as a Vega spec for the browser's self-hosted runtime,
and that same Vega spec drawn as SVG at a phone's and a desktop's column width, which pages show
until a reader interacts with a chart; the image, the desktop drawing with the chart's words set
around it (``frame.image``), as SVG and as PNG at twice its size; and, for a site that shows social
previews, that image fitted to a preview card. Pages without a chart share one card: the site's
name and subject. Vega draws with vl-convert; the image's pixels are drawn by librsvg (libvips), in
the vendored fonts only: the same picture as vl-convert's own rasteriser, in about a third of the time.

Rendering is the slow part of a build, so each result is kept in a cache folder under the
checksum of the chart's spec and words, the code that sets the words and the renderer's version:
an unchanged chart is never rendered twice; the others are drawn in one process per core
(``engine``).
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
import textwrap
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

import pyvips
import vl_convert as vlc
from PIL import Image

from . import engine
from .charts import frame, theme

RENDERER = " ".join(f"{name}=={metadata.version(name)}" for name in ("vl-convert-python", "pyvips", "pyvips-binary"))
#: The PNG is drawn at this many pixels per CSS pixel of the SVG.
PNG_SCALE = 2
#: The widths the live chart is drawn at for pages without its runtime: a 375 px phone's column
#: (16 px margins) and the column of a screen at site.css's wide breakpoint (47rem, 752 px).
STATIC_WIDTHS = {"narrow": 343, "wide": 720}
#: The size of a social preview (the card a link shows: Open Graph, Twitter), and the white margin
#: kept around a chart's image in one.
PREVIEW_SIZE, PREVIEW_MARGIN = (1200, 630), 24


@dataclass(frozen=True)
class RenderedChart:
    """One chart as the site publishes it."""

    svg: str
    png: bytes
    vega: dict
    #: The live chart at each of STATIC_WIDTHS, as SVG
    static: dict[str, str]
    #: The image fitted to PREVIEW_SIZE, as PNG, where the site shows previews
    preview: bytes | None = None

    @property
    def png_size(self) -> tuple[int, int]:
        """The PNG's width and height in pixels, read from its header."""
        return struct.unpack(">II", self.png[16:24])


#: A chart's words around its image: its title, its subtitle and its footer's lines.
Words = tuple[str, str, tuple[str, ...]]


def render(live: dict, words: Words, cache_dir: Path | None = None, previews: bool = False) -> RenderedChart:
    """Return the ``live`` Vega-Lite spec as Vega and as SVG at each of STATIC_WIDTHS, and as the image
    with its ``words`` in SVG and PNG (and as a preview card)."""
    return render_all([(live, words)], cache_dir, previews)[0][0]


def render_all(
    charts: list[tuple[dict, Words]], cache_dir: Path | None = None, previews: bool = False
) -> tuple[list[RenderedChart], int]:
    """Render many (live spec, words) pairs, with preview cards if ``previews``: each from the cache where
    it is, the rest in one process per core (the renderer draws one chart at a time in each process,
    whatever its threads). Return them in order, and how many were drawn."""
    tasks = [(live, words, previews) for live, words in charts]
    return engine.run(
        tasks,
        [_key(task) for task in tasks],
        _draw,
        kept=lambda key: _cached(cache_dir, key),
        keep=lambda key, rendered: _keep(cache_dir / "charts" / key, rendered) if cache_dir else None,
        prepare=_fonts,
        chunksize=4,
    )


def _key(task: tuple[dict, Words, bool]) -> str:
    drawn = json.dumps([task, STATIC_WIDTHS, PREVIEW_SIZE, PREVIEW_MARGIN], sort_keys=True)
    return hashlib.sha256((RENDERER + _composer() + drawn).encode()).hexdigest()


@cache
def _composer() -> str:
    """The checksum of the code that sets an image's words around its chart: a change to it redraws every image."""
    return hashlib.sha256(Path(frame.__file__).read_bytes()).hexdigest()


def _cached(cache_dir: Path | None, key: str) -> RenderedChart | None:
    kept = cache_dir / "charts" / key if cache_dir else None
    if not kept or not (kept / "chart.json").is_file():
        return None
    card = kept / "preview.png"
    return RenderedChart(
        **json.loads((kept / "chart.json").read_text(encoding="utf-8")),
        png=(kept / "chart.png").read_bytes(),
        preview=card.read_bytes() if card.is_file() else None,
    )


def _keep(kept: Path, rendered: RenderedChart) -> None:
    """Keep a chart: its PNGs, then the JSON whose presence says the chart is whole."""
    engine.keep_file(kept / "chart.png", rendered.png)
    if rendered.preview:
        engine.keep_file(kept / "preview.png", rendered.preview)
    kept_json = {"svg": rendered.svg, "vega": rendered.vega, "static": rendered.static}
    engine.keep_file(kept / "chart.json", json.dumps(kept_json).encode())


def _draw(task: tuple[dict, Words, bool]) -> RenderedChart:
    """Render one chart (its live spec and its image's words), with its preview card if asked."""
    _fonts()
    live, (title, subtitle, footer), previews = task
    vega = vlc.vegalite_to_vega(live)
    static = {name: _strip_xml_prolog(vlc.vega_to_svg(at_width(vega, at))) for name, at in STATIC_WIDTHS.items()}
    svg = frame.image(static["wide"], title, subtitle, list(footer))
    pixels = rasterise(svg)
    return RenderedChart(
        svg=svg,
        png=_compact(pixels),
        vega=vega,
        static=static,
        preview=_compact(_card(pixels)) if previews else None,
    )


def rasterise(svg: str) -> Image.Image:
    """An SVG's pixels at PNG_SCALE per CSS pixel, on white, drawn with the vendored fonts only."""
    with theme.vendored_fonts_only():
        drawn = pyvips.Image.svgload_buffer(svg.encode(), scale=PNG_SCALE).flatten(background=[255, 255, 255])
        return Image.frombytes("RGB", (drawn.width, drawn.height), drawn.write_to_memory())


#: Where vl-convert's loader resolves a relative link (``href``) from: its links are written relative to the page.
LOADER_BASE = 'xlink:href="https://vega.github.io/vega-datasets/'


def svg(spec: dict) -> str:
    """A Vega-Lite spec drawn as SVG, its links left relative to the page that shows it (a map: no text)."""
    return _strip_xml_prolog(vlc.vegalite_to_svg(spec)).replace(LOADER_BASE, 'xlink:href="')


def at_width(vega: dict, width: int) -> dict:
    """The live chart's Vega spec with its container's width fixed at ``width`` CSS pixels: the chart
    the browser would draw in a column that wide, padding and axes included."""
    signals = [{"name": "width", "value": width} if signal["name"] == "width" else signal for signal in vega["signals"]]
    return {**vega, "signals": signals}


@cache
def _fonts() -> None:
    """Load the vendored font into the renderer, once per process."""
    theme.load_fonts()


def _card(image: Image.Image) -> Image.Image:
    """A chart's image scaled to fit a social preview inside its margin, on white (the image's own
    background): whole, title to credit; or, for a chart so tall that whole its text would shrink to
    under half the size it would have across the card's width, across that width from its title
    down, cut at the card's edge."""
    width, height = PREVIEW_SIZE
    across = (width - 2 * PREVIEW_MARGIN) / image.width
    whole = min(across, (height - 2 * PREVIEW_MARGIN) / image.height)
    cut = whole < across / 2
    scale = across if cut else whole
    fitted = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.BILINEAR)
    if cut:
        fitted = fitted.crop((0, 0, fitted.width, height - PREVIEW_MARGIN))
    card = Image.new("RGB", PREVIEW_SIZE, theme.LIGHT.background)
    card.paste(fitted, ((width - fitted.width) // 2, PREVIEW_MARGIN if cut else (height - fitted.height) // 2))
    return card


def site_card(name: str, subject: str, cache_dir: Path | None = None) -> bytes:
    """The social preview of a page without a chart: the site's name and its subject, on white, as PNG
    (kept in the cache like a chart)."""
    spec = _site_card_spec(name, subject)
    key = hashlib.sha256((RENDERER + json.dumps(spec, sort_keys=True)).encode()).hexdigest()
    kept = cache_dir / "cards" / f"{key}.png" if cache_dir else None
    (card,), _ = engine.run(
        [spec],
        [key],
        _draw_card,
        kept=lambda _: kept.read_bytes() if kept and kept.is_file() else None,
        keep=lambda _, png: engine.keep_file(kept, png) if kept else None,
        prepare=_fonts,
    )
    return card


def _draw_card(spec: dict) -> bytes:
    return _compact(Image.open(io.BytesIO(vlc.vega_to_png(spec, scale=1))).convert("RGB"))


def _site_card_spec(name: str, subject: str) -> dict:
    """The site's card as a Vega spec: its name, large, and its subject under it."""
    width, height = PREVIEW_SIZE
    lines = {"name": textwrap.wrap(name, 28), "subject": textwrap.wrap(subject, 48)}
    text = {"font": {"value": theme.FONT}, "fill": {"value": theme.LIGHT.text}, "x": {"value": 80}}
    return {
        "$schema": "https://vega.github.io/schema/vega/v5.json",
        "width": width,
        "height": height,
        "padding": 0,
        "background": theme.LIGHT.background,
        "marks": [
            {
                "type": "text",
                "encode": {
                    "enter": {
                        **text,
                        "y": {"value": 200},
                        "text": {"value": lines["name"]},
                        "fontSize": {"value": 72},
                        "fontWeight": {"value": "bold"},
                        "lineHeight": {"value": 84},
                        "baseline": {"value": "alphabetic"},
                    }
                },
            },
            {
                "type": "text",
                "encode": {
                    "enter": {
                        **text,
                        "y": {"value": 200 + 84 * len(lines["name"])},
                        "text": {"value": lines["subject"]},
                        "fontSize": {"value": 40},
                        "lineHeight": {"value": 52},
                        "baseline": {"value": "top"},
                    }
                },
            },
        ],
    }


def _compact(image: Image.Image) -> bytes:
    """The image as PNG in 256 colours, without dithering: a chart's flat colours and edges survive, at
    an eighth of the size (about 50 KB instead of 400 KB)."""
    indexed = image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    written = io.BytesIO()
    indexed.save(written, "PNG")
    return written.getvalue()


def _strip_xml_prolog(svg: str) -> str:
    return svg.split("?>", 1)[1].lstrip() if svg.startswith("<?xml") else svg
