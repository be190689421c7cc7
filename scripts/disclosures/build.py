"""Atomic builds: the site is built into a fresh folder and replaces ``output/`` only when whole.

A failed build (bad data, a template error, the search index) says why and leaves the last
good site untouched; a file removed from the data never lingers in ``output/``.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml
from pelican import Pelican
from pelican.settings import read_settings

from .validate import DataError


class BuildFailed(Exception):
    """The build did not finish; ``output/`` was left as it was."""


class _Errors(logging.Handler):
    """Counts the errors Pelican logs (it logs some failures instead of raising them)."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build(settings_file: Path, output: Path, **overrides) -> str:
    """Build the site with ``settings_file`` into ``output`` atomically; return what was built.

    Raise DataError for bad data and BuildFailed for any other failure; either way ``output``
    is untouched.
    """
    started = time.monotonic()
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{output.name}-building-", dir=output.parent))
    errors = _Errors()
    logging.getLogger().addHandler(errors)
    try:
        settings = read_settings(str(settings_file), override={**overrides, "OUTPUT_PATH": str(fresh)})
        Pelican(settings).run()
        if errors.messages:
            raise BuildFailed("Pelican reported errors:\n" + "\n".join(f"  {message}" for message in errors.messages))
        if not (fresh / "index.html").is_file():
            raise BuildFailed("the build wrote no home page")
    except DataError:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    except Exception as error:
        shutil.rmtree(fresh, ignore_errors=True)
        if isinstance(error, BuildFailed):
            raise
        raise BuildFailed(f"{type(error).__name__}: {error}") from error
    finally:
        logging.getLogger().removeHandler(errors)
    _replace(output, fresh)
    return report(output, Path(settings["DISCLOSURES_DATA"]), time.monotonic() - started)


def _replace(output: Path, fresh: Path) -> None:
    """Put ``fresh`` in the place of ``output``, then remove the old site."""
    fresh.chmod(0o755)
    if not output.exists():
        fresh.rename(output)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
    old.rmdir()
    output.rename(old)
    fresh.rename(output)
    shutil.rmtree(old)


def report(output: Path, data_dir: Path, seconds: float) -> str:
    """Return what a build put in ``output``, in words."""
    sections = Counter(page.parent.parent.name for page in output.glob("*/*/index.html"))
    records = [
        yaml.safe_load(summary.read_text(encoding="utf-8"))["rows"]["clean"]
        for summary in sorted((data_dir / "records").glob("*.summary.yaml"))
    ]
    downloads = len(list((output / "data").glob("*.csv")))
    charts = len(list((output / "charts").glob("*.svg")))
    return (
        f"Built {output} in {seconds:.1f} s: {sections['agencies']:,} agency pages,"
        f" {sections['systems']:,} system pages, {charts:,} charts,"
        f" {sum(records):,} clean records from {len(records)} record-level disclosures,"
        f" {downloads} CSV downloads and the search index."
    )
