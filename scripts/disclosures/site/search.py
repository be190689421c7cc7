"""The search index: Pagefind indexes the built site into output/pagefind/.

Pagefind's own command indexes pages in the order the file system lists them, which differs
between file systems (and so does every fragment's name). Its service (the same binary, from
the pagefind[bin] package) is given the pages in the order of their paths, all at once from a
second thread while this one reads its answers (it answers in order), so the index is the same
wherever the site is built; its files are taken from the service and written here. Pagefind keeps one index
per language, from each page's ``lang``: a reader searching a Spanish page searches the Spanish pages. Each
language is indexed by a service of its own, at the same time as the others, and their files put together:
the same files as one service gives, in a fraction of the time.
"""

from __future__ import annotations

import base64
import io
import json
import re
import subprocess
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO

from pagefind.service import get_executable

#: What marks a page's part to index: Pagefind leaves out any page without it, once one page has it.
INDEXED = "data-pagefind-body"
#: An inline drawing: Pagefind indexes none (the charts' are marked to be ignored, the map's hold no text), and
#: they are most of a page's bytes, so they are taken out of what it reads.
DRAWING = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
#: The file the search's script reads first: each language's index.
ENTRY = "pagefind-entry.json"
#: A page's language, as Pagefind reads it.
LANG = re.compile(r"""<html[^>]*\blang=["']?([^"'\s>]*)""")


class _Service:
    """Pagefind's indexing service: base64-encoded JSON messages, each ended by a comma."""

    def __init__(self, folder: Path):
        self.process = subprocess.Popen(
            [str(get_executable()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=folder
        )
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and isinstance(stdout, io.BufferedReader)  # both piped; stdout buffered (read1)
        self.stdin: IO[bytes] = stdin
        self.stdout: io.BufferedReader = stdout
        self.pending: list[bytes] = []

    def send(self, payload: dict) -> None:
        message = json.dumps({"message_id": 1, "payload": payload}).encode()
        self.stdin.write(base64.b64encode(message) + b",")

    def answer(self, request: str) -> dict:
        """Read the next answer; raise with Pagefind's own words if it is an error."""
        while not self.pending or b"," not in self.pending[-1]:  # an answer can span many reads
            if not (chunk := self.stdout.read1()):
                raise RuntimeError(f"Pagefind stopped while answering {request}")
            self.pending.append(chunk)
        answer, rest = b"".join(self.pending).split(b",", 1)
        self.pending = [rest] if rest else []
        reply = json.loads(base64.b64decode(answer))["payload"]
        if reply["type"] == "Error":
            raise RuntimeError(f"Pagefind could not {request}: {reply['message']}")
        return reply

    def ask(self, payload: dict) -> dict:
        self.send(payload)
        self.stdin.flush()
        return self.answer(payload["type"])

    def close(self) -> None:
        self.stdin.close()
        self.process.wait()


def index_site(output: Path) -> None:
    """Index every page in ``output`` that marks what to index (Pagefind would leave out the others:
    embeds, briefs), each language by its own service, in the order of their paths, into ``output/pagefind``."""
    pages = [(page, _marks(page.read_text(encoding="utf-8"))) for page in sorted(output.rglob("*.html"))]
    marked = [(page, lang) for page, (indexed, lang) in pages if indexed] or [(page, lang) for page, (_, lang) in pages]
    languages: dict[str, list[Path]] = {}
    for page, lang in marked:
        languages.setdefault(lang, []).append(page)
    with ThreadPoolExecutor(max(1, len(languages))) as pool:
        indexes = list(pool.map(lambda pages: _index(output, pages), [languages[lang] for lang in sorted(languages)]))
    for path, content in _together(indexes).items():
        (output / "pagefind" / path).parent.mkdir(parents=True, exist_ok=True)
        (output / "pagefind" / path).write_bytes(content)


def _marks(html: str) -> tuple[bool, str]:
    """Whether a page marks what to index, and its language."""
    return INDEXED in html, found.group(1) if (found := LANG.search(html)) else ""


def _index(output: Path, pages: Sequence[Path]) -> dict[str, bytes]:
    """Pagefind's files for ``pages``: each read and added from a second thread while this one reads the
    service's answers (it answers in order)."""
    service = _Service(output)
    try:
        index = service.ask({"type": "NewIndex", "config": None})["index_id"]

        def add_pages() -> None:
            for page in pages:
                path, html = (
                    page.relative_to(output).as_posix(),
                    DRAWING.sub("<svg></svg>", page.read_text(encoding="utf-8")),
                )
                service.send({"type": "AddFile", "index_id": index, "file_path": path, "file_contents": html})
            service.stdin.flush()

        adding = threading.Thread(target=add_pages, daemon=True)
        adding.start()
        for _ in pages:
            service.answer("AddFile")
        adding.join()
        # Pagefind's own writing can be cut short when its service stops; the files are kept here
        files = service.ask({"type": "GetFiles", "index_id": index})["files"]
        return {file["path"]: base64.b64decode(file["content"]) for file in files}
    finally:
        service.close()


def _together(indexes: list[dict[str, bytes]]) -> dict[str, bytes]:
    """The languages' files as one index: the entry file lists every language, in the order of their codes
    (Pagefind lists them in whatever order its table gives them, which differs between runs); any other file
    two languages both have (the scripts) is the same in each."""
    files: dict[str, bytes] = {}
    entry: dict = {"languages": {}}
    for index in indexes:
        for path, content in index.items():
            if path == ENTRY:
                read = json.loads(content)
                entry = {**read, "languages": {**entry["languages"], **read["languages"]}}
            elif files.setdefault(path, content) != content:
                raise RuntimeError(f"Pagefind gave two languages different files at {path}")
    entry["languages"] = dict(sorted(entry["languages"].items()))
    files[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return dict(sorted(files.items()))
