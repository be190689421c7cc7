"""Checksums of files and folders: what the build's up-to-date check, its render caches and the
extractions' seals are keyed on."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path


def sha256(path: Path) -> str:
    """Return the file's SHA-256 in hex, read a megabyte at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree(folder: Path) -> Iterator[tuple[Path, str]]:
    """Each file under ``folder`` (Python's caches left out), in the order of its path, with its SHA-256."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path, sha256(path)
