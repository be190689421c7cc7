"""The Pelican generator for agencies, systems, timeline, sources and data pages."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from .. import downloads, tables
from ..records.extraction import progress
from .feeds import corrections_feed, events_feed, write_feed
from .views import SiteViews


class DisclosuresGenerator(Generator):
    """Loads the disclosures, shares them with every template, and writes their pages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Validate now, before Pelican cleans or writes output/: bad data stops the build here
        raw_dirs = [Path(folder) for folder in self.settings.get("DISCLOSURES_RAW", [])]
        cache = self.settings.get("DISCLOSURES_CACHE")
        self.cache = Path(cache) if cache else None
        progress(f"Validating and loading {self.settings['DISCLOSURES_DATA']}")
        self.disclosures = tables.load(Path(self.settings["DISCLOSURES_DATA"]), raw_dirs, self.cache)

    def generate_context(self) -> None:
        """Compute every page's view and share the site-wide ones (home, navigation)."""
        self.views = SiteViews(self.disclosures, self.settings)
        charts = self.views.charts()
        progress(f"Rendering {len(charts):,} charts")
        self.views.render_charts()
        self.context["disclosures"] = self.views.home()

    def generate_output(self, writer) -> None:
        """Write the data pages, then the downloads and chart files."""
        for page in self.views.pages():
            writer.write_file(
                page.save_as,
                self.get_template(page.template),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=page.url,
                **page.context,
            )
        output = Path(self.output_path)
        site_url, name = self.settings.get("FEED_DOMAIN", ""), self.settings["SITENAME"]
        if self.settings.get("EVENTS_FEED_ATOM"):
            write_feed(output / self.settings["EVENTS_FEED_ATOM"], events_feed(self.views.events, site_url, name))
        if self.settings.get("CORRECTIONS_FEED_ATOM"):
            text = corrections_feed(self.views.corrections, site_url, name)
            write_feed(output / self.settings["CORRECTIONS_FEED_ATOM"], text)
        downloads.write_tables(self.disclosures, output / "data")
        downloads.write_series(self.views.series, output / "data")
        downloads.write_data_package(Path(self.settings["DISCLOSURES_DATA"]), output / "data")
        for chart in self.views.charts():
            downloads.write_chart(chart, output / "charts")
