"""Precompressed copies of the large assets every page loads (the theme's and the search's scripts
and styles): ``.gz`` and ``.br`` beside each, for hosts that serve them when a browser accepts them
(nginx's ``gzip_static`` and ``brotli_static``, Caddy's ``precompressed``). Hosts compress pages
themselves; README, "Hosting", says how to serve both."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

ASSETS = ("theme/**/*.js", "theme/**/*.css", "pagefind/*.js", "pagefind/*.css")
#: Smaller files gain too little to be worth a second and third copy.
SMALLEST = 1024
#: Brotli's quality: 9 gives within 10% of its best (11) at a fifteenth of the time.
BROTLI_QUALITY = 9


def precompress(output: Path) -> list[Path]:
    """Write ``<asset>.gz`` and ``<asset>.br`` beside each large asset in ``output``; return the assets."""
    assets = sorted({path for pattern in ASSETS for path in output.glob(pattern) if path.stat().st_size >= SMALLEST})
    for asset in assets:
        data = asset.read_bytes()
        # mtime=0 and no file name in the header: the same bytes from any build
        asset.with_name(asset.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        asset.with_name(asset.name + ".br").write_bytes(brotli.compress(data, quality=BROTLI_QUALITY))
    return assets
