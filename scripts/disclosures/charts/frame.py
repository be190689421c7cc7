"""A chart's two published forms, from one drawing.

* **Live**: the drawing at the width of its container, for the browser, which re-renders it
  on resize; the page around it gives its title, subtitle, source line, notes and credit.
* **Image**: the live chart as a page at its widest column shows it (drawn once, for both),
  with its title, subtitle, source line, notes and credit set around it, so that the SVG and
  PNG say what they show wherever they are used.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from html import escape

from . import theme

#: The white margin around the image's words, in CSS pixels; the chart's own padding makes up its
#: edge (``theme.config``), so that the words line up with the chart's left edge, axis labels included.
IMAGE_PADDING = 12
#: Characters per line of the image's words, at the wide column's width: each size's widest lines.
WRAP = {"title": 68, "subtitle": 104, "footer": 120}
#: Each kind of line's height, and the space kept after its block, in CSS pixels.
LINES = {"title": (23, 6), "subtitle": (18, 0), "footer": (16, 0)}
#: The space between the subtitle and the chart, and between the chart and the footer, in CSS pixels.
GAPS = (8, 12)


@dataclass(frozen=True)
class Drawing:
    """A chart as its builder drew it: the spec with its data, and the words that go with it."""

    spec: dict
    subtitle: str
    description: str
    notes: tuple[str, ...] = ()


def with_data(template: str, **datasets: list[dict]) -> dict:
    """Return the spec ``template`` (JSON) with each list of rows as the named dataset of its keyword."""
    spec = json.loads(template)
    spec["datasets"] = datasets
    return spec


def _copy(spec: dict) -> dict:
    """A copy of a JSON spec to change, made through JSON (several times quicker than a deep copy)."""
    return json.loads(json.dumps(spec))


def live(drawing: Drawing) -> dict:
    """The drawing at its container's width, without title or footer (the page has them)."""
    spec = _copy(drawing.spec)
    spec["width"] = "container"
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    return spec


def image(chart: str, title: str, subtitle: str, footer: list[str]) -> str:
    """The image as SVG: the ``chart`` (SVG markup, drawn at a page's wide column) under its title and
    subtitle and over its footer lines, on white. Words are set as text in the chart's font, wrapped by
    characters (``WRAP``), and escaped."""
    size = re.match(r'<svg[^>]* width="([\d.]+)" height="([\d.]+)"', chart)
    assert size, "a chart drawn by the renderer: an <svg> with its width and height"
    width, height = (round(float(each)) for each in size.groups())
    inset = IMAGE_PADDING - theme.PADDING
    blocks = [
        ("title", textwrap.wrap(title, WRAP["title"]), {"font-weight": "bold", "fill": theme.LIGHT.text}),
        ("subtitle", textwrap.wrap(subtitle, WRAP["subtitle"]), {"fill": theme.LIGHT.text}),
    ]
    words: list[str] = []
    y = IMAGE_PADDING
    for kind, lines, style in blocks:
        y = _lines(words, kind, lines, style, y)
    top = y + GAPS[0]
    y = top + height + GAPS[1]
    footer_lines = [wrapped for line in footer for wrapped in textwrap.wrap(line, WRAP["footer"])]
    y = _lines(words, "footer", footer_lines, {"fill": theme.LIGHT.muted}, y)
    width, height = width + 2 * inset, y + IMAGE_PADDING
    nested = chart.replace("<svg ", f'<svg x="{inset}" y="{top - theme.PADDING}" ', 1)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1"'
        f' width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<rect width="100%" height="100%" fill="{theme.LIGHT.background}"/>'
        f'<g font-family="{theme.FONT}, sans-serif">{"".join(words)}</g>{nested}</svg>'
    )


def _lines(words: list[str], kind: str, lines: list[str], style: dict[str, str], y: int) -> int:
    """Set ``lines`` of one kind as text from ``y`` down (each on its baseline, four fifths of its size
    below its top); return where the next block starts."""
    line_height, after = LINES[kind]
    size = theme.SIZES["text" if kind == "footer" else kind]
    attributes = "".join(f' {name}="{value}"' for name, value in style.items())
    for line in lines:
        baseline = y + round(size * 0.8) + (line_height - size) // 2
        words.append(f'<text x="{IMAGE_PADDING}" y="{baseline}" font-size="{size}"{attributes}>{escape(line)}</text>')
        y += line_height
    return y + (after if lines else 0)
