"""Every chart the site publishes, with what its page, embed and downloads need.

A chart has a permalink, ``charts/<id>/``, named after what it shows (an agency and a
measure), so that it stays when the data changes. Beside its page are its downloads: the
image as PNG (twice its size) and SVG with title, source line, notes and credit drawn in; the
CSV of exactly the rows the chart draws; the Vega-Lite spec; and a metadata JSON.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from markupsafe import Markup

from .. import claims, comparable, engine
from ..charts import comparison, counts, events, frame, theme, totals, trend
from ..checksum import sha256
from ..downloads import inert
from ..i18n import N_, _, number, said
from ..periods import Bound
from ..records import series
from ..render import PNG_SCALE, RenderedChart, Words, render_all
from ..trends import trends
from ..vocabulary import MEASURE_WORDS, USE
from . import chart_data
from .catalogue import Catalogue
from .citation import cite
from .model import Figure
from .pages import Page, page
from .sources import Source

#: The most figures the comparison draws; every agency's own page has the rest.
COMPARISON_LIMIT = 25
#: The embed page's padding around its chart, in CSS pixels (site.css: body.embed main and .chart)
EMBED_PADDING = 16
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
#: Each chart's data table: its headings (shown through ``_()``) and the field of the chart's rows under each.
TOTALS_TABLE = {
    N_("Figure"): "label",
    N_("System"): "system",
    N_("Period"): "period",
    N_("Qualifier"): "qualifier",
    N_("Average per month"): "average",
    N_("Source"): "source",
    N_("Note"): "note",
}
COUNTS_TABLE = {
    N_("Month"): "month",
    N_("Count"): "value",
    N_("Complete?"): "completeness",
    N_("Records"): "records",
    N_("Records without a value"): "missing",
}
TREND_TABLE = {
    N_("Figure"): "label",
    N_("Period"): "period",
    N_("Average per month (ours)"): "average",
    N_("Change from the step before"): "change",
    N_("Source"): "source",
}
COMPARISON_TABLE = {
    N_("Agency"): "agency",
    N_("Figure"): "figure",
    N_("Average per month"): "average",
    N_("Per month is"): "basis",
    N_("Per 100,000 residents"): "per_residents",
    N_("Source"): "source",
}


@dataclass
class ChartView:
    """A chart as its page, its embed and its downloads show it."""

    id: str
    title: str
    page: str
    page_title: str
    drawing: frame.Drawing = field(repr=False)
    table: dict[str, str] = field(repr=False)
    sources: list[Source] = field(repr=False)
    data_date: str
    site: dict = field(repr=False)
    rendered: RenderedChart | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The chart's permalink, relative to the site."""
        return self.site["urls"]("chart", id=self.id)

    @property
    def subtitle(self) -> str:
        return self.drawing.subtitle

    @property
    def description(self) -> str:
        return self.drawing.description

    @property
    def notes(self) -> tuple[str, ...]:
        return self.drawing.notes

    @cached_property
    def originals(self) -> list[str]:
        """The data's own words among what the chart says (its figures' agencies, systems and notes and their
        sources' reasons, its events' titles), longest first: a page in another language marks them as written in
        the data's."""
        found = set()
        for rows in self.drawing.spec.get("datasets", {}).values():
            for row in rows:
                if figure := self.site["figures"].get(row.get("figure_id")):
                    found |= {
                        figure["note"],
                        figure["source_strength_why"],
                        figure["agency_name"],
                        figure["system_name"],
                    }
                elif "date" in row and "title" in row:  # an event
                    found.add(row["title"])
        return sorted(filter(None, found), key=lambda words: (-len(words), words))

    @property
    def data_date_words(self) -> str:
        return Bound.parse(self.data_date).words() if self.data_date else _("no date")

    @cached_property
    def rows(self) -> list[dict]:
        """What its CSV holds: each value the chart draws, as a reader reads it (``chart_data``)."""
        return chart_data.rows(self.drawing.spec.get("datasets", {}), self.site["figures"])

    @property
    def columns(self) -> list[str]:
        """The data table's headings."""
        return [_(heading) for heading in self.table]

    @property
    def cells(self) -> list[list]:
        """The data table: the chart's main layer, one row per mark, in the chart's order."""
        main = next(iter(self.drawing.spec["datasets"]))
        return [[row[key] for key in self.table.values()] for row in self.drawing.spec["datasets"][main]]

    @property
    def permalink(self) -> str:
        """The chart page's address: absolute in a published build."""
        return f"{self.site['url']}/{self.url}" if self.site["url"] else f"/{self.url}"

    @property
    def source_line(self) -> str:
        """Each source's publisher, with the mark of a secondary or weak source and why."""
        named = [source.publisher + (f" ({source.mark})" if source.mark else "") for source in self.sources]
        return _("Source: {sources}.").format(sources="; ".join(dict.fromkeys(named)))

    @property
    def credit(self) -> str:
        return _("Chart: {site}, {permalink}. Data as of {date}. CC BY 4.0.").format(
            site=self.site["name"], permalink=self.permalink, date=self.data_date_words
        )

    @cached_property
    def live_spec(self) -> dict:
        """The chart at its container's width, for the browser."""
        return frame.live(self.drawing)

    @property
    def words(self) -> Words:
        """What its image says around the chart: title, subtitle, and source line, notes and credit."""
        return self.title, self.subtitle, (self.source_line, *self.notes, self.credit)

    @property
    def svg(self) -> Markup:
        """The image as SVG markup, title to credit drawn in, rendered at build time."""
        assert self.rendered is not None  # Charts.render runs before any page is written
        return Markup(self.rendered.svg)

    @property
    def static(self) -> dict[str, Markup]:
        """The live chart drawn at build time at a phone's and a desktop's column width (``narrow``,
        ``wide``), as SVG markup: what a page shows until a reader interacts with the chart."""
        assert self.rendered is not None  # Charts.render runs before any page is written
        return {name: Markup(svg) for name, svg in self.rendered.static.items()}

    @cached_property
    def citation(self) -> dict:
        return cite(
            f"{self.site['slug']}-{self.id}",
            self.title,
            _("Chart"),
            self.permalink,
            self.data_date,
            self.site["settings"],
        )

    @cached_property
    def embed_code(self) -> str:
        """The snippet a newsroom pastes: an iframe that its resizer (or ours, inline) fits to the chart."""
        src = f"{self.site['url']}/{self.site['urls']('embed', id=self.id)}"
        title = self.title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        return (
            f'<iframe src="{src}" title="{title}" style="width:100%;border:0" height="{self.height}"'
            ' loading="lazy" scrolling="no"></iframe>\n'
            f"<script>{resizer(self.site['url'], self.site['urls'].folder('embed'))}</script>"
        )

    @property
    def image_size(self) -> tuple[int, int]:
        """The image's width and height in CSS pixels (its PNG has twice as many)."""
        assert self.rendered is not None  # Charts.render runs before any page is written
        width, height = self.rendered.png_size
        return width // PNG_SCALE, height // PNG_SCALE

    @property
    def height(self) -> int:
        """The embed's height before it says its own: its image's, title to credit, and the page's padding. A
        frame left at this height (a CMS that strips the script) shows that image, fitted (embed.js)."""
        return self.image_size[1] + EMBED_PADDING

    def files(self) -> dict[str, str]:
        """Each download's file name, by kind."""
        return {
            "png": f"{self.id}.png",
            **({"preview": f"{self.id}-preview.png"} if self.rendered and self.rendered.preview else {}),
            "svg": f"{self.id}.svg",
            "csv": f"{self.id}.csv",
            "vega-lite": f"{self.id}.vl.json",
            "metadata": f"{self.id}.json",
        }

    def write(self, output: Path) -> None:
        """Write the chart's downloads, its live Vega spec and its metadata into ``charts/<id>/``."""
        assert self.rendered is not None  # Charts.render runs before the charts are written
        folder = output / self.url
        folder.mkdir(parents=True, exist_ok=True)
        names = self.files()
        (folder / names["svg"]).write_text(self.rendered.svg, encoding="utf-8")
        (folder / names["png"]).write_bytes(self.rendered.png)
        if self.rendered.preview:
            (folder / names["preview"]).write_bytes(self.rendered.preview)
        (folder / names["vega-lite"]).write_text(_json(self.live_spec), encoding="utf-8")
        (folder / f"{self.id}.vg.json").write_text(_json(self.rendered.vega), encoding="utf-8")
        with open(folder / names["csv"], "w", encoding="utf-8", newline="") as file:
            columns = list(dict.fromkeys(key for row in self.rows for key in row))
            writer = csv.DictWriter(file, columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows({key: inert(value) for key, value in row.items()} for row in self.rows)
        checksums: dict[str, dict[str, str | int]] = {
            kind: {"path": name, "sha256": sha256(folder / name)} for kind, name in names.items() if kind != "metadata"
        }
        checksums["png"].update(width=self.rendered.png_size[0], height=self.rendered.png_size[1], scale=PNG_SCALE)
        (folder / names["metadata"]).write_text(_json(self.metadata(checksums)), encoding="utf-8")

    def metadata(self, files: dict) -> dict:
        """What the chart is, where it comes from and how to cite it, with its files' checksums."""
        return {
            "id": self.id,
            "title": self.title,
            "subtitle": self.subtitle,
            "description": self.description,
            "notes": list(self.notes),
            "permalink": self.permalink,
            "data_date": self.data_date,
            "licence": LICENCE,
            "credit": self.credit,
            "citation": self.citation,
            "sources": [
                {key: getattr(source, key) for key in ("id", "title", "publisher", "date", "url", "archived_url")}
                for source in self.sources
            ],
            "periods": [
                {
                    "figure": row.get("figure_id", ""),
                    "label": row.get("label", row.get("month", "")),
                    "period": row.get("period", row.get("month", "")),
                }
                for row in self.drawing.spec["datasets"][next(iter(self.drawing.spec["datasets"]))]
            ],
            "files": files,
        }


def resizer(site_url: str, folder: str) -> str:
    """The host page's half of an embed: fits each of our iframes (under ``folder``) to the height it posts.
    A message from another origin, or from a frame that is not one of our embeds (an ad), resizes nothing."""
    embeds = json.dumps(f"{site_url}/{folder}") if site_url else f'location.origin+"/{folder}"'
    return (
        f'addEventListener("message",function(e){{var d=e.data&&e.data["datawrapper-height"],p={embeds};'
        'if(!d||p.indexOf(e.origin+"/")!==0)return;'
        'document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow!==e.source||f.src.indexOf(p))return;'
        'for(var k in d){var h=+d[k];if(h>0&&h<1e5)f.style.height=Math.ceil(h)+"px"}})});'
    )


def _json(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False) + "\n"


class Charts:
    """Builds every chart from the catalogue: each agency's totals and counts, and the comparison."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        settings = catalogue.settings
        url = settings.get("SITEURL", "")
        self.site = {
            "name": settings["SITENAME"],
            "slug": "".join(word[0] for word in settings["SITENAME"].split()).lower(),
            "url": url if url.startswith(("http://", "https://")) else "",
            "settings": settings,
            "urls": catalogue.urls,
            "figures": catalogue.figures_by_id,
        }
        self.events = _by(events.rows(catalogue.data.events).to_dict("records"), "agency_id")

    def _view(self, chart_id, title, page, page_title, drawing, table, figure_ids, source_ids) -> ChartView:
        sources = [self.catalogue.sources[source] for source in dict.fromkeys(source_ids)]
        return ChartView(
            chart_id,
            title,
            page,
            page_title,
            drawing,
            table,
            sources,
            self.catalogue.data_date(figure_ids, list(dict.fromkeys(source_ids))),
            self.site,
        )

    @cached_property
    def totals(self) -> dict[str, list[ChartView]]:
        """Each agency's totals charts: one for its searches and one for its requests, and one for any
        other measure with two figures or more. A lone figure of another measure, or one that is a
        step of an outcome funnel, is clearer in the table or the funnel than as one bar."""
        catalogue = self.catalogue
        in_funnels = {
            step["figure"] for funnels in catalogue.outcomes.values() for funnel in funnels for step in funnel.steps
        }
        figures = catalogue.data.figures[~catalogue.data.figures["id"].isin(list(catalogue.contradicted))]
        rows = totals.rows(figures, catalogue.system_labels)
        views: dict[str, list[ChartView]] = {agency_id: [] for agency_id in catalogue.agency_names}
        # Searches first, then requests, matches and the rest, in the order of MEASURE_WORDS
        order = {measure: index for index, measure in enumerate(MEASURE_WORDS)}
        rows = rows.assign(order=rows["measure"].map(order)).sort_values(["agency_id", "order"], kind="stable")
        for (agency_id, _order, measure), group in rows.groupby(["agency_id", "order", "measure"], sort=False):
            if len(group) < 2 and (measure not in USE or group["figure_id"].iloc[0] in in_funnels):
                continue
            name = catalogue.agency_names[agency_id]
            marked = self.events.get(agency_id, [])
            figure_ids = list(group["figure_id"])
            shown = [catalogue.figures_by_id[figure_id] for figure_id in figure_ids]
            latest, longest = claims.latest(shown), claims.longest(shown)
            drawing = totals.draw(
                json.loads(group.to_json(orient="records")),
                marked,
                latest["id"] if latest else None,
                longest["id"] if longest else None,
            )
            source_ids = [catalogue.figures_by_id[f]["source"] for f in figure_ids] + [
                event["source"] for event in marked
            ]
            views[agency_id].append(
                self._view(
                    f"{agency_id}-{measure}",
                    _("{agency}: {measure} over time").format(agency=name, measure=group["measure_label"].iloc[0]),
                    catalogue.urls("agency", id=agency_id),
                    name,
                    drawing,
                    TOTALS_TABLE,
                    figure_ids,
                    source_ids,
                )
            )
        return views

    @cached_property
    def trends(self) -> dict[str, list[tuple]]:
        """Each agency's trends, each with its chart: (trend, chart)."""
        catalogue = self.catalogue
        found: dict[str, list[tuple]] = {agency_id: [] for agency_id in catalogue.agency_names}
        for each in trends(catalogue.figures, set(catalogue.contradicted)):
            name = catalogue.agency_names[each.agency]
            marked = self.events.get(each.agency, [])
            drawing = trend.draw(each, name, marked)
            figure_ids = [step.figure["id"] for step in each.steps]
            shown = {event["describe"] for event in drawing.spec["datasets"].get("events", [])}
            view = self._view(
                f"{each.agency}-trend-{each.system}",
                _("{agency}: use of {system} by period").format(
                    agency=name, system=catalogue.system_labels[each.system]
                ),
                catalogue.urls("agency", id=each.agency),
                name,
                drawing,
                TREND_TABLE,
                figure_ids,
                [step.figure["source"] for step in each.steps]
                + [event["source"] for event in marked if event["describe"] in shown],
            )
            found[each.agency].append((each, view))
        return found

    @cached_property
    def counts(self) -> dict[str, list[ChartView]]:
        """Each agency's charts of counts per month from its records, one per measure."""
        catalogue = self.catalogue
        views: dict[str, list[ChartView]] = {agency_id: [] for agency_id in catalogue.agency_names}
        by_agency = _by(json.loads(catalogue.series.to_json(orient="records")), "agency")
        for agency_id, counted in by_agency.items():
            name = catalogue.agency_names[agency_id]
            for measure in series.MEASURE_FIELDS:
                rows = [row for row in counted if row["measure"] == measure]
                if not rows:
                    continue
                label = said(MEASURE_WORDS[measure])
                first, last = rows[0]["month"] + "-01", rows[-1]["month"] + "-31"
                marked = events.within(self.events.get(agency_id, []), first, last)
                source_ids = [s.strip() for row in rows for s in row["source"].split(";") if s.strip()]
                views[agency_id].append(
                    self._view(
                        f"{agency_id}-records-{measure}",
                        _("{agency}: {measure} per month, counted from records").format(agency=name, measure=label),
                        catalogue.urls("agency", id=agency_id),
                        name,
                        counts.draw(rows, marked, label, name),
                        COUNTS_TABLE,
                        [],
                        source_ids + [event["source"] for event in marked],
                    )
                )
        return views

    @cached_property
    def compared(self) -> tuple[list[Figure], list[dict]]:
        """The figures the comparison draws, highest average first, and every other figure with why it
        is left out (``reason``, a key of comparable.REASONS, and ``detail``), in the reasons' order.
        Only figures of one unit are drawn (``comparable.ranked_unit``)."""
        catalogue = self.catalogue
        kinds = dict(zip(catalogue.data.agencies["id"], catalogue.data.agencies["kind"], strict=True))
        candidates: list[Figure] = []
        left: list[dict] = []
        for figure in catalogue.figures:
            contradiction = catalogue.contradicted.get(figure["id"], "")
            reason, detail = comparable.left_out(figure, kinds[figure["agency"]], contradiction)
            if reason:
                left.append({"figure": figure, "reason": reason, "detail": detail})
            else:
                candidates.append(figure)
        if candidates:
            unit = comparable.ranked_unit(candidates)
            left += [
                {
                    "figure": figure,
                    "reason": "unit",
                    "detail": _("counts {unit}, not {ranked}").format(unit=claims.unit_words(figure), ranked=unit[1]),
                }
                for figure in candidates
                if claims.unit(figure) != unit
            ]
            candidates = [figure for figure in candidates if claims.unit(figure) == unit]
        candidates.sort(key=lambda figure: (-_average(figure), figure["id"]))
        left += [{"figure": figure, "reason": "lower", "detail": ""} for figure in candidates[COMPARISON_LIMIT:]]
        order = list(comparable.REASONS)
        left.sort(key=lambda each: (order.index(each["reason"]), each["figure"]["agency_name"], each["figure"]["id"]))
        return candidates[:COMPARISON_LIMIT], left

    @property
    def left_out(self) -> list[dict]:
        """The figures the comparison leaves out, by reason: each reason's heading and its figures."""
        grouped = _by(self.compared[1], "reason")
        return [
            {"reason": reason, "heading": said(comparable.REASONS[reason]), "figures": grouped[reason]}
            for reason in grouped
        ]

    @cached_property
    def per_residents(self) -> list[dict]:
        """The compared figures of agencies with a sourced population, each with its average per
        100,000 residents, the population, its year and its source."""
        populations = self.catalogue.populations
        return [
            {
                "figure": figure,
                "population": populations[figure["agency"]],
                "words": comparable.per_residents_words(figure, populations[figure["agency"]]),
            }
            for figure in self.compared[0]
            if figure["agency"] in populations
        ]

    @cached_property
    def comparison(self) -> ChartView | None:
        """One unit per month across single agencies: the highest averages (None when none compare)."""
        drawn, left = self.compared
        if not drawn:
            return None
        unit = claims.unit_words(drawn[0])
        per_residents = {each["figure"]["id"]: each for each in self.per_residents}
        rows = [
            {
                "figure_id": figure["id"],
                "agency": figure["agency_name"],
                "figure": f"{figure['value_words']} {figure['measure_said']}, {figure['period_short']}",
                "label": f"{figure['agency_name']}: {figure['value_words']} "
                f"{figure['measure_said']}, {figure['period_short']}",
                "per_month": round(_average(figure), 2),
                "low": round(figure["per_month_low"], 2),
                "high": round(figure["per_month_high"], 2),
                "average": figure["per_month_words"],
                "basis": figure["per_month_basis"],
                "per_residents": _per_residents_cell(per_residents.get(figure["id"])),
                "source": figure["source_publisher"],
            }
            for figure in drawn
        ]
        return self._view(
            "comparison-per-month",
            _("{unit} per month, across agencies").format(unit=unit.capitalize()),
            self.catalogue.urls("agencies"),
            _("Agencies"),
            comparison.draw(rows, sum(each["reason"] == "lower" for each in left), unit),
            COMPARISON_TABLE,
            [figure["id"] for figure in drawn],
            [figure["source"] for figure in drawn] + [each["population"]["cited"].id for each in self.per_residents],
        )

    def all(self) -> list[ChartView]:
        """Every chart the site publishes."""
        found = [self.comparison] if self.comparison else []
        return found + [
            chart
            for agency_id in self.catalogue.agency_names
            for chart in [view for _trend, view in self.trends[agency_id]]
            + self.totals[agency_id]
            + self.counts[agency_id]
        ]

    def previews(self) -> bool:
        """Whether the site has an address to show previews at, so that each chart's card is drawn."""
        return bool(self.site["url"])

    def pages(self) -> list[Page]:
        """Each chart's page and its embed page."""
        return [page(chart.url, "chart", chart=chart, preview=chart) for chart in self.all()] + [
            page(self.catalogue.urls("embed", id=chart.id), "embed", chart=chart) for chart in self.all()
        ]

    def write(self, output: Path) -> None:
        """Write every chart's downloads (in one fork of this process per core), and the stylesheet that draws
        them in the reader's colours."""

        def write(charts: Sequence[ChartView]) -> list[str]:
            for chart in charts:
                chart.write(output)
            return [chart.id for chart in charts]

        engine.forked(write, self.all())
        colours = output / self.catalogue.urls("chart_colours")
        colours.parent.mkdir(parents=True, exist_ok=True)
        colours.write_text(theme.colour_css(), encoding="utf-8")


def _average(figure: Figure) -> float:
    """A compared figure's average per month (``comparable.left_out`` leaves out figures without one)."""
    assert figure["per_month"] is not None
    return figure["per_month"]


def _per_residents_cell(each: dict | None) -> str:
    """A compared figure's average per 100,000 residents, with the population it rests on, for the data table."""
    if each is None:
        return _("no sourced population")
    population = each["population"]
    return _("{average}; {population} residents (source: {publisher})").format(
        average=each["words"], population=number(population["population"]), publisher=population["cited"].publisher
    )


def _by(rows: list[dict], key: str) -> dict[str, list[dict]]:
    """Rows grouped by the value of ``key``, in order."""
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row[key], []).append(row)
    return grouped


def render_charts(charts: list[tuple[ChartView, tuple[dict, Words]]], cache: Path | None, previews: bool) -> int:
    """Render each chart's (live spec, words) (of every language, made in it: one pool of processes for all), in
    parallel, from the cache where unchanged, with preview cards if ``previews``; return how many were drawn."""
    rendered, drawn = render_all([specs for _chart, specs in charts], cache, previews=previews)
    for (chart, _specs), each in zip(charts, rendered, strict=True):
        chart.rendered = each
    return drawn
