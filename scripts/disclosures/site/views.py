"""What each data page shows: plain dicts and lists for the templates, built from the tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import duckdb
import pandas as pd
from markupsafe import Markup

from .. import charts, downloads, reconcile
from ..qualifiers import MEANINGS
from ..records import series
from ..records.extraction import scan
from ..render import RenderedChart, render_all
from ..tables import MEASURE_WORDS, Disclosures

COMPARABLE_MEASURES = ("searches", "requests")
#: The most figures the comparison draws; every agency's own page has the rest.
COMPARISON_LIMIT = 25
#: The data table of a use-over-time chart.
OVER_TIME_COLUMNS = ["figure", "system", "period", "average", "basis", "qualifier", "source", "note"]


@dataclass(frozen=True)
class Page:
    """One page to write: where, with which template, and what it shows."""

    save_as: str
    url: str
    template: str
    context: dict


@dataclass
class ChartView:
    """A chart as a page shows it: SVG, Vega spec, a text description and its data table."""

    id: str
    page: str
    title: str
    description: str
    spec: dict = field(repr=False)
    columns: list[str]
    rows: list[list] = field(repr=False)
    rendered: RenderedChart | None = field(default=None, repr=False)

    @property
    def svg(self) -> Markup:
        """The static SVG, rendered at build time."""
        return Markup(self.rendered.svg)

    @property
    def vega(self) -> dict:
        """The Vega spec the browser runs."""
        return self.rendered.vega


def table(rows: list[dict], columns: list[str]) -> tuple[list[str], list[list]]:
    """Return a chart's data table: the headings, and each row's cells."""
    return [column.capitalize() for column in columns], [[row[column] for column in columns] for row in rows]


class SiteViews:
    """Builds every data page's context from the disclosures."""

    def __init__(self, disclosures: Disclosures, settings: dict):
        self.data = disclosures
        self.settings = settings
        self.cache = Path(settings["DISCLOSURES_CACHE"]) if settings.get("DISCLOSURES_CACHE") else None
        self._groups: dict[tuple[str, str], dict[str, list[dict]]] = {}
        self.agency_names = dict(zip(disclosures.agencies["id"], disclosures.agencies["name"], strict=True))
        self.short_names = {
            agency["id"]: agency["aliases"].split(";")[0] or agency["name"]
            for agency in disclosures.agencies.to_dict("records")
        }
        self.system_names = dict(zip(disclosures.systems["id"], disclosures.systems["name"], strict=True))
        self.relations = reconcile.relate(disclosures.figures)
        self.counted = series.Counted(disclosures.records)
        self.series = self.counted.monthly()
        self.checks = self.counted.checks(disclosures.figures)
        self.contradicted = self.counted.contradictions(disclosures.figures)

    # Records the templates read

    @cached_property
    def figures(self) -> list[dict]:
        """Every figure as a dict, with its agency, system, source and overlaps spelled out."""
        relations: dict[str, list[dict]] = {}
        for pair in self.relations.to_dict("records"):
            relations.setdefault(pair["figure"], []).append(pair)
            relations.setdefault(pair["other"], []).append({**pair, "other": pair["figure"]})
        checks = {check["figure"]: check for check in self.checks.to_dict("records")}
        records = []
        for figure in self.data.figures.to_dict("records"):
            figure.update(
                agency_name=self.agency_names[figure["agency"]],
                system_name=self.system_names[figure["system"]],
                qualifier_meaning=MEANINGS[figure["qualifier"]],
                per_month=None if pd.isna(figure["per_month"]) else figure["per_month"],
                value_max=None if pd.isna(figure["value_max"]) else int(figure["value_max"]),
                relations=sorted(relations.get(figure["id"], []), key=lambda pair: (pair["figure"], pair["other"])),
                check=checks.get(figure["id"]),
                contradiction=self.contradicted.get(figure["id"], ""),
                corrections=self.corrections_of(figure["id"]),
            )
            figure["conflict"] = any(pair["conflict"] for pair in figure["relations"])
            records.append(figure)
        return records

    def figures_where(self, column: str, value: str) -> list[dict]:
        """Return the figures whose ``column`` equals ``value``."""
        return self._grouped("figures", column).get(value, [])

    def events_where(self, column: str, value: str) -> list[dict]:
        """Return the events whose ``column`` equals ``value``, oldest first."""
        return self._grouped("events", column).get(value, [])

    def _grouped(self, name: str, column: str) -> dict[str, list[dict]]:
        """The figures or events by the value of one column, grouped once."""
        if (name, column) not in self._groups:
            grouped: dict[str, list[dict]] = {}
            for item in getattr(self, name):
                grouped.setdefault(item[column], []).append(item)
            self._groups[name, column] = grouped
        return self._groups[name, column]

    @cached_property
    def events(self) -> list[dict]:
        """Every event, oldest first, with names spelled out and its source by title."""
        return [
            {
                **event,
                "agency_name": self.agency_names[event["agency"]],
                "system_name": self.system_names.get(event["system"], ""),
                "source_title": self.sources[event["source"]]["title"],
                "source_url": self.sources[event["source"]]["url"],
                "source_publisher": self.sources[event["source"]]["publisher"],
                "corrections": self.corrections_of(event["id"]),
            }
            for event in self.data.events.to_dict("records")
        ]

    @cached_property
    def corrections(self) -> list[dict]:
        """Every correction, newest first, with the things it changed as a list."""
        return [
            {**correction, "changed": [name.strip() for name in correction["changed"].split(";")]}
            for correction in self.data.corrections.to_dict("records")
        ]

    def corrections_of(self, name: str) -> list[dict]:
        """The corrections that changed the figure, event, source, agency or page ``name``."""
        return [correction for correction in self.corrections if name in correction["changed"]]

    def unknowns_of(self, agency_id: str) -> list[dict]:
        """What we don't know about an agency, each with its source."""
        return [
            {**unknown, "source_record": self.sources[unknown["source"]]}
            for unknown in self.data.unknowns.to_dict("records")
            if unknown["agency"] == agency_id
        ]

    @cached_property
    def sources(self) -> dict[str, dict]:
        """Every source by id."""
        return {source["id"]: source for source in self.data.sources.to_dict("records")}

    # Charts

    @cached_property
    def agency_charts(self) -> dict[str, list[ChartView]]:
        """Each agency's use-over-time charts, one per measure it has comparable figures for."""
        drawn = self.data.figures[~self.data.figures["id"].isin(list(self.contradicted))]
        rows = charts.chart_rows(drawn, self.system_names)
        by_agency = charts.records_by(rows, "agency_id")
        events = charts.records_by(charts.event_rows(self.data.events), "agency_id")
        views: dict[str, list[ChartView]] = {agency_id: [] for agency_id in self.agency_names}
        for agency_id, figures in by_agency.items():
            by_measure: dict[str, list[dict]] = {}
            for row in figures:
                by_measure.setdefault(row["measure"], []).append(row)
            for measure, measured in sorted(by_measure.items()):
                label = measured[0]["measure_label"]
                words = _joined(dict.fromkeys(row["measure_words"] for row in measured))
                marked = events.get(agency_id, [])
                views[agency_id].append(
                    ChartView(
                        f"{agency_id}-{measure}",
                        f"agencies/{agency_id}/",
                        f"{self.agency_names[agency_id]}: {label} over time",
                        charts.describe_use_over_time(measured, marked, words),
                        charts.use_over_time(measured, marked, words),
                        *table(measured, OVER_TIME_COLUMNS),
                    )
                )
        return views

    @cached_property
    def records_sections(self) -> dict[str, dict]:
        """What each agency page shows of its record-level disclosures: monthly charts, rates, checks
        (an empty section for an agency without records)."""
        completeness = self.series["missing"].map(
            lambda missing: "some records give none (at least)" if missing else "every record gives it"
        )
        series_by_agency = charts.records_by(self.series.assign(completeness=completeness), "agency")
        checks = charts.records_by(self.checks, "agency")
        by_id = {figure["id"]: figure for figure in self.figures}
        sections = {agency_id: {"charts": []} for agency_id in self.agency_names}
        for agency_id, counted in series_by_agency.items():
            name = self.agency_names[agency_id]
            views = []
            for measure in series.MEASURE_FIELDS:
                rows = [row for row in counted if row["measure"] == measure]
                if not rows:
                    continue
                label = MEASURE_WORDS[measure]
                views.append(
                    ChartView(
                        f"{agency_id}-records-{measure}",
                        f"agencies/{agency_id}/",
                        f"{name}: {label} per month, counted from records",
                        charts.describe_monthly_counts(rows, label, name),
                        charts.monthly_counts(rows, label),
                        *table(rows, ["month", "value", "records", "missing"]),
                    )
                )
            sections[agency_id] = {
                "charts": views,
                "rates": self.counted.false_alert_rate(agency_id).to_dict("records"),
                "checks": [{**check, "figure_record": by_id[check["figure"]]} for check in checks.get(agency_id, [])],
                "disclosures": [view for view in self.disclosure_views if view["agency"] == agency_id],
            }
        return sections

    @cached_property
    def disclosure_views(self) -> list[dict]:
        """Every record-level disclosure as the agency and data-quality pages show it, built once."""
        return [self._disclosure(disclosure) for disclosure in self.data.records]

    def _disclosure(self, disclosure) -> dict:
        """A record-level disclosure as the data-quality and agency pages show it (the first rows set aside)."""
        description = disclosure.extraction.description
        rejected = first_rows(disclosure.extraction.path, "rejected", ["source_row", "reason"])
        duplicates = first_rows(disclosure.extraction.path, "duplicate", ["source_row", "duplicate_of"])
        return {
            "id": description.id,
            "title": description.title,
            "unit": description.unit,
            "agency": description.agency,
            "agency_name": self.agency_names[description.agency],
            "source": self.sources[description.source],
            "raw": description.raw,
            "provenance": disclosure.provenance,
            "accounts": disclosure.extraction.accounts(),
            "set_aside": disclosure.extraction.skipped,
            "reasons": disclosure.extraction.summary["rejected"],
            "rejected": rejected,
            "duplicates": duplicates,
            "corrections": [_correction(correction, description) for correction in description.corrections],
            "covers": description.covers,
            "supersedes": description.supersedes,
            "repeats": description.duplicates,
            "duplicate_key": description.duplicate_key,
        }

    @cached_property
    def comparison_chart(self) -> ChartView | None:
        """The across-agencies chart: the comparable figures' average searches or requests per month
        (None when there are none)."""
        figures = self.data.figures[
            self.data.figures["measure"].isin(COMPARABLE_MEASURES)
            & ~self.data.figures["id"].isin(list(self.contradicted))
        ]
        rows = charts.chart_rows(figures, self.system_names)
        chosen = figures.set_index("id").loc[rows["figure_id"]]
        agencies = chosen["agency"].map(self.agency_names).tolist()
        short_names = chosen["agency"].map(self.short_names)
        periods = chosen["period_start"].replace("", "…") + " to " + chosen["period_end"].replace("", "…")
        rows.insert(1, "agency", agencies)
        rows.insert(2, "label", (short_names + ", " + periods).tolist())
        if rows.empty:
            self.comparable = 0
            return None
        every = rows.sort_values(["per_month", "figure_id"], ascending=[False, True], ignore_index=True)
        drawn = charts.records_by(every.head(COMPARISON_LIMIT).assign(all="all"), "all").get("all", [])
        self.comparable = len(every)
        shown = f"the {len(drawn)} highest of {len(every):,}" if len(every) > len(drawn) else f"{len(drawn)}"
        text = (
            f"Dot plot of {shown} disclosed figures for searches or requests, each shown as an average per "
            f"month over the figure's own period (or as the rate the source stated). Highest: {drawn[0]['label']}, "
            f"{drawn[0]['average']}. Lowest shown: {drawn[-1]['label']}, {drawn[-1]['average']}. "
            "Figures with an open period cannot be averaged and are left out."
        )
        return ChartView(
            "comparison-per-month",
            "agencies/",
            "Searches and requests per month, across agencies",
            text,
            charts.comparison(drawn),
            *table(drawn, ["agency", *OVER_TIME_COLUMNS]),
        )

    def charts(self) -> list[ChartView]:
        """Every chart the site publishes."""
        comparison = [self.comparison_chart] if self.comparison_chart else []
        return comparison + [
            chart
            for agency_id in self.agency_names
            for chart in self.agency_charts[agency_id] + self.records_sections[agency_id]["charts"]
        ]

    def render_charts(self) -> None:
        """Render every chart the site publishes, in parallel, from the cache where it is unchanged."""
        charts = self.charts()
        for chart, rendered in zip(charts, render_all([chart.spec for chart in charts], self.cache), strict=True):
            chart.rendered = rendered

    @cached_property
    def package(self) -> dict:
        """The published tables as the data page lists them: fields, rows and downloads."""
        package = downloads.data_package(Path(self.settings["DISCLOSURES_DATA"]))
        for resource in package["resources"]:
            resource["rows"] = len(getattr(self.data, resource["name"]))
        return package

    # Pages

    def home(self) -> dict:
        """What the home page and the navigation need."""
        return {
            "headlines": self.headlines(),
            "latest_events": list(reversed(self.events[-5:])),
            "counts": {
                "agencies": len(self.agency_names),
                "figures": len(self.figures),
                "sources": len({figure["source"] for figure in self.figures}),
            },
        }

    def headlines(self) -> list[dict]:
        """The figures headlines.csv names, in its order (validation made sure each exists)."""
        by_id = {figure["id"]: figure for figure in self.figures}
        return [by_id[figure_id] for figure_id in self.data.headlines]

    def pages(self) -> list[Page]:
        """Every data page."""
        agencies = self.data.agencies.to_dict("records")
        systems = self.data.systems.to_dict("records")
        pages = [
            _page(
                "agencies/",
                "agencies",
                agencies=[
                    {**agency, "figure_count": len(self.figures_where("agency", agency["id"]))} for agency in agencies
                ],
                chart=self.comparison_chart,
                comparable=self.comparable,
            ),
            _page(
                "systems/",
                "systems",
                systems=[
                    {**system, "figure_count": len(self.figures_where("system", system["id"]))} for system in systems
                ],
            ),
            _page("timeline/", "timeline", events=self.events),
            _page(
                "sources/",
                "sources",
                sources=[
                    {
                        **source,
                        "figures": self.figures_where("source", source["id"]),
                        "events": self.events_where("source", source["id"]),
                    }
                    for source in self.sources.values()
                ],
            ),
        ]
        pages += [
            _page(
                f"agencies/{agency['id']}/",
                "agency",
                agency=agency,
                figures=self.figures_where("agency", agency["id"]),
                events=self.events_where("agency", agency["id"]),
                charts=self.agency_charts[agency["id"]],
                records=self.records_sections[agency["id"]],
                unknowns=self.unknowns_of(agency["id"]),
            )
            for agency in agencies
        ]
        pages.append(_page("data/", "data", package=self.package))
        pages.append(_page("corrections/", "corrections", corrections=self.corrections))
        pages.append(
            _page(
                "data-quality/",
                "data_quality",
                disclosures=self.disclosure_views,
            )
        )
        pages += [
            _page(
                f"systems/{system['id']}/",
                "system",
                system=system,
                figures=self.figures_where("system", system["id"]),
                events=self.events_where("system", system["id"]),
            )
            for system in systems
        ]
        pages += [_page(f"embed/{chart.id}/", "embed", chart=chart) for chart in self.charts()]
        return pages


def _joined(words) -> str:
    """Words as a list in prose: ``uses, instances and searches``."""
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def first_rows(path: Path, status: str, columns: list[str], limit: int = 50) -> list[dict]:
    """Return the first ``limit`` rows of an extraction with ``status``, in file order."""
    return (
        duckdb.sql(f"SELECT {', '.join(columns)} FROM {scan(path)} WHERE status = '{status}' LIMIT {limit}")
        .df()
        .to_dict("records")
    )


def _correction(correction, description) -> dict:
    """A correction as published: the values of a column that is never published are withheld."""
    withheld = correction.column in [*description.drop, *description.pseudonymise, *description.extract]
    shown = {"at": correction.at, "column": correction.column, "reason": correction.reason, "withheld": withheld}
    return shown if withheld else {**shown, "was": correction.was, "value": correction.value}


def _page(url: str, template: str, **context) -> Page:
    return Page(save_as=f"{url}index.html", url=url, template=template, context=context)
