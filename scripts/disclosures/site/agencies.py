"""The agency and system pages: each agency's summary, charts, figures, records, gaps and events,
and its one-page brief."""

from __future__ import annotations

from functools import cached_property
from urllib.parse import urlencode

from markupsafe import Markup

from .. import claims, render
from ..charts import map as agency_map
from ..i18n import _, country_name, ngettext, place_name
from ..periods import Bound
from ..vocabulary import MEASURE_WORDS, USE
from .briefs import Brief
from .catalogue import Catalogue
from .charts import Charts
from .citation import cite
from .duties import Duties
from .model import Agency, Event, Figure
from .pages import Page, page

#: The most figures and events a brief lists; the agency page has the rest.
BRIEF_FIGURES = 4
BRIEF_EVENTS = 3
BRIEF_UNKNOWNS = 2
#: The most characters a brief shows of a name (publisher, system) and of a line of text (an event, a
#: question), each cut at a word with "..." and linked to the agency's page: the brief fits on one page
BRIEF_TEXT, BRIEF_LINE = 60, 120


class AgencyPages:
    """Builds the agencies list, each agency's page and each system's page."""

    def __init__(self, catalogue: Catalogue, charts: Charts, duties: Duties):
        self.catalogue = catalogue
        self.charts = charts
        self.duties = duties

    def pages(self) -> list[Page]:
        """The agencies list, then each agency, then the systems list and each system."""
        catalogue = self.catalogue
        agencies, systems = catalogue.agencies, catalogue.systems
        pages = [
            page(
                catalogue.urls("agencies"),
                "agencies",
                agencies=[self.listed(agency) for agency in sorted(agencies, key=by_name)],
                maps=self.maps(),
                chart=self.charts.comparison,
                left_out=self.charts.left_out,
                per_residents=self.charts.per_residents,
                preview=self.charts.comparison,
            ),
            page(catalogue.urls("systems"), "systems", systems=systems),
        ]
        for agency in agencies:
            pages += [agency_page := self.agency(agency), self.brief(agency_page)]
        pages += [
            page(
                system["url"],
                "system",
                system=system,
                figures=catalogue.figures_where("system", system["id"]),
                events=catalogue.events_where("system", system["id"]),
            )
            for system in systems
        ]
        return pages

    @cached_property
    def places(self) -> list[dict]:
        """Where the map places each agency (``charts.map.place``), and how long ago its latest disclosure was."""
        catalogue = self.catalogue
        as_of = catalogue.as_of.last if catalogue.as_of else None
        found = []
        for agency in sorted(catalogue.agencies, key=by_name):
            latest = catalogue.latest_disclosures.get(agency["id"])
            placed = agency_map.place(agency) or {"map": "", "area": "nationwide", "code": "", "code_system": ""}
            found.append(
                {
                    "agency": agency["id"],
                    "name": agency["name"],
                    **placed,
                    "latest": latest.date if latest else "",
                    "age": agency_map.age(latest.date if latest else "", as_of) if as_of else "",
                }
            )
        return found

    def maps(self) -> list[dict]:
        """The two maps as static SVG (the United States, the world), each with the areas it colours and
        their agencies: an area takes the age of its newest disclosure."""
        found = []
        for which, title in (("us", _("United States, by state")), ("world", _("Other countries"))):
            placed = [each for each in self.places if each["map"] == which]
            if not placed:
                continue
            areas = []
            for code in sorted({each["code"] for each in placed}):
                here = [each for each in placed if each["code"] == code]
                newest = max((each["latest"] for each in here), default="")
                area = here[0]["area"]
                country = "country" if which == "world" else "region"
                areas.append(
                    {
                        "code": code,
                        "area": area,
                        "age": next(each["age"] for each in here if each["latest"] == newest),
                        "href": f"?{urlencode({country: area})}#agency-list",
                        "label": (
                            ngettext(
                                "{area}: {count} agency, latest disclosure {date}",
                                "{area}: {count} agencies, latest disclosure {date}",
                                len(here),
                            )
                            if newest
                            else ngettext(
                                "{area}: {count} agency, no disclosure yet",
                                "{area}: {count} agencies, no disclosure yet",
                                len(here),
                            )
                        ).format(area=area, count=len(here), date=Bound.parse(newest).words() if newest else ""),
                        "agencies": [each["name"] for each in here],
                    }
                )
            found.append(
                {"id": which, "title": title, "areas": areas, "svg": Markup(render.svg(agency_map.spec(which, areas)))}
            )
        return found

    def listed(self, agency: Agency) -> dict:
        """An agency as the agencies list shows it: where it works, the systems its figures and records
        concern, how many figures, and its latest disclosure of use (None when it has none)."""
        catalogue = self.catalogue
        figures = catalogue.figures_where("agency", agency["id"])
        systems = [figure["system"] for figure in figures]
        systems += [
            disclosure["system"] for disclosure in catalogue.disclosures if disclosure["agency"] == agency["id"]
        ]
        latest = catalogue.latest_disclosures.get(agency["id"])
        return {
            **agency,
            "country_name": country_name(agency["country"]),
            "region_words": place_name(agency["country"], agency["region"]) if agency["region"] else _("nationwide"),
            "systems": sorted(
                ({"id": system, "label": catalogue.system_labels[system]} for system in set(systems)),
                key=lambda system: system["label"].lower(),
            ),
            "figure_count": len(figures),
            "latest": {"source": latest, "words": Bound.parse(latest.date).words()} if latest else None,
        }

    def agency(self, agency: Agency) -> Page:
        """One agency's page: its summary first, then a contents list for what follows."""
        catalogue = self.catalogue
        figures = catalogue.figures_where("agency", agency["id"])
        events = catalogue.events_where("agency", agency["id"])
        charts = self.charts.totals[agency["id"]]
        trends = self.charts.trends[agency["id"]]
        funnels = catalogue.outcomes.get(agency["id"], [])
        disclosed = catalogue.status_of(agency["id"])
        records = self.records(agency["id"])
        unknowns = catalogue.unknowns_of(agency["id"])
        duties, requests = self.duties.of(agency["id"]), self.duties.requests_of(agency["id"])
        sources = list(dict.fromkeys([figure["source"] for figure in figures] + [event["source"] for event in events]))
        data_date = catalogue.data_date([figure["id"] for figure in figures], sources)
        url = agency["url"]
        permalink = f"{self.charts.site['url']}/{url}" if self.charts.site["url"] else f"/{url}"
        contents = [("summary", _("Summary"))]
        contents += [("trend", _("Trend"))] if trends else []
        contents += [("outcomes", _("Outcomes"))] if funnels else []
        contents += [(f"chart-{chart.id}", chart.title.split(": ", 1)[-1].capitalize()) for chart in charts]
        contents += [("figures", _("Disclosed figures"))]
        contents += [("counted-from-records", _("Counted from records"))] if records["charts"] else []
        contents += [("disclosure-status", _("What has been disclosed"))] if disclosed["years"] else []
        contents += [("duties", _("What it owes"))] if duties else []
        contents += [("requests", _("Records requests"))] if requests else []
        contents += [("unknowns", _("What we don't know"))] if unknowns else []
        contents += [("events", _("Events"))] if events else []
        contents += [("cite", _("Cite this page"))]
        return page(
            url,
            "agency",
            agency=agency,
            brief=Brief.of(agency, catalogue.urls),
            systems=sorted({figure["system_name"] for figure in figures}),
            figures=figures,
            events=events,
            charts=charts,
            records=records,
            unknowns=unknowns,
            duties=duties,
            requests=requests,
            summary=summary(agency, figures, events, [each for each, _view in trends], funnels),
            trends=trends,
            funnels=funnels,
            disclosed=disclosed,
            no_chart=(
                _("each measure has one figure, clearer in the outcomes above and the table below")
                if funnels
                else _("each measure has one figure, clearer in the table below")
                if any(figure["first_day"] or figure["last_day"] for figure in figures)
                else _("none of these figures states when it starts or ends; the table below gives them as stated")
            ),
            contents=contents,
            data_date=data_date,
            citation=cite(
                f"{self.charts.site['slug']}-{agency['id']}",
                agency["name"],
                _("Agency page"),
                permalink,
                data_date,
                catalogue.settings,
            ),
            preview=charts[0] if charts else (records["charts"][0] if records["charts"] else None),
        )

    def brief(self, agency_page: Page) -> Page:
        """An agency's one-page brief, from its page's context: the headline figure, the main figures
        (use first; those the trend or the outcomes give are not repeated), the trend, the latest
        outcomes, the latest events, the gaps and the open questions."""
        shown = agency_page.context
        brief: Brief = shown["brief"]
        order = {measure: index for index, measure in enumerate(MEASURE_WORDS)}
        # A figure the trend or an outcome funnel already gives is not repeated
        given = {step.figure["id"] for trend, _view in shown["trends"] for step in trend.steps}
        given |= {step["figure"] for funnel in shown["funnels"][-1:] for step in funnel.steps}
        figures = [figure for figure in shown["figures"] if figure["id"] not in given]
        figures.sort(key=lambda figure: order.get(figure["measure"], len(order)))
        return page(
            brief.url,
            "brief",
            brief=brief,
            agency=shown["agency"],
            systems=shown["systems"],
            summary=shown["summary"],
            figures=figures[:BRIEF_FIGURES],
            figures_left=max(len(figures) - BRIEF_FIGURES, 0),
            trends=shown["trends"],
            funnels=shown["funnels"],
            disclosed=shown["disclosed"],
            # A brief has room only for duties that make reports due; the page gives the rest
            duties=[duty for duty in shown["duties"] if duty["frequency"] != "unstated"],
            events=shown["events"][-BRIEF_EVENTS:],
            events_left=max(len(shown["events"]) - BRIEF_EVENTS, 0),
            unknowns=shown["unknowns"][:BRIEF_UNKNOWNS],
            unknowns_left=max(len(shown["unknowns"]) - BRIEF_UNKNOWNS, 0),
            BRIEF_TEXT=BRIEF_TEXT,
            BRIEF_LINE=BRIEF_LINE,
            data_date=shown["data_date"],
            permalink=f"{self.charts.site['url']}/{brief.url}" if self.charts.site["url"] else f"/{brief.url}",
        )

    def records(self, agency_id: str) -> dict:
        """What an agency's page shows of its record-level disclosures: charts, rates, checks."""
        catalogue = self.catalogue
        charts = self.charts.counts[agency_id]
        if not charts:
            return {"charts": []}
        return {
            "charts": charts,
            "rates": catalogue.counted.false_alert_rate(agency_id).to_dict("records"),
            "checks": [
                {**check, "figure_record": catalogue.figures_by_id[check["figure"]]}
                for check in catalogue.checks.to_dict("records")
                if check["agency"] == agency_id
            ],
            "disclosures": [view for view in catalogue.disclosures if view["agency"] == agency_id],
        }


def by_name(agency: Agency) -> tuple[str, str]:
    """How the agencies list orders agencies: by name, whatever its case (then by id)."""
    return agency["name"].casefold(), agency["id"]


def summary(agency: Agency, figures: list[Figure], events: list[Event], trends: list, funnels: list) -> dict:
    """The few sentences an agency's page opens with, made from its data: how much is known, the
    latest figure of use (never from a weak source) and the longer figure that covers it, its
    trend (or how it compares with another figure of the same unit), its outcomes, and the
    latest event."""
    use = [figure for figure in figures if figure["measure"] in USE]
    latest = claims.latest(use) or claims.latest(figures)
    return {
        "counts": {
            "figures": len(figures),
            "sources": len({figure["source"] for figure in figures}),
            "events": len(events),
            "weak": sum(not figure["leads"] for figure in figures),
        },
        "latest": latest,
        "covered_by": claims.covering(latest, use)[:1] if latest else [],
        "trends": [each.sentence for each in trends],
        "outcomes": funnels[-1].sentence if funnels else "",
        "compared": compare(latest, figures) if latest and not trends else "",
        "event": events[-1] if events else None,
    }


def compare(latest: Figure, figures: list[Figure]) -> str:
    """The latest figure's average per month against the longest other figure of the same unit that
    starts before it, in words, or the empty string where there is none or either has no average.
    A figure whose period holds the latest one's covers it; it is never called earlier."""
    if not latest["per_month_words"]:  # no average: an open period
        return ""
    start = latest["first_day"] or latest["last_day"]
    assert start is not None  # claims.latest gives only figures with an end
    before = [
        figure
        for figure in claims.leading(figures)
        if figure["id"] != latest["id"]
        and claims.same_unit([figure, latest])
        and figure["scope"] == latest["scope"] == ""
        and figure["per_month_words"]
        and figure["first_day"] is not None
        and figure["first_day"] < start
    ]
    if not before:
        return ""
    other = max(before, key=lambda figure: (figure["months"] or 0, figure["id"]))
    verdict = (
        "more"
        if latest["per_month_low"] > other["per_month_high"]
        else "less"
        if latest["per_month_high"] < other["per_month_low"]
        else "same"
    )
    said = _compared(verdict, claims.covers(other, latest))
    return said.format(
        average=latest["per_month_words"],
        value=other["value_words"],
        unit=claims.unit_words(other),
        period=other["period_words"],
        other_average=other["per_month_words"],
    )


def _compared(verdict: str, covers: bool) -> str:
    """How the latest figure's average compares with another's (``more``, ``less`` or the ``same``), the other
    being the longer count that ``covers`` it or an earlier one, as a sentence to fill in."""
    if covers:
        return {
            "more": _(
                "At {average} on average, the latest figure is more than the average of the longer count that covers"
                " it, {value} {unit} {period} ({other_average}). Both averages spread a total evenly over its period;"
                " neither was disclosed."
            ),
            "less": _(
                "At {average} on average, the latest figure is less than the average of the longer count that covers"
                " it, {value} {unit} {period} ({other_average}). Both averages spread a total evenly over its period;"
                " neither was disclosed."
            ),
            "same": _(
                "At {average} on average, the latest figure is about the same as the average of the longer count that"
                " covers it, {value} {unit} {period} ({other_average}). Both averages spread a total evenly over its"
                " period; neither was disclosed."
            ),
        }[verdict]
    return {
        "more": _(
            "At {average} on average, the latest figure is more than the average of the earlier count, {value} {unit}"
            " {period} ({other_average}). Both averages spread a total evenly over its period; neither was disclosed."
        ),
        "less": _(
            "At {average} on average, the latest figure is less than the average of the earlier count, {value} {unit}"
            " {period} ({other_average}). Both averages spread a total evenly over its period; neither was disclosed."
        ),
        "same": _(
            "At {average} on average, the latest figure is about the same as the average of the earlier count,"
            " {value} {unit} {period} ({other_average}). Both averages spread a total evenly over its period;"
            " neither was disclosed."
        ),
    }[verdict]
