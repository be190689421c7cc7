"""The number is written as the source wrote it."""

import math

import pytest

from disclosures.qualifiers import states, value_bounds, value_words


@pytest.mark.parametrize(
    ("value", "value_max", "qualifier", "words", "expected"),
    [
        (29817, None, "exact", "", "29,817"),
        (475, None, "about", "nearly", "nearly 475"),
        (25, None, "at_least", "more than", "more than 25"),
        (11, 50, "range", "between", "between 11 and 50"),
        (11, 50, "range", "", "11 to 50"),
        (247764, None, "estimate", "estimated", "estimated 247,764"),
    ],
)
def test_value_words(value, value_max, qualifier, words, expected):
    assert value_words(value, value_max, qualifier, words) == expected


@pytest.mark.parametrize(
    ("qualifier", "value_max", "bounds"),
    [
        ("exact", None, (100, 100)),
        ("about", None, (90, 110)),
        ("at_least", None, (100, math.inf)),
        ("at_most", None, (0, 100)),
        ("range", 150, (100, 150)),
        ("estimate", None, (90, 110)),
    ],
)
def test_value_bounds(qualifier, value_max, bounds):
    assert value_bounds(100, value_max, qualifier) == pytest.approx(bounds)


@pytest.mark.parametrize(
    ("quote", "other", "value", "words"),
    [
        ("we have scanned more than 2.5 million faces", "more than 3.5 million faces", 2_500_000, "more than"),
        ("with no false alerts created", "with two false alerts", 0, ""),
        ("resulting in zero arrests", "resulting in one arrest", 0, ""),
    ],
)
def test_a_quote_may_state_a_number_in_millions_or_a_zero_in_words(quote, other, value, words):
    assert states(quote, value, None, words)
    assert not states(other, value, None, words)
