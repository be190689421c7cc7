"""Shared fixtures: a copy of the real data to change, and real Pelican builds into tmp folders."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from jinja2 import BytecodeCache
from pelican import Pelican
from pelican.settings import read_settings
from playwright.sync_api import sync_playwright

import gates

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


#: One cache of rendered charts and PDFs for every build of a test run, as a newsroom's builds share
#: theirs: a render is kept under the checksum of all it is made from, so only unchanged ones are
#: reused (tests of the cache itself, and of determinism, pass their own).
RENDERS: list[Path] = []


class Compiled(BytecodeCache):
    """Compiled templates kept in memory for the run; Jinja recompiles one whose source has changed."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = Compiled()

#: Fixtures that build a site or drive a browser: a test that uses one, or is marked ``slow`` because
#: it builds one itself, is left out of ``make test-fast``.
SLOW = {"site", "tiny_site", "published", "tiny_published", "base_url", "browser", "page"}

#: Fixtures that are the site built from the shipped data: a test that uses one checks the shipped
#: data, as do those marked ``shipped`` by hand; every other test runs on its own small data.
SHIPPED = {"site", "published", "base_url"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if SLOW & fixtures:
            item.add_marker(pytest.mark.slow)
        if SHIPPED & fixtures:
            item.add_marker(pytest.mark.shipped)


@contextmanager
def shared(tmp_path_factory, name: str) -> Iterator[Path]:
    """A folder that every process of the run shares (``make test`` runs one per core), held under a
    lock: the first to take it makes what goes in it, the others find it made."""
    root = tmp_path_factory.getbasetemp()
    root = root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root
    (root / name).mkdir(exist_ok=True)
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield root / name


@pytest.fixture(scope="session", autouse=True)
def renders(tmp_path_factory) -> None:
    with shared(tmp_path_factory, "renders") as folder:
        RENDERS.append(folder)


def build_site(output: Path, data_dir: Path = DATA, settings_file: str = "pelicanconf.py", **settings) -> Path:
    """Build the site with Pelican from ``data_dir`` into ``output``, with the run's render cache; return it."""
    settings.setdefault("DISCLOSURES_CACHE", str(RENDERS[0]))
    settings = read_settings(
        str(ROOT / settings_file),
        override={"OUTPUT_PATH": str(output), "DISCLOSURES_DATA": str(data_dir), **settings},
    )
    # templates compiled once a run, not once per generator of every build (Jinja checks each one's source)
    settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"], "bytecode_cache": TEMPLATES}
    Pelican(settings).run()
    return output


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test run."""
    with shared(tmp_path_factory, "site") as folder:
        return folder / "output" if (folder / "output" / "index.html").is_file() else build_site(folder / "output")


#: Where the publish build is served: the run's first process (xdist's controller, or the only
#: one) serves its shared folder from start to end, so no process's tests depend on another's life.
PUBLISHED_URL = "DISCLOSURES_TEST_PUBLISHED_URL"
_SERVING = ExitStack()


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):  # a worker: the controller serves
        return
    folder = config._tmp_path_factory.getbasetemp() / "published"  # as shared() finds it
    (folder / "output").mkdir(parents=True, exist_ok=True)
    os.environ[PUBLISHED_URL] = _SERVING.enter_context(gates.serve(folder / "output"))


def pytest_unconfigure(config: pytest.Config) -> None:
    _SERVING.close()


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> tuple[Path, str]:
    """The real site built with publishconf.py for the address it is served at; (folder, base URL).
    Built once a run, by the first process to need it."""
    url = os.environ[PUBLISHED_URL]
    with shared(tmp_path_factory, "published") as folder:
        output = folder / "output"
        if not (output / "index.html").is_file():
            build_site(output, settings_file="publishconf.py", SITEURL=url.rstrip("/"), FEED_DOMAIN=url.rstrip("/"))
    return output, url


TINY = {
    "reference/agencies.csv": (
        "id,name,aliases,kind,jurisdiction,country,region,population,population_year,population_source,"
        "population_quote\n"
        'lapd,Los Angeles Police Department,LAPD,police,"Los Angeles, CA",US,California,,,,\n'
    ),
    "reference/systems.csv": (
        "id,name,short_name,operator,vendor,kind,photo_sources,note\n"
        "lacris,Los Angeles County Regional Identification System,LACRIS,Los Angeles County Sheriff's Department,"
        "DataWorks Plus,government,booking_photos,\n"
    ),
    "reference/sources.csv": (
        "id,title,publisher,url,url_missing,archived_url,archive_checked,archive_missing,accessed,date,kind,strength,"
        "strength_why,original,request_id,obligation,note\n"
        "latimes,Despite denials,Los Angeles Times,https://www.latimes.com/a,,"
        "https://web.archive.org/web/20200922/https://www.latimes.com/a,false,,2026-11-27,2020-09-22,news_report,"
        "reported,,,,,\n"
    ),
    "reference/events.csv": (
        "id,date,agency,system,kind,title,source,note,after\n"
        "lapd-ban,2020-11-13,lapd,,ban,LAPD bars third-party services,latimes,,\n"
    ),
    "reference/headlines.csv": "figure\nlapd-all\n",
    "reference/corrections.csv": "id,date,wrong,right,changed,why\n",
    "reference/unknowns.csv": "id,agency,question,known,source\n",
    "reference/statuses.csv": (
        "id,agency,system,year_from,year_to,status,body,requested_on,answered_on,due_on,source,note\n"
    ),
    "reference/obligations.csv": (
        "id,agency,region,jurisdiction,country,system,obligor,body,body_kind,instrument,citation,measures,fields,"
        "condition,frequency,due_by,grace_days,starts,ends,source,quote,locator,note\n"
    ),
    "disclosed/figures.csv": (
        "id,agency,system,measure,measure_words,value,value_max,qualifier,qualifier_words,rate_per,"
        "period_start,period_end,period_note,source,locator,note,scope,quote,quote_missing\n"
        "lapd-all,lapd,lacris,searches,uses,29817,,exact,,,2009-11-06,2020-09-11,,latimes,paragraph 4,,,"
        '"LAPD officers used the system\'s software 29,817 times.",\n'
        "lapd-2020,lapd,lacris,searches,instances,3750,,exact,,,2020-02,2020-09-11,,latimes,paragraph 2,,,"
        '"including 3,750 instances since February",\n'
    ),
}
#: Where the first tiny figure's note goes (replace_in changes the first match, the lapd-all row).
NOTE = "latimes,paragraph 4,,"


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory) -> Path:
    """The tiny data as it is, built once per test run (tests that change the data build their own)."""
    with shared(tmp_path_factory, "tiny-site") as folder:
        if (folder / "output" / "index.html").is_file():
            return folder / "output"
        return build_site(folder / "output", write_tiny_data(folder / "data"))


@pytest.fixture
def tiny_data(tmp_path) -> Path:
    """A small, valid data folder with the project's schemas: two LAPD figures, one event."""
    return write_tiny_data(tmp_path / "data")


def write_tiny_data(folder: Path) -> Path:
    """Write the TINY tables and the project's schemas into ``folder``; return it."""
    shutil.copytree(DATA / "schemas", folder / "schemas")
    shutil.copy(DATA / "datapackage.json", folder)
    for relative, text in TINY.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")
    return folder


def replace_in(folder: Path, relative: str, old: str, new: str) -> None:
    """Replace the first ``old`` with ``new`` in one CSV of ``folder``."""
    path = folder / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="session")
def base_url(site) -> Iterator[str]:
    """The real site, served on loopback as a host that reads its _headers would serve it."""
    with gates.serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator:
    """Playwright, once a run (a process can drive browsers through one instance only)."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright) -> Iterator:
    """Debian's Chromium, driven by Playwright, for the whole run."""
    chromium = gates.launch(playwright)
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser) -> Iterator:
    """A fresh page in its own context, which enforces the site's CSP."""
    context = browser.new_context()
    yield context.new_page()
    context.close()
