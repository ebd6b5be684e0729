"""Keys a browser keeps for itself (Ctrl+W closes the tab, Ctrl+T and Ctrl+N open new ones) never
reach a page, so no binding of tbp's own may need them: in `tbp serve` it could not be pressed."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding

import tbp_tui.ui

BROWSER_KEYS = {"ctrl+w", "ctrl+t", "ctrl+n", "ctrl+shift+w", "ctrl+shift+t", "ctrl+shift+n"}


def own_bindings() -> dict[str, list[str]]:
    """Every key of every BINDINGS list in tbp_tui.ui, by the class that declares it."""
    found: dict[str, list[str]] = {}
    for info in pkgutil.walk_packages(tbp_tui.ui.__path__, "tbp_tui.ui."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or "BINDINGS" not in vars(cls):
                continue
            keys: list[str] = []
            for entry in vars(cls)["BINDINGS"]:
                key = entry.key if isinstance(entry, Binding) else entry[0]
                keys += [k.strip() for k in key.split(",")]
            found[f"{module.__name__}.{name}"] = keys
    return found


def test_no_binding_needs_a_key_the_browser_keeps():
    bindings = own_bindings()
    assert len(bindings) >= 10  # the screens and the app were found
    assert any("ctrl+q" in keys for keys in bindings.values())
    taken = {owner: sorted(set(keys) & BROWSER_KEYS) for owner, keys in bindings.items()}
    assert {owner: keys for owner, keys in taken.items() if keys} == {}
