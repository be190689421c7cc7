"""How the build does its slow, pure work (drawing charts, printing briefs): each result is kept
under the checksum of all it is made from, so nothing unchanged is done twice, and the rest is done
in one process per core. Processes are spawned, not forked: the renderers' own threads do not
survive a fork. A process costs about two seconds to start, so a few tasks are done in this one.

Work in Python that reads what the build holds and writes files (the pages) is split between
forks of this process (``forked``), which share what it holds without copying it."""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar, cast

Task = TypeVar("Task")
Result = TypeVar("Result")

#: The fewest tasks worth starting another process for.
PER_PROCESS = 4


def run(
    tasks: Sequence[Task],
    keys: Sequence[str],
    work: Callable[[Task], Result],
    kept: Callable[[str], Result | None],
    keep: Callable[[str, Result], None],
    prepare: Callable[..., None] | None = None,
    prepared_with: tuple = (),
    chunksize: int = 1,
) -> tuple[list[Result], int]:
    """Do ``work`` on each task whose result is not ``kept`` under its key, then ``keep`` it there; each
    process is first ``prepare``d. Return every result in the tasks' order, and how many were done."""
    found = [kept(key) for key in keys]
    missing = [index for index, result in enumerate(found) if result is None]
    workers = min(os.cpu_count() or 1, len(missing) // PER_PROCESS)
    if workers > 1:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=prepare, initargs=prepared_with) as pool:
            done = list(pool.map(work, [tasks[index] for index in missing], chunksize=chunksize))
    else:
        if prepare and missing:
            prepare(*prepared_with)
        done = [work(tasks[index]) for index in missing]
    for index, result in zip(missing, done, strict=True):
        found[index] = result
        keep(keys[index], result)
    return cast(list[Result], found), len(missing)  # every result not kept was done above


#: The work and the items the forks of ``forked`` share, while they run.
_shared: tuple[Callable[[Sequence], list], Sequence] | None = None


def forked(work: Callable[[Sequence[Task]], list[Result]], items: Sequence[Task]) -> list[Result]:
    """Do ``work`` (a result for each item) on ``items``, split between one fork of this process per core,
    each given every n-th item; return the results in the items' order. Only for work that runs no
    renderer: a fork has none of this process's threads."""
    global _shared
    workers = min(os.cpu_count() or 1, len(items) // PER_PROCESS)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return work(items)
    _shared = (work, items)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            shares = pool.map(_share, [(index, workers) for index in range(workers)])
    finally:
        _shared = None
    results: list = [None] * len(items)
    for index, share in enumerate(shares):
        results[index::workers] = share
    return results


def _share(part: tuple[int, int]) -> list:
    """A fork's part of the shared work: the items from ``index``, every ``workers``-th."""
    assert _shared is not None  # set before the forks were made
    work, items = _shared
    index, workers = part
    return work(items[index::workers])


def keep_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step: a build reading the cache that another is writing sees the
    whole file or none of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}-", delete=False) as file:
        file.write(data)
    os.replace(file.name, path)
