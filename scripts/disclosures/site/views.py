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
from ..render import render
from ..tables import MEASURE_WORDS, Disclosures
from ..validate import DataError, Problem

COMPARABLE_MEASURES = ("searches", "requests")


@dataclass(frozen=True)
class Page:
    """One page to write: where, with which template, and what it shows."""

    save_as: str
    url: str
    template: str
    context: dict


@dataclass(frozen=True)
class ChartView:
    """A chart as a page shows it: SVG, Vega spec, a text description and its data table."""

    id: str
    page: str
    title: str
    description: str
    svg: Markup
    vega: dict
    table: pd.DataFrame = field(repr=False)

    @property
    def columns(self) -> list[str]:
        """The data table's column headings."""
        return list(self.table.columns)

    @property
    def rows(self) -> list[list]:
        """The data table's rows, in order."""
        return self.table.astype(str).values.tolist()


class SiteViews:
    """Builds every data page's context from the disclosures."""

    def __init__(self, disclosures: Disclosures, settings: dict):
        self.data = disclosures
        self.settings = settings
        self.cache = Path(settings["DISCLOSURES_CACHE"]) if settings.get("DISCLOSURES_CACHE") else None
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

    # Records the templates read

    @cached_property
    def figures(self) -> list[dict]:
        """Every figure as a dict, with its agency, system, source and overlaps spelled out."""
        records = []
        for figure in self.data.figures.to_dict("records"):
            related = self.relations[
                (self.relations["figure"] == figure["id"]) | (self.relations["other"] == figure["id"])
            ]
            figure.update(
                agency_name=self.agency_names[figure["agency"]],
                system_name=self.system_names[figure["system"]],
                qualifier_meaning=MEANINGS[figure["qualifier"]],
                per_month=None if pd.isna(figure["per_month"]) else figure["per_month"],
                value_max=None if pd.isna(figure["value_max"]) else int(figure["value_max"]),
                relations=[
                    {**pair, "other": pair["other"] if pair["figure"] == figure["id"] else pair["figure"]}
                    for pair in related.to_dict("records")
                ],
            )
            figure["conflict"] = any(pair["conflict"] for pair in figure["relations"])
            figure["check"] = self._check(figure["id"])
            records.append(figure)
        return records

    def _check(self, figure_id: str) -> dict | None:
        found = self.checks[self.checks["figure"] == figure_id].to_dict("records")
        return found[0] if found else None

    def figures_where(self, column: str, value: str) -> list[dict]:
        """Return the figures whose ``column`` equals ``value``."""
        return [figure for figure in self.figures if figure[column] == value]

    def events_where(self, column: str, value: str) -> list[dict]:
        """Return the events whose ``column`` equals ``value``, oldest first."""
        return [event for event in self.events if event[column] == value]

    @cached_property
    def events(self) -> list[dict]:
        """Every event, oldest first, with names spelled out."""
        return [
            {
                **event,
                "agency_name": self.agency_names[event["agency"]],
                "system_name": self.system_names.get(event["system"], ""),
            }
            for event in self.data.events.to_dict("records")
        ]

    @cached_property
    def sources(self) -> dict[str, dict]:
        """Every source by id."""
        return {source["id"]: source for source in self.data.sources.to_dict("records")}

    # Charts

    def agency_charts(self, agency_id: str) -> list[ChartView]:
        """Return one use-over-time chart per measure the agency has comparable figures for."""
        figures = self.data.figures[self.data.figures["agency"] == agency_id]
        events = self.data.events[self.data.events["agency"] == agency_id]
        views = []
        for measure, group in figures.groupby("measure", sort=True):
            rows = charts.chart_rows(group, self.system_names)
            if rows.empty:
                continue
            label = group["measure_label"].iloc[0]
            chart = charts.use_over_time(rows, events, label)
            title = f"{self.agency_names[agency_id]}: {label} over time"
            views.append(
                self._chart_view(
                    f"{agency_id}-{measure}",
                    f"agencies/{agency_id}/",
                    title,
                    chart,
                    rows,
                    _over_time_text(rows, events, label),
                )
            )
        return views

    def records_section(self, agency_id: str) -> dict | None:
        """What an agency page shows of its record-level disclosures: monthly charts, rates, checks."""
        if agency_id not in set(self.series["agency"]):
            return None
        agency_series = self.series[self.series["agency"] == agency_id]
        name = self.agency_names[agency_id]
        views = []
        for measure in series.MEASURE_FIELDS:
            rows = agency_series[agency_series["measure"] == measure]
            if rows.empty:
                continue
            label = MEASURE_WORDS[measure]
            rows = rows.assign(
                completeness=rows["missing"].map(
                    lambda missing: "some records give none (at least)" if missing else "every record gives it"
                )
            )
            table = rows[["month", "value", "records", "missing"]]
            busiest = rows.loc[rows["value"].idxmax()]
            text = (
                f"Bar chart of {label} per month, counted from {name}'s own records, "
                f"{rows['month'].iloc[0]} to {rows['month'].iloc[-1]}: {int(rows['value'].sum()):,} in all over "
                f"{int(rows['records'].sum()):,} records. The highest month is {busiest['month']} "
                f"with {int(busiest['value']):,}. Months that a disclosure lists in full with no record show zero;"
                " months no disclosure lists are left out."
            )
            views.append(
                self._chart_view(
                    f"{agency_id}-records-{measure}",
                    f"agencies/{agency_id}/",
                    f"{name}: {label} per month, counted from records",
                    charts.monthly_counts(rows, label),
                    table,
                    text,
                )
            )
        rates = self.counted.false_alert_rate(agency_id)
        checks = self.checks[self.checks["agency"] == agency_id].to_dict("records")
        by_id = {figure["id"]: figure for figure in self.figures}
        return {
            "charts": views,
            "rates": rates.to_dict("records"),
            "checks": [{**check, "figure_record": by_id[check["figure"]]} for check in checks],
            "disclosures": [view for view in self.disclosure_views if view["agency"] == agency_id],
        }

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
    def comparison_chart(self) -> ChartView:
        """The across-agencies chart: every comparable figure's average searches or requests per month."""
        figures = self.data.figures[self.data.figures["measure"].isin(COMPARABLE_MEASURES)]
        rows = charts.chart_rows(figures, self.system_names)
        chosen = figures.set_index("id").loc[rows["figure_id"]]
        agencies = chosen["agency"].map(self.agency_names).tolist()
        short_names = chosen["agency"].map(self.short_names)
        periods = chosen["period_start"].replace("", "…") + " to " + chosen["period_end"].replace("", "…")
        rows.insert(1, "agency", agencies)
        rows.insert(2, "label", (short_names + ", " + periods).tolist())
        rows = rows.sort_values(["per_month", "figure_id"], ascending=[False, True], ignore_index=True)
        text = (
            f"Dot plot of {len(rows)} disclosed figures for searches or requests, each shown as an average per "
            f"month over the figure's own period (or as the rate the source stated). Highest: {rows['label'][0]}, "
            f"about {rows['per_month'][0]:,.0f} a month. Lowest: {rows['label'].iloc[-1]}, about "
            f"{rows['per_month'].iloc[-1]:,.1f} a month. "
            "Figures with an open period cannot be averaged and are left out."
        )
        return self._chart_view(
            "comparison-per-month",
            "agencies/",
            "Searches and requests per month, across agencies",
            charts.comparison(rows),
            rows,
            text,
        )

    def charts(self) -> list[ChartView]:
        """Every chart the site publishes."""
        return [self.comparison_chart] + [
            chart
            for agency_id in self.agency_names
            for chart in self.agency_charts_cached[agency_id] + self.agency_records_cached[agency_id]["charts"]
        ]

    @cached_property
    def agency_records_cached(self) -> dict[str, dict]:
        """Each agency's record-level section, rendered once ({"charts": []} when it has none)."""
        return {agency_id: self.records_section(agency_id) or {"charts": []} for agency_id in self.agency_names}

    @cached_property
    def agency_charts_cached(self) -> dict[str, list[ChartView]]:
        """Each agency's charts, rendered once."""
        return {agency_id: self.agency_charts(agency_id) for agency_id in self.agency_names}

    def _chart_view(self, chart_id: str, page: str, title: str, chart, rows: pd.DataFrame, text: str) -> ChartView:
        rendered = render(chart, self.cache)
        table = rows.drop(columns=["figure_id", "start", "end", "label"], errors="ignore").rename(
            columns=str.capitalize
        )
        return ChartView(chart_id, page, title, text, Markup(rendered.svg), rendered.vega, table)

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
            "counts": {"agencies": len(self.agency_names), "figures": len(self.figures), "sources": len(self.sources)},
        }

    def headlines(self) -> list[dict]:
        """The figures named in HEADLINE_FIGURES; raise DataError naming any that do not exist."""
        by_id = {figure["id"]: figure for figure in self.figures}
        wanted = self.settings.get("HEADLINE_FIGURES", [])
        unknown = [
            Problem(
                "pelicanconf.py",
                None,
                "HEADLINE_FIGURES",
                figure_id,
                "headline figures must be ids in figures.csv",
                "correct the id, or remove it from HEADLINE_FIGURES",
            )
            for figure_id in wanted
            if figure_id not in by_id
        ]
        if unknown:
            raise DataError(unknown)
        return [by_id[figure_id] for figure_id in wanted]

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
                charts=self.agency_charts_cached[agency["id"]],
                records=self.agency_records_cached[agency["id"]],
            )
            for agency in agencies
        ]
        pages.append(_page("data/", "data", package=self.package))
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


def _over_time_text(rows: pd.DataFrame, events: pd.DataFrame, label: str) -> str:
    """Describe a use-over-time chart in words, figure by figure."""
    figures = "; ".join(
        f"{row.figure} {row.period}, about {row.per_month:,.0f} a month ({row.basis})" for row in rows.itertuples()
    )
    text = f"Each disclosed figure is drawn across its own period at its average {label} per month. {figures}."
    if not events.empty:
        text += " Events marked: " + "; ".join(f"{e.date}, {e.title}" for e in events.itertuples()) + "."
    return text
