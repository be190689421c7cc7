"""Chart builders: literal figures in, the spec's data and words out; asserted on the spec and on
the image the renderer draws from it."""

import html
import os
import re
from datetime import date

import altair as alt
import pandas as pd
import pytest

from disclosures import claims, render, tables
from disclosures.charts import comparison, counts, events, frame, theme, totals

SOURCES = pd.DataFrame(
    {
        "id": ["latimes", "buzzfeed"],
        "url": ["https://www.latimes.com/a", "https://www.buzzfeednews.com/b"],
        "archived_url": ["", ""],
        "archive_checked": ["false", "false"],
        "publisher": ["Los Angeles Times", "BuzzFeed News"],
        "title": ["Despite denials", "LAPD and Clearview"],
        "date": ["2020-09-22", "2020-11-17"],
        "kind": ["news_report", "news_report"],
        "strength": ["reported", "reported"],
        "strength_why": ["", ""],
    }
)


def figure(id, system, words, value, qualifier, qualifier_words, start, end, source, rate=""):
    return {
        "id": id,
        "agency": "lapd",
        "system": system,
        "measure": "searches",
        "measure_words": words,
        "value": str(value),
        "value_max": "",
        "qualifier": qualifier,
        "qualifier_words": qualifier_words,
        "rate_per": rate,
        "period_start": start,
        "period_end": end,
        "period_note": "",
        "source": source,
        "locator": "",
        "note": "",
        "scope": "",
    }


FIGURES = tables.describe_figures(
    pd.DataFrame(
        [
            figure("lapd-all", "lacris", "uses", 29817, "exact", "", "2009-11-06", "2020-09-11", "latimes"),
            figure("lapd-2020", "lacris", "instances", 3750, "exact", "", "2020-02", "2020-09-11", "latimes"),
            figure("lapd-clearview", "clearview", "searches", 475, "at_most", "nearly", "", "2020", "buzzfeed"),
        ]
    ),
    SOURCES,
)
SYSTEMS = {"lacris": "LACRIS", "clearview": "Clearview AI"}
EVENTS = events.rows(
    pd.DataFrame(
        {
            "agency": ["lapd", "lapd", "lapd"],
            "system": ["lacris", "", ""],
            "first_day": [date(2020, 9, 22), date(2020, 9, 22), date(2020, 11, 13)],
            "kind": ["report", "review", "ban"],
            "date": ["2020-09-22", "2020-09-22", "2020-11-13"],
            "date_words": ["22 September 2020", "22 September 2020", "13 November 2020"],
            "title": ["The Times reports 29,817 uses", "The commission reviews", "LAPD bars third-party FR"],
            "source": ["latimes", "latimes", "latimes"],
        }
    )
).to_dict("records")


def drawn(events: list[dict]) -> frame.Drawing:
    """LAPD's totals, with the latest and the longest figure as ``claims`` decides them."""
    shown = FIGURES.to_dict("records")
    latest, longest = claims.latest(shown), claims.longest(shown)
    return totals.draw(totals.rows(FIGURES, SYSTEMS).to_dict("records"), events, latest["id"], longest["id"])


@pytest.fixture(scope="module")
def lapd() -> frame.Drawing:
    return drawn(EVENTS)


def test_the_site_theme_is_registered_enabled_and_uses_the_vendored_font():
    assert alt.theme.active == "disclosures"
    assert theme.config(theme.LIGHT)["font"] == "Atkinson Hyperlegible, sans-serif"
    assert sorted(path.name for path in theme.FONTS.glob("*.ttf")) == [
        "atkinson-hyperlegible-latin-400-normal.ttf",
        "atkinson-hyperlegible-latin-700-normal.ttf",
        "atkinson-hyperlegible-latin-ext-400-normal.ttf",
        "atkinson-hyperlegible-latin-ext-700-normal.ttf",
    ]


def test_a_total_is_a_labelled_bar_over_its_period_never_a_monthly_line(lapd):
    rows = {row["figure_id"]: row for row in lapd.spec["datasets"]["figures"]}
    whole = rows["lapd-all"]
    assert whole["label"] == "29,817 uses, Nov 2009 \u2013 Sep 2020"
    assert (whole["bar_from"], whole["bar_to"]) == ("2009-11-06", "2020-09-11")
    assert (whole["range_from"], whole["range_to"]) == ("2009-11-06", "2020-09-11")
    # No layer plots an average per month: nothing in the chart is a per-month field
    assert "per_month" not in str(lapd.spec)
    assert {layer["mark"]["type"] for layer in lapd.spec["layer"]} == {"rule", "bar", "point", "text"}


def test_a_bound_given_as_a_month_leaves_its_part_of_the_bar_lighter(lapd):
    since_february = next(row for row in lapd.spec["datasets"]["figures"] if row["figure_id"] == "lapd-2020")
    assert (since_february["range_from"], since_february["bar_from"]) == ("2020-02-01", "2020-02-29")
    assert since_february["label"] == "3,750 instances, Feb 2020 \u2013 Sep 2020"
    assert lapd.notes[0] == "Lighter ends: the source gave that bound only as a month or a year."


def test_a_figure_without_a_start_is_a_point_at_its_end_with_its_qualifier_in_words(lapd):
    clearview = next(row for row in lapd.spec["datasets"]["figures"] if row["figure_id"] == "lapd-clearview")
    assert clearview["label"] == "nearly 475 searches, up to 2020"
    assert (clearview["bar_from"], clearview["point_at"], clearview["point"]) == (
        None,
        "2020-12-31",
        "start not stated",
    )
    shapes = next(layer for layer in lapd.spec["layer"] if layer["mark"]["type"] == "point")
    # The legend lists only the point shapes drawn
    assert shapes["encoding"]["shape"]["scale"] == {"domain": ["start not stated"], "range": ["triangle-left"]}


def test_the_subtitle_states_the_finding_in_numbers_and_the_latest_is_the_latest_ending(lapd):
    # "Nearly 475 searches, up to 2020" may end any day of 2020: not later than 11 September for certain
    assert lapd.subtitle == (
        "3 figures disclosed. Longest: 29,817 uses, Nov 2009 \u2013 Sep 2020."
        " Latest: 3,750 instances, Feb 2020 \u2013 Sep 2020."
    )


def test_events_of_one_day_share_a_label_and_neighbours_take_separate_lanes(lapd):
    marked = lapd.spec["datasets"]["events"]
    assert [(event["label"], event["lane"]) for event in marked] == [("Report, review", 0), ("Ban", 1)]
    assert marked[0]["describe"] == (
        "Report, 22 September 2020: The Times reports 29,817 uses; Review, 22 September 2020: The commission reviews"
    )


def test_a_chart_without_events_has_no_event_layers():
    drawing = drawn([])
    assert "events" not in drawing.spec["datasets"]
    assert all(layer["mark"]["type"] != "rule" for layer in drawing.spec["layer"])


def test_the_image_is_the_wide_drawing_with_title_subtitle_source_notes_and_credit_set_around_it(lapd):
    live = frame.live(lapd)
    assert live["width"] == "container" and "title" not in live
    footer = ("Source: Los Angeles Times.", "Chart: Face Search Watch.")
    words = ("LAPD: searches <over> time", "4 figures & more", footer)
    drawn = render.render(live, words)
    texts = re.findall(r">([^<>]+)<", drawn.svg)
    assert texts[:4] == [
        "LAPD: searches &lt;over&gt; time",
        "4 figures &amp; more",
        "Source: Los Angeles Times.",
        "Chart: Face Search Watch.",
    ]
    # the chart in it is the page's wide drawing, byte for byte, set in by the chart's margin
    nested = re.search(r'<svg x="8" y="\d+" (.*</svg>)</svg>$', drawn.svg)
    assert nested and "<svg " + nested.group(1) == drawn.static["wide"]
    assert "29,817 uses, Nov 2009 \u2013 Sep 2020" in texts
    width, height = (int(size) for size in re.match(r'<svg[^>]* width="(\d+)" height="(\d+)"', drawn.svg).groups())
    assert width == render.STATIC_WIDTHS["wide"] + 16
    assert drawn.png_size == (2 * width, 2 * height)


def test_the_images_words_wrap_at_its_width_and_lose_none():
    chart = '<svg class="marks" width="720" height="100" viewBox="0 0 720 100"></svg>'
    footer = ["Source: " + "; ".join(f"Publisher {n} (secondary source)" for n in range(12)) + "."]
    svg = frame.image(chart, "A title " * 20, "", footer)
    lines = [html.unescape(text) for text in re.findall(r">([^<>]+)<", svg)]
    assert all(len(line) <= frame.WRAP["footer"] for line in lines)
    assert " ".join(lines).split() == ("A title " * 20).split() + footer[0].split()
    assert '<svg x="8" y="' in svg and svg.count("<text") == len(lines)


def test_every_colour_the_renderer_draws_has_a_dark_twin(lapd):
    svg = render.render(frame.live(lapd), ("LAPD", "subtitle", ("Source: Los Angeles Times.",))).svg
    drawn = set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6}|[a-z]+)"', svg)) - {"none", "transparent"}
    assert drawn <= {light for light, _ in theme.pairs()}, drawn - {light for light, _ in theme.pairs()}


def test_both_palettes_meet_wcag_contrast():
    for palette in (theme.LIGHT, theme.DARK):
        assert theme.contrast(palette.text, palette.background) >= 4.5
        assert theme.contrast(palette.muted, palette.background) >= 4.5
        assert all(theme.contrast(colour, palette.background) >= 3 for colour in palette.category)
    assert theme.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_the_colour_stylesheet_maps_each_light_colour_to_its_dark_twin():
    css = theme.colour_css()
    assert '.chart-image svg [fill="#1a1a1a"] { fill: light-dark(#1a1a1a, #ececec); }' in css
    assert '.chart-image svg [stroke="#0072b2"] { stroke: light-dark(#0072b2, #56b4e9); }' in css


def test_counts_have_headroom_and_a_legend_of_only_the_kinds_of_count_drawn():
    rows = [
        {"month": "2023-01", "system": "LFR", "value": 100, "records": 2, "missing": 0, "covered": "whole month"}
        | {"qualifier": "exact"},
        {"month": "2023-02", "system": "LFR", "value": 40, "records": 1, "missing": 0, "covered": "whole month"}
        | {"qualifier": "exact"},
    ]
    drawing = counts.draw(rows, [], "faces scanned", "the Met")
    bars = drawing.spec["layer"][0]
    assert bars["encoding"]["color"]["scale"]["domain"] == ["complete count"]
    assert "* 1.15" in bars["encoding"]["y"]["scale"]["domainMax"]["expr"]
    assert drawing.subtitle == "140 faces scanned in 2 months from Jan 2023 to Feb 2023; the most in Jan 2023: 100."
    assert len(drawing.notes) == 1


def test_the_comparison_labels_each_row_with_the_full_agency_name_and_plots_averages_on_a_log_scale():
    rows = [
        {"figure_id": "a", "agency": "Los Angeles Police Department", "figure": "29,817 uses, Nov 2009 \u2013 Sep 2020"}
        | {"label": "Los Angeles Police Department: 29,817 uses", "per_month": 229.0, "low": 229.0, "high": 229.0}
        | {"average": "229 a month", "basis": "average over the stated period", "source": "Los Angeles Times"},
    ]
    drawing = comparison.draw(rows, 3, "uses")
    dots = drawing.spec["layer"][1]
    assert dots["encoding"]["x"]["scale"] == {"type": "log"}
    assert drawing.notes[-1] == "3 lower figures are on their agencies' pages."
    assert (
        drawing.subtitle == "Highest: Los Angeles Police Department, 229 a month."
        " Lowest shown: Los Angeles Police Department, 229 a month."
    )


def test_a_tall_chart_s_card_keeps_its_text_large_from_the_title_down_and_a_wide_one_is_whole():
    from PIL import Image

    tall = render._card(Image.new("RGB", (1000, 4000), "black"))
    # Across the card's width (inside its margin), from the top margin to the bottom edge: cut, not shrunk
    assert tall.size == render.PREVIEW_SIZE
    assert [tall.getpixel(point) for point in [(30, 30), (1170, 620), (10, 30), (30, 10)]] == [
        (0, 0, 0),
        (0, 0, 0),
        (255, 255, 255),
        (255, 255, 255),
    ]
    wide = render._card(Image.new("RGB", (1440, 800), "black"))
    # Whole, inside the margin on every side
    assert [wide.getpixel(point) for point in [(600, 30), (600, 600), (600, 10), (600, 620)]] == [
        (0, 0, 0),
        (0, 0, 0),
        (255, 255, 255),
        (255, 255, 255),
    ]


def test_the_images_pixels_are_drawn_in_the_vendored_font_whatever_font_a_drawing_asks_for():
    def drawn(family: str) -> bytes:
        text = f'<text x="4" y="30" font-family="{family}" font-size="24">Searches 29,817</text>'
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="240" height="40">{text}</svg>'
        return render.rasterise(svg).tobytes()

    vendored = drawn(theme.FONT)
    assert drawn("serif") == drawn("monospace") == vendored
    assert len(set(vendored)) > 2  # the text is drawn: more than white and one ink
    assert os.environ.get("FONTCONFIG_FILE") != str(theme.FONT_CONFIG)  # and the machine's settings are as they were
