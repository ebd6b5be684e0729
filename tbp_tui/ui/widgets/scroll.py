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

    def scroll_lines(self, lines: int) -> None:
        """Scroll now, from where the last key left it: keys that arrive in one read (a held
        key over SSH) each count, where a deferred scroll would count them as one line."""
        self.scroll_to(y=self.scroll_target_y + lines, animate=False, immediate=True)

    def action_line_down(self) -> None:
        self.scroll_lines(1)

    def action_line_up(self) -> None:
        self.scroll_lines(-1)
