"""What every tbp Textual app shares: the course app (TbpApp) and the profile picker.

Themes, the no-colour and control-character filters, silenced Textual logs, no devtools,
translated bindings and the smallest usable window are set up here once, so the two apps
cannot drift apart on any of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import textual.constants
from textual.app import App
from textual.events import DescendantFocus
from textual.filter import NoColor
from textual.widgets import Input

from tbp_tui.i18n import Catalog
from tbp_tui.options import AppOptions
from tbp_tui.ui.base import localize_bindings
from tbp_tui.ui.compat import (
    add_line_filter,
    filter_without_copies,
    is_text_area,
    lazy_strip_caches,
    quiet_key_names,
    replace_colour_filters,
    shared_equal_rows,
    slim_component_nodes,
    small_cell_len_cache,
    truecolor_without_copies,
)
from tbp_tui.ui.textsafe import ControlCharFilter
from tbp_tui.ui.themes import ANSI_THEME, CALM, LIGHT, THEMES, theme_key

if TYPE_CHECKING:
    from tbp_tui.ui.stylecache import StyleCache

MIN_WIDTH = 60
MIN_HEIGHT = 20

ReturnType = TypeVar("ReturnType")


def silence_textual_logs() -> None:
    """No Textual log file (TEXTUAL_LOG) and no key log (TEXTUAL_DEBUG writes keys.log in the cwd).

    Both would record every key pressed, and so every character of a note, on disk.
    """
    textual.constants.LOG_FILE = None  # type: ignore[misc]
    textual.constants.DEBUG = False  # type: ignore[misc]


class TbpAppBase(App[ReturnType], inherit_bindings=False):
    def __init__(self, options: AppOptions, theme: str = "standard") -> None:
        """`theme` is used when the options name none (the learner's stored choice)."""
        self.options = options
        self.t = Catalog(options.lang)
        silence_textual_logs()
        lazy_strip_caches()
        small_cell_len_cache()
        slim_component_nodes()
        shared_equal_rows()
        quiet_key_names()
        self._theme_set = False
        super().__init__()
        # Textual's devtools would receive every key event, note text included: never connect.
        self.devtools = None
        localize_bindings(self, self.t)
        self.register_theme(CALM)
        self.register_theme(LIGHT)
        self._theme_set = True
        self.theme = THEMES[theme_key(options.theme or theme)]
        if options.no_color or self.no_color:
            # NO_COLOR: the terminal's own colours rule. Textual chose its filter before our theme
            # was set, and picked Monochrome (256-colour greys on a forced dark background); the
            # terminal's palette and no colour at all is what the convention asks for.
            self.no_color = True
            self.theme = ANSI_THEME
            replace_colour_filters(self, NoColor())
        add_line_filter(self, ControlCharFilter())
        filter_without_copies(ControlCharFilter)
        truecolor_without_copies()

    style_cache: StyleCache | None = None
    """Styles kept from the start before (ui/stylecache.py): `tbp` gives one, tests none."""

    def get_css_variables(self) -> dict[str, str]:
        """None while Textual's __init__ makes the stylesheet: its default theme's colours (a
        whole colour system, about 7 M instructions) would be replaced by tbp's theme's at once.
        Then the theme's, kept from the start before when it had the same theme."""
        if not self._theme_set:
            return {}
        if self.style_cache is None:
            return super().get_css_variables()
        theme = f"{self.current_theme!r}\0{self.get_theme_variable_defaults()!r}"
        variables = self.style_cache.css_variables(theme, super().get_css_variables)
        self.theme_variables = variables  # as Textual's own does
        return variables

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """A steady cursor in every text field: a blinking one redraws its field twice a second,
        for as long as the field has the focus (about 2.5 kB/s to an idle browser tab, and the
        same to an SSH session), and calm is the house style (the answer field never blinked)."""
        if isinstance(event.widget, Input) or is_text_area(event.widget):
            event.widget.cursor_blink = False  # type: ignore[attr-defined]
