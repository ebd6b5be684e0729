"""An option list that leaves ← and → alone, so they always mean previous and next step."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from tbp_tui.ui.base import catalog_of, localize_bindings


class Choices(OptionList, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "a.cursor_down", id="cursor-down", show=False),
        Binding("up", "cursor_up", "a.cursor_up", id="cursor-up", show=False),
        Binding("end", "last", "a.last", id="last", show=False),
        Binding("home", "first", "a.first", id="first", show=False),
        Binding("enter", "select", "a.select", id="select", show=False),
        Binding("pagedown", "page_down", "a.page_down", id="page-down", show=False),
        Binding("pageup", "page_up", "a.page_up", id="page-up", show=False),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self, catalog_of(self))
