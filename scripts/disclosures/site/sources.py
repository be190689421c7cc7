"""A source as every page cites it: where to read it, its archived copy, or why there is neither, and
its own entry on the site's list of sources."""

from __future__ import annotations

from dataclasses import dataclass, fields

from .. import claims
from .urls import Urls


@dataclass(frozen=True)
class Source:
    """One row of ``sources.csv``, typed, with its address on the site (``page_url``, relative to it)."""

    id: str
    title: str
    publisher: str
    url: str
    url_missing: str
    archived_url: str
    archive_checked: bool
    archive_missing: str
    accessed: str
    date: str
    kind: str
    strength: str
    strength_why: str
    original: str
    request_id: str
    obligation: str
    note: str
    page_url: str

    @classmethod
    def from_row(cls, row: dict[str, str], urls: Urls) -> Source:
        """The source of a validated ``sources.csv`` row."""
        columns = {field.name for field in fields(cls)} - {"page_url", "archive_checked"}
        return cls(
            **{name: row[name] for name in columns},
            archive_checked=row["archive_checked"] == "true",
            page_url=urls("source", id=row["id"]),
        )

    @property
    def dated(self) -> str:
        """Its publisher and date, as a list of sources names it: ``Los Angeles Times, 2020-09-22``."""
        return f"{self.publisher}, {self.date}" if self.date else self.publisher

    @property
    def mark(self) -> str:
        """The mark of a secondary or weak source, and why (``claims.mark``); empty for the others."""
        return claims.strength_mark(self.strength, self.strength_why)
