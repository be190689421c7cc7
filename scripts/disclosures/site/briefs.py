"""Each agency's one-page brief, for a commission meeting: a page, and that page as a PDF.

The PDF is the brief page as its print stylesheet lays it out on one sheet, rendered at build
time (``disclosures.pdf``) on the paper the agency's offices use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..i18n import _, number
from .model import Agency
from .urls import Urls

#: Countries whose offices print on US Letter; everywhere else prints on A4.
LETTER = ("US", "CA", "MX")


@dataclass
class Brief:
    """An agency's brief: where its page and PDF are, and the PDF once rendered."""

    agency: str
    url: str
    paper: str
    pdf: bytes | None = None

    @classmethod
    def of(cls, agency: Agency, urls: Urls) -> Brief:
        """The brief of ``agency`` (a row of agencies), on its country's paper."""
        return cls(agency["id"], urls("brief", id=agency["id"]), "letter" if agency["country"] in LETTER else "A4")

    @property
    def pdf_name(self) -> str:
        return f"{self.agency}-brief.pdf"

    @property
    def size_words(self) -> str:
        """The PDF's size as a link says it: ``PDF (24 KB)``."""
        assert self.pdf is not None  # pages show the size only once the PDF is rendered
        return _("PDF ({size} KB)").format(size=number(math.ceil(len(self.pdf) / 1024)))
