"""Dine data: what the app stores, where, for which profile, and the learner's two rights over it.

Export writes the learner's own Markdown (the same text as `tbp export`) to a file they chose and
can edit first, mode 0600, in a worker thread. «Slett alt» deletes the profile's folder after a
confirmation and then switches saving off for the rest of the session: otherwise the next save
(a step seen, a reflection still open underneath) would quietly start the profile again.
"""

from __future__ import annotations

import io
from pathlib import Path, PurePath
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Static

from tbp_tui.session.export import write_export
from tbp_tui.session.learner import StoredCounts
from tbp_tui.translate import counted
from tbp_tui.ui.base import TbpScreen
from tbp_tui.ui.screens.dialogs import ConfirmScreen
from tbp_tui.ui.screens.export import ExportPathScreen, os_error_words
from tbp_tui.ui.widgets.footer import KeyFooter


class YourDataScreen(TbpScreen):
    CSS_PATH: ClassVar[list[str | PurePath]] = ["data.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "b.back", id="back", key_display="Esc"),
        Binding("e", "export", "b.export", id="data-export"),
        Binding("s", "delete", "b.delete_all", id="data-delete"),
        Binding("j", "scroll_down", "a.scroll_down", id="scroll-down", show=False),
        Binding("k", "scroll_up", "a.scroll_up", id="scroll-up", show=False),
    ]

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(Text(t("data.title"), style="bold"), id="data-title", markup=False)
        with VerticalScroll(id="data-body", can_focus=True):
            yield Static("", id="data-text", markup=False)
        with Horizontal(id="data-buttons"):
            yield Button(t("data.export_button"), id="data-export-button", compact=True)
            yield Button(t("data.delete_button"), id="data-delete-button", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_text()
        self.query_one("#data-body").focus()

    def on_screen_resume(self) -> None:
        self.refresh_text()

    # ---------------------------------------------------------------- what is stored

    @property
    def store_paths(self) -> dict[str, Path]:
        return self.learner.paths

    @property
    def profile(self) -> str:
        return self.learner.profile

    @property
    def guest(self) -> bool:
        return self.tbp.options.guest

    def counts(self) -> StoredCounts:
        return self.learner.stored_counts()

    def refresh_text(self) -> None:
        t = self.t
        where = self.store_paths
        file = where["progress_file"]
        out = Text()

        def head(key: str) -> None:
            out.append(t(key) + "\n", style="bold")

        out.append(t("data.profile", profile=self.profile) + "\n\n", style="bold")
        if self.guest:
            out.append("● " + t("data.guest") + "\n\n")
        elif not self.learner.saving:
            out.append("● " + t("data.not_saving") + "\n\n")
        head("data.what_title")
        out.append(t("data.what") + "\n\n")
        c = self.counts()
        head("data.now_title")
        out.append(t("data.now", seen=counted(t, "step", c.seen),
                     reflections=counted(t, "reflection", c.reflections),
                     attempts=counted(t, "quiz_answer", c.quiz_attempts), minutes=int(c.seconds // 60)))
        if c.skipped:
            out.append(" · " + t("data.now_skipped", n=c.skipped))
        out.append("\n\n")
        head("data.where_title")
        out.append(t("data.data_dir") + "  ")
        out.append(str(where["data_dir"]) + "\n", style="bold")
        out.append(t("data.progress_file") + "  ")
        out.append(str(file) + "\n", style="bold")
        if self.guest:
            out.append(t("data.guest_file") + "\n")
        else:
            out.append(t("data.file_exists" if file.exists() else "data.file_missing") + "\n")
        out.append(t("data.private") + "\n")
        cache = where["cache_dir"]
        if cache.is_dir():
            out.append(t("data.cache", folder=str(cache)) + "\n")
        out.append("\n")
        head("data.checklist_title")
        out.append(t("data.checklist") + "\n\n")
        head("data.rights_title")
        out.append(t("data.rights"))
        self.query_one("#data-text", Static).update(out)

    # ---------------------------------------------------------------- keys

    def action_back(self) -> None:
        self.dismiss()

    def action_scroll_down(self) -> None:
        self.query_one("#data-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#data-body", VerticalScroll).scroll_up()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "data-export-button":
            self.action_export()
        elif event.button.id == "data-delete-button":
            self.action_delete()

    def action_export(self) -> None:
        app = self.tbp
        app.commit_all()  # an answer still open underneath belongs in the export too
        text = self.learner.export_markdown(app.course, self.t)
        when = app.clock.now().astimezone()
        name = self.t("data.export_file", when=f"{when:%Y%m%d-%H%M}")
        if app.is_web:  # in a browser tab (tbp serve) the file belongs on the participant's machine
            app.deliver_text(io.StringIO(text), save_filename=name, mime_type="text/markdown",
                             encoding="utf-8")
            self.notify(self.t("data.web_download", name=name), timeout=8, markup=False)
            return
        home = Path.home()
        suggested = f"~/{name}" if home.is_dir() else str(Path.cwd() / name)
        app.push_screen(DataExportScreen(text, suggested, name))

    def action_delete(self) -> None:
        t = self.t
        if self.guest:
            self.notify(t("data.guest_nothing"), timeout=5)
            return
        folder = self.store_paths["profile_dir"]

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete_everything()

        self.app.push_screen(
            ConfirmScreen(
                t("data.delete_title"),
                t("data.delete_body", profile=self.profile, folder=str(folder)),
                t("data.delete_yes"),
                t("data.delete_no"),
            ),
            answered,
        )

    def delete_everything(self) -> None:
        """Delete on the UI thread: the store must not be saved from another thread meanwhile.

        The wait is bounded (the store's lock gives up after 5 s) and only happens when another
        session of the same profile is saving at that very moment.
        """
        t = self.t
        app = self.tbp
        folder = self.store_paths["profile_dir"]
        app.commit_all()  # typed text goes to the store now, so it is deleted with the rest
        problems = self.learner.forget()
        if problems or folder.exists():
            # What went wrong (read-only folder, unsafe folder …) follows, in the learner's language.
            said = [t("data.delete_failed", folder=str(folder)), *(p.words(t) for p in problems)]
            self.notify("\n".join(said), severity="warning", timeout=10, markup=False)
        else:
            self.notify(t("data.deleted", folder=str(folder)), timeout=10)
        self.refresh_text()


class DataExportScreen(ExportPathScreen):
    """Ask where to write the export (editable), write it 0600 in a worker, say where it went."""

    TITLE_KEY = "data.export_title"
    INTRO_KEY = "data.export_intro"

    def __init__(self, text: str, suggested: str, name: str) -> None:
        super().__init__(suggested, name)
        self.text = text

    def export(self, target: Path) -> None:
        self.status(Text(self.t("data.export_writing")))
        self.query_one("#export-path", Input).disabled = True
        self.write(target, self.replacing == target)

    @work(thread=True, exclusive=True, group="data-export")
    def write(self, target: Path, replace: bool) -> None:
        try:
            write_export(target, self.text.encode("utf-8"), replace=replace)
        except OSError as error:
            message = self.t("data.export_failed", reason=os_error_words(self.t, error))
            self.app.call_from_thread(self.failed, message)
            return
        self.app.call_from_thread(self.done, target.resolve(), [self.t("data.export_private")])
