"""A chart's CSV as a reporter opens it: each drawn value one row, numbers as numbers beside the words,
each figure as disclosed, and none of the marks' layout."""

from __future__ import annotations

from disclosures import tables
from disclosures.site.catalogue import Catalogue
from disclosures.site.chart_data import rows

#: Two figures as a totals chart draws them (layout columns and all), a month counted from records,
#: and an event
DRAWN = {
    "figures": [
        {"figure_id": "lapd-all", "label": "29,817 uses", "row": 0, "side": "left", "room": 1.0, "describe": "..."},
        {"figure_id": "lapd-2020", "label": "3,750 instances", "row": 1, "side": "right", "change": "down"},
    ],
    "months": [{"month": "2020-01", "system": "LACRIS", "value": 12, "records": 12, "missing": 0, "describe": "..."}],
    "events": [{"date": "2020-11-13", "title": "Ban", "agency_id": "lapd", "system_id": "", "lane": 2}],
}


def test_each_drawn_value_is_one_row_with_numbers_words_and_its_source_and_no_layout(tiny_data):
    figures = Catalogue(tables.load(tiny_data), {"DISCLOSURES_DATA": str(tiny_data)}).figures_by_id
    found = rows(DRAWN, figures)
    assert found[0] == {
        "layer": "figures",
        "figure_id": "lapd-all",
        "agency": "Los Angeles Police Department",
        "system": "Los Angeles County Regional Identification System",
        "measure": "searches",
        "measured_as": "uses",
        "value": 29817,
        "value_max": None,
        "qualifier": "exact",
        "rate_per": "",
        "period_start": "2009-11-06",
        "period_end": "2020-09-11",
        "value_words": "29,817",
        "period_words": "from 6 November 2009 to 11 September 2020",
        "note": "",
        "average_per_month_low": 229.0,  # 229.007, rounded outward: never a narrower range
        "average_per_month_high": 229.01,
        "average_per_month": "229 a month",
        "source": "Los Angeles Times",
        "source_url": "https://www.latimes.com/a",
    }
    # a month given as stated (2020-02), the trend's change kept
    assert {key: found[1][key] for key in ("period_start", "period_end", "change")} == {
        "period_start": "2020-02",
        "period_end": "2020-09-11",
        "change": "down",
    }
    assert found[2:] == [
        {"layer": "months", "month": "2020-01", "system": "LACRIS", "value": 12, "records": 12, "missing": 0},
        {"layer": "events", "date": "2020-11-13", "title": "Ban", "agency": "lapd", "system": ""},
    ]
