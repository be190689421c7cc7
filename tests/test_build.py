"""Builds replace output/ whole: nothing removed from the data lingers, and an unchanged build is not redone."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, write_tiny_data
from disclosures.build import build
from disclosures.records.extraction import extract_all
from sheriff_log import description, write_csv


def build_into(output: Path, data: Path, raw: Path, cache: Path | None = None) -> str:
    """Build the site from ``data`` with the project's settings; return what the build said."""
    settings = {"DISCLOSURES_DATA": str(data), "DISCLOSURES_RAW": [str(raw)], "HEADLINE_FIGURES": ["lapd-all"]}
    return build(ROOT / "pelicanconf.py", output, DISCLOSURES_CACHE=str(cache) if cache else None, **settings)


def test_a_removed_disclosure_leaves_nothing_behind(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    data = write_tiny_data(tmp_path / "data")
    (data / "disclosures").mkdir()
    log = write_csv(raw)
    (data / "disclosures" / "synthetic-log.yaml").write_text(
        description(log, "{format: csv, header_row: 3}"), encoding="utf-8"
    )
    extract_all(data, [raw])
    output = tmp_path / "output"
    build_into(output, data, raw)
    assert (output / "data" / "records-synthetic-log.csv").is_file()

    # The disclosure is withdrawn: its description and extraction are removed, and the site rebuilt
    (data / "disclosures" / "synthetic-log.yaml").unlink()
    shutil.rmtree(data / "records")
    said = build_into(output, data, raw)
    assert said.startswith(f"Built {output}") and "0 clean records from 0 record-level disclosures" in said
    left = [
        path
        for path in output.rglob("*")
        if path.is_file() and "synthetic-log" in path.read_bytes().decode("utf-8", "replace")
    ]
    assert left == []
    assert not (output / "data" / "records-synthetic-log.csv").exists()
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".output-")] == []


def test_an_unchanged_build_is_not_redone_and_a_change_is_built(tmp_path):
    data, raw, cache, output = (
        write_tiny_data(tmp_path / "data"),
        tmp_path / "raw",
        tmp_path / "cache",
        tmp_path / "out",
    )
    raw.mkdir()
    assert build_into(output, data, raw, cache).startswith(f"Built {output}")
    page = (output / "agencies" / "lapd" / "index.html").read_bytes()
    assert build_into(output, data, raw, cache) == (
        f"{output} is up to date: nothing it is built from has changed since the last build."
    )
    # A change to the data is built
    figures = data / "disclosed" / "figures.csv"
    figures.write_text(figures.read_text(encoding="utf-8").replace("29817", "29818"), encoding="utf-8")
    assert build_into(output, data, raw, cache).startswith(f"Built {output}")
    assert b"29,818" in (output / "agencies" / "lapd" / "index.html").read_bytes()
    # So is a site someone changed by hand since
    (output / "agencies" / "lapd" / "index.html").write_bytes(page)
    assert build_into(output, data, raw, cache).startswith(f"Built {output}")
    assert b"29,818" in (output / "agencies" / "lapd" / "index.html").read_bytes()
