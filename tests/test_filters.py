"""The filters templates say numbers with, in the language being written."""

from disclosures.i18n import Language
from disclosures.site.filters import number


def test_a_number_has_its_thousands_separated():
    assert [number(0), number(475), number(29817), number(1035000)] == ["0", "475", "29,817", "1,035,000"]


def test_a_number_on_a_spanish_page_is_written_the_spanish_way():
    with Language("es", "es/").active():
        assert [number(475), number(29817), number(5.9)] == ["475", "29.817", "5,9"]
    assert number(29817) == "29,817"
