"""``python -m disclosures validate`` checks the data alone and prints a readable report."""

import pytest

from conftest import replace_in
from disclosures.__main__ import main


def test_validate_reports_row_counts(tiny_data, capsys):
    assert main(["validate", str(tiny_data)]) == 0
    assert capsys.readouterr().out == (
        f"{tiny_data}: all tables valid\n"
        "  agencies       1 rows\n  systems        1 rows\n  sources        1 rows\n  events         1 rows\n"
        "  figures        2 rows\n  statuses       0 rows\n  obligations    0 rows\n"
    )


def test_validate_prints_each_problem_and_fails(tiny_data, capsys):
    replace_in(tiny_data, "disclosed/figures.csv", "uses,29817,", "uses,-29817,")
    assert main(["validate", str(tiny_data)]) == 1
    assert capsys.readouterr().err == (
        "1 problem in the data, nothing was built:\n\n"
        f"{tiny_data}/disclosed/figures.csv, row 2, column 'value', value '-29817'\n"
        "  rule: value must be at least 0\n"
        "  fix:  write the number as disclosed, never negative\n"
    )


def test_an_empty_path_is_refused_not_read_as_the_current_folder(capsys):
    for option in ("--cache", "--data", "-o"):
        with pytest.raises(SystemExit) as stopped:
            main(["build", option, ""])
        assert stopped.value.code == 2
        said = capsys.readouterr().err
        assert said.endswith("an empty path names no folder; give one, or leave the option out\n"), said
