"""Builds replace output/ whole: nothing removed from the data lingers, and an unchanged build is not redone."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import RENDERS, ROOT, replace_in, write_tiny_data
from disclosures.__main__ import main
from disclosures.build import BuildFailed, _exchange, build
from disclosures.records.extraction import extract_all
from sheriff_log import description, write_csv

pytestmark = pytest.mark.slow  # every test here builds a site or drives a browser


def build_into(output: Path, data: Path, raw: Path, cache: Path | None = None) -> str:
    """Build the site from ``data`` with the project's settings (and the run's render cache, unless
    ``cache`` is given); return what the build said."""
    settings = {"DISCLOSURES_DATA": str(data), "DISCLOSURES_RAW": [str(raw)]}
    return build(ROOT / "pelicanconf.py", output, DISCLOSURES_CACHE=str(cache or RENDERS[0]), **settings)


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
    data, output = write_tiny_data(tmp_path / "data"), tmp_path / "output"
    command = ["build", "-s", settings, "-o", str(output), "--data", str(data)]
    command += ["--raw", str(tmp_path / "no-raw"), "--cache", str(RENDERS[0])]
    assert main(command) == 0
    before = snapshot(output)
    # The headline figure is withdrawn from the data, but headlines.csv still names it
    figures = data / "disclosed" / "figures.csv"
    lines = figures.read_text(encoding="utf-8").splitlines(keepends=True)
    figures.write_text("".join(line for line in lines if not line.startswith("lapd-all,")))
    assert main(command) == 1
    said = capsys.readouterr().err
    assert f"{data}/reference/headlines.csv, row 2, column 'figure', value 'lapd-all'" in said
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


@pytest.mark.parametrize("where", ["/proc/output", "a file/output"])
def test_a_place_the_build_cannot_write_is_said_without_a_traceback(tmp_path, capsys, where):
    (tmp_path / "a file").write_text("", encoding="utf-8")
    output = tmp_path / where
    data = write_tiny_data(tmp_path / "data")
    command = ["build", "-o", str(output), "--data", str(data), "--raw", str(tmp_path), "--cache", str(RENDERS[0])]
    assert main(command) == 1
    said = capsys.readouterr().err
    reason = f"the site cannot be built beside {output}: " if where.startswith("/") else f"the folder for {output}"
    assert said.startswith(f"The build failed: {reason}") and "Traceback" not in said


def test_the_new_site_takes_the_old_ones_place_in_one_step(tmp_path, monkeypatch):
    new, output = tmp_path / ".output-building-1-x", tmp_path / "output"
    for folder, text in ((new, "new"), (output, "old")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    monkeypatch.setattr(Path, "rename", lambda *_: pytest.fail("two renames leave a moment with no output/"))
    _exchange(new, output)
    assert [(folder / "index.html").read_text(encoding="utf-8") for folder in (output, new)] == ["new", "old"]


def test_a_swap_the_system_refuses_is_a_failed_build_and_leaves_output_as_it_was(tmp_path, monkeypatch):
    data, raw, output = write_tiny_data(tmp_path / "data"), tmp_path / "raw", tmp_path / "output"
    raw.mkdir()
    build_into(output, data, raw)
    before = (output / "agencies" / "lapd" / "index.html").read_bytes()

    def refused(first, second):
        raise OSError(16, "Device or resource busy", str(second))

    monkeypatch.setattr("disclosures.build._exchange", refused)
    replace_in(data, "reference/events.csv", "LAPD bars third-party services", "LAPD bars outside services")
    with pytest.raises(BuildFailed, match=f"^the new site could not take the place of {output}: Device or resource"):
        build_into(output, data, raw)
    assert (output / "agencies" / "lapd" / "index.html").read_bytes() == before
    assert not list(tmp_path.glob(".output-building-*"))


def test_an_old_site_that_cannot_be_removed_is_said_and_removed_by_the_next_build(tmp_path, monkeypatch):
    data, raw, output = write_tiny_data(tmp_path / "data"), tmp_path / "raw", tmp_path / "output"
    raw.mkdir()
    killed = tmp_path / ".output-building-999999999-killed"  # a build killed mid-way: no such process runs
    running = tmp_path / f".output-building-{os.getppid()}-running"  # another process still building: left alone
    for folder in (killed, running):
        folder.mkdir()
    build_into(output, data, raw)
    assert not killed.exists() and running.is_dir()

    def undeletable(path, *args, **kwargs):
        raise PermissionError(1, "Operation not permitted", str(path))

    monkeypatch.setattr(shutil, "rmtree", undeletable)
    replace_in(data, "reference/events.csv", "LAPD bars third-party services", "LAPD bars outside services")
    said = build_into(output, data, raw)
    [left] = [folder for folder in tmp_path.glob(".output-building-*") if folder != running]
    assert said.endswith(
        f"The last site, moved to {left}, could not all be removed (Operation not permitted); the next build will."
    )
    assert "LAPD bars outside services" in (output / "agencies" / "lapd" / "index.html").read_text(encoding="utf-8")
    monkeypatch.undo()
    build_into(output, data, raw)
    assert sorted(tmp_path.glob(".output-building-*")) == [running]
