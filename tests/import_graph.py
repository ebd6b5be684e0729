"""The import graph of tbp_tui, read from the source with ast (nothing is imported).

Used by tests/test_layers.py for the layer contracts, and runnable on its own to print the
layer picture (which part imports which):  python tests/import_graph.py
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "tbp_tui"


@dataclass(frozen=True)
class Edge:
    source: str  # importing module, e.g. "tbp_tui.ui.app"
    target: str  # imported module (or package), e.g. "tbp_tui.progress.store" or "textual.app"
    line: int
    type_only: bool  # under `if TYPE_CHECKING:`
    deferred: bool  # inside a function: runs when called, not when the module is imported


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _walk(node: ast.AST, type_only: bool, deferred: bool) -> Iterator[tuple[ast.AST, bool, bool]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for grandchild in child.body:
                yield grandchild, True, deferred
                yield from _walk(grandchild, True, deferred)
            for grandchild in child.orelse:
                yield grandchild, type_only, deferred
                yield from _walk(grandchild, type_only, deferred)
            continue
        inner = deferred or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        yield child, type_only, deferred
        yield from _walk(child, type_only, inner)


def edges_of(path: Path) -> list[Edge]:
    source = module_name(path)
    is_package = path.name == "__init__.py"
    here = source.split(".") if is_package else source.split(".")[:-1]
    found: list[Edge] = []
    for node, type_only, deferred in _walk(ast.parse(path.read_text(), str(path)), False, False):
        if isinstance(node, ast.Import):
            found += [Edge(source, alias.name, node.lineno, type_only, deferred) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target == "__future__":
                continue
            # `from pkg import sub` imports the submodule when there is one
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                real = sub if _exists(sub) else target
                found.append(Edge(source, real, node.lineno, type_only, deferred))
    return found


def _exists(module: str) -> bool:
    if not module.startswith("tbp_tui"):
        return False
    rel = Path(*module.split(".")[1:])
    return (PACKAGE_DIR / rel).with_suffix(".py").is_file() or (PACKAGE_DIR / rel / "__init__.py").is_file()


def all_edges() -> list[Edge]:
    return [e for path in sorted(PACKAGE_DIR.rglob("*.py")) for e in edges_of(path)]


def part(module: str) -> str:
    """The layer a module belongs to: `ui`, `progress`, `plain`, ... or `textual` outside."""
    pieces = module.split(".")
    if pieces[0] != "tbp_tui":
        return pieces[0]
    return pieces[1] if len(pieces) > 1 else "tbp_tui"


def picture(edges: list[Edge]) -> dict[str, set[str]]:
    """Which part imports which (at run time; type-only imports left out)."""
    out: dict[str, set[str]] = {}
    for e in edges:
        src, dst = part(e.source), part(e.target)
        if e.target.startswith("tbp_tui") or dst == "textual":
            out.setdefault(src, set())
            if src != dst and not e.type_only:
                out[src].add(dst)
    return out


def main() -> int:
    for src, dsts in sorted(picture(all_edges()).items()):
        print(f"{src:15} -> {', '.join(sorted(dsts)) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
