"""Where each kind of page lives, in Pelican's manner: an ``*_URL`` setting per kind (``AGENCY_URL =
"agencies/{id}/"``), relative to the site, which pelicanconf.py may change; a page is saved at its
address plus ``index.html``. Templates write ``{{ SITEURL }}/{{ url("agency", id=agency.id) }}``.
Embeds need a top-level folder of their own: ``_headers`` lets any site frame that folder.
Hand-written pages link to a generated one as ``[the sources]({url:sources})``, as they link to each
other with ``{filename}``. Each language other than the first has its pages under its own folder
(``es/agencies/lapd/``); the files every language shares (stylesheets, downloads) have one address.
"""

from __future__ import annotations

import re

#: Each kind of page (or place in a page) and its address, unless the settings give another.
DEFAULTS = {
    "AGENCIES_URL": "agencies/",
    "AGENCY_URL": "agencies/{id}/",
    "BRIEF_URL": "agencies/{id}/brief/",
    "FIGURE_URL": "agencies/{agency}/#figure-{id}",
    "EVENT_URL": "agencies/{agency}/#event-{id}",
    "TIMELINE_EVENT_URL": "timeline/#event-{id}",
    "SYSTEMS_URL": "systems/",
    "SYSTEM_URL": "systems/{id}/",
    "CHART_URL": "charts/{id}/",
    "CHART_COLOURS_URL": "charts/colours.css",
    "STYLESHEET_URL": "theme/css/site.css",
    "SITE_PREVIEW_URL": "preview.png",
    "EMBED_URL": "embed/{id}/",
    "SOURCES_URL": "sources/",
    "SOURCE_URL": "sources/#source-{id}",
    "CORRECTIONS_URL": "corrections/",
    "CORRECTION_URL": "corrections/#correction-{id}",
    "TIMELINE_URL": "timeline/",
    "DUTIES_URL": "duties/",
    "DUTY_URL": "duties/#duty-{id}",
    "DATA_QUALITY_URL": "data-quality/",
    "DATA_URL": "data/",
    "DOWNLOAD_URL": "data/{name}",
}


#: The kinds that are files every language shares, not pages.
SHARED = {"CHART_COLOURS_URL", "STYLESHEET_URL", "SITE_PREVIEW_URL", "DOWNLOAD_URL"}


class Urls:
    """The address of each kind of page, from ``settings``: ``urls("agency", id="lapd")`` is ``agencies/lapd/``,
    and ``es/agencies/lapd/`` for the language whose pages are under ``prefix`` ``es/``."""

    def __init__(self, settings: dict, prefix: str = ""):
        self.prefix = prefix
        self.patterns = {
            name: (pattern if name in SHARED else prefix + pattern)
            for name, pattern in ((name, settings.get(name, default)) for name, default in DEFAULTS.items())
        }

    def __call__(self, kind: str, **fields: str) -> str:
        return self.patterns[f"{kind.upper()}_URL"].format(**fields)

    def stylesheets(self) -> list[str]:
        """Every page's stylesheets, in order: the site's, then the charts' colours (made by the build)."""
        return [self("stylesheet"), self("chart_colours")]

    def relative(self, text: str, page: str) -> str:
        """``text`` with each ``{url:kind}`` replaced by that page's address, relative to ``page`` (saved there)."""
        root = "../" * page.count("/")
        return re.sub(r"\{url:([a-z_]+)\}", lambda found: root + self(found[1]), text)

    def folder(self, kind: str) -> str:
        """The part of a kind's address before its first field: ``embed/`` for ``embed/{id}/``."""
        return self.patterns[f"{kind.upper()}_URL"].split("{")[0]
