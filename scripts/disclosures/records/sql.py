"""Small helpers for writing the SQL that DuckDB runs over raw tables."""

from __future__ import annotations


def literal(text: str) -> str:
    """Return ``text`` as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def any_of(conditions: list[str]) -> str:
    """Return a condition true when any of ``conditions`` is (false for none)."""
    return "(" + " OR ".join(conditions) + ")" if conditions else "false"
