"""Dine data: what the app stores, where, for which profile, and the learner's two rights over it.

Export writes the learner's own Markdown (the same text as `tbp export`) to a file they chose and
can edit first, mode 0600, in a worker thread. «Slett alt» deletes the profile's folder after a
confirmation and then switches saving off for the rest of the session: otherwise the next save
(a step seen, a reflection still open underneath) would quietly start the profile again.
"""

from __future__ import annotations

import io
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Static

from tbp_tui.clock import file_stamp
from tbp_tui.report.status import ReportStatus
from tbp_tui.session.export import os_error_words, write_export
from tbp_tui.session.learner import StoredCounts
from tbp_tui.translate import counted
from tbp_tui.ui.base import TbpScreen
from tbp_tui.ui.screens.dialogs import ConfirmScreen, ListingScreen
from tbp_tui.ui.screens.export import ExportPathScreen
from tbp_tui.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from tbp_tui.ui.app import TbpApp


class YourDataScreen(TbpScreen):
    CSS_PATH: ClassVar[list[str | PurePath]] = ["data.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "b.back", id="back", key_display="Esc"),
        Binding("e", "export", "b.export", id="data-export"),
        Binding("s", "delete", "b.delete_all", id="data-delete"),
        Binding("r", "report", "b.report", id="data-report"),
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

    report: ReportStatus | None = None
    """Completion reporting in sentences; read from files in a worker, so it comes a moment later."""

    def on_mount(self) -> None:
        self.refresh_text()
        self.query_one("#data-body").focus()
        if not self.guest:
            self.load_report()

    @work(thread=True, exclusive=True, group="data-report")
    def load_report(self) -> None:
        app = self.tbp
        status = self.learner.reporting(app.course, app.options.lang, self.t)
        if status is not None:
            app.call_from_thread(self._report_loaded, status)

    def _report_loaded(self, status: ReportStatus) -> None:
        self.report = status
        self.refresh_text()

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
        if self.tbp.options.seal is not None and not self.guest:
            out.append(t("data.sealed") + "\n\n")
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
        head("data.hide_title")
        out.append(t("hide.explain") + "\n\n")
        head("data.report_title")
        if self.guest:
            out.append(t("data.report_guest") + "\n\n")
        elif self.report is not None:
            out.append("\n".join(self.report.lines) + "\n")
            if self.report.waiting:
                out.append(t("data.report_show") + "\n")
            out.append("\n")
        head("data.rights_title")
        out.append(t("data.rights"))
        self.query_one("#data-text", Static).update(out)

    # ---------------------------------------------------------------- keys

    def action_back(self) -> None:
        self.dismiss()

    def action_report(self) -> None:
        """The exact statements waiting to be sent: the learner may read every one."""
        waiting = self.report.waiting if self.report is not None else []
        if not waiting:
            self.notify(self.t("data.report_none"), timeout=4)
            return
        entries = [(str(n), statement) for n, statement in enumerate(waiting, 1)]
        self.app.push_screen(ListingScreen(self.t("data.report_title"), entries, self.t("report.never")))

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
        start_export(self.tbp)

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
                deliberate=True,
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


def start_export(app: TbpApp) -> None:
    """Ask where to write the learner's export (from Dine data, or at the end of the course);
    in a browser tab, hand it to the browser as a download instead."""
    app.commit_all()  # an answer still open underneath belongs in the export too
    name = app.t("data.export_file", when=file_stamp(app.clock.now()))
    if app.is_web:  # in a browser tab (tbp serve) the file belongs on the participant's machine
        text = app.learner.export_markdown(app.course, app.t)
        app.deliver_text(io.StringIO(text), save_filename=name, mime_type="text/markdown", encoding="utf-8")
        app.notify(app.t("data.web_download", name=name), timeout=8, markup=False)
        return
    home = Path.home()
    suggested = f"~/{name}" if home.is_dir() else str(Path.cwd() / name)
    app.push_screen(DataExportScreen(suggested, name))


class DataExportScreen(ExportPathScreen):
    """Ask where to write the export (editable), write it 0600 in a worker, say where it went."""

    TITLE_KEY = "data.export_title"
    INTRO_KEY = "data.export_intro"

    def compose_options(self) -> ComposeResult:
        """Quiz answers that were not right stay out unless the learner asks for them."""
        yield Checkbox(self.t("data.export_wrong"), False, id="export-wrong", compact=True)

    def export(self, target: Path) -> None:
        self.status(Text(self.t("data.export_writing")))
        self.query_one("#export-path", Input).disabled = True
        wrong = self.query_one("#export-wrong", Checkbox).value
        text = self.learner.export_markdown(self.tbp.course, self.t, wrong_answers=wrong)
        self.write(target, text, self.replacing == target)

    @work(thread=True, exclusive=True, group="data-export")
    def write(self, target: Path, text: str, replace: bool) -> None:
        try:
            write_export(target, text.encode("utf-8"), replace=replace)
        except OSError as error:
            message = self.t("data.export_failed", reason=os_error_words(self.t, error))
            self.app.call_from_thread(self.failed, message)
            return
        self.app.call_from_thread(self.done, target.resolve(), [self.t("data.export_private")])
