"""The quality gates: each takes a built site (or a page of it) and returns what is wrong.

Tests run them on the real build, and on copies with a planted violation to show that
each gate fails when it should.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import rnc2rng
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ATOM_SCHEMA = Path(__file__).resolve().parent / "atom.rnc"
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SCHEMATRON = "{http://www.ascc.net/xml/schematron}"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: One page of each type, by path.
PAGE_TYPES = {
    "home": "",
    "agencies": "agencies/",
    "agency": "agencies/lapd/",
    "agency-records": "agencies/met-police/",
    "brief": "agencies/lapd/brief/",
    "data-quality": "data-quality/",
    "systems": "systems/",
    "system": "systems/lacris/",
    "timeline": "timeline/",
    "duties": "duties/",
    "sources": "sources/",
    "data": "data/",
    "methodology": "methodology/",
    "about": "about/",
    "updates": "updates/",
    "update": "updates/launch/",
    "embed": "embed/lapd-searches/",
    "chart": "charts/lapd-searches/",
}
#: And each in Spanish, which must pass the same gates.
PAGE_TYPES |= {f"{name}-es": f"es/{path}" for name, path in PAGE_TYPES.items()}


# Serving the site as a host that reads _headers does


def header_rules(site: Path) -> list[tuple[re.Pattern, str, str]]:
    """Return the (path pattern, header, value) rules of ``site/_headers`` (none if it has no such file)."""
    rules, pattern = [], None
    headers = site / "_headers"
    for line in headers.read_text(encoding="utf-8").splitlines() if headers.exists() else []:
        if line and not line[0].isspace():
            pattern = re.compile("^" + re.escape(line.strip()).replace(r"\*", ".*") + "$")
        elif line.strip():
            name, value = line.strip().split(":", 1)
            rules.append((pattern, name.strip(), value.strip()))
    return rules


#: What a host compresses for a browser that accepts gzip (as nginx's gzip_types, Netlify and GitHub Pages do)
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt"}


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves a built site as a host does: its ``_headers``, and text gzipped for a browser that accepts it,
    from the ``.gz`` file the build wrote beside it where there is one (nginx's gzip_static)."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        path = path / "index.html" if path.is_dir() and urlsplit(self.path).path.endswith("/") else path
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED or not path.is_file():
            return super().do_GET()
        packed = path.with_name(path.name + ".gz")
        body = packed.read_bytes() if packed.is_file() else gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        path = urlsplit(self.path).path
        # read with each answer: a folder may be served before its site is built into it
        for pattern, name, value in header_rules(Path(self.directory)):
            if pattern.match(path):
                self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def serve(site: Path, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``site`` on a free loopback port with the headers of its ``_headers``;
    yield the base URL, named by ``host`` (``localhost`` is another origin than ``127.0.0.1``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


# Gates that read files


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.addresses: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids.add(value)
            elif name in ("href", "src") and value:
                self.addresses.append(value)


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Return every internal link or asset in the site's pages that does not resolve, as 'page -> address'."""
    parsed = {page: _parse(page) for page in site.rglob("*.html")}
    broken = []
    for page, links in sorted(parsed.items()):
        base = "file://" + str(page)
        for address in links.addresses:
            target = urlsplit(urljoin(base, address))
            if target.scheme != "file":
                continue
            path = Path(unquote(target.path))
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file() or not path.resolve().is_relative_to(site.resolve()):
                broken.append(f"{page.relative_to(site)} -> {address}")
            elif target.fragment and path.suffix == ".html" and target.fragment not in parsed[path].ids:
                broken.append(f"{page.relative_to(site)} -> {address} (no such id)")
    return broken


@functools.cache
def _atom_schema() -> tuple[etree.RelaxNG, list[tuple[str, str, str]]]:
    """RFC 4287's schema: its RELAX NG grammar, and its embedded Schematron asserts as (context, test, message)."""
    # rnc2rng declares the empty namespace as a prefix (xmlns:local=""), which XML forbids; nothing uses the prefix
    grammar = etree.fromstring(rnc2rng.dumps(rnc2rng.load(str(ATOM_SCHEMA))).replace(' xmlns:local=""', "").encode())
    asserts = [
        (rule.get("context"), test.get("test"), test.text)
        for rule in grammar.iter(f"{SCHEMATRON}rule")
        for test in rule.iter(f"{SCHEMATRON}assert")
    ]
    return etree.RelaxNG(grammar), asserts


def atom_errors(feed: str) -> list[str]:
    """Return what makes ``feed`` invalid Atom: its RELAX NG errors against RFC 4287's schema, as 'line: message',
    then the schema's Schematron rules it breaks (a feed or entry without an author, an entry without a link)."""
    schema, asserts = _atom_schema()
    document = etree.fromstring(feed.encode())
    errors = [] if schema.validate(document) else [f"{error.line}: {error.message}" for error in schema.error_log]
    for context, test, message in asserts:
        for element in document.xpath(f"//{context}", namespaces=ATOM):
            if not element.xpath(f"boolean({test})", namespaces=ATOM):
                errors.append(f"{element.sourceline}: {message}")
    return errors


def broken_feed_links(site: Path, base_url: str) -> list[str]:
    """Return every link of the site's Atom feeds (the feeds' own and their entries') that does not lead to a file of
    ``site`` under ``base_url``, or to an id in it, as 'feed -> address'."""
    pages: dict[Path, _Links] = {}
    broken = []
    for feed in sorted(site.rglob("*.atom.xml")):
        for link in etree.parse(feed).iterfind(".//atom:link", namespaces=ATOM):
            address = link.get("href")
            target = urlsplit(address)
            path = site / unquote(target.path.removeprefix(urlsplit(base_url).path).lstrip("/"))
            path = path / "index.html" if path.is_dir() else path
            if not address.startswith(base_url) or not path.is_file():
                broken.append(f"{feed.relative_to(site)} -> {address}")
            elif target.fragment and target.fragment not in pages.setdefault(path, _parse(path)).ids:
                broken.append(f"{feed.relative_to(site)} -> {address} (no such id)")
    return broken


def html_errors(pages: list[Path]) -> list[str]:
    """Return the Nu HTML Checker's errors for ``pages``, as 'file:line: message'; a checker that
    fails to run is an error of the gate, never a clean page."""
    # a short run: the quick compiler alone and the serial collector start the checker sooner; its
    # schema needs a deeper stack than the quick compiler's code leaves in the default one
    java = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m"]
    result = subprocess.run(
        [*java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        messages = json.loads(result.stderr)["messages"] if result.stderr else []
    except ValueError:
        raise AssertionError(f"the HTML checker did not run: {result.stderr}{result.stdout}") from None
    if result.returncode and not messages:
        raise AssertionError(f"the HTML checker failed (exit {result.returncode}): {result.stdout}")
    return [f"{Path(urlsplit(m['url']).path).name}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]


# Gates that run in the browser


def launch(playwright, *flags: str):
    """Start Debian's Chromium, headless, with the network-quiet flags (and any others given)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_FLAGS, *flags])


def load(page, url: str) -> dict[str, list[str]]:
    """Open ``url`` and return the requests it made to other hosts and the console errors it logged."""
    origin = urlsplit(url).netloc
    seen: dict[str, list[str]] = {"foreign_requests": [], "console_errors": []}
    page.on(
        "request",
        lambda request: (
            urlsplit(request.url).netloc not in ("", origin) and seen["foreign_requests"].append(request.url)
        ),
    )
    page.on("console", lambda message: message.type == "error" and seen["console_errors"].append(message.text))
    page.on("pageerror", lambda error: seen["console_errors"].append(str(error)))
    page.goto(url, wait_until="networkidle")
    return seen


#: True once a page is as its reader sees it before interacting: its fonts loaded (its charts are
#: drawn at build time; a chart comes alive only when a reader points at it or focuses it).
SETTLED = '() => document.fonts.status === "loaded"'


def settle(page, url: str) -> None:
    """Open ``url`` and wait until the page is as its reader sees it (sooner than a quiet network)."""
    page.goto(url, wait_until="load")
    page.wait_for_function(SETTLED, timeout=10000)


#: What changes between the light and the dark scheme: colours only, so only these rules are run again.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_light_and_dark(page, url: str) -> dict[str, list[str]]:
    """Open ``url`` in the light scheme, settle it, run axe; switch to dark (the page and its charts
    take their colours from CSS, so no reload is needed) and run axe's colour rules again."""
    page.emulate_media(color_scheme="light")
    settle(page, url)
    found = {"light": axe_violations(page)}
    page.emulate_media(color_scheme="dark")
    found["dark"] = axe_violations(page, rules=COLOUR_RULES)
    return found


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """Run axe-core (every rule, or only ``rules``) on the open page; return its serious and critical
    violations as 'rule: target'.

    The page's context must bypass its CSP (``bypass_csp=True``) for axe's script to be added.
    """
    if not page.evaluate("'axe' in window"):
        page.add_script_tag(path=str(AXE))
    options = {"resultTypes": ["violations"], **({"runOnly": {"type": "rule", "values": rules}} if rules else {})}
    results = page.evaluate("options => axe.run(document, options)", options)
    return [
        f"{violation['id']}: {node['target']}"
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
        for node in violation["nodes"]
    ]


def live_chart(page, chart: str) -> str | None:
    """Point at ``chart`` (an element id) as a reader would, wait for Vega's live view to replace the
    drawing made at build time, and return the tooltip its first mark shows under the pointer; None
    when the chart never came alive."""
    image = page.locator(f"#{chart} .chart-image")
    image.hover()
    try:
        page.locator(f"#{chart} .chart-image[data-live] .chart-live svg.marks").wait_for(timeout=5000)
    except Exception:  # Playwright's timeout: the chart stayed static
        return None
    image.locator("g.mark-symbol path[role='graphics-symbol'], g.mark-rect path[role='graphics-symbol']").first.hover()
    return image.locator(".chart-live").get_attribute("title")


def sideways_overflow(page) -> int:
    """Return how many pixels the open page scrolls sideways (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
