"""The full-screen profile picker: a tiny app that runs before the course app opens a store.

It only returns a name; the caller opens that profile's own store. Existing profiles are listed
(names only, nothing from inside them); a new name is checked with the same rules as
``--profile`` and a bad one is explained in place.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.filter import Monochrome
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tbp_tui.i18n import Catalog
from tbp_tui.options import AppOptions
from tbp_tui.profile_choice import name_problem
from tbp_tui.ui.base import localize_bindings
from tbp_tui.ui.textsafe import ControlCharFilter
from tbp_tui.ui.themes import CALM, LIGHT, THEMES, theme_key
from tbp_tui.ui.widgets.footer import KeyFooter


class ProfilePickerApp(App[str | None], inherit_bindings=False):
    CSS_PATH: ClassVar[list[str | PurePath]] = ["profiles.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "b.quit", id="picker-quit", key_display="Esc"),
        Binding("ctrl+q", "leave", "b.quit", id="picker-quit-ctrl", show=False, priority=True),
        # Two fields only, so Tab alone goes back and forth between the list and the new name.
        Binding("tab", "app.focus_next", "a.focus_next", id="picker-next", show=False),
    ]
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, existing: list[str], options: AppOptions) -> None:
        from tbp_tui.ui.app import _silence_textual_logs

        self.existing = existing
        self.options = options
        self.t = Catalog(options.lang)
        _silence_textual_logs()
        super().__init__()
        self.devtools = None
        localize_bindings(self, self.t)
        self.title = self.t("profiles.title")
        self.register_theme(CALM)
        self.register_theme(LIGHT)
        self.theme = THEMES[theme_key(options.theme or "standard")]
        if options.no_color and not self.no_color:
            self.no_color = True
            self._filters.append(Monochrome())
        self._filters.append(ControlCharFilter())

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(Text(t("profiles.title"), style="bold"), id="picker-title", markup=False)
        yield Static(Text(t("profiles.shared")), id="picker-note", markup=False)
        if self.existing:
            menu = OptionList(*[Option(Text(name), id=f"p:{name}") for name in self.existing],
                              id="picker-list")
            menu.border_title = t("profiles.existing")
            yield menu
        field = Input(id="picker-new", placeholder=t("profiles.new_placeholder"))
        field.border_title = t("profiles.new")
        yield field
        yield Static("", id="picker-message", markup=False)
        yield Static(Text(t("profiles.keys"), style="dim"), id="picker-keys", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        target = "#picker-list" if self.existing else "#picker-new"
        self.query_one(target).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.exit((event.option.id or "")[2:])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value
        if not name.strip():
            return
        problem = name_problem(name, self.t)
        if problem is not None:
            self.query_one("#picker-message", Static).update(Text("✗ " + problem, style="bold"))
            return
        self.exit(name)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_one("#picker-message", Static).update("")

    def action_leave(self) -> None:
        self.exit(None)


def pick_profile(existing: list[str], options: AppOptions) -> str | None:
    """Run the picker; the chosen or new name, or None when the learner left."""
    result = ProfilePickerApp(existing, options).run()
    return result if isinstance(result, str) else None
