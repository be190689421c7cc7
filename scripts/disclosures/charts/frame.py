"""A chart's two published forms, from one drawing.

* **Live**: the drawing at the width of its container, for the browser, which re-renders it
  on resize; the page around it gives its title, subtitle, source line, notes and credit.
* **Image**: the drawing at a fixed width with its title, subtitle, source line, notes and
  credit drawn in, so that the SVG and PNG say what they show wherever they are used.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass

from . import theme

IMAGE_WIDTH = 640
#: Characters per line of the image's text: its width over each size's average glyph width.
WRAP = {"title": 56, "subtitle": 84, "footer": 96}


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


def image(drawing: Drawing, title: str, footer: list[str]) -> dict:
    """The drawing at a fixed width with its title, subtitle and footer lines drawn in, on white.

    The footer is the drawing's own title, set under it: titles, unlike marks, line up with the
    left edge of everything drawn, axis labels included.
    """
    spec = _copy(drawing.spec)
    outer = {key: spec.pop(key) for key in ("$schema", "config", "datasets") if key in spec}
    spec["width"] = IMAGE_WIDTH
    spec["title"] = {
        "text": [wrapped for line in footer for wrapped in textwrap.wrap(line, WRAP["footer"])],
        "orient": "bottom",
        "anchor": "start",
        "frame": "bounds",
        "offset": 16,
        "fontSize": theme.SIZES["text"],
        "fontWeight": "normal",
        "lineHeight": 16,
        "color": theme.LIGHT.muted,
    }
    return {
        **outer,
        "background": theme.LIGHT.background,
        "padding": 12,
        "title": {
            "text": textwrap.wrap(title, WRAP["title"]),
            "subtitle": textwrap.wrap(drawing.subtitle, WRAP["subtitle"]),
            "frame": "bounds",
        },
        "vconcat": [spec],
    }
