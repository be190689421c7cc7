"""Valid HTML: the W3C Nu HTML Checker, run locally, reports no errors on any page type."""

from gates import PAGE_TYPES, html_errors


def test_every_page_type_is_valid_html(site):
    assert html_errors([site / path / "index.html" for path in PAGE_TYPES.values()]) == []
