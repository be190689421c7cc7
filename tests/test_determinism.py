"""Same inputs, byte-identical site: in another process, time zone, locale and folder."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import RENDERS, ROOT

BRIEF = Path("agencies/lapd/brief/lapd-brief.pdf")
#: A chart of each kind: totals, trend, counts from records, and the comparison
CHARTS = ["lapd-searches", "lapd-trend-lacris", "met-police-records-alerts", "comparison-per-month"]


def test_a_build_elsewhere_is_byte_identical(site, tmp_path):
    elsewhere = tmp_path / "another folder" / "out"
    # Elsewhere one brief (LAPD's) and a chart of each kind are drawn afresh; the others come from the run's cache
    lapd = (site / BRIEF).read_bytes()
    shutil.copytree(
        RENDERS[0] / "pdf",
        tmp_path / "cache" / "pdf",
        ignore=lambda folder, names: [name for name in names if (Path(folder) / name).read_bytes() == lapd],
    )
    images = {(site / "charts" / chart / f"{chart}.png").read_bytes() for chart in CHARTS}
    shutil.copytree(
        RENDERS[0] / "charts",
        tmp_path / "cache" / "charts",
        ignore=lambda folder, names: [
            name
            for name in names
            if (Path(folder) / name / "chart.png").is_file()
            and (Path(folder) / name / "chart.png").read_bytes() in images
        ],
    )
    environment = {**os.environ, "TZ": "America/Los_Angeles", "LC_ALL": "C.UTF-8", "LANG": "de_DE.UTF-8"}
    environment["PYTHONPATH"] = str(ROOT / "scripts")
    command = [sys.executable, "-m", "disclosures", "build", "-o", str(elsewhere), "--cache", str(tmp_path / "cache")]
    built = subprocess.run(command, cwd=ROOT, env=environment, check=True, capture_output=True, text=True)
    said = built.stdout + built.stderr
    assert re.search(rf"Rendered {len(CHARTS)} of \d+ charts in ", said), said
    assert re.search(r"Rendered 1 of \d+ briefs", said), said
    first = {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    second = {path.relative_to(elsewhere): path.read_bytes() for path in elsewhere.rglob("*") if path.is_file()}
    assert sorted(first) == sorted(second)
    assert BRIEF in first
    assert [name for name in first if first[name] != second[name]] == []


def test_the_languages_indexes_are_put_together_as_one_and_a_file_they_disagree_on_stops_the_build():
    from disclosures.site.search import LANG, _together

    def entry(languages: dict) -> bytes:
        return json.dumps({"version": "1.5.2", "languages": languages, "include_characters": ["_"]}).encode()

    spanish = {"pagefind-entry.json": entry({"es": {"hash": "es_1"}}), "pagefind.js": b"js", "es.pf_meta": b"1"}
    english = {"pagefind-entry.json": entry({"en": {"hash": "en_2"}}), "pagefind.js": b"js", "en.pf_meta": b"2"}
    together = _together([spanish, english])
    assert together["pagefind-entry.json"] == (
        b'{"version":"1.5.2","languages":{"en":{"hash":"en_2"},"es":{"hash":"es_1"}},"include_characters":["_"]}'
    )
    assert {path: together[path] for path in together if path != "pagefind-entry.json"} == {
        "en.pf_meta": b"2",
        "es.pf_meta": b"1",
        "pagefind.js": b"js",
    }
    with pytest.raises(RuntimeError, match=r"different files at pagefind\.js"):
        _together([spanish, {**english, "pagefind.js": b"other"}])
    pages = ('<html lang="es">', "<html lang=en>", "<html class=x lang='fr'>")
    assert [found.group(1) for html in pages if (found := LANG.search(html))] == ["es", "en", "fr"]


def test_the_search_index_is_the_same_whatever_order_the_file_system_lists_pages_in(tmp_path):
    from disclosures.site.search import index_site

    pages = {f"agencies/a{n}/index.html": f"<main data-pagefind-body><h1>Agency {n}</h1></main>" for n in range(30)}
    # tmpfs lists a folder's files newest first, ext4 in the order of a hash of their names
    folders = [Path(tempfile.mkdtemp(dir="/dev/shm")) for _ in range(2)] + [tmp_path / "on disk"]
    try:
        for folder, order in zip(folders, [sorted, lambda names: sorted(names, reverse=True), sorted], strict=True):
            for name in order(pages):
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_text(f"<!doctype html><html lang=en><title>t</title>{pages[name]}</html>")
            index_site(folder)
        first, *others = [
            {path.relative_to(folder): path.read_bytes() for path in (folder / "pagefind").rglob("*") if path.is_file()}
            for folder in folders
        ]
        assert len(first) > 10 and others == [first, first]
    finally:
        for folder in folders[:2]:
            shutil.rmtree(folder)
