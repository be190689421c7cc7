"""Jinja filters for what templates say of numbers: ``{{ 29817|number }}`` is ``29,817`` on an English page
and ``29.817`` on a Spanish one (the language being written)."""

from __future__ import annotations

from .. import i18n
from ..vocabulary import RATES, TERMS


def number(value: float) -> str:
    """A number as the language being written writes it."""
    return i18n.number(value)


def term(code: str) -> str:
    """A code of the data (``records_response``) in the words of the language being written: ``records response``."""
    return i18n.said(TERMS.get(code, code.replace("_", " ")))


def rate(per: str) -> str:
    """A rate's words around its count, ``{count} a month``, in the language being written."""
    return i18n.said(RATES[per])


def place(name: str, country: str) -> str:
    """A place the data names in English (a jurisdiction, a region), in the language being written where it is a
    country or one of its regions: ``{{ "United States"|place("US") }}`` is ``Estados Unidos`` on a Spanish page."""
    return i18n.place_name(country, name)


FILTERS = {"number": number, "term": term, "rate": rate, "place": place}
