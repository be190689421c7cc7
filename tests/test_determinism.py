"""Same inputs, byte-identical site."""

from conftest import build_site


def test_two_builds_are_byte_identical(site, tmp_path):
    again = build_site(tmp_path / "again")
    first = {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    second = {path.relative_to(again): path.read_bytes() for path in again.rglob("*") if path.is_file()}
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
