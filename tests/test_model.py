"""The typed records: the type of a figure names every column the pipeline gives it, each record the
catalogue builds has exactly the keys its type declares, and each knows its own address from the settings."""

from __future__ import annotations

from disclosures import tables
from disclosures.model import FigureRow
from disclosures.site.catalogue import Catalogue
from disclosures.site.model import Agency, Correction, Event, Figure, System, Unknown
from disclosures.site.sources import Source

CORRECTION = 'fix-1,2026-11-30,"The total was 29,871.","The total is 29,817.",lapd-all,"The source says 29,817."\n'
UNKNOWN = "lapd-who,lapd,Who ran the searches?,Not named.,latimes\n"
SETTINGS = {"FIGURE_URL": "f/{agency}.html#{id}", "AGENCY_URL": "a/{id}.html", "SYSTEM_URL": "s/{id}.html"}


def catalogue(tiny_data, settings=None) -> Catalogue:
    """The catalogue of the tiny data with one correction and one open question added."""
    for relative, row in [("reference/corrections.csv", CORRECTION), ("reference/unknowns.csv", UNKNOWN)]:
        with (tiny_data / relative).open("a", encoding="utf-8") as table:
            table.write(row)
    return Catalogue(tables.load(tiny_data), {"DISCLOSURES_DATA": str(tiny_data), **(settings or {})})


def test_the_type_of_a_figure_names_every_column_the_pipeline_gives_it(tiny_data):
    figures = tables.load(tiny_data).figures
    assert set(figures.columns) == set(FigureRow.__required_keys__)


def test_each_record_has_exactly_the_keys_its_type_declares(tiny_data):
    found = catalogue(tiny_data)
    records = [
        (Figure, found.figures),
        (Event, found.events),
        (Agency, found.agencies),
        (System, found.systems),
        (Correction, found.corrections),
        (Unknown, found.unknowns_of("lapd")),
    ]
    for kind, built in records:
        assert built, kind.__name__
        for record in built:
            assert set(record) == set(kind.__required_keys__), kind.__name__
    assert all(isinstance(figure["cited"], Source) for figure in found.figures)


def test_records_know_their_addresses_from_the_settings(tiny_data):
    found = catalogue(tiny_data, SETTINGS)
    assert [figure["url"] for figure in found.figures] == ["f/lapd.html#lapd-all", "f/lapd.html#lapd-2020"]
    assert [agency["url"] for agency in found.agencies] == ["a/lapd.html"]
    assert [system["url"] for system in found.systems] == ["s/lacris.html"]
    assert [event["url"] for event in found.events] == ["timeline/#event-lapd-ban"]
    assert [correction["url"] for correction in found.corrections] == ["corrections/#correction-fix-1"]


def test_a_correction_is_on_the_figure_it_changed_and_in_words(tiny_data):
    found = catalogue(tiny_data)
    corrected = found.figures_by_id["lapd-all"]["corrections"]
    assert [correction["id"] for correction in corrected] == ["fix-1"]
    assert corrected[0]["changed_words"] == [
        {
            "words": "Los Angeles Police Department: 29,817 uses, from 6 November 2009 to 11 September 2020",
            "url": "agencies/lapd/#figure-lapd-all",
        }
    ]
    assert found.figures_by_id["lapd-2020"]["corrections"] == []
