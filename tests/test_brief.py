"""The one-page brief per agency, read back from the real build: its page, its PDF, the link from
the agency page, and the page printed by Chromium on A4 and US Letter."""

from __future__ import annotations

import ctypes
import io
import math
import shutil
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, write_tiny_data
from disclosures import pdf
from disclosures.build import BuildFailed, build
from disclosures.charts import theme

#: PDF page sizes in points.
LETTER, A4 = (612, 792), (595, 842)


def text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def pages(document: bytes | Path) -> list[dict]:
    """Each page of a PDF: its size in points, its text, and the fonts its text is drawn in."""
    found = []
    for page in pdfium.PdfDocument(document):
        words = page.get_textpage()
        name, flags = ctypes.create_string_buffer(128), ctypes.c_int()
        fonts = set()
        for index in range(words.count_chars()):
            pdfium_raw.FPDFText_GetFontInfo(words, index, name, len(name), ctypes.byref(flags))
            fonts.add(name.value.decode().split("+")[-1])
        found.append(
            {"size": tuple(round(side) for side in page.get_size()), "text": words.get_text_range(), "fonts": fonts}
        )
    return found


@pytest.mark.parametrize(
    ("agency", "paper"), [("lapd", LETTER), ("met-police", A4), ("hennepin-outside-agencies", LETTER)]
)
def test_a_brief_pdf_is_one_page_on_its_countrys_paper_in_the_vendored_font(site, agency, paper):
    (page,) = pages(site / "agencies" / agency / "brief" / f"{agency}-brief.pdf")
    assert page["size"] == paper
    assert page["fonts"] == {"Atkinson-Hyperlegible", "Atkinson-Hyperlegible-Bold"}


@pytest.fixture(scope="module")
def tiny_brief(tiny_site) -> Path:
    """LAPD's brief from the tiny data: 29,817 uses, within them 3,750 instances, and the ban."""
    return tiny_site / "agencies" / "lapd" / "brief"


def test_the_lapd_brief_pdf_states_its_figures_and_sources(tiny_brief):
    (page,) = pages(tiny_brief / "lapd-brief.pdf")
    words = " ".join(page["text"].split())
    assert "29,817 uses LACRIS from 6 November 2009 to 11 September 2020 Los Angeles Times, 2020-09-22" in words
    assert "Data as of 2026-11-27. This brief: /agencies/lapd/brief/." in words
    assert "download it as a PDF" not in words  # the page's link to its own PDF is not printed
    metadata = pdfium.PdfDocument(tiny_brief / "lapd-brief.pdf").get_metadata_dict()
    assert metadata["Title"] == "Los Angeles Police Department: one-page brief | Face Search Watch"
    assert (metadata["CreationDate"], metadata["ModDate"]) == ("", "")


def test_every_brief_pdf_is_one_page(site):
    briefs = sorted(site.glob("agencies/*/brief/*-brief.pdf"))
    assert len(briefs) == len(list(site.glob("agencies/*/index.html")))
    assert {brief.name: len(pdfium.PdfDocument(brief)) for brief in briefs} == {brief.name: 1 for brief in briefs}


def test_the_lapd_brief_page_shows_the_latest_figure_the_others_events_and_gaps_with_sources(tiny_brief):
    brief = BeautifulSoup((tiny_brief / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert text(brief.h1) == "Los Angeles Police Department"
    latest = brief.find("section", class_="brief-headline")
    # The latest figure is the one the agency page leads with, and the count that holds it is said
    assert text(latest.find("a", class_="brief-number")) == "3,750"
    assert latest.find("a", class_="brief-number")["href"] == "../../../agencies/lapd/#figure-lapd-2020"
    assert "Within a longer count: 29,817 uses, from 6 November 2009 to 11 September 2020" in text(latest)
    rows = [[text(cell) for cell in row.find_all(["th", "td"])] for row in brief.find("table").tbody.find_all("tr")]
    assert rows == [
        ["29,817 uses", "LACRIS", "from 6 November 2009 to 11 September 2020", "Los Angeles Times, 2020-09-22"],
        ["3,750 instances", "LACRIS", "from February 2020 to 11 September 2020", "Los Angeles Times, 2020-09-22"],
    ]
    events = brief.find("section", class_="brief-events").find_all("li")
    assert [text(event.time) for event in events] == ["13 November 2020"]
    assert text(events[-1].small) == "(source: Los Angeles Times )"
    gaps = text(brief.find("section", class_="brief-gaps"))
    assert "2021\u20132025 not disclosed" in gaps
    footer = text(brief.find("footer", class_="brief-footer"))
    assert footer.startswith("Data as of 2026-11-27 . This brief: /agencies/lapd/brief/ .")
    assert brief.find("footer", class_="brief-footer").find("a", rel="license")["href"] == (
        "https://creativecommons.org/licenses/by/4.0/"
    )


def test_a_brief_with_a_trend_shows_its_chart_and_steps(site):
    trend = soup(site, "agencies/hennepin-outside-agencies/brief").find("section", class_="brief-trend")
    assert trend.find("div", class_="chart-image").svg is not None
    steps = [text(step) for step in trend.find("ol", class_="trend-steps").find_all("li")]
    assert steps[1] == "308 requests in 2019: up from 18 in 2015, 17.1 times as many. Source: Star Tribune"


def figure_links(section) -> set[str]:
    """The figures a brief's section links to, by id."""
    links = section.find_all("a", href=True) if section else []
    return {link["href"].split("#figure-")[1] for link in links if "#figure-" in link["href"]}


def test_every_brief_lists_at_most_four_other_figures_none_that_its_trend_or_outcomes_give(site):
    briefs = list(site.glob("agencies/*/brief/index.html"))
    assert briefs
    for path in briefs:
        brief = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        section = brief.find("section", class_="brief-figures")
        if section is None:
            continue
        listed = figure_links(section.find("tbody"))
        given = figure_links(brief.find("section", class_="brief-trend"))
        given |= figure_links(brief.find("section", class_="brief-outcomes"))
        assert 0 < len(listed) <= 4, path
        assert not listed & given, path
        # The rest are on the agency's page, and the brief says so only when there are more
        if section.find("p", class_="brief-more"):
            assert len(listed) == 4, path


@pytest.mark.parametrize("agency", ["lapd", "met-police"])
def test_the_agency_page_and_the_brief_link_the_pdf_with_its_size(site, agency):
    size = math.ceil((site / "agencies" / agency / "brief" / f"{agency}-brief.pdf").stat().st_size / 1024)
    link = soup(site, f"agencies/{agency}").find("p", class_="brief-link")
    assert text(link) == f"One-page brief: web page , PDF ({size} KB)"
    assert [anchor["href"] for anchor in link.find_all("a")] == [
        f"../../agencies/{agency}/brief/",
        f"../../agencies/{agency}/brief/{agency}-brief.pdf",
    ]
    download = soup(site, f"agencies/{agency}/brief").find("p", class_="brief-links").a
    assert (download["href"], text(download)) == (f"{agency}-brief.pdf", f"PDF ({size} KB)")


@pytest.mark.parametrize("agency", ["lapd", "met-police"])
def test_chromium_prints_the_brief_page_on_one_a4_and_one_letter_page(page, base_url, agency):
    page.goto(f"{base_url}agencies/{agency}/brief/", wait_until="networkidle")
    printed = {paper: pages(page.pdf(format=paper)) for paper in ("A4", "Letter")}
    assert {paper: len(sheets) for paper, sheets in printed.items()} == {"A4": 1, "Letter": 1}
    words = " ".join(printed["Letter"][0]["text"].split())
    assert words.startswith("FACE SEARCH WATCH: ONE-PAGE BRIEF")  # no site navigation, search or skip link
    data_date = BeautifulSoup(page.content(), "html.parser").find("footer", class_="brief-footer").time.get_text()
    assert f"Data as of {data_date}" in words


# The renderer alone, on a page of its own


SITE = "https://briefs.example.org"


def files(tmp_path: Path) -> pdf.SiteFiles:
    (tmp_path / "theme" / "css").mkdir(parents=True)
    (tmp_path / "theme" / "css" / "site.css").write_text("body { font-family: 'Atkinson Hyperlegible' }")
    return pdf.SiteFiles(SITE, {"theme/": tmp_path / "theme"}, {"charts/colours.css": theme.colour_css().encode()})


def document(body: str, one_sheet: bool = False) -> pdf.Document:
    head = f'<link rel="stylesheet" href="{SITE}/theme/css/site.css"><title>A test</title>'
    html = f"<!doctype html><html lang='en'>{head}<p>{body}</p></html>"
    return pdf.Document(html, f"{SITE}/test/", "A4", 0, one_sheet)


def test_a_page_that_must_fit_one_sheet_is_printed_smaller_until_it_does_but_no_smaller_than_its_limit(tmp_path):
    site, printed = files(tmp_path), {}
    for lines, one_sheet in ((30, False), (30, True), (32, True), (40, True)):
        (drawn,), _ = pdf.render_all([document("</p><p>".join(["A line of text"] * lines), one_sheet)], site)
        with pdfplumber.open(io.BytesIO(drawn)) as sheets:
            sizes = {(round(sheet.width), round(sheet.height)) for sheet in sheets.pages}
            printed[lines, one_sheet] = len(sheets.pages), sizes, round(sheets.pages[0].chars[0]["size"], 2)
    assert printed == {  # 12 pt text, at most 12.5% smaller
        (30, False): (2, {A4}, 12.0),
        (30, True): (1, {A4}, 11.4),
        (32, True): (1, {A4}, 10.5),
        (40, True): (2, {A4}, 10.5),
    }


def test_an_unchanged_page_comes_from_the_cache_and_a_changed_one_is_rendered(tmp_path, monkeypatch):
    site = files(tmp_path)
    (first,), drawn = pdf.render_all([document("29,817 uses")], site, tmp_path / "cache")
    assert drawn == 1
    assert "29,817 uses" in pages(first)[0]["text"]
    monkeypatch.setattr(pdf, "_draw", lambda document: b"rendered again")
    assert pdf.render_all([document("29,817 uses")], site, tmp_path / "cache") == ([first], 0)
    assert pdf.render_all([document("3,750 instances")], site, tmp_path / "cache") == ([b"rendered again"], 1)


def test_the_same_page_gives_the_same_pdf_a_minute_later_whichever_library_subsets_its_fonts(tmp_path, monkeypatch):
    import time

    import weasyprint.pdf.fonts

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)  # fontTools subsets, and dates what it saves
    site = files(tmp_path)
    (first,), _ = pdf.render_all([document("29,817 uses")], site)
    later = time.time() + 60
    monkeypatch.setattr(time, "time", lambda: later)
    (second,), _ = pdf.render_all([document("29,817 uses")], site)
    assert second == first


def test_the_renderer_reads_nothing_from_another_host(tmp_path):
    outside = document('<img src="https://tracker.example.com/pixel.png" alt="">')
    with pytest.raises(RuntimeError) as raised:
        pdf.render_all([outside], files(tmp_path))
    assert str(raised.value).startswith("rendering https://briefs.example.org/test/ as PDF: ")
    assert "https://tracker.example.com/pixel.png is not one of the site's files" in str(raised.value)


@pytest.mark.slow
def test_a_brief_that_would_read_another_host_stops_the_build_and_leaves_the_last_good_site(tmp_path):
    data, output = write_tiny_data(tmp_path / "data"), tmp_path / "output"
    settings = {"DISCLOSURES_DATA": str(data), "DISCLOSURES_RAW": [], "DISCLOSURES_CACHE": None}
    build(ROOT / "pelicanconf.py", output, **settings)
    before = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    assert output / "agencies" / "lapd" / "brief" / "lapd-brief.pdf" in before
    themed = shutil.copytree(ROOT / "theme", tmp_path / "theme")
    brief = themed / "templates" / "brief.html"
    stylesheet = '<link rel="stylesheet" href="https://cdn.example.com/brief.css">'
    brief.write_text(brief.read_text(encoding="utf-8").replace("<article", stylesheet + "<article"), encoding="utf-8")
    with pytest.raises(BuildFailed) as raised:
        build(ROOT / "pelicanconf.py", output, THEME=str(themed), **settings)
    assert str(raised.value) == (
        "RuntimeError: rendering http://localhost:8000/agencies/lapd/brief/ as PDF: "
        'Error fetching "https://cdn.example.com/brief.css": https://cdn.example.com/brief.css is not one of the'
        " site's files"
    )
    assert {path: path.read_bytes() for path in output.rglob("*") if path.is_file()} == before


@pytest.mark.slow
def test_a_brief_shortens_long_text_at_a_word_and_stays_on_one_page(tmp_path):
    from conftest import build_site, replace_in

    data = write_tiny_data(tmp_path / "data")
    title = "LAPD bars third-party services " + "and says so at length " * 12  # 295 characters, the limit is 300
    replace_in(data, "reference/events.csv", "LAPD bars third-party services", title.strip())
    site = build_site(tmp_path / "output", data)
    brief = " ".join((site / "agencies" / "lapd" / "brief" / "index.html").read_text(encoding="utf-8").split())
    shown = brief[brief.index("LAPD bars third-party services") :].split(" (source:")[0].split("<small>")[0].strip()
    assert len(shown) <= 120 and shown.endswith("...") and title.startswith(shown.removesuffix("..."))
    assert title.strip() in (site / "agencies" / "lapd" / "index.html").read_text(encoding="utf-8")  # whole there
    assert len(pages(site / "agencies" / "lapd" / "brief" / "lapd-brief.pdf")) == 1


def test_a_page_asking_for_a_font_the_site_does_not_vendor_is_printed_in_the_vendored_one(tmp_path):
    site = files(tmp_path)
    (tmp_path / "theme" / "css" / "site.css").write_text("body { font-family: serif } code { font-family: monospace }")
    (drawn,), _ = pdf.render_all([document("A serif line, and <code>a monospace one</code>")], site)
    with pdfplumber.open(io.BytesIO(drawn)) as sheets:
        fonts = {char["fontname"].split("+")[-1] for char in sheets.pages[0].chars}
    assert fonts == {"Atkinson-Hyperlegible"}
