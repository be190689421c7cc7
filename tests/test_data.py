"""The embedded data itself: valid, sourced, and holding the figures the site is built around."""

import pytest

from conftest import DATA
from disclosures.tables import load

pytestmark = pytest.mark.shipped


@pytest.fixture(scope="module")
def disclosures():
    return load(DATA)


def test_every_source_is_traceable(disclosures):
    sources = disclosures.sources
    without_url = sources[sources["url"] == ""]
    assert (without_url["note"] != "").all(), "a source without a URL must say why"


def test_weak_sources_are_marked(disclosures):
    weak = set(disclosures.sources.loc[disclosures.sources["strength"] == "weak", "kind"])
    assert {"vendor_blog"} <= weak


@pytest.mark.parametrize(
    ("figure_id", "value", "qualifier", "start", "end"),
    [
        ("lapd-lacris-searches-2009-2020", 29817, "exact", "2009-11-06", "2020-09-11"),
        ("lapd-lacris-searches-2020-feb-sep", 3750, "exact", "2020-02", "2020-09-11"),
        ("lapd-clearview-searches-2020", 475, "at_most", "", "2020"),
        ("lapd-clearview-users-2020", 25, "at_least", "", "2020"),
        ("met-lfr-faces-2020-2022", 125786, "estimate", "2020-02-27", "2022-07-16"),
    ],
)
def test_founding_figures_are_transcribed_as_published(disclosures, figure_id, value, qualifier, start, end):
    figure = disclosures.figures.set_index("id").loc[figure_id]
    assert (figure["value"], figure["qualifier"], figure["period_start"], figure["period_end"]) == (
        value,
        qualifier,
        start,
        end,
    )


def test_required_agencies_have_figures(disclosures):
    with_figures = set(disclosures.figures["agency"])
    required = {
        "lapd",
        "long-beach-pd",
        "detroit-pd",
        "nypd",
        "nopd",
        "san-mateo-sheriff",
        "ohio-ohleg-users",
        "hamilton-county-sheriff-oh",
        "hennepin-outside-agencies",
        "met-police",
        "fbi",
        "dhs-doj-six-agencies",
    }
    assert required <= with_figures


def test_lapd_events_of_the_founding_story(disclosures):
    lapd = disclosures.events[disclosures.events["agency"] == "lapd"]
    founding = [
        ["2016-09", "records_response"],
        ["2019", "statement"],
        ["2020-09-21", "report"],  # the Times online, the day before its print edition
        ["2020-09-22", "review"],  # prompted by the report: it comes after
        ["2020-11-13", "ban"],
    ]
    listed = lapd[["date", "kind"]].values.tolist()
    # The founding story's events, in this order, whatever is added before or after them
    assert [event for event in listed if event in founding] == founding
