"""Pelican plugin: the pages made from the disclosures data."""

from pathlib import Path

from pelican import signals

from .generators import DisclosuresGenerator
from .headers import write_headers
from .sanitise import sanitise_content
from .search import index_site


def get_generators(pelican_object):
    """Return the generator that writes the data-driven pages."""
    return DisclosuresGenerator


def finish_site(pelican_object):
    """Once every page is written: the search index, then the headers file."""
    output = Path(pelican_object.output_path)
    index_site(output)
    write_headers(output, pelican_object.settings["CONTENT_SECURITY_POLICY"])


def register():
    """Connect the plugin's receivers to Pelican's signals."""
    signals.content_object_init.connect(sanitise_content)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(finish_site)
