"""make test on a machine where the user is not root: sudo where there is one, else one clear message."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT

#: Root runs these tests as nobody; anyone else is already not root.
NOBODY = (
    [shutil.which("setpriv") or "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    if os.getuid() == 0
    else []
)
PACKAGES = "chromium fonts-dejavu-core default-jre-headless libpango-1.0-0 libpangoft2-1.0-0"


def make_as_nobody(path: str, *targets: str) -> subprocess.CompletedProcess:
    """``make -n`` as the unprivileged user nobody, with only ``path`` to find programs."""
    environment = {"PATH": path, "HOME": "/nonexistent"}
    command = [*NOBODY, shutil.which("make"), "-n", "CHROMIUM=/nonexistent/chromium", *targets]
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, check=False)


@pytest.fixture
def folder() -> Iterator[Path]:
    """An empty folder anyone may read (pytest's own are for their owner only)."""
    with tempfile.TemporaryDirectory() as name:
        Path(name).chmod(0o755)
        yield Path(name)


def programs(folder: Path, **scripts: str) -> str:
    """A folder of programs for PATH: ``id`` (the real one) and the given scripts; return the folder."""
    folder.mkdir()
    folder.chmod(0o755)
    (folder / "id").symlink_to(shutil.which("id"))
    for name, body in scripts.items():
        (folder / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (folder / name).chmod(0o755)
    return str(folder)


def test_a_user_who_is_not_root_installs_the_debian_packages_through_sudo(folder):
    path = programs(folder / "bin", sudo='echo sudo "$@"')
    done = make_as_nobody(path, "/nonexistent/chromium")
    assert done.returncode == 0, done.stderr
    sudo = f"{folder}/bin/sudo apt-get"
    assert done.stdout == (f"{sudo} update -qq && {sudo} install -y -qq --no-install-recommends {PACKAGES}\n")


def test_without_root_or_sudo_make_test_names_the_packages_to_install_and_stops(folder):
    done = make_as_nobody(programs(folder / "bin"), "/nonexistent/chromium")
    assert done.returncode == 2
    assert "Permission denied" not in done.stderr
    assert (
        f"make test needs the Debian packages {PACKAGES}, and only root (or sudo) can install them."
        f" Install them with: sudo apt-get install {PACKAGES}"
    ) in done.stderr


def test_root_installs_them_with_apt_get():
    if os.getuid() != 0:
        return  # only root can show what root runs
    command = [shutil.which("make"), "-n", "CHROMIUM=/nonexistent/chromium", "/nonexistent/chromium"]
    # As a user runs it, not as a make inside make test (which would say which folder it enters)
    environment = {key: value for key, value in os.environ.items() if key not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, check=True)
    assert done.stdout == f"apt-get update -qq && apt-get install -y -qq --no-install-recommends {PACKAGES}\n"


def test_a_build_without_pango_installs_it_or_names_it():
    if os.getuid() != 0:
        return  # only root can show what root runs
    environment = {key: value for key, value in os.environ.items() if key not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    command = [shutil.which("make"), "-n", "PANGO=", "pango"]
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, check=True)
    pango = "libpango-1.0-0 libpangoft2-1.0-0"
    assert done.stdout == f"apt-get update -qq && apt-get install -y -qq --no-install-recommends {pango}\n"
    # Where Pango is, nothing is installed
    found = subprocess.run([*command[:2], "pango"], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert (found.returncode, found.stdout) == (0, "make: Nothing to be done for 'pango'.\n")


def test_without_root_or_sudo_make_html_names_pango_and_stops(folder):
    environment = {"PATH": programs(folder / "bin"), "HOME": "/nonexistent"}
    command = [*NOBODY, shutil.which("make"), "-n", "PANGO=", "html"]
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert (
        "make html needs the Debian packages libpango-1.0-0 libpangoft2-1.0-0, and only root (or sudo) can"
        " install them."
    ) in done.stderr
