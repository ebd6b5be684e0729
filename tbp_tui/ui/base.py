"""Shared plumbing for screens: the typed app, the string catalog and translated key labels.

Bindings are declared with catalog keys as descriptions (`"b.next"`); each screen instance
swaps them for the learner's language when it is built, so the footer, the help screen and
any remapping by `id` all see the same, translated bindings.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

from tbp_tui.i18n import Catalog
from tbp_tui.ui.compat import is_text_area, lean_compositor, node_bindings, set_node_bindings

if TYPE_CHECKING:
    from tbp_tui.clock import Clock
    from tbp_tui.session.learner import Learner
    from tbp_tui.ui.app import TbpApp


def localize_bindings(node: DOMNode, t: Catalog) -> None:
    """Replace catalog keys in a node's binding descriptions with text in the learner's language."""
    keys: dict[str, list[Binding]] = {}
    for key, bindings in node_bindings(node).items():
        keys[key] = [
            replace(b, description=t(b.description), tooltip=t(b.tooltip) if b.tooltip else "")
            if b.description and t.has(b.description)
            else b
            for b in bindings
        ]
    set_node_bindings(node, keys)


def typing(screen: Screen[Any]) -> bool:
    """True while the focus is in a text field: letters, arrows and q go into the text there, so
    the screen's own keys are left out of the footer (Esc or Tab leaves the field)."""
    return isinstance(screen.focused, Input) or is_text_area(screen.focused)


def catalog_of(node: DOMNode) -> Catalog:
    """The running app's catalog, for widgets that build their own bindings."""
    return cast("TbpApp", node.app).t


def clock_of(node: DOMNode) -> Clock:
    """The running app's clock (injected, so tests move time themselves)."""
    return cast("TbpApp", node.app).clock


class TbpMixin:
    """Typed access to the app's course, catalog and learner state from any screen."""

    @property
    def tbp(self) -> TbpApp:
        return cast("TbpApp", cast(DOMNode, self).app)

    @property
    def t(self) -> Catalog:
        return self.tbp.t

    @property
    def learner(self) -> Learner:
        return self.tbp.learner

    def commit(self) -> None:
        """Hand anything typed but not yet stored to the learner state (before leaving/quitting)."""


def styles(*names: str) -> list[str | PurePath]:
    """A screen's CSS_PATH from `ui/screens/`, as absolute paths: Textual resolves relative ones
    against the file of each subclass, wherever that lives."""
    return [Path(__file__).parent / "screens" / name for name in names]


class TbpScreen(TbpMixin, Screen[None]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lean_compositor(self)
        localize_bindings(self, self.t)


class TbpModal(TbpMixin, ModalScreen[Any]):
    CSS_PATH: ClassVar[list[str | PurePath]] = styles("dialogs.tcss")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self, self.t)
