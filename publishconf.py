"""Pelican settings for the production build (``make publish``): absolute URLs and feeds."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://fr-disclosures.example.org")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/updates.atom.xml"
EVENTS_FEED_ATOM = "feeds/events.atom.xml"
CORRECTIONS_FEED_ATOM = "feeds/corrections.atom.xml"
DUTIES_FEED_ATOM = "feeds/duties.atom.xml"
AGENCY_FEED_ATOM = "feeds/agencies/{id}.atom.xml"
