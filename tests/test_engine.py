"""The engine for the build's slow work: results kept by key are not done again, the rest are done
and kept, and a kept file is written whole or not at all."""

from __future__ import annotations

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
