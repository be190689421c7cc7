"""One home per vocabulary: the schemas' enums, the record stage's measures and the methodology's
tables all agree with ``disclosures.vocabulary``."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from conftest import DATA
from disclosures.records.fields import FIELDS
from disclosures.records.figures import FIGURE_MEASURES
from disclosures.records.ingest import ACCOUNT, PUBLISHED
from disclosures.records.series import MEASURE_FIELDS
from disclosures.site.glossary import fill_glossaries
from disclosures.vocabulary import MEASURES, QUALIFIERS, RECORD_FUNNEL, STATUSES, WRITTEN_STATUSES


def enum(table: str, column: str) -> list[str]:
    schema = json.loads((DATA / "schemas" / f"{table}.schema.json").read_text(encoding="utf-8"))
    return next(field for field in schema["fields"] if field["name"] == column)["constraints"]["enum"]


@pytest.mark.parametrize(
    ("table", "column", "words"),
    [
        ("figures", "measure", [name for name, measure in MEASURES.items() if measure.disclosed]),
        ("figures", "qualifier", list(QUALIFIERS)),
        ("statuses", "status", list(WRITTEN_STATUSES)),
    ],
)
def test_every_code_a_schema_allows_has_the_sites_words_and_no_other(table, column, words):
    assert sorted(enum(table, column)) == sorted(words)


def test_the_record_stage_counts_only_measures_the_vocabulary_names():
    assert set(MEASURE_FIELDS) <= set(MEASURES)
    assert {field for field in MEASURE_FIELDS.values() if field} <= set(FIELDS)
    assert set(FIGURE_MEASURES) <= {name for name, measure in MEASURES.items() if measure.disclosed}
    assert set(RECORD_FUNNEL) <= set(MEASURE_FIELDS)
    assert set(WRITTEN_STATUSES) <= set(STATUSES)


@pytest.mark.shipped  # reads the shipped data package
def test_the_data_package_describes_each_column_a_records_csv_can_have_and_no_other():
    schema = json.loads((DATA / "schemas" / "records.schema.json").read_text(encoding="utf-8"))
    assert [field["name"] for field in schema["fields"]] == ACCOUNT + PUBLISHED


def test_a_glossary_paragraph_becomes_the_vocabularys_table():
    page = BeautifulSoup(fill_glossaries("<p>Before</p>\n<p>{glossary:qualifiers}</p>\n<p>After</p>"), "html.parser")
    rows = [[cell.get_text() for cell in row.find_all(["th", "td"])] for row in page.find_all("tr")]
    assert rows[0] == ["Qualifier", "Label on the site", "Meaning"]
    assert rows[4] == [
        "at_most",
        "upper bound",
        "an upper bound: the true number is this or a little less (nearly, almost, up to, at most)",
    ]
    assert len(rows) == 1 + len(QUALIFIERS) and page.get_text().startswith("Before") and "glossary" not in str(page)


def test_the_methodology_lists_each_qualifier_as_the_site_says_it(tiny_site):
    page = BeautifulSoup((tiny_site / "methodology" / "index.html").read_text(encoding="utf-8"), "html.parser")
    listed = {row.td.get_text(): row.find_all("td")[2].get_text() for row in page.find("main").tbody.find_all("tr")}
    assert listed == {name: qualifier.meaning for name, qualifier in QUALIFIERS.items()}
