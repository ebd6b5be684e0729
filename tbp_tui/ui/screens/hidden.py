"""Skjul: a plain, neutral page that covers the app at once, from any screen.

It looks like an ordinary, empty notes page: «Notater» and «Ingen notater ennå». Nothing on it
says that something is hidden or which key brings it back, since an onlooker reads it too; F12 is
explained beforehand (first start, F1, Dine data). Nothing under it is changed; the app pops this
screen to return exactly where it was.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from tbp_tui.ui.base import TbpScreen, styles


class HiddenScreen(TbpScreen):
    CSS_PATH: ClassVar[list[str | PurePath]] = styles("hidden.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "unhide", "b.unhide", id="unhide", key_display="Esc"),
    ]
    AUTO_FOCUS = None
    hides_app: ClassVar[bool] = True
    """What PrivacyGuard.hidden looks for: the app asks without importing this module."""

    def compose(self) -> ComposeResult:
        yield Static(Text(self.t("hidden.title"), style="bold"), id="hidden-title", markup=False)
        yield Static("", id="hidden-page", markup=False)
        yield Static(Text(self.t("hidden.note")), id="hidden-note", markup=False)

    def action_unhide(self) -> None:
        self.tbp.unhide()
