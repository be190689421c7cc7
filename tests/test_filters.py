"""The filters templates say numbers with."""

from disclosures.site.filters import count, number


def test_a_number_has_its_thousands_separated():
    assert [number(0), number(475), number(29817), number(1035000)] == ["0", "475", "29,817", "1,035,000"]


def test_a_count_puts_its_noun_in_the_plural_unless_it_is_one():
    assert count(1, "open question") == "1 open question"
    assert count(0, "source") == "0 sources"
    assert count(3750, "earlier event") == "3,750 earlier events"
    assert count(2, "person with access", "people with access") == "2 people with access"
