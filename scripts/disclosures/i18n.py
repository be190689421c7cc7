"""The languages the site is written in. The words the build writes by itself go through gettext
catalogues (``locale/<code>/LC_MESSAGES/messages.po``; ``make messages`` gathers them), numbers and
dates through Babel in the language's own format, the names of countries and their regions through
pycountry's ISO 3166 catalogues (iso-codes). English is the language the messages are written in;
another is made active around the work that writes it (``with spanish.active(): ...``), so every
sentence, label and number written inside says itself in that language.
"""

from __future__ import annotations

import csv
import gettext as _gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import BinaryIO

import pycountry
from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

#: Where the catalogues are: ``locale/es/LC_MESSAGES/messages.po``.
LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
#: The language the messages are written in: it needs no catalogue.
SOURCE = "en"
#: Dates where the site writes them otherwise than the language's usual form: English day first, no comma.
DATE_PATTERNS = {"en": {"day": "d MMMM y", "month": "MMMM y"}}


@dataclass(frozen=True)
class Language:
    """One language of the site: its code (``es``) and where its pages are (``es/``; the first language's are
    at the root)."""

    code: str
    prefix: str = ""

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(self.code)

    @property
    def name(self) -> str:
        """The language's name in itself: ``English``, ``Español``."""
        name = self.locale.get_display_name(self.code) or self.code
        return name[:1].upper() + name[1:]

    @property
    def translations(self) -> _gettext.NullTranslations:
        return catalogue(self.code)

    def gettext(self, message: str) -> str:
        """``message`` in this language (nothing stays nothing: gettext would give the catalogue's header)."""
        return self.translations.gettext(message) if message else message

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)

    def number(self, value: float, places: int | None = None) -> str:
        """A number as this language writes it: ``29,817`` in English, ``29.817`` in Spanish."""
        pattern = None if places is None else "#,##0" + ("." + "0" * places if places else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def date_words(self, day: date, precision: str = "day") -> str:
        """A day, a month or a year in words: ``6 November 2009``, ``6 de noviembre de 2009``."""
        if precision == "year":
            return str(day.year)
        pattern = DATE_PATTERNS.get(self.code, {}).get(precision)
        if pattern is None:
            skeleton = "yMMMM" if precision == "month" else "yMMMMd"
            pattern = self.locale.datetime_skeletons[skeleton].pattern
        return format_date(day, pattern, locale=self.locale)

    def month_short(self, day: date) -> str:
        """A month as chart labels abbreviate it: ``Nov 2009``, ``nov 2009``."""
        month = format_date(day, "MMM", locale=self.locale).rstrip(".")
        return f"{month} {day.year}"

    @contextmanager
    def active(self) -> Iterator[Language]:
        """Make this the language everything written inside says itself in."""
        token = _active.set(self)
        try:
            yield self
        finally:
            _active.reset(token)


ENGLISH = Language(SOURCE)
_active: ContextVar[Language] = ContextVar("language", default=ENGLISH)


@cache
def catalogue(code: str) -> _gettext.NullTranslations:
    """The language's catalogue, compiled from its ``.po`` file; none for the source language."""
    if code == SOURCE:
        return _gettext.NullTranslations()
    path = LOCALE_DIR / code / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        messages = read_po(po, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return Translations(compiled)


def languages(settings) -> list[Language]:
    """The site's languages, from the ``LANGUAGES`` setting (or the page context that carries it): the first at
    the root, each other under its code."""
    codes = settings.get("LANGUAGES") or [settings.get("DEFAULT_LANG", SOURCE)]
    return [Language(code, "" if index == 0 else f"{code}/") for index, code in enumerate(codes)]


def active() -> Language:
    """The language being written."""
    return _active.get()


def country_name(code: str) -> str:
    """A country's common name in the active language, for its ISO 3166 two-letter code (validation has checked
    it): ``United Kingdom``, ``Reino Unido``."""
    country = pycountry.countries.get(alpha_2=code)
    assert country is not None
    return _places("iso3166-1", active().code).gettext(getattr(country, "common_name", country.name))


def place_name(country: str, name: str) -> str:
    """A place the data names in English, in the active language where it is the country itself or one of its
    ISO 3166-2 subdivisions and iso-codes translates it (``United States``: ``Estados Unidos``; ``New York``:
    ``Nueva York``); as the data writes it otherwise (a city, a county)."""
    country_record = pycountry.countries.get(alpha_2=country)
    if name in {getattr(country_record, key, None) for key in ("name", "common_name", "official_name")}:
        return country_name(country)
    if name in _subdivisions(country):
        return _places("iso3166-2", active().code).gettext(name)
    return name


@cache
def _subdivisions(country: str) -> frozenset[str]:
    return frozenset(each.name for each in pycountry.subdivisions.get(country_code=country) or ())


@cache
def _places(domain: str, code: str) -> _gettext.NullTranslations:
    """iso-codes' names of places (``iso3166-1``, ``iso3166-2``) in a language; none for the source language."""
    if code == SOURCE:
        return _gettext.NullTranslations()
    return _gettext.translation(domain, pycountry.LOCALES_DIR, languages=[code], fallback=True)


def _(message: str) -> str:
    """``message`` in the active language."""
    return _active.get().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` in the active language, by its plural rules."""
    return _active.get().ngettext(singular, plural, count)


def number(value: float, places: int | None = None) -> str:
    """A number as the active language writes it."""
    return _active.get().number(value, places)


def said(words: str) -> str:
    """Words marked with ``N_`` where they are written (a vocabulary's), in the active language."""
    return _active.get().gettext(words)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogues where it is written (a vocabulary's words); ``_()`` translates it
    where it is shown."""
    return message


def extract_column(fileobj: BinaryIO, keywords: object, comment_tags: object, options: dict) -> Iterator[tuple]:
    """A Babel extractor (``babel.cfg``) for words the data writes in English that pages show: each distinct value
    of a CSV file's ``column`` (the words sources use for what they count) becomes a message."""
    rows = csv.DictReader(io.TextIOWrapper(fileobj, encoding="utf-8"))
    seen: set[str] = set()
    for row in rows:
        words = row.get(options["column"], "")
        if words and words not in seen:
            seen.add(words)
            yield rows.line_num, "", words, [options.get("comment", "")]
