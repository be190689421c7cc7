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
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar, cast

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


def forked(work: Callable[[Sequence[Task]], list[Result]], items: Sequence[Task]) -> list[Result]:
    """Do ``work`` (a result for each item) on ``items``, split between one fork of this process per core,
    each given every n-th item; return the results in the items' order. Only for work that runs no
    renderer: a fork has none of this process's threads."""
    workers = min(os.cpu_count() or 1, len(items) // PER_PROCESS)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return work(items)
    context = multiprocessing.get_context("fork")
    forks = []
    for index in range(workers):
        answer, send = context.Pipe(duplex=False)
        process = context.Process(target=_share, args=(work, items[index::workers], send))
        process.start()
        send.close()
        forks.append((process, answer))
    answers = [_answer(answer) for _process, answer in forks]  # read before waiting: a long answer fills its pipe
    for process, _ in forks:
        process.join()
    if failed := [share for done, share in answers if not done]:
        raise failed[0]
    results: list = [None] * len(items)
    for index, (_, share) in enumerate(answers):
        results[index::workers] = share
    return results


def _share(work: Callable[[Sequence], list], share: Sequence, send: Connection) -> None:
    """A fork's part of the work: its results, or what stopped it, sent back whole."""
    try:
        send.send((True, work(share)))
    except BaseException as error:  # the parent raises it
        try:
            send.send((False, error))
        except Exception:  # an error that cannot be sent as it is is sent in words
            send.send((False, RuntimeError(f"{type(error).__name__}: {error}")))
    finally:
        send.close()


def _answer(answer: Connection) -> tuple[bool, Any]:
    """What a fork sent back, or that it stopped before it could."""
    try:
        return answer.recv()
    except EOFError:
        return False, RuntimeError("a fork of the build stopped before it finished its share")


def keep_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step: a build reading the cache that another is writing sees the
    whole file or none of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}-", delete=False) as file:
        file.write(data)
    os.replace(file.name, path)
