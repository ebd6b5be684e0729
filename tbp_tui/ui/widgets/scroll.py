"""A page that scrolls vertically with paging keys only, so arrows stay with the screen."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

from tbp_tui.ui.base import catalog_of, localize_bindings


class PageScroll(VerticalScroll, inherit_bindings=False):
    """← and → mean previous and next; ↑ and ↓ are the screen's to give (see subclasses)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pageup", "page_up", "a.page_up", id="page-up", show=False),
        Binding("pagedown", "page_down", "a.page_down", id="page-down", show=False),
        Binding("home", "scroll_home", "a.scroll_home", id="scroll-home", show=False),
        Binding("end", "scroll_end", "a.scroll_end", id="scroll-end", show=False),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self, catalog_of(self))
