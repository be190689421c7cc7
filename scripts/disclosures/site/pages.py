"""A page to write: where, with which template, and what it shows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One page to write: where, with which template, and what it shows."""

    save_as: str
    url: str
    template: str
    context: dict


def page(url: str, template: str, **context) -> Page:
    """The page at ``url`` (a folder with an index.html), drawn by ``template`` from ``context``."""
    return Page(save_as=f"{url}index.html", url=url, template=template, context=context)
