"""Render pages to PDF at build time with WeasyPrint: each page as its print stylesheet lays it out.

The renderer reads only the site's own files, never the network: a page's addresses are its
site's, and each is answered from the theme or from a file the build made; any other address
stops the build. Text is drawn only in the vendored Atkinson Hyperlegible, read from the
TrueType files in ``theme/fonts`` that the charts' renderer uses (the pages' WOFF2 faces are the
same fonts), so no machine's own fonts change a PDF. No dates are written, a font the renderer
saves is dated by the page's data (``SOURCE_DATE_EPOCH``, which fontTools honours) and the file
identifier comes from the page's address, so the same page gives the same bytes anywhere and
at any time.

Each PDF is kept in the cache under the checksum of its page, its paper, the files it can read
and the renderer's version: an unchanged page is never rendered twice; the others are drawn in
one process per core (``engine``).
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import os
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path, PurePosixPath

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from . import engine
from .charts import theme
from .checksum import tree

RENDERER = f"weasyprint=={metadata.version('weasyprint')}"
#: Papers by name, in millimetres, and the print stylesheet's margin.
PAPERS, MARGIN = {"A4": (210, 297), "letter": (215.9, 279.4)}, 12
#: How much smaller a page may be printed to fit one sheet: its 8 pt notes stay at 7 pt or more.
SCALES = (0.95, 0.9, 0.875)


@dataclass(frozen=True)
class Document:
    """A page to render: its HTML, its address (the base of its links), the paper it is printed on,
    the date of its data (seconds since 1970, the time written into the fonts it embeds), whether it
    must fit on one sheet (it is then printed smaller, down to ``SMALLEST``, until it does), and the
    addresses of its stylesheets, which its HTML does not link: each process reads a stylesheet once,
    for every page it renders."""

    html: str
    address: str
    paper: str
    epoch: int = 0
    one_sheet: bool = False
    stylesheets: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteFiles:
    """What the renderer may read, by address: the site's folders (``theme/`` -> theme/static) and the
    files the build makes in memory (``charts/colours.css``), all under ``origin``."""

    origin: str
    folders: dict[str, Path]
    made: dict[str, bytes] = field(default_factory=dict)

    def read(self, address: str) -> bytes:
        """The file at ``address``; ValueError when the site has no such file."""
        path = address.split("#")[0].split("?")[0].removeprefix(self.origin + "/")
        if path in self.made:
            return self.made[path]
        if path.startswith("theme/vendor/fonts/") and path.endswith(".woff2"):
            return (theme.FONTS / PurePosixPath(path).with_suffix(".ttf").name).read_bytes()
        for prefix, folder in self.folders.items():
            found = folder / path.removeprefix(prefix)
            if path.startswith(prefix) and found.resolve().is_relative_to(folder.resolve()) and found.is_file():
                return found.read_bytes()
        raise ValueError(f"{address} is not one of the site's files")

    def checksum(self) -> str:
        """A checksum of every file the renderer may read."""
        digest = hashlib.sha256(RENDERER.encode())
        for name, made in sorted(self.made.items()):
            digest.update(f"{name}\0{hashlib.sha256(made).hexdigest()}\0".encode())
        for folder in [*self.folders.values(), theme.FONTS]:
            for path, checksum in tree(folder):
                digest.update(f"{path.relative_to(folder)}\0{checksum}\0".encode())
        return digest.hexdigest()


def render_all(documents: list[Document], site: SiteFiles, cache_dir: Path | None = None) -> tuple[list[bytes], int]:
    """Render each document to PDF: from the cache where it is, the rest in one process per core.
    Return the PDFs, and how many of them were drawn (not taken from the cache)."""
    files = site.checksum()
    return engine.run(
        documents,
        [_key(document, files) for document in documents],
        _draw,
        kept=lambda key: _cached(cache_dir, key),
        keep=lambda key, pdf: _keep(cache_dir, key, pdf) if cache_dir else None,
        prepare=_serve,
        prepared_with=(site,),
    )


def _key(document: Document, files: str) -> str:
    parts = [files, document.address, document.paper, str(document.epoch), str(document.one_sheet), document.html]
    parts += document.stylesheets
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _cached(cache_dir: Path | None, key: str) -> bytes | None:
    kept = cache_dir / "pdf" / f"{key}.pdf" if cache_dir else None
    return kept.read_bytes() if kept and kept.is_file() else None


def _keep(cache_dir: Path, key: str, pdf: bytes) -> None:
    engine.keep_file(cache_dir / "pdf" / f"{key}.pdf", pdf)


#: The site's files, as this process serves them to the renderer.
_site: SiteFiles | None = None


def _serve(site: SiteFiles) -> None:
    global _site
    _site = site
    _fonts.cache_clear()
    _stylesheet.cache_clear()


@cache
def _fonts() -> FontConfiguration:
    """The fonts the site's stylesheets declare, as this process has read them (and no machine's own)."""
    with theme.vendored_fonts_only():
        return FontConfiguration()


@cache
def _stylesheet(address: str) -> CSS:
    """The site's stylesheet at ``address``, read once by this process."""
    return CSS(url=address, url_fetcher=_Fetcher(fail_on_errors=True), font_config=_fonts())


class _Problems(logging.Handler):
    """Collects what the renderer reports as errors (it logs some failures instead of raising them)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _Fetcher(URLFetcher):
    """Answers the renderer's requests from the site's files, and stops it at any other address."""

    def fetch(self, url, headers=None):
        kind = mimetypes.guess_type(PurePosixPath(url.split("?")[0]).name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, _site.read(url), {"Content-Type": kind})


def _draw(document: Document) -> bytes:
    """Render one document; raise with the renderer's own messages when it reports an error."""
    problems = _Problems()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(problems)
    clock = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(document.epoch)
    try:
        pdf = _fitted(document)
    except FatalURLFetchingError as error:  # not an Exception: say which address, and why
        raise RuntimeError(f"rendering {document.address} as PDF: {error}: {error.__cause__}") from None
    finally:
        logger.removeHandler(problems)
        if clock is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = clock
    if problems.messages:
        raise RuntimeError(f"rendering {document.address} as PDF: " + "; ".join(problems.messages))
    return pdf


def _fitted(document: Document) -> bytes:
    """The document as PDF: at its size, or, if it must fit one sheet and does not, at the first of
    ``SCALES`` at which it does (laid out on a sheet that much larger, then printed smaller), else at the last."""
    width, height = PAPERS[document.paper]
    options = {
        "pdf_identifier": hashlib.sha256(document.address.encode()).hexdigest()[:32].encode(),
        "pdf_tags": True,
    }
    for scale in (1, *SCALES) if document.one_sheet else (1,):
        sheet = f"{width / scale:.2f}mm {height / scale:.2f}mm"
        page = CSS(string=f"@page {{ size: {sheet} !important; margin: {MARGIN / scale:.2f}mm !important }}")
        laid_out = HTML(
            string=document.html, base_url=document.address, url_fetcher=_Fetcher(fail_on_errors=True)
        ).render(stylesheets=[*map(_stylesheet, document.stylesheets), page], font_config=_fonts(), **options)
        if len(laid_out.pages) == 1:
            break
    return laid_out.write_pdf(zoom=scale, **options)
