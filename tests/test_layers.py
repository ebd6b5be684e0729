"""The layers as static contracts over the import graph (read with ast; nothing is imported).

Data flows files → loader → model → session → front-end → store. The runtime check in
test_import_hygiene.py imports a module and looks for Textual; these catch what it cannot: an
import inside a function, an import of ui without Textual, the store reached past the session,
and cycles.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_graph import PACKAGE_DIR, Edge, all_edges, module_name, part

EDGES = all_edges()
#: Parts that never import Textual or the ui package, not even in a function or for types.
DOMAIN = {"files", "i18n", "course", "progress", "session", "safety", "room", "clock", "options",
          "textsafe", "translate", "reflow", "plain"}
#: Front-ends: they reach the progress store only through the session layer.
FRONT_ENDS = {"ui", "plain"}


def _show(edges: list[Edge]) -> list[str]:
    return [f"{e.source}:{e.line} imports {e.target}" for e in edges]


def test_the_graph_is_read():
    assert len(EDGES) > 300
    assert any(e.source == "tbp_tui.ui.app" and e.target.startswith("textual") for e in EDGES)


def test_domain_never_imports_textual_or_ui():
    ui = [e for e in EDGES if part(e.target) == "textual" or e.target.split(".")[:2] == ["tbp_tui", "ui"]]
    bad = [e for e in ui if part(e.source) in DOMAIN]
    assert _show(bad) == []


def test_front_ends_reach_the_store_only_through_the_session():
    bad = [e for e in EDGES if part(e.source) in FRONT_ENDS and part(e.target) == "progress"
           and e.target.startswith("tbp_tui.")]
    assert _show(bad) == []


#: Leaf modules the ground floor may use: they import nothing of tbp_tui themselves (checked below).
LEAVES = {"tbp_tui.textsafe", "tbp_tui.translate"}


def test_files_is_the_ground_floor():
    bad = [e for e in EDGES if part(e.source) == "files" and e.target.startswith("tbp_tui.")
           and part(e.target) != "files" and e.target not in LEAVES]
    bad += [e for e in EDGES if e.source in LEAVES and e.target.startswith("tbp_tui.")]
    assert _show(bad) == []


def test_course_safety_and_room_do_not_need_the_store():
    lower = {"course", "safety", "room"}
    bad = [e for e in EDGES if part(e.source) in lower and part(e.target) == "progress"]
    assert _show(bad) == []


def _cycles(edges: list[Edge]) -> list[list[str]]:
    """Groups of modules that import each other, directly or round a circle (Tarjan)."""
    modules = {module_name(p) for p in PACKAGE_DIR.rglob("*.py")}

    def owner(target: str) -> str:
        while target not in modules and "." in target:
            target = target.rsplit(".", 1)[0]
        return target

    graph: dict[str, set[str]] = {m: set() for m in modules}
    for e in edges:
        if e.target.startswith("tbp_tui") and owner(e.target) != e.source:
            graph[e.source].add(owner(e.target))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while (w := stack.pop()) != v:
                group.append(w)
            if group:
                found.append(sorted([v, *group]))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycles_at_import_time():
    assert _cycles([e for e in EDGES if not e.type_only and not e.deferred]) == []


def test_no_import_cycles_through_imports_in_functions():
    """Imports inside functions only put the cycle off; type-only imports are the exception."""
    assert _cycles([e for e in EDGES if not e.type_only]) == []


def test_the_cycle_finder_finds_a_cycle():
    a = Edge("tbp_tui.clock", "tbp_tui.options", 1, False, False)
    b = Edge("tbp_tui.options", "tbp_tui.clock", 1, False, True)
    assert _cycles([a, b]) == [["tbp_tui.clock", "tbp_tui.options"]]
