"""Jinja filters for what templates say of numbers: ``{{ 29817|number }}`` is ``29,817``, and
``{{ 3|count("open question") }}`` is ``3 open questions``."""

from __future__ import annotations


def number(value: int) -> str:
    """A whole number with thousands separated by commas."""
    return f"{value:,}"


def count(value: int, noun: str, plural: str = "") -> str:
    """A number and its noun, the noun in the plural (``plural``, or the noun with an s) unless the number is 1."""
    return f"{value:,} {noun if value == 1 else plural or noun + 's'}"


FILTERS = {"number": number, "count": count}
