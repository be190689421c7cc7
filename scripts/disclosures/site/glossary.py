"""Tables of the vocabulary for hand-written pages: a page writes ``{glossary:qualifiers}`` as a
paragraph of its own, and the table made from ``disclosures.vocabulary`` takes its place, so the
methodology never copies the words the site uses."""

from __future__ import annotations

import re
from html import escape

from ..i18n import N_, _
from ..vocabulary import QUALIFIERS

#: Each table: its headings, and its rows (a code, then words), all words shown through ``_()``.
TABLES = {
    "qualifiers": (
        (N_("Qualifier"), N_("Label on the site"), N_("Meaning")),
        [(name, each.label, each.meaning) for name, each in QUALIFIERS.items()],
    ),
}


def table(name: str) -> str:
    """The table ``name`` in HTML in the active language, laid out as Markdown lays out its tables."""
    headings, rows = TABLES[name]
    head = _row("th", tuple(_(heading) for heading in headings))
    body = "".join(_row("td", (code, *(_(words) for words in said))) for code, *said in rows)
    return f"<table>\n<thead>\n{head}</thead>\n<tbody>\n{body}</tbody>\n</table>"


def _row(tag: str, values: tuple[str, ...]) -> str:
    return "<tr>\n" + "".join(f"<{tag}>{escape(value)}</{tag}>\n" for value in values) + "</tr>\n"


def fill_glossaries(text: str) -> str:
    """``text`` with each ``{glossary:name}`` paragraph replaced by its table; an unknown name is a KeyError."""
    return re.sub(r"<p>\{glossary:([a-z_]+)\}</p>", lambda found: table(found[1]), text)
