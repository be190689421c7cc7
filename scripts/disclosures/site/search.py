"""The search index: Pagefind indexes the built site into output/pagefind/.

Pagefind's own command indexes pages in the order the file system lists them, which differs
between file systems (and so does every fragment's name). Its service (the same binary, from
the pagefind[bin] package) is given the pages one by one in the order of their paths, so the
index is the same wherever the site is built; its files are taken from the service and written here.
"""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path

from pagefind.service import get_executable


class _Service:
    """Pagefind's indexing service: base64-encoded JSON messages, each ended by a comma."""

    def __init__(self, folder: Path):
        self.process = subprocess.Popen(
            [str(get_executable()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=folder
        )
        self.pending = b""

    def ask(self, payload: dict) -> dict:
        """Send one request and return Pagefind's answer; raise with its own words if it fails."""
        message = json.dumps({"message_id": 1, "payload": payload}).encode()
        self.process.stdin.write(base64.b64encode(message) + b",")
        self.process.stdin.flush()
        while b"," not in self.pending:
            if not (chunk := self.process.stdout.read1()):
                raise RuntimeError(f"Pagefind stopped while answering {payload['type']}")
            self.pending += chunk
        answer, self.pending = self.pending.split(b",", 1)
        reply = json.loads(base64.b64decode(answer))["payload"]
        if reply["type"] == "Error":
            raise RuntimeError(f"Pagefind could not {payload['type']}: {reply['message']}")
        return reply

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def index_site(output: Path) -> None:
    """Index every page in ``output``, in the order of their paths, into ``output/pagefind``."""
    service = _Service(output)
    try:
        index = service.ask({"type": "NewIndex", "config": None})["index_id"]
        for page in sorted(output.rglob("*.html")):
            path, html = page.relative_to(output).as_posix(), page.read_text(encoding="utf-8")
            service.ask({"type": "AddFile", "index_id": index, "file_path": path, "file_contents": html})
        # Pagefind's own writing can be cut short when its service stops; the files are written here
        for file in service.ask({"type": "GetFiles", "index_id": index})["files"]:
            path = output / "pagefind" / file["path"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(base64.b64decode(file["content"]))
    finally:
        service.close()
