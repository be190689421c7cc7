"""The search index: Pagefind indexes the built site into output/pagefind/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def index_site(output: Path) -> None:
    """Index every page in ``output`` with Pagefind's command (from the pagefind[bin] package)."""
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(output), "--quiet"], check=True)
