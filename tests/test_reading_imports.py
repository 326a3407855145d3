"""The reading modules import one another at the top only: no cycle held together by
function-level imports (issue 12), so a change to one does not need to know the order in
which the others happen to load."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "tactful" / "reading"
READING = (
    "note",
    "lexicon",
    "kinds",
    "cues",
    "salient",
    "content",
    "references",
    "role_model",
    "analysis",
)


def _imports(module: str) -> tuple[set[str], set[str]]:
    """(modules imported at the top, modules imported inside a function) from tactful."""
    tree = ast.parse((SRC / f"{module}.py").read_text("utf-8"))
    top: set[str] = set()
    inner: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tactful"):
            names = {node.module or ""} | {f"{node.module}.{a.name}" for a in node.names}
            (top if node.col_offset == 0 else inner).update(names)
    return top, inner


@pytest.mark.parametrize("module", READING)
def test_no_reading_module_imports_another_inside_a_function(module: str) -> None:
    _, inner = _imports(module)
    reading = {f"tactful.reading.{m}" for m in READING}
    assert not {name for name in inner if name in reading}, inner


def test_the_reading_modules_form_no_cycle() -> None:
    graph = {
        m: {name.split(".")[2] for name in _imports(m)[0] if name.split(".")[2:3]} & set(READING)
        for m in READING
    }
    seen: set[str] = set()

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, " -> ".join((*path, node))
        if node in seen:
            return
        for nxt in graph[node]:
            visit(nxt, (*path, node))
        seen.add(node)

    for module in READING:
        visit(module, ())
