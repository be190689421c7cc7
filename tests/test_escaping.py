"""Hostile text from the data is shown as text: in the HTML, the static SVG and the chart spec."""

from conftest import build_site, replace_in

HOSTILE = "<script>alert(1)</script>"


def test_a_script_tag_in_a_note_is_shown_as_text(tiny_data, tmp_path):
    replace_in(tiny_data, "disclosed/figures.csv", "latimes,,,\nlapd-2020", f"latimes,,{HOSTILE},\nlapd-2020")
    site = build_site(tmp_path / "output", tiny_data)
    page = (site / "agencies" / "lapd" / "index.html").read_text(encoding="utf-8")

    assert HOSTILE not in page
    # In the figures table and in the chart's data table, as text
    assert '<td data-label="Notes">&lt;script&gt;alert(1)&lt;/script&gt;' in page
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in page
    # In the static SVG's tooltip text (aria-label), as text
    assert "Note: &lt;script&gt;alert(1)&lt;/script&gt;" in page
    # In the Vega spec the browser reads for its tooltips, with < and > escaped for HTML
    assert '"note": "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"' in page
    assert HOSTILE not in (site / "charts" / "lapd-searches.svg").read_text(encoding="utf-8")
