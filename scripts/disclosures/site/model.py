"""The records the pages show, typed: each is a validated row with its names spelled out, its source
(``cited``, a :class:`Source`) and its own address on the site (``url``, relative to the site).
The catalogue builds each once; templates read them as Pelican's read Content objects."""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from ..model import FigureRow
from ..records.describe import Covers, Raw
from .sources import Source


class Named(TypedDict):
    """A figure, event, source, agency or page as a reader sees it: its words and its address."""

    words: str
    url: str


class Correction(TypedDict):
    """A row of ``corrections.csv`` with the ids it changed (``changed``) and those in words."""

    id: str
    date: str
    wrong: str
    right: str
    why: str
    changed: list[str]
    changed_words: list[Named]
    url: str


class Relation(TypedDict):
    """How a figure relates to another of the same agency and measure (``reconcile.relate``)."""

    figure: str
    other: str
    relation: str
    conflict: bool
    explanation: str
    other_words: str


class Figure(FigureRow):
    """A figure with its agency and system named, its source, how it relates to the other figures
    and to the agency's own records, and what corrected it."""

    agency_name: str
    system_name: str
    #: What charts and briefs call its system: the short name, or the name
    system_label: str
    qualifier_meaning: str
    relations: list[Relation]
    conflict: bool
    #: The agency's records' count of the same period (``Counted.checks``), if any
    check: dict | None
    contradiction: str
    corrections: list[Correction]
    cited: Source
    mark: str
    leads: bool
    url: str


class Event(TypedDict):
    """A row of ``events.csv`` with its first day, its date in words, its names and its source."""

    id: str
    date: str
    agency: str
    system: str
    kind: str
    title: str
    source: str
    note: str
    after: str
    first_day: date
    date_words: str
    agency_name: str
    system_name: str
    cited: Source
    corrections: list[Correction]
    url: str


class Unknown(TypedDict):
    """A row of ``unknowns.csv``: what we don't know about an agency, and who said so."""

    id: str
    agency: str
    question: str
    known: str
    source: str
    cited: Source


class Population(TypedDict):
    """An agency's population, its year, and the source's sentence."""

    population: int
    year: int
    cited: Source
    quote: str


class Agency(TypedDict):
    """A row of ``agencies.csv`` and its page's address."""

    id: str
    name: str
    aliases: str
    kind: str
    jurisdiction: str
    country: str
    region: str
    population: str
    population_year: str
    population_source: str
    population_quote: str
    url: str


class System(TypedDict):
    """A row of ``systems.csv``, what charts call it (``label``), its page's address and how many figures concern it."""

    id: str
    name: str
    short_name: str
    operator: str
    vendor: str
    kind: str
    photo_sources: str
    note: str
    label: str
    url: str
    figure_count: int


class RecordDisclosure(TypedDict):
    """A record-level disclosure as published: its accounts, the first rows set aside, its
    corrections (values only where published as written) and the records whose parts do not add up."""

    id: str
    title: str
    unit: str
    agency: str
    agency_name: str
    system: str
    cited: Source
    raw: Raw
    provenance: str
    accounts: dict[str, int]
    set_aside: dict[str, int]
    reasons: list
    rejected: list[dict]
    duplicates: list[dict]
    corrections: list[dict]
    covers: Covers
    supersedes: list[str]
    repeats: str
    duplicate_key: list[str]
    mismatched: list[dict]
