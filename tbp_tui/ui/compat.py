"""Every use of Textual's private API, one function (or one name) per hook.

Textual is pinned (pyproject.toml); on an upgrade this file and tests/ui/test_compat.py are the
one place to check. Keep it flat: a hook is a small function or a re-exported name, with the
private thing it touches named in its docstring, and each has its own test.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.document._document import Document, EditResult, Location
from textual.document._document_navigator import DocumentNavigator
from textual.document._wrapped_document import WrappedDocument
from textual.dom import DOMNode
from textual.filter import LineFilter
from textual.widgets._footer import FooterKey

__all__ = [
    "Document",
    "DocumentNavigator",
    "EditResult",
    "FooterKey",
    "Location",
    "WrappedDocument",
    "add_line_filter",
    "node_bindings",
    "set_node_bindings",
]


def add_line_filter(app: App[Any], line_filter: LineFilter) -> None:
    """Run every line the app draws through `line_filter` (``App._filters``; the public
    constructor only offers the colour filters)."""
    app._filters.append(line_filter)


def node_bindings(node: DOMNode) -> dict[str, list[Binding]]:
    """A node's own bindings by key (``DOMNode._bindings``), as declared, before merging."""
    return {key: list(bindings) for key, bindings in node._bindings.key_to_bindings.items()}


def set_node_bindings(node: DOMNode, keys: Mapping[str, Iterable[Binding]]) -> None:
    """Replace a node's own bindings (``DOMNode._bindings``), e.g. with translated labels."""
    node._bindings = BindingsMap.from_keys({key: list(bindings) for key, bindings in keys.items()})
