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
        value = self.value if len(self.value) <= SHOWN_CHARACTERS else self.value[:SHOWN_CHARACTERS] + "…"
        return f"{where}, column {self.column!r}, value {value!r}\n  rule: {self.rule}\n  fix:  {self.fix}"


#: How much of a value a problem prints (a 10,000-character cell is shown by its start).
SHOWN_CHARACTERS = 120


#: How many problems of one kind (file, column, rule) are printed before the rest are summarised.
SHOWN = 5


class DataError(Exception):
    """The data folder broke one or more rules; ``problems`` lists them all, and the message
    prints the first few of each kind with a count of the rest."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"{count} in the data, nothing was built:\n\n" + "\n\n".join(_summarised(problems)))


def _summarised(problems: list[Problem]) -> list[str]:
    """Each problem in words, a flood of one kind cut to its first few and a count."""
    kinds: dict[tuple, list[Problem]] = {}
    for problem in problems:
        kinds.setdefault((problem.file, problem.column, problem.rule), []).append(problem)
    lines = []
    for same in kinds.values():
        lines += [str(problem) for problem in same[:SHOWN]]
        if len(same) > SHOWN:
            lines.append(f"... and {len(same) - SHOWN:,} more like these in {same[0].file}, column {same[0].column!r}")
    return lines


def suggest(value: str, choices: list[str], otherwise: str) -> str:
    """Return ``otherwise``, led by the nearest of ``choices`` to ``value`` when one is close."""
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f"did you mean {close[0]!r}? {otherwise}" if close else otherwise
