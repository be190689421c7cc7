"""Chart builders: a frame in, a Vega-Lite spec out; asserted on the spec, never on pixels."""

import altair as alt
import pandas as pd

from disclosures import charts

ROWS = [
    {
        "figure": "29,817 uses",
        "system": "LACRIS",
        "period": "from 6 November 2009 to 11 September 2020",
        "start": "2009-11-06",
        "end": "2020-09-11",
        "per_month": 229.0,
        "low": 229.0,
        "high": 229.0,
        "average": "229 a month",
        "basis": "average over the stated period",
        "qualifier": "exact",
        "source": "Los Angeles Times",
        "note": "",
    },
    {
        "figure": "3,750 instances",
        "system": "LACRIS",
        "period": "from February 2020 to 11 September 2020",
        "start": "2020-02-01",
        "end": "2020-09-11",
        "per_month": 545.9,
        "low": 509.56,
        "high": 582.3,
        "average": "between 509 and 582 a month",
        "basis": "average over the stated period",
        "qualifier": "lower bound",
        "source": "Business Insider",
        "note": "",
    },
]
EVENTS = pd.DataFrame(
    {
        "agency": ["lapd"],
        "first_day": ["2020-11-13"],
        "kind": ["ban"],
        "date": ["2020-11-13"],
        "date_words": ["13 November 2020"],
        "title": ["LAPD bars third-party FR"],
    }
)
EVENT_ROWS = charts.event_rows(EVENTS).to_dict("records")


def test_the_site_theme_is_registered_and_enabled():
    assert alt.theme.active == "disclosures"
    assert charts.disclosures_theme()["config"]["font"].startswith("system-ui")


def test_use_over_time_draws_each_figure_across_its_period():
    spec = charts.use_over_time(ROWS, EVENT_ROWS, "uses and instances")
    spans, ranges, ends = spec["layer"][0]["layer"]
    assert (ranges["encoding"]["y"]["field"], ranges["encoding"]["y2"]["field"]) == ("low", "high")
    assert spec["datasets"]["figures"][0]["figure"] == "29,817 uses"
    assert spans["mark"]["type"] == "rule"
    assert spans["encoding"]["x"]["field"] == "start" and spans["encoding"]["x2"]["field"] == "end"
    assert spans["encoding"]["y"]["title"] == "Uses and instances per month (average over each figure's period)"
    assert ends["encoding"]["shape"]["scale"] == {
        "domain": ["exact", "lower bound"],
        "range": ["circle", "triangle-up"],
    }


def test_use_over_time_labels_events_as_rules():
    spec = charts.use_over_time(ROWS, EVENT_ROWS, "uses and instances")
    rule, label = spec["layer"][1], spec["layer"][2]
    assert rule["mark"]["type"] == "rule" and rule["encoding"]["x"]["field"] == "date"
    assert label["mark"]["type"] == "text" and label["encoding"]["text"]["field"] == "label"
    events = spec["datasets"][rule["data"]["name"]]
    assert events == [
        {
            "agency_id": "lapd",
            "date": "2020-11-13",
            "when": "2020-11-13",
            "label": "Ban 2020-11-13",
            "title": "LAPD bars third-party FR",
            "describe": "Ban, 13 November 2020: LAPD bars third-party FR",
            "lane": 0,
        }
    ]


def test_use_over_time_without_events_has_only_the_figures():
    assert len(charts.use_over_time(ROWS, [], "searches")["layer"]) == 1


def test_comparison_plots_per_month_on_a_log_scale():
    labels = ["LAPD, 2009-11-06 to 2020-09-11", "LAPD, 2020-02 to 2020-09-11"]
    rows = [{**row, "agency": "LAPD", "label": label} for row, label in zip(ROWS, labels, strict=True)]
    spec = charts.comparison(rows)
    assert spec["encoding"]["x"]["field"] == "per_month"
    assert spec["encoding"]["x"]["scale"] == {"type": "log"}
    assert spec["encoding"]["y"]["sort"] == "-x"
