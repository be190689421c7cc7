"""The Pelican generator for the pages made from the disclosures: agencies, charts, sources, data."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from pelican.generators import Generator
from pelican.utils import sanitised_join

from .. import downloads, engine, pdf, render, tables
from ..charts import theme
from ..i18n import Language, languages
from ..records.extraction import progress
from .agencies import AgencyPages
from .catalogue import Catalogue
from .charts import Charts, render_charts
from .data import DataPages
from .duties import Duties
from .feeds import FeedSite, agency_feed, as_of, corrections_feed, duties_feed, events_feed, write_feed
from .pages import Page

#: Where a build without a site address is served to read its PDFs' links (make serve).
LOCAL_ADDRESS = "http://localhost:8000"
#: The feeds' settings: each language after the first has its own under its folder.
FEEDS = ("FEED_ALL_ATOM", "EVENTS_FEED_ATOM", "CORRECTIONS_FEED_ATOM", "DUTIES_FEED_ATOM", "AGENCY_FEED_ATOM")


class Edition:
    """The site in one language: its catalogue, charts and pages, every word written in that language."""

    def __init__(self, generator: DisclosuresGenerator, language: Language):
        self.language = language
        with language.active():
            self.catalogue = Catalogue(generator.disclosures, generator.settings, language)
            self.charts = Charts(self.catalogue)
            self.data_pages = DataPages(self.catalogue)

    def pages(self) -> tuple[list[Page], Duties, AgencyPages]:
        """Every page this edition writes, with its duties and agency pages (the feeds and downloads read them)."""
        with self.language.active():
            duties = Duties(self.catalogue)
            agency_pages = AgencyPages(self.catalogue, self.charts, duties)
            pages = agency_pages.pages() + self.data_pages.pages() + self.charts.pages()
            pages.append(duties.page())
        return pages, duties, agency_pages


class DisclosuresGenerator(Generator):
    """Loads the disclosures, shares them with every template, and writes their pages in each language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Validate now, before Pelican cleans or writes output/: bad data stops the build here
        raw_dirs = [Path(folder) for folder in self.settings.get("DISCLOSURES_RAW", [])]
        cache = self.settings.get("DISCLOSURES_CACHE")
        self.cache = Path(cache) if cache else None
        progress(f"Validating and loading {self.settings['DISCLOSURES_DATA']}")
        self.disclosures = tables.load(Path(self.settings["DISCLOSURES_DATA"]), raw_dirs, self.cache)

    def generate_context(self) -> None:
        """Build every page's view in each language, render the charts, and share the site-wide context (home,
        navigation)."""
        self.editions = [Edition(self, language) for language in languages(self.settings)]
        main = self.editions[0]
        self.catalogue, self.charts, self.data_pages = main.catalogue, main.charts, main.data_pages
        started = time.monotonic()
        charts = []
        for edition in self.editions:
            with edition.language.active():  # each chart's words are its language's
                charts += [(chart, (chart.live_spec, chart.words)) for chart in edition.charts.all()]
        drawn = render_charts(charts, self.cache, self.charts.previews())
        seconds = time.monotonic() - started
        progress(f"Rendered {drawn:,} of {len(charts):,} charts in {seconds:.1f} s")
        self.context["disclosures"] = self.data_pages.home()

    def generate_output(self, writer) -> None:
        """Render the briefs as PDF, write the data pages in each language, then the downloads, chart files and
        feeds."""
        output = Path(self.output_path)
        built = []
        for edition in self.editions:
            pages, duties, agency_pages = edition.pages()
            if edition.language.prefix:  # the first language's home and updates are Pelican's own pages
                pages += [self.home(edition), self.updates(edition)]
            built.append((edition, pages, duties))
            if edition is self.editions[0]:
                places = pd.DataFrame(agency_pages.places, columns=list(downloads.PLACE_COLUMNS))
        self.render_briefs(
            [(edition, page) for edition, pages, _duties in built for page in pages if page.template == "brief"]
        )
        for edition, pages, duties in built:
            with edition.language.active():
                self.write_edition(writer, edition, pages)
                edition.charts.write(output)
                self.write_feeds(writer, output, edition, duties)
        downloads.write_tables(self.disclosures, output / "data")
        downloads.write_derived(self.catalogue.series, self.catalogue.status, places, output / "data")
        downloads.write_data_package(Path(self.settings["DISCLOSURES_DATA"]), self.disclosures, output / "data")
        if self.charts.site["url"]:  # previews need the site's address: a local build shows none
            card = render.site_card(self.settings["SITENAME"], self.settings.get("SITESUBTITLE", ""), self.cache)
            (output / self.catalogue.urls("site_preview")).write_bytes(card)

    def write_edition(self, writer, edition: Edition, pages: list[Page]) -> None:
        """Write one language's pages (in one fork of this process per core), and its briefs' PDFs."""
        output = Path(self.output_path)

        def write(share: Sequence[Page]) -> list[str]:
            """Write pages; return where each was written."""
            for page in share:
                writer.write_file(
                    page.save_as,
                    self.get_template(page.template),
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    url=page.url,
                    **self.language_context(edition, page),
                    **page.context,
                )
            return [sanitised_join(writer.output_path, page.save_as) for page in share]

        written = engine.forked(write, pages)
        if twice := sorted(name for name, times in Counter(written).items() if times > 1):
            raise RuntimeError(f"two pages were written to {twice[0]}")
        # Pelican's writer refuses to write a file twice, from what it has written: it learns of the forks' files too
        writer._written_files.update(written)
        for page in pages:
            if page.template == "brief":
                brief = page.context["brief"]
                (output / brief.url / brief.pdf_name).write_bytes(brief.pdf)

    def language_context(self, edition: Edition, page: Page) -> dict:
        """What a page needs to say itself in its language, link to itself in the others and to its language's
        feeds."""
        here = page.url[len(edition.language.prefix) :]
        return {
            "language": edition.language,
            "lang": edition.language.code,
            "versions": [(other.language, other.language.prefix + here) for other in self.editions],
            **self.feeds(edition),
        }

    def feeds(self, edition: Edition) -> dict:
        """Where the edition's feeds are: each feed the settings name, under the edition's folder."""
        return {name: edition.language.prefix + self.settings[name] for name in FEEDS if self.settings.get(name)}

    def home(self, edition: Edition) -> Page:
        """A language's home page (the first language's is Pelican's ``index``)."""
        return Page(
            f"{edition.language.prefix}index.html",
            edition.language.prefix,
            "index",
            {"disclosures": edition.data_pages.home()},
        )

    def updates(self, edition: Edition) -> Page:
        """A language's list of updates: the updates translated into it (the first language's is Pelican's)."""
        code = edition.language.code
        articles = [
            translation
            for article in self.context.get("articles", [])
            for translation in article.translations
            if translation.lang == code
        ]
        url = edition.language.prefix + self.settings["ARCHIVES_URL"]
        return Page(f"{url}index.html", url, "archives", {"dates": articles, "articles": articles})

    def render_briefs(self, briefs: list[tuple[Edition, Page]]) -> None:
        """Render each brief page (of every language: one pool of processes for all) as it prints, to PDF, at the
        site's address (or the local one); say how many were drawn (the others were unchanged, from the cache)."""
        started = time.monotonic()
        address = self.charts.site["url"] or LOCAL_ADDRESS
        site = pdf.SiteFiles(
            address,
            {f"{self.settings['THEME_STATIC_DIR']}/": Path(self.settings["THEME"]) / "static"},
            {self.catalogue.urls("chart_colours"): theme.colour_css().encode()},
        )
        template = self.get_template("brief")
        stylesheets = tuple(f"{address}/{stylesheet}" for stylesheet in self.catalogue.urls.stylesheets())

        def printed(share: Sequence[tuple[Edition, Page]]) -> list[pdf.Document]:
            """Each brief's page as it prints."""
            documents = []
            for edition, page in share:
                with edition.language.active():
                    html = template.render(
                        {
                            **self.context,
                            "SITEURL": address,
                            "output_file": page.save_as,
                            "printed": True,
                            **self.language_context(edition, page),
                            **page.context,
                        }
                    )
                documents.append(
                    pdf.Document(
                        html,
                        f"{address}/{page.url}",
                        page.context["brief"].paper,
                        int(as_of(page.context["data_date"]).timestamp()),
                        one_sheet=True,
                        stylesheets=stylesheets,
                    )
                )
            return documents

        documents = engine.forked(printed, briefs)
        rendered, drawn = pdf.render_all(documents, site, self.cache)
        for (_edition, page), document in zip(briefs, rendered, strict=True):
            page.context["brief"].pdf = document
        progress(f"Rendered {drawn:,} of {len(briefs):,} briefs as PDF in {time.monotonic() - started:.1f} s")

    def write_feeds(self, writer, output: Path, edition: Edition, duties: Duties) -> None:
        """Write the events, corrections, duties and agency feeds the settings name (none in a local build), in
        the edition's language and under its folder; and, for a language after the first, its updates feed."""
        catalogue = edition.catalogue
        settings = {**self.settings, **self.feeds(edition)}
        site = FeedSite(
            url=settings.get("FEED_DOMAIN", ""),
            name=settings["SITENAME"],
            author=settings["AUTHOR"],
            language=edition.language.code,
            as_of=as_of(catalogue.as_of.text if catalogue.as_of else ""),
            urls=catalogue.urls,
        )
        if edition.language.prefix and (path := settings.get("FEED_ALL_ATOM")):
            updates = self.updates(edition).context["articles"]
            own_words = self.settings.get("LANGUAGE_SETTINGS", {}).get(edition.language.code, {})
            writer.write_feed(updates, {**self.context, **settings, **own_words}, path)
        if path := settings.get("EVENTS_FEED_ATOM"):
            write_feed(output / path, events_feed(catalogue.events, site, path))
        if path := settings.get("CORRECTIONS_FEED_ATOM"):
            write_feed(output / path, corrections_feed(catalogue.corrections, site, path))
        if path := settings.get("DUTIES_FEED_ATOM"):
            write_feed(output / path, duties_feed(duties.feed_entries(), site, path))
        if pattern := settings.get("AGENCY_FEED_ATOM"):
            for agency in catalogue.agencies:
                path = pattern.format(id=agency["id"])
                figures = catalogue.figures_where("agency", agency["id"])
                events = catalogue.events_where("agency", agency["id"])
                text = agency_feed(agency, figures, events, catalogue.corrections, site, path)
                write_feed(output / path, text)
