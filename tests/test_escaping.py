"""Hostile text from the data is shown as text: in the HTML, the static SVG and the chart spec."""

import json

import pytest

from conftest import NOTE, build_site, replace_in

pytestmark = pytest.mark.slow  # every test here builds a site or drives a browser

HOSTILE = "<script>alert(1)</script>"


def test_a_script_tag_in_a_note_is_shown_as_text(tiny_data, tmp_path):
    replace_in(tiny_data, "disclosed/figures.csv", NOTE, f"latimes,paragraph 4,{HOSTILE},")
    site = build_site(tmp_path / "output", tiny_data)
    page = (site / "agencies" / "lapd" / "index.html").read_text(encoding="utf-8")

    assert HOSTILE not in page
    # In the figures table and in the chart's data table, as text
    assert '<td data-label="Notes">&lt;script&gt;alert(1)&lt;/script&gt;' in page
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in page
    # In the static SVG's accessible text (aria-label), as text
    assert "note: &lt;script&gt;alert(1)&lt;/script&gt;" in page
    # The Vega spec the browser fetches is JSON, never parsed as HTML; the note is a string in it
    spec = json.loads((site / "charts" / "lapd-searches" / "lapd-searches.vg.json").read_text(encoding="utf-8"))
    assert HOSTILE in [row.get("note") for data in spec["data"] for row in data.get("values", [])]
    assert page.count("<script") == page.count('<script src="')
    assert HOSTILE not in (site / "charts" / "lapd-searches" / "lapd-searches.svg").read_text(encoding="utf-8")
