"""The filters templates say numbers and places with, in the language being written."""

from disclosures.i18n import Language
from disclosures.site.filters import number, place


def test_a_number_has_its_thousands_separated():
    assert [number(0), number(475), number(29817), number(1035000)] == ["0", "475", "29,817", "1,035,000"]


def test_a_number_on_a_spanish_page_is_written_the_spanish_way():
    with Language("es", "es/").active():
        assert [number(475), number(29817), number(5.9)] == ["475", "29.817", "5,9"]
    assert number(29817) == "29,817"


def test_a_jurisdiction_that_is_a_country_or_a_state_is_named_in_the_pages_language_and_a_city_as_written():
    with Language("es", "es/").active():
        assert [place("United States", "US"), place("New Mexico", "US"), place("Akron, OH", "US")] == [
            "Estados Unidos",
            "Nuevo México",
            "Akron, OH",
        ]
    assert place("United States", "US") == "United States"
