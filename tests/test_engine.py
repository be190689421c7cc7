"""The engine for the build's slow work: results kept by key are not done again, the rest are done
and kept, and a kept file is written whole or not at all."""

from __future__ import annotations

import os

import pytest

from disclosures import engine


def square(number: int) -> int:
    return number * number


def test_only_what_is_not_kept_is_done_and_every_result_comes_back_in_order():
    kept = {"2": 4}
    results, done = engine.run([1, 2, 3], ["1", "2", "3"], square, kept.get, kept.__setitem__)
    assert (results, done) == ([1, 4, 9], 2)
    assert kept == {"1": 1, "2": 4, "3": 9}
    assert engine.run([1, 2, 3], ["1", "2", "3"], square, kept.get, kept.__setitem__) == ([1, 4, 9], 0)


def test_a_kept_file_replaces_the_old_one_whole_and_leaves_nothing_beside_it(tmp_path):
    engine.keep_file(tmp_path / "pdf" / "brief.pdf", b"first")
    engine.keep_file(tmp_path / "pdf" / "brief.pdf", b"second, longer")
    written = [(path.name, path.read_bytes()) for path in (tmp_path / "pdf").iterdir()]
    assert written == [("brief.pdf", b"second, longer")]


def test_forked_work_reads_what_this_process_holds_and_each_fork_does_its_share_once(tmp_path, monkeypatch):
    monkeypatch.setattr(engine.os, "cpu_count", lambda: 2)
    held = {number: f"page {number}" for number in range(10)}  # made here, never sent to a fork

    def write(share):
        for number in share:
            (tmp_path / f"{number}.html").write_text(held[number])
        return [(number, os.getpid()) for number in share]

    written = engine.forked(write, list(range(10)))
    assert [number for number, _ in written] == list(range(10))  # in the items' order
    assert len({pid for _, pid in written}) == 2 and os.getpid() not in {pid for _, pid in written}
    assert {path.name: path.read_text() for path in tmp_path.iterdir()} == {f"{n}.html": f"page {n}" for n in range(10)}
    assert engine.forked(write, [1, 2]) == [(1, os.getpid()), (2, os.getpid())]  # too few to fork for


def test_what_stops_a_fork_stops_the_work_with_its_own_words(monkeypatch):
    monkeypatch.setattr(engine.os, "cpu_count", lambda: 2)

    def write(share):
        if 7 in share:
            raise ValueError("page 7: the template 'chart.html' has no block 'content'")
        return share

    with pytest.raises(ValueError, match=r"page 7: the template 'chart\.html' has no block 'content'"):
        engine.forked(write, list(range(10)))
