"""Everything the pages show, as typed records (``site.model``): figures, events, sources, corrections, with
names spelled out, each built once."""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import cast

import duckdb
import pandas as pd

from .. import claims, outcomes, reconcile, status, tables
from ..i18n import ENGLISH, Language, _, said
from ..model import FigureRow
from ..outcomes import Funnel
from ..periods import Bound
from ..records import series
from ..records.extraction import scan
from ..records.ingest import shown_as_is
from ..tables import Disclosures
from ..vocabulary import GAPS, QUALIFIERS, RATES
from .model import Agency, Correction, Event, Figure, Named, Population, RecordDisclosure, Relation, System, Unknown
from .sources import Source
from .urls import Urls


class Catalogue:
    """The disclosures as the templates read them, each record built once."""

    def __init__(self, disclosures: Disclosures, settings: dict, language: Language = ENGLISH):
        self.data = disclosures if language == ENGLISH else tables.in_active_language(disclosures)
        self.settings = settings
        self.language = language
        self.urls = Urls(settings, language.prefix)
        self._groups: dict[tuple[str, str], dict] = {}
        self.agency_names = dict(zip(disclosures.agencies["id"], disclosures.agencies["name"], strict=True))
        self.system_names = dict(zip(disclosures.systems["id"], disclosures.systems["name"], strict=True))
        #: What charts call each system: its short name, or its name where it has none
        self.system_labels = {
            system["id"]: system["short_name"] or system["name"] for system in disclosures.systems.to_dict("records")
        }
        self.relations = reconcile.relate(self.data.figures)
        self.counted = series.Counted(disclosures.records)
        self.series = self.counted.monthly()
        self.checks = self.counted.checks(self.data.figures)
        self.contradicted = self.counted.contradictions(self.data.figures)

    @cached_property
    def agencies(self) -> list[Agency]:
        """Every agency, by id, with its page's address."""
        return [
            cast(Agency, {**agency, "url": self.urls("agency", id=agency["id"])})
            for agency in self.data.agencies.to_dict("records")
        ]

    @cached_property
    def systems(self) -> list[System]:
        """Every system, by id, with what charts call it, its page's address and how many figures concern it."""
        return [
            cast(
                System,
                {
                    **system,
                    "label": self.system_labels[system["id"]],
                    "url": self.urls("system", id=system["id"]),
                    "figure_count": len(self.figures_where("system", system["id"])),
                },
            )
            for system in self.data.systems.to_dict("records")
        ]

    @cached_property
    def figures(self) -> list[Figure]:
        """Every figure, with its agency, system, source (``cited``) and overlaps spelled out."""
        rows = cast(list[FigureRow], self.data.figures.to_dict("records"))
        statements = {row["id"]: statement(row) for row in rows}
        relations: dict[str, list[Relation]] = {}
        for pair in self.relations.to_dict("records"):
            pair["relation_words"] = said(reconcile.RELATIONS[pair["relation"]])
            relations.setdefault(pair["figure"], []).append(
                cast(Relation, {**pair, "other_words": statements[pair["other"]]})
            )
            relations.setdefault(pair["other"], []).append(
                cast(Relation, {**pair, "other": pair["figure"], "other_words": statements[pair["figure"]]})
            )
        checks = {check["figure"]: check for check in self.checks.to_dict("records")}
        figures: list[Figure] = []
        for row in rows:
            related = sorted(relations.get(row["id"], []), key=lambda pair: (pair["figure"], pair["other"]))
            figures.append(
                {
                    **row,
                    "agency_name": self.agency_names[row["agency"]],
                    "system_name": self.system_names[row["system"]],
                    "system_label": self.system_labels[row["system"]],
                    "qualifier_meaning": said(QUALIFIERS[row["qualifier"]].meaning),
                    "per_month": None if pd.isna(row["per_month"]) else row["per_month"],
                    "value_max": None if pd.isna(row["value_max"]) else int(row["value_max"]),  # type: ignore[arg-type]
                    "relations": related,
                    "conflict": any(pair["conflict"] for pair in related),
                    "check": checks.get(row["id"]),
                    "contradiction": self.contradicted.get(row["id"], ""),
                    "corrections": self.corrections_of(row["id"]),
                    "cited": self.sources[row["source"]],
                    "mark": claims.mark(row),
                    "leads": claims.leads(row),
                    "url": self.urls("figure", agency=row["agency"], id=row["id"]),
                }
            )
        return figures

    @cached_property
    def figures_by_id(self) -> dict[str, Figure]:
        """Every figure by id."""
        return {figure["id"]: figure for figure in self.figures}

    def figures_where(self, column: str, value: str) -> list[Figure]:
        """Return the figures whose ``column`` equals ``value``."""
        return self._grouped("figures", column).get(value, [])

    def events_where(self, column: str, value: str) -> list[Event]:
        """Return the events whose ``column`` equals ``value``, oldest first."""
        return self._grouped("events", column).get(value, [])

    def _grouped(self, name: str, column: str) -> dict:
        """The figures or events by the value of one column, grouped once."""
        if (name, column) not in self._groups:
            grouped: dict[str, list] = {}
            for item in getattr(self, name):
                grouped.setdefault(item[column], []).append(item)
            self._groups[name, column] = grouped
        return self._groups[name, column]

    @cached_property
    def events(self) -> list[Event]:
        """Every event, oldest first, with names spelled out and its source (``cited``)."""
        return [
            cast(
                Event,
                {
                    **event,
                    "agency_name": self.agency_names[event["agency"]],
                    "system_name": self.system_names.get(event["system"], ""),
                    "cited": self.sources[event["source"]],
                    "corrections": self.corrections_of(event["id"]),
                    "url": self.urls("timeline_event", id=event["id"]),
                },
            )
            for event in self.data.events.to_dict("records")
        ]

    @cached_property
    def corrections(self) -> list[Correction]:
        """Every correction, newest first, with the things it changed as a list of ids (``changed``)
        and as readers see them, in words with their addresses (``changed_words``)."""
        corrections = []
        for correction in self.data.corrections.to_dict("records"):
            changed = [name.strip() for name in correction["changed"].split(";")]
            corrections.append(
                cast(
                    Correction,
                    {
                        **correction,
                        "changed": changed,
                        "changed_words": [self.named(n) for n in changed],
                        "url": self.urls("correction", id=correction["id"]),
                    },
                )
            )
        return corrections

    def named(self, name: str) -> Named:
        """A figure, event, source, agency or page (by id or path) as a reader sees it: its words and
        its address on the site, relative to the site."""
        if name.startswith("/"):
            return {"words": _("the page {path}").format(path=name), "url": name.lstrip("/")}
        if name in self.agency_names:
            return {"words": self.agency_names[name], "url": self.urls("agency", id=name)}
        figure = self.data.figures[self.data.figures["id"] == name]
        if not figure.empty:
            row = figure.iloc[0].to_dict()
            words = _("{agency}: {figure}").format(agency=self.agency_names[row["agency"]], figure=statement(row))
            return {"words": words, "url": self.urls("figure", agency=row["agency"], id=name)}
        event = self.data.events[self.data.events["id"] == name]
        if not event.empty:
            row = event.iloc[0]
            return {
                "words": _("{agency}: {event} ({date})").format(
                    agency=self.agency_names[row["agency"]], event=row["title"], date=row["date_words"]
                ),
                "url": self.urls("timeline_event", id=name),
            }
        source = self.sources[name]
        return {
            "words": _("the source {publisher}, {title}").format(publisher=source.publisher, title=source.title),
            "url": source.page_url,
        }

    def corrections_of(self, name: str) -> list[Correction]:
        """The corrections that changed the figure, event, source, agency or page ``name``."""
        return [correction for correction in self.corrections if name in correction["changed"]]

    def unknowns_of(self, agency_id: str) -> list[Unknown]:
        """What we don't know about an agency, each with its source."""
        return [
            cast(Unknown, {**unknown, "cited": self.sources[unknown["source"]]})
            for unknown in self.data.unknowns.to_dict("records")
            if unknown["agency"] == agency_id
        ]

    @cached_property
    def disclosures(self) -> list[RecordDisclosure]:
        """Every record-level disclosure as the agency and data-quality pages show it."""
        return [_disclosure(self, disclosure) for disclosure in self.data.records]

    @cached_property
    def sources(self) -> dict[str, Source]:
        """Every source by id."""
        return {row["id"]: Source.from_row(row, self.urls) for row in self.data.sources.to_dict("records")}

    @cached_property
    def outcomes(self) -> dict[str, list[Funnel]]:
        """Each agency's outcome funnels, by the day their periods end."""
        found: dict[str, list[Funnel]] = {}
        funnels = outcomes.from_figures(self.figures, self.sources)
        funnels += outcomes.from_records(self.counted.totals(), self.sources, self.mismatched)
        for funnel in sorted(funnels, key=lambda funnel: funnel.last_day):
            found.setdefault(funnel.agency, []).append(replace(funnel, system_name=self.system_names[funnel.system]))
        return found

    @cached_property
    def mismatched(self) -> list[dict]:
        """Records whose parts do not add up to their whole (``Counted.mismatched_parts``)."""
        return self.counted.mismatched_parts()

    @cached_property
    def populations(self) -> dict[str, Population]:
        """Each agency's population with its year, source and the source's sentence, by agency id;
        agencies without one are absent."""
        return {
            agency["id"]: {
                "population": int(agency["population"]),
                "year": int(agency["population_year"]),
                "cited": self.sources[agency["population_source"]],
                "quote": agency["population_quote"],
            }
            for agency in self.data.agencies.to_dict("records")
            if agency["population"]
        }

    @cached_property
    def latest_disclosures(self) -> dict[str, Source]:
        """Each agency's newest disclosure of use (a figure's or a record-level disclosure's source),
        by the source's date; a weak source is never the latest (it never leads); agencies with none
        are absent."""
        latest: dict[str, Source] = {}
        cited = [(figure["agency"], figure["cited"]) for figure in self.figures]
        cited += [(disclosure["agency"], disclosure["cited"]) for disclosure in self.disclosures]
        for agency, source in cited:
            if source.strength == "weak":
                continue
            if source.date and (agency not in latest or source.date > latest[agency].date):
                latest[agency] = source
        return latest

    @cached_property
    def as_of(self) -> Bound | None:
        """The site's data date: the newest date of any source, source check or correction."""
        text = self.data_date([figure["id"] for figure in self.figures], list(self.sources))
        return Bound.parse(text) if text else None

    @cached_property
    def status(self) -> pd.DataFrame:
        """The disclosure status of each agency and year (see ``status.by_year``)."""
        if self.as_of is None:
            return pd.DataFrame(columns=status.COLUMNS)
        return status.by_year(self.figures, self.series, self.data.statuses, self.as_of.last)

    @cached_property
    def _status_by_agency(self) -> dict[str, list[dict]]:
        """Each agency's rows of ``status``, in order (the frame read once, not once an agency)."""
        found: dict[str, list[dict]] = {}
        for row in self.status.to_dict("records"):
            found.setdefault(row["agency"], []).append(row)
        return found

    @cached_property
    def _status_notes(self) -> dict[str, str]:
        return dict(zip(self.data.statuses["id"], self.data.statuses["note"], strict=True))

    def status_of(self, agency_id: str) -> dict:
        """An agency's years with their states and sources, its open gaps, and its latest disclosure and its age."""
        years = self._status_by_agency.get(agency_id, [])
        latest = self.latest_disclosures.get(agency_id)
        rows = [
            {
                **row,
                "sources": [self.sources[source] for source in row["source"].split("; ") if source],
                "anchor": _anchor(row),
            }
            for row in years
        ]
        notes = self._status_notes
        gaps = [
            {
                **gap,
                "sources": [self.sources[source] for source in gap["source"].split("; ") if source],
                "note": notes.get(gap["basis"], ""),
            }
            for gap in status.gaps(years)
        ]
        found: dict = {"years": rows, "gaps": gaps, "latest": latest}
        if latest and self.as_of:
            when = Bound.parse(latest.date)
            found["latest_words"] = when.words()
            found["age"] = ("" if when.precision == "day" else "about ") + status.age(when.first, self.as_of.last)
            found["as_of_words"] = self.as_of.words()
        return found

    def data_date(self, figure_ids: list[str], source_ids: list[str]) -> str:
        """The date of the newest of these figures' sources, their checks and their corrections (ISO),
        or the empty string when there is none: when what they show was last known to be right."""
        dates = [
            date for source in source_ids for date in (self.sources[source].date, self.sources[source].accessed) if date
        ]
        dates += [correction["date"] for figure in figure_ids for correction in self.corrections_of(figure)]
        return max(dates, default="")


def _anchor(year: dict) -> str:
    """Where on the agency's page a year's state comes from: its records, its first figure, or nowhere (a gap)."""
    if year["basis"] == "counted from records":
        return "counted-from-records"
    return "" if year["status"] in GAPS else f"figure-{year['basis'].split('; ')[0]}"


def statement(figure: FigureRow) -> str:
    """A figure in its source's words, with its period: ``29,817 uses, from 6 November 2009 to 11 September 2020``."""
    words = _("{value} {measure}").format(value=figure["value_words"], measure=figure["measure_said"])
    if figure["rate_per"]:
        words = said(RATES[figure["rate_per"]]).format(count=words)
    if figure["scope"]:
        words = _("{period} ({scope})").format(period=words, scope=figure["scope_words"])
    return _("{figure}, {period}").format(figure=words, period=figure["period_words"])


def _disclosure(catalogue: Catalogue, disclosure) -> RecordDisclosure:
    """A record-level disclosure as published (the first rejected and duplicate rows set aside)."""
    description = disclosure.extraction.description
    return {
        "id": description.id,
        "title": description.title,
        "unit": description.unit,
        "agency": description.agency,
        "agency_name": catalogue.agency_names[description.agency],
        "system": description.system,
        "cited": catalogue.sources[description.source],
        "raw": description.raw,
        "provenance": disclosure.provenance,
        "accounts": disclosure.extraction.accounts(),
        "set_aside": disclosure.extraction.skipped,
        "reasons": disclosure.extraction.summary["rejected"],
        "rejected": first_rows(disclosure.extraction.path, "rejected", ["source_row", "reason"]),
        "duplicates": first_rows(disclosure.extraction.path, "duplicate", ["source_row", "duplicate_of"]),
        "corrections": [_correction(correction, description) for correction in description.corrections],
        "covers": description.covers,
        "supersedes": description.supersedes,
        "repeats": description.duplicates,
        "duplicate_key": description.duplicate_key,
        "mismatched": [record for record in catalogue.mismatched if record["disclosure"] == description.id],
    }


def first_rows(path: Path, status: str, columns: list[str], limit: int = 50) -> list[dict]:
    """Return the first ``limit`` rows of an extraction with ``status``, in file order."""
    relation = duckdb.sql(f"SELECT {', '.join(columns)} FROM {scan(path)} WHERE status = '{status}' LIMIT {limit}")
    assert relation is not None  # a SELECT gives a relation
    return relation.df().to_dict("records")


def _correction(correction, description) -> dict:
    """A correction as published: its values only where the column is published as it is written."""
    withheld = not shown_as_is(description, correction.column)
    shown = {"at": correction.at, "column": correction.column, "reason": correction.reason, "withheld": withheld}
    return shown if withheld else {**shown, "was": correction.was, "value": correction.value}
