"""Every use of Textual's private API, one function (or one name) per hook.

Textual is pinned (pyproject.toml); on an upgrade this file and tests/ui/test_compat.py are the
one place to check. Keep it flat: a hook is a small function or a re-exported name, with the
private thing it touches named in its docstring, and each has its own test.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rich.segment import Segments
from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.document._document import Document, EditResult, Location
from textual.document._document_navigator import DocumentNavigator
from textual.document._wrapped_document import WrappedDocument
from textual.dom import DOMNode
from textual.filter import LineFilter
from textual.notifications import Notification
from textual.widgets._footer import FooterKey

__all__ = [
    "OVERRIDDEN",
    "Document",
    "DocumentNavigator",
    "EditResult",
    "FooterKey",
    "Location",
    "WrappedDocument",
    "add_line_filter",
    "exit_printing",
    "node_bindings",
    "notifications",
    "record_exception",
    "set_node_bindings",
    "unnotify",
]

#: Private App methods that tbp_tui/ui/privacy.py overrides (same names, same arguments):
#: ``_on_notify(event)`` runs before Textual shows a notice; ``_handle_exception(error)`` gets
#: every crash; ``_fatal_error()`` prints it on the way out.
OVERRIDDEN = ("_on_notify", "_handle_exception", "_fatal_error")


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


def notifications(app: App[Any]) -> list[Notification]:
    """The notices on screen now (``App._notifications``)."""
    return list(app._notifications)


def unnotify(app: App[Any], notification: Notification) -> None:
    """Take a notice down without a redraw (``App._unnotify``)."""
    app._unnotify(notification, refresh=False)


def record_exception(app: App[Any], error: Exception) -> None:
    """What Textual's own `_handle_exception` records before it prints: exit code 1 and the
    first error (``App._return_code``, ``_exception``, ``_exception_event``)."""
    app._return_code = 1
    if app._exception is None:
        app._exception = error
        app._exception_event.set()


def exit_printing(app: App[Any], renderable: Segments) -> None:
    """End the app and print `renderable` once the terminal is back (``App._exit_renderables``,
    ``App._close_messages_no_wait``), as Textual's `_fatal_error` does with its traceback."""
    app._exit_renderables.append(renderable)
    app._close_messages_no_wait()
