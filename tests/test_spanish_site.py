"""The Spanish site, built with the English one from the same data: every page in both, each linking to the
other; no English interface text on a Spanish page; the same numbers in Spanish form, quotes in English and
marked so."""

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
from babel.messages.pofile import read_po
from playwright.sync_api import expect

from disclosures.i18n import LOCALE_DIR
from gates import load

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


class _Text(HTMLParser):
    """A page's visible text, leaving out what is marked as English (``lang="en"``), scripts and drawings."""

    VOID = frozenset(
        {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}
    )

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        hides = dict(attrs).get("lang", "").startswith("en") or tag in ("script", "style", "svg", "code", "title")
        self.open.append((tag, hides))
        self.hidden += hides

    def handle_endtag(self, tag):
        while self.open:
            name, hides = self.open.pop()
            self.hidden -= hides
            if name == tag:
                break

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def spanish_text(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def english_phrases() -> set[str]:
    """Runs of five words or more from every message the Spanish catalogue translates otherwise, whole words
    between its placeholders and marks: none of them may be left on a Spanish page."""
    with open(LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.po", "rb") as po:
        messages = [message for message in read_po(po, locale="es") if message.id]
    phrases = set()
    for message in messages:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            if text in strings:
                continue
            for run in re.split(r"\{\w*\}|%\(\w+\)s|<[^>]+>|[.;:()]", text):
                words = [word for word in run.split() if not word.startswith("'")]
                if len(words) >= 5:
                    phrases.add(" ".join(words))
    return phrases


def test_every_page_is_in_spanish_too_and_each_links_to_the_other(site):
    english = [page for page in site.rglob("index.html") if page.relative_to(site).parts[0] not in ("es", "pagefind")]
    assert len(english) > 20
    for page in english:
        address = page.parent.relative_to(site).as_posix().strip(".") + "/"
        address = "" if address == "/" else address
        twin = site / "es" / address / "index.html"
        assert twin.is_file(), f"no Spanish page for /{address}"
        html, spanish = page.read_text(encoding="utf-8"), twin.read_text(encoding="utf-8")
        assert '<html lang="en">' in html and '<html lang="es">' in spanish, address
        depth = address.count("/")
        root, root_es = "/".join([".."] * depth) or ".", "/".join([".."] * (depth + 1))
        assert f'<link rel="alternate" hreflang="es" href="{root}/es/{address}">' in html, address
        assert f'<link rel="alternate" hreflang="en" href="{root_es}/{address}">' in spanish, address
        if not address.startswith("embed/"):  # a frame in another site's story shows the chart alone
            assert f'<a href="{root_es}/{address}" hreflang="en" lang="en">English</a>' in spanish, address


def test_every_hand_written_page_has_its_spanish_translation_or_says_why_not():
    written = [page for page in CONTENT.rglob("*.md") if "es" not in page.relative_to(CONTENT).parts]
    assert written
    for page in written:
        translation = page.parent / "es" / page.name
        text = page.read_text(encoding="utf-8")
        slug = re.search(r"^Slug: (.+)$", text, re.M)
        if re.search(r"^Untranslated: \S.{9,}$", text, re.M):  # why there is none, in ten characters or more
            assert not translation.is_file(), f"{page.relative_to(ROOT)} says it is untranslated, but is"
            continue
        assert translation.is_file(), (
            f"{page.relative_to(ROOT)} has no Spanish translation in {translation.parent}, nor says why"
            " (Untranslated: <reason>)"
        )
        text = translation.read_text(encoding="utf-8")
        assert "\nLang: es\n" in text and slug and f"\nSlug: {slug[1]}\n" in text, translation


def test_no_english_interface_text_is_left_on_a_spanish_page(site):
    phrases = english_phrases()
    assert len(phrases) > 50
    found = {}
    for page in (site / "es").rglob("index.html"):
        text = spanish_text(page)
        for phrase in phrases:
            if phrase in text:
                found.setdefault(phrase, page.relative_to(site).as_posix())
    assert found == {}


def test_lapd_in_spanish_gives_the_same_numbers_in_spanish_form_and_its_quotes_in_english(site):
    page = (site / "es" / "agencies" / "lapd" / "index.html").read_text(encoding="utf-8")
    english = (site / "agencies" / "lapd" / "index.html").read_text(encoding="utf-8")
    assert "29,817 uses" in english and "29.817 usos" in page
    assert "de 6 de noviembre de 2009 a 11 de septiembre de 2020" in page
    quotes = re.findall(r"<blockquote[^>]*><p>“<span lang=\"en\">([^<]*)</span>”</p></blockquote>", page)
    assert any("29,817" in quote for quote in quotes)
    # the chart's data: the same values, said in Spanish
    chart = site / "charts" / "lapd-searches" / "lapd-searches.csv"
    chart_es = site / "es" / "charts" / "lapd-searches" / "lapd-searches.csv"
    rows, rows_es = (list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))) for path in (chart, chart_es))
    assert [row["value"] for row in rows] == [row["value"] for row in rows_es]
    assert any("usos" in " ".join(row.values()) for row in rows_es)
    # the chart's image and the brief, in Spanish: title to credit
    image = (site / "es" / "charts" / "lapd-searches" / "lapd-searches.svg").read_text(encoding="utf-8")
    assert "búsquedas a lo largo del tiempo" in image and "Gráfico: Face Search Watch" in image
    assert "Chart: " not in image and "over time" not in image
    assert (site / "es" / "charts" / "lapd-searches" / "lapd-searches.png").read_bytes() != (
        site / "charts" / "lapd-searches" / "lapd-searches.png"
    ).read_bytes()
    brief = site / "es" / "agencies" / "lapd" / "brief" / "lapd-brief.pdf"
    with pdfplumber.open(brief) as pdf:
        assert len(pdf.pages) == 1
        text = pdf.pages[0].extract_text()
    assert "29.817 usos" in text and "ficha" in text


def test_what_the_scripts_say_on_a_spanish_page_is_in_spanish(page, base_url):
    assert load(page, base_url + "es/agencies/") == {"foreign_requests": [], "console_errors": []}
    total = page.locator("#agency-list tbody tr").count()
    assert page.locator("#agency-count").inner_text() == f"Se muestran {total} de {total} agencias"
    page.select_option("#filter-region", "Ohio")
    shown = page.locator("#agency-list tbody tr:not([hidden])").count()
    assert 0 < shown < total
    assert page.locator("#agency-count").inner_text() == f"Se muestran {shown} de {total} agencias"
    load(page, base_url + "es/charts/lapd-searches/")
    page.click("button[data-copy=embed-code]")
    expect(page.locator("button[data-copy=embed-code] ~ .copy-status")).to_have_text(
        re.compile(r"^(Copiado\.|Seleccionado: pulse Ctrl\+C o ⌘C para copiar\.)$")
    )


def test_places_are_named_in_spanish_and_the_maps_links_filter_the_list_by_those_names(page, base_url):
    assert load(page, base_url + "es/agencies/") == {"foreign_requests": [], "console_errors": []}
    countries = page.eval_on_selector_all("#filter-country option", "options => options.map(o => o.textContent)")
    assert {"Estados Unidos", "Reino Unido"} <= set(countries) and "United States" not in countries
    page.click("#map-us [aria-label^='Nueva York:']")
    page.wait_for_url(base_url + "es/agencies/?region=Nueva+York#agency-list")
    assert page.eval_on_selector("#filter-region", "select => select.value") == "Nueva York"
    shown = page.locator("#agency-list tbody tr:not([hidden])")
    assert shown.count() > 0
    assert set(shown.evaluate_all("rows => rows.map(row => row.dataset.region)")) == {"Nueva York"}
