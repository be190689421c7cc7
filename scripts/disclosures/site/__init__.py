"""Pelican plugin: the pages made from the disclosures data."""

from pathlib import Path

from pelican import signals

from ..charts.map import AGES as MAP_AGES
from ..render import PREVIEW_SIZE
from .compress import precompress
from .filters import FILTERS
from .generators import DisclosuresGenerator
from .glossary import fill_glossaries
from .headers import write_headers
from .sanitise import sanitise_content
from .search import index_site
from .urls import Urls


def get_generators(pelican_object):
    """Return the generator that writes the data-driven pages."""
    return DisclosuresGenerator


def share_helpers(generator):
    """Give every generator's templates ``url(kind, **fields)`` (the address of a page, from the settings),
    the size of social previews and the filters that say numbers."""
    generator.env.globals["url"] = Urls(generator.settings)
    generator.env.globals["PREVIEW_SIZE"] = PREVIEW_SIZE
    generator.env.globals["MAP_AGES"] = MAP_AGES
    generator.env.filters.update(FILTERS)


def fill_pages(content):
    """Turn each ``{url:kind}`` in a hand-written page into that page's address, and each ``{glossary:name}``
    into its table (the content_object_init signal)."""
    if content._content:
        content._content = fill_glossaries(Urls(content.settings).relative(content._content, content.save_as))


def finish_site(pelican_object):
    """Once every page is written: the search index, the large assets precompressed, then the headers file."""
    output = Path(pelican_object.output_path)
    index_site(output)
    precompress(output)
    settings = pelican_object.settings
    write_headers(output, settings["CONTENT_SECURITY_POLICY"], Urls(settings).folder("embed").strip("/"))


def register():
    """Connect the plugin's receivers to Pelican's signals."""
    signals.content_object_init.connect(fill_pages)
    signals.content_object_init.connect(sanitise_content)
    signals.generator_init.connect(share_helpers)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(finish_site)
