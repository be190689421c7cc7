"""Same inputs, byte-identical site: in another process, time zone, locale and folder."""

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_a_build_elsewhere_is_byte_identical(site, tmp_path):
    elsewhere = tmp_path / "another folder" / "out"
    environment = {**os.environ, "TZ": "America/Los_Angeles", "LC_ALL": "C.UTF-8", "LANG": "de_DE.UTF-8"}
    environment["PYTHONPATH"] = str(ROOT / "scripts")
    command = [sys.executable, "-m", "disclosures", "build", "-o", str(elsewhere), "--cache", str(tmp_path / "cache")]
    subprocess.run(command, cwd=ROOT, env=environment, check=True, capture_output=True)
    first = {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    second = {path.relative_to(elsewhere): path.read_bytes() for path in elsewhere.rglob("*") if path.is_file()}
    assert sorted(first) == sorted(second)
    assert Path("agencies/lapd/brief/lapd-brief.pdf") in first  # rendered anew both times: no cache in either
    assert [name for name in first if first[name] != second[name]] == []
