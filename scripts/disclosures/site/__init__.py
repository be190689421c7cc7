"""Pelican plugin: the pages made from the disclosures data."""

from pelican import signals

from .generators import DisclosuresGenerator


def get_generators(pelican_object):
    """Return the generator that writes the data-driven pages."""
    return DisclosuresGenerator


def register():
    """Connect the plugin's receivers to Pelican's signals."""
    signals.get_generators.connect(get_generators)
