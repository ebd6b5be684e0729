"""First start: what the course is, how long its parts take, what is stored, how to pause.

Shown once, when the store says the first run is not done; closing it records that. The palette
entry «Om kurset» opens it again. Durations come from the course files, never from this code.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import PurePath
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tbp_tui.course.model import Course
from tbp_tui.i18n import Catalog
from tbp_tui.ui.base import TbpScreen
from tbp_tui.ui.widgets.footer import KeyFooter


def course_parts(course: Course, t: Catalog) -> list[tuple[str, str]]:
    """(part, duration) rows: each introduction, then the competency modules.

    Competency modules of equal length share one row ("5 kjernekompetansemoduler · 90 min hver");
    otherwise each gets its own.
    """
    rows = [(m.title, t("common.minutes", n=m.minutes)) for m in course.modules if m.kind == "intro"]
    competency = [m for m in course.modules if m.kind == "competency"]
    lengths = [k for k, _ in groupby(m.minutes for m in competency)]
    if len(competency) > 1 and len(lengths) == 1:
        rows.append((t("welcome.competency", n=len(competency)), t("welcome.each", n=lengths[0])))
    else:
        rows.extend((m.title, t("common.minutes", n=m.minutes)) for m in competency)
    return rows


class WelcomeScreen(TbpScreen):
    CSS_PATH: ClassVar[list[str | PurePath]] = ["welcome.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "start", "b.start", id="welcome-start", key_display="Enter"),
        Binding("j,down", "scroll_down", "a.scroll_down", id="scroll-down", show=False),
        Binding("k,up", "scroll_up", "a.scroll_up", id="scroll-up", show=False),
    ]
    AUTO_FOCUS = None

    def compose(self) -> ComposeResult:
        t = self.t
        course = self.tbp.course
        yield Static(Text(t("welcome.title", course=course.title), style="bold"), id="welcome-title",
                     markup=False)
        with VerticalScroll(id="welcome-body", can_focus=False):
            yield Static(Text(t("welcome.what")), classes="welcome-part", markup=False)
            table = Table.grid(padding=(0, 2))
            table.add_column(no_wrap=True, overflow="ellipsis", max_width=52)
            table.add_column(justify="right", no_wrap=True)
            for part, minutes in course_parts(course, t):
                table.add_row(Text(part), Text(minutes))
            yield Static(Text(t("welcome.parts_title"), style="bold"), markup=False)
            yield Static(table, classes="welcome-part", id="welcome-parts")
            yield Static(self._stored(), classes="welcome-part", markup=False)
            yield Static(Text(t("welcome.keys")), classes="welcome-part", markup=False)
            yield Static(Text(t("hide.explain")), classes="welcome-part", markup=False)
            yield Static(Text(t("welcome.start"), style="bold"), markup=False)
        yield KeyFooter()

    def _stored(self) -> Text:
        t = self.t
        learner = self.learner
        if self.tbp.options.guest or not learner.saving:
            return Text(t("welcome.stored_nothing"))
        return Text(t("welcome.stored", path=str(learner.paths["progress_file"])))

    def action_start(self) -> None:
        """Remember that the page was shown (unless it already was), then show the course."""
        if not self.learner.first_run_done:
            self.learner.mark_first_run_done()
            self.tbp.save_now()
        self.dismiss()

    def action_scroll_down(self) -> None:
        self.query_one("#welcome-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#welcome-body", VerticalScroll).scroll_up()
