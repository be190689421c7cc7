"""The suite's own rule: a test that reads the shipped data, or the site built from it, says so
(marker ``shipped``), so that every other test runs on its own small data and adding a disclosure
to data/ can fail only checks of properties, never a test of behaviour."""

from __future__ import annotations

import ast

from conftest import ROOT, SHIPPED


def shipped_marked(node: ast.FunctionDef, module: ast.Module) -> bool:
    """True when the test, or its whole module, carries the ``shipped`` marker."""
    marks = [ast.unparse(decorator) for decorator in node.decorator_list]
    marks += [
        ast.unparse(statement.value)
        for statement in module.body
        if isinstance(statement, ast.Assign) and "pytestmark" in [ast.unparse(t) for t in statement.targets]
    ]
    return any("mark.shipped" in mark for mark in marks)


def unmarked_readers_of_shipped_data() -> list[str]:
    """Every test function that names ``DATA`` and is neither marked ``shipped`` nor given the built site."""
    found = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        module = ast.parse(path.read_text(encoding="utf-8"))
        for node in module.body:
            if not (isinstance(node, ast.FunctionDef) and node.name.startswith("test_")):
                continue
            names = {name.id for name in ast.walk(node) if isinstance(name, ast.Name)}
            fixtures = {argument.arg for argument in node.args.args}
            if "DATA" in names and not fixtures & SHIPPED and not shipped_marked(node, module):
                found.append(f"{path.name}::{node.name}")
    return found


def test_every_test_that_reads_the_shipped_data_is_marked_as_such():
    assert unmarked_readers_of_shipped_data() == []
