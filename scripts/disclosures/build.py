"""Atomic builds: the site is built into a fresh folder and replaces ``output/`` only when whole.

A failed build (bad data, a template error, the search index) says why and leaves the last
good site untouched; a file removed from the data never lingers in ``output/``. The new site
takes the old one's place in one step (Linux's ``renameat2`` exchange), so ``output/`` always
names a whole site, even when the build is killed; what a killed build leaves beside it is
removed by the next. Builds are
deterministic, so a build whose inputs (settings, content, theme, code, data, raw files and
library versions) are all unchanged since the last one, and whose ``output/`` is as that
build left it, has nothing to do and says so.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections import Counter
from importlib import metadata
from pathlib import Path

import yaml
from pelican import Pelican
from pelican.settings import read_settings

from .checksum import sha256, tree
from .problems import DataError
from .records.describe import load_description
from .records.extraction import find_raw


class BuildFailed(Exception):
    """The build did not finish; ``output/`` was left as it was."""


class _Errors(logging.Handler):
    """Counts the errors Pelican logs (it logs some failures instead of raising them)."""

    def __init__(self) -> None:
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
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildFailed(f"the folder for {output} cannot be made: {error.strerror}") from None
    try:
        settings = read_settings(str(settings_file), override=overrides)
    except Exception as error:  # Pelican reports a bad settings file in its own exceptions
        raise BuildFailed(
            f"the settings in {settings_file} could not be read: {type(error).__name__}: {error}"
        ) from None
    _remove_leftovers(output)
    state = _state_file(settings, output)
    inputs = fingerprint(settings)
    if state and _unchanged(state, inputs, output):
        return f"{output} is up to date: nothing it is built from has changed since the last build."
    try:
        fresh = Path(tempfile.mkdtemp(prefix=f".{output.name}-building-{os.getpid()}-", dir=output.parent))
    except OSError as error:
        raise BuildFailed(f"the site cannot be built beside {output}: {error.strerror} ({error.filename})") from None
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
    left = _replace(output, fresh)
    if state:
        state.parent.mkdir(parents=True, exist_ok=True)
        state.write_text(json.dumps({"inputs": inputs, "output": _manifest(output)}), encoding="utf-8")
    return report(output, Path(settings["DISCLOSURES_DATA"]), time.monotonic() - started) + left


def fingerprint(settings: dict) -> str:
    """Return a checksum of everything a build reads: settings, content, theme, code, data, raw files, libraries."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=repr).encode())
    folders = [settings["PATH"], settings["THEME"], Path(__file__).parent, settings["DISCLOSURES_DATA"]]
    files = [each for folder in folders for each in tree(Path(folder))]
    raw = _raw_files(
        Path(settings["DISCLOSURES_DATA"]), [Path(folder) for folder in settings.get("DISCLOSURES_RAW", [])]
    )
    for path, checksum in files + [(path, sha256(path)) for path in raw]:
        digest.update(f"{path}\0{checksum}\0".encode())
    versions = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions())
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()


def _raw_files(data_dir: Path, raw_dirs: list[Path]) -> list[Path]:
    """The raw files the descriptions name that are present (they change what a build says of them).
    A description that cannot be read names none: loading the data reports its problems."""
    found = []
    for path in sorted((data_dir / "disclosures").glob("*.yaml")):
        try:
            raw = find_raw(load_description(path), raw_dirs)
        except DataError:
            continue
        found += [raw] if raw else []
    return found


def _state_file(settings: dict, output: Path) -> Path | None:
    """Where the last build of ``output`` recorded its inputs, in the build cache (None without a cache)."""
    cache = settings.get("DISCLOSURES_CACHE")
    return Path(cache) / "builds" / f"{hashlib.sha256(str(output).encode()).hexdigest()[:16]}.json" if cache else None


def _manifest(output: Path) -> dict[str, list[int]]:
    """Every file of ``output`` with its size and modification time."""
    files = {str(path.relative_to(output)): path.stat() for path in sorted(output.rglob("*")) if path.is_file()}
    return {name: [stat.st_size, stat.st_mtime_ns] for name, stat in files.items()}


def _unchanged(state: Path, inputs: str, output: Path) -> bool:
    """True when the last build had these inputs and ``output`` is still what it wrote."""
    if not state.is_file() or not output.is_dir():
        return False
    last = json.loads(state.read_text(encoding="utf-8"))
    return last["inputs"] == inputs and last["output"] == _manifest(output)


def _replace(output: Path, fresh: Path) -> str:
    """Put ``fresh`` in the place of ``output`` in one step, then remove the old site (now where ``fresh``
    was). Return what was left behind, in words: the site is replaced even when the old one cannot be removed."""
    fresh.chmod(0o755)
    if not output.exists():
        fresh.rename(output)
        return ""
    try:
        _exchange(fresh, output)
    except OSError as error:
        shutil.rmtree(fresh, ignore_errors=True)
        raise BuildFailed(f"the new site could not take the place of {output}: {error.strerror}") from None
    try:
        shutil.rmtree(fresh)
    except OSError as error:
        return f"\nThe last site, moved to {fresh}, could not all be removed ({error.strerror}); the next build will."
    return ""


#: Linux's renameat2: "the current folder" for a path, and the flag that swaps two paths.
AT_FDCWD, RENAME_EXCHANGE = -100, 2


def _exchange(first: Path, second: Path) -> None:
    """Swap two folders: in one step where the system can (Linux), else in three renames."""
    libc = ctypes.CDLL(None, use_errno=True)
    if hasattr(libc, "renameat2"):
        paths = os.fsencode(first), os.fsencode(second)
        if libc.renameat2(AT_FDCWD, paths[0], AT_FDCWD, paths[1], RENAME_EXCHANGE) == 0:
            return
        if ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS):  # EINVAL: the file system cannot swap
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(second))
    aside = first.with_name(f"{first.name}-old")
    second.rename(aside)
    try:
        first.rename(second)
    except OSError:
        aside.rename(second)  # put the old site back before saying so
        raise
    aside.rename(first)


def _remove_leftovers(output: Path) -> None:
    """Remove the folders that earlier builds of ``output`` left beside it, unless another process is
    still building in one."""
    for folder in output.parent.glob(f".{output.name}-building-*"):
        pid = folder.name.removeprefix(f".{output.name}-building-").split("-")[0]
        if not pid.isdigit() or int(pid) == os.getpid() or not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def report(output: Path, data_dir: Path, seconds: float) -> str:
    """Return what a build put in ``output``, in words."""
    sections = Counter(page.parent.parent.name for page in output.glob("*/*/index.html"))
    records = [
        yaml.safe_load(summary.read_text(encoding="utf-8"))["rows"]["clean"]
        for summary in sorted((data_dir / "records").glob("*.summary.yaml"))
    ]
    downloads = len(list((output / "data").glob("*.csv")))
    charts = len(list((output / "charts").glob("*/*.svg")))
    briefs = len(list((output / "agencies").glob("*/brief/*.pdf")))
    return (
        f"Built {output} in {seconds:.1f} s: {sections['agencies']:,} agency pages,"
        f" {briefs:,} one-page briefs (PDF), {sections['systems']:,} system pages, {charts:,} charts,"
        f" {sum(records):,} clean records from {len(records)} record-level disclosures,"
        f" {downloads} CSV downloads and the search index."
    )
