"""Problems: every broken rule is reported with its file, row, column, value, rule and fix."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One broken rule in one cell of one table."""

    file: str
    row: int | str | None
    column: str
    value: str
    rule: str
    fix: str

    def __str__(self) -> str:
        where = {int: f"{self.file}, row {self.row}", str: f"{self.file}, {self.row}"}.get(type(self.row), self.file)
        return f"{where}, column {self.column!r}, value {self.value!r}\n  rule: {self.rule}\n  fix:  {self.fix}"


class DataError(Exception):
    """The data folder broke one or more rules; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"{count} in the data, nothing was built:\n\n" + "\n\n".join(map(str, problems)))


def suggest(value: str, choices: list[str], otherwise: str) -> str:
    """Return ``otherwise``, led by the nearest of ``choices`` to ``value`` when one is close."""
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f"did you mean {close[0]!r}? {otherwise}" if close else otherwise
