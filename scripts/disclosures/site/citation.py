"""How to cite a page or a chart: a sentence and a BibTeX entry, with its permalink and data date."""

from __future__ import annotations

import re

from ..i18n import _
from ..periods import Bound

#: Characters BibTeX reads as commands, and what stands for each.
_BIBTEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
}


def cite(key: str, title: str, kind: str, url: str, data_date: str, settings: dict) -> dict:
    """Return the citation of a page or chart as ``text`` and ``bibtex``."""
    site, author = settings["SITENAME"], settings["AUTHOR"]
    when = Bound.parse(data_date).words() if data_date else _("undated")
    year = data_date[:4] if data_date else _("n.d.")
    text = _("{author} ({year}). {title} [{kind}]. {site}. Data as of {date}. {url}").format(
        author=author, year=year, title=title, kind=kind, site=site, date=when, url=url
    )
    fields = {
        "author": f"{{{_escape(author)}}}",
        "title": f"{{{_escape(title)}}}",
        "howpublished": _escape(f"{site}, {kind.lower()}"),
        "year": year,
        "url": url,
        "note": _escape(_("Data as of {date}").format(date=when)),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return {"text": text, "bibtex": f"@misc{{{re.sub(r'[^a-z0-9-]', '', key.lower())},\n{body}\n}}"}


def _escape(text: str) -> str:
    """Text as a BibTeX field holds it literally."""
    return "".join(_BIBTEX.get(character, character) for character in text)
