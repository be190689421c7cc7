"""Chart builders: a frame in, a spec out; asserted on ``to_dict()``, never on pixels."""

import altair as alt
import pandas as pd

from disclosures import charts

ROWS = pd.DataFrame(
    {
        "figure_id": ["all", "feb"],
        "figure": ["29,817 uses", "3,750 instances"],
        "system": ["LACRIS", "LACRIS"],
        "period": ["from 6 November 2009 to 11 September 2020", "from February 2020 to 11 September 2020"],
        "start": ["2009-11-06", "2020-02-01"],
        "end": ["2020-09-11", "2020-09-11"],
        "per_month": [229.0, 496.4],
        "basis": ["average over the stated period"] * 2,
        "qualifier": ["exact", "lower bound"],
        "source": ["Los Angeles Times", "Business Insider"],
        "note": ["", ""],
    }
)
EVENTS = pd.DataFrame(
    {"first_day": ["2020-11-13"], "kind": ["ban"], "date": ["2020-11-13"], "title": ["LAPD bars third-party FR"]}
)


def test_the_site_theme_is_registered_and_enabled():
    assert alt.theme.active == "disclosures"
    assert charts.disclosures_theme()["config"]["font"].startswith("system-ui")


def test_use_over_time_draws_each_figure_across_its_period():
    spec = charts.use_over_time(ROWS, EVENTS, "searches").to_dict()
    spans, ends = spec["layer"][0]["layer"]
    assert spans["mark"]["type"] == "rule"
    assert spans["encoding"]["x"]["field"] == "start" and spans["encoding"]["x2"]["field"] == "end"
    assert spans["encoding"]["y"]["title"] == "Searches per month (average over each figure's period)"
    assert ends["encoding"]["shape"]["scale"] == {
        "domain": ["exact", "lower bound"],
        "range": ["circle", "triangle-up"],
    }


def test_use_over_time_labels_events_as_rules():
    spec = charts.use_over_time(ROWS, EVENTS, "searches").to_dict()
    rule, label = spec["layer"][1], spec["layer"][2]
    assert rule["mark"]["type"] == "rule" and rule["encoding"]["x"]["field"] == "date"
    assert label["mark"]["type"] == "text" and label["encoding"]["text"]["field"] == "label"
    events = spec["datasets"][rule["data"]["name"]]
    assert events == [{"date": "2020-11-13", "label": "Ban 2020-11-13", "title": "LAPD bars third-party FR", "lane": 0}]


def test_use_over_time_without_events_has_only_the_figures():
    assert len(charts.use_over_time(ROWS, EVENTS.iloc[0:0], "searches").to_dict()["layer"]) == 1


def test_comparison_plots_per_month_on_a_log_scale():
    rows = ROWS.assign(agency="LAPD", label=["LAPD, 2009-11-06 to 2020-09-11", "LAPD, 2020-02 to 2020-09-11"])
    spec = charts.comparison(rows).to_dict()
    assert spec["encoding"]["x"]["field"] == "per_month"
    assert spec["encoding"]["x"]["scale"] == {"type": "log"}
    assert spec["encoding"]["y"]["sort"] == "-x"
