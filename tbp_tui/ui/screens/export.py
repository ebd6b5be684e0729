"""One "where shall I write it?" dialog for every export: the checklist and the learner's own data.

The path is shown and editable first; an existing file is replaced only after a second Enter;
what went wrong is said in plain words and the field opens again, so nothing typed is lost.
Subclasses say what to write (`export`) and call `done` or `failed`.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tbp_tui.session.export import check_export_target, export_target, os_error_words
from tbp_tui.ui.base import TbpModal
from tbp_tui.ui.widgets.footer import KeyFooter


class ExportPathScreen(TbpModal):
    TITLE_KEY: ClassVar[str] = "export.title"
    INTRO_KEY: ClassVar[str] = "export.intro"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "b.cancel", id="export-cancel", key_display="Esc"),
        Binding("enter", "close_if_done", "b.close", id="export-close", show=False),
    ]

    def __init__(self, suggested: str, file_name: str) -> None:
        super().__init__()
        self.suggested = suggested
        self.file_name = file_name
        """Used when the learner gives a folder."""
        self.written: Path | None = None
        self._replace: Path | None = None

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="dialog", classes="export"):
            yield Static(Text(t(self.TITLE_KEY), style="bold"), classes="dialog-title", markup=False)
            yield Static(Text(t(self.INTRO_KEY)), classes="dialog-intro", markup=False)
            path = Input(self.suggested, id="export-path", select_on_focus=False)
            path.border_title = t("export.label")
            yield path
            yield from self.compose_options()
            yield Static("", id="export-status", markup=False)
            yield Static(Text(t("export.keys"), style="dim"), id="export-keys", markup=False)
        yield KeyFooter()

    def compose_options(self) -> ComposeResult:
        """Choices under the path (a subclass's own); none here."""
        yield from ()

    def on_mount(self) -> None:
        field = self.query_one("#export-path", Input)
        field.focus()
        field.cursor_position = len(field.value)

    def status(self, text: Text) -> None:
        self.query_one("#export-status", Static).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._replace is not None:
            self._replace = None
            self.status(Text(""))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        t = self.t
        raw = event.value.strip()
        if not raw:
            self.status(Text(t("export.empty_path")))
            return
        try:
            target = export_target(raw, self.file_name)
            exists = check_export_target(target)
        except OSError as error:  # ~nosuchuser, a name too long, a link, a device, no folder
            self.failed(t("export.failed", reason=os_error_words(t, error)))
            return
        if exists and self._replace != target:
            self._replace = target
            self.status(Text(t("export.exists", path=str(target)), style="bold"))
            return
        self.export(target)

    @property
    def replacing(self) -> Path | None:
        """The existing file the learner agreed to replace (a second Enter), if any."""
        return self._replace

    def export(self, target: Path) -> None:
        """Write to `target`, then call `done` or `failed`."""
        raise NotImplementedError

    def failed(self, message: str) -> None:
        self._replace = None
        field = self.query_one("#export-path", Input)
        field.disabled = False
        field.focus()
        self.status(Text(message, style="bold"))

    def done(self, path: Path, notes: list[str]) -> None:
        self.written = path
        text = Text(self.t("export.done", path=str(path)), style="bold")
        for note in notes:
            text.append("\n" + note)
        self.status(text)
        self.query_one("#export-path", Input).disabled = True
        self.query_one("#export-keys", Static).update(Text(self.t("export.close"), style="dim"))
        self.set_focus(None)

    def action_close(self) -> None:
        self.dismiss(self.written)

    def action_close_if_done(self) -> None:
        if self.written is not None:
            self.dismiss(self.written)
