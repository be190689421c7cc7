"""Builds replace output/ whole: nothing removed from the data lingers, and an unchanged build is not redone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, ROOT, write_tiny_data
from disclosures.__main__ import main
from disclosures.build import BuildFailed, build
from disclosures.records.extraction import extract_all
from sheriff_log import description, write_csv


def build_into(output: Path, data: Path, raw: Path, cache: Path | None = None) -> str:
    """Build the site from ``data`` with the project's settings; return what the build said."""
    settings = {"DISCLOSURES_DATA": str(data), "DISCLOSURES_RAW": [str(raw)]}
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
    assert ": 1 agency pages, 1 one-page briefs (PDF), 1 system pages," in said
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
    changed = figures.read_text(encoding="utf-8").replace("29817", "29818").replace("29,817", "29,818")
    figures.write_text(changed, encoding="utf-8")
    assert build_into(output, data, raw, cache).startswith(f"Built {output}")
    assert b"29,818" in (output / "agencies" / "lapd" / "index.html").read_bytes()
    # So is a site someone changed by hand since
    (output / "agencies" / "lapd" / "index.html").write_bytes(page)
    assert build_into(output, data, raw, cache).startswith(f"Built {output}")
    assert b"29,818" in (output / "agencies" / "lapd" / "index.html").read_bytes()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by relative path, with its bytes."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_a_failed_build_says_why_and_leaves_the_last_good_site_byte_identical(tmp_path, settings, capsys):
    data, output = shutil.copytree(DATA, tmp_path / "data"), tmp_path / "output"
    command = ["build", "-s", settings, "-o", str(output), "--data", str(data)]
    command += ["--raw", str(tmp_path / "no-raw"), "--cache", str(tmp_path / "cache")]
    assert main(command) == 0
    before = snapshot(output)
    # The first headline figure is withdrawn from the data, but headlines.csv still names it
    figures = data / "disclosed" / "figures.csv"
    lines = figures.read_text(encoding="utf-8").splitlines(keepends=True)
    figures.write_text("".join(line for line in lines if not line.startswith("lapd-lacris-searches-2009-2020,")))
    assert main(command) == 1
    said = capsys.readouterr().err
    assert f"{data}/reference/headlines.csv, row 2, column 'figure', value 'lapd-lacris-searches-2009-2020'" in said
    assert said.endswith(f"The build stopped; {output}/ still holds the last good site.\n")
    assert snapshot(output) == before
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".output-")] == []


def test_a_build_that_fails_while_writing_leaves_the_last_good_site(tmp_path):
    data, raw, output = write_tiny_data(tmp_path / "data"), tmp_path / "raw", tmp_path / "output"
    raw.mkdir()
    build_into(output, data, raw)
    before = snapshot(output)
    theme = shutil.copytree(ROOT / "theme", tmp_path / "theme")
    agency = theme / "templates" / "agency.html"
    agency.write_text(agency.read_text(encoding="utf-8").replace("{% endblock %}", "{% endfor %}", 1), encoding="utf-8")
    with pytest.raises(BuildFailed, match="TemplateSyntaxError"):
        build(ROOT / "pelicanconf.py", output, DISCLOSURES_DATA=str(data), DISCLOSURES_RAW=[str(raw)], THEME=str(theme))
    assert snapshot(output) == before
