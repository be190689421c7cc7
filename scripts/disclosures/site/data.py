"""The pages about the data itself: sources, timeline, downloads, data quality and corrections."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from .. import downloads
from .catalogue import Catalogue
from .pages import Page, page


class DataPages:
    """Builds the home page's context and the pages about sources, events and the data."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue

    def home(self) -> dict:
        """What the home page and the navigation need."""
        catalogue = self.catalogue
        return {
            "headlines": [catalogue.figures_by_id[figure_id] for figure_id in catalogue.data.headlines],
            "latest_events": list(reversed(catalogue.events[-5:])),
            "counts": {
                "agencies": len(catalogue.agency_names),
                "figures": len(catalogue.figures),
                "sources": len({figure["source"] for figure in catalogue.figures}),
            },
        }

    @cached_property
    def package(self) -> dict:
        """The published tables as the data page lists them: fields, rows and downloads."""
        package = downloads.data_package(Path(self.catalogue.settings["DISCLOSURES_DATA"]), self.catalogue.data)
        for resource in package["resources"]:
            resource["rows"] = self.rows(resource["name"])
        return package

    def rows(self, name: str) -> int:
        """How many rows a published table has."""
        if name == "series":
            return len(self.catalogue.series)
        if name == "disclosure-status":
            return len(self.catalogue.status)
        if name == "places":
            return len(self.catalogue.agencies)
        if name.startswith("records-"):
            records = {f"records-{d.extraction.description.id}": d for d in self.catalogue.data.records}
            disclosure = records[name]
            return disclosure.extraction.accounts()["read"]
        return len(getattr(self.catalogue.data, name))

    def pages(self) -> list[Page]:
        """The timeline, sources, data, corrections and data-quality pages."""
        catalogue = self.catalogue
        return [
            page(catalogue.urls("timeline"), "timeline", events=catalogue.events),
            page(
                catalogue.urls("sources"),
                "sources",
                entries=[
                    {
                        "source": source,
                        "figures": catalogue.figures_where("source", source.id),
                        "events": catalogue.events_where("source", source.id),
                        "populations": [
                            {"agency": agency, "agency_name": catalogue.agency_names[agency], **population}
                            for agency, population in catalogue.populations.items()
                            if population["cited"] == source
                        ],
                    }
                    for source in catalogue.sources.values()
                ],
            ),
            page(catalogue.urls("data"), "data", package=self.package),
            page(catalogue.urls("corrections"), "corrections", corrections=catalogue.corrections),
            page(catalogue.urls("data_quality"), "data_quality", disclosures=catalogue.disclosures),
        ]
