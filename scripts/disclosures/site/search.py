"""The search index: Pagefind indexes the built site into output/pagefind/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def index_site(output: Path) -> None:
    """Index every page in ``output`` with Pagefind's command (from the pagefind[bin] package);
    raise with Pagefind's own words if it fails."""
    command = [sys.executable, "-m", "pagefind", "--site", str(output)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        raise RuntimeError(f"Pagefind could not index {output}:\n{result.stdout}\n{result.stderr}")
