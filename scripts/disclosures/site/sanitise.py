"""Hand-written pages are sanitised: Markdown may hold raw HTML, and only an allow-list of it is published.

Built on nh3 (the Python binding of the Ammonia sanitiser): no scripts, no event handlers, no
frames, no style, links only to http, https and mailto addresses, and images only from this
site (an image from another host would be fetched by every reader of a feed, a tracker).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dfn", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
}
SCHEMES = {"http", "https", "mailto"}


def sanitise(html: str) -> str:
    """Return ``html`` with everything outside the allow-list removed."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_local_images,
    )


def _local_images(element: str, attribute: str, value: str) -> str | None:
    """Keep an image's address only when it is this site's (no scheme, no host)."""
    if element == "img" and attribute == "src":
        address = urlsplit(value.strip().replace("\\", "/"))
        return None if address.scheme or address.netloc else value
    return value


def sanitise_content(content) -> None:
    """Sanitise a page's or an update's body and summary as Pelican reads them (the content_object_init signal)."""
    if content._content:
        content._content = sanitise(content._content)
    if "summary" in content.metadata:
        content.metadata["summary"] = content._summary = sanitise(content.metadata["summary"])
