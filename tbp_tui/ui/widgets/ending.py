"""The end of a module: what the learner did, a moment to land, and what comes next.

Reached with n (or Enter) after a module's last step, it is a page like the steps, not a
notice: nothing moves on by itself. What comes next is decided by the session layer
(`Learner.after`); this page only says it. At the end of the whole course it says so and
offers the export.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tbp_tui.course.model import Module
from tbp_tui.session.learner import ModuleEnding
from tbp_tui.translate import counted
from tbp_tui.ui.base import catalog_of


class ModuleEnd(Vertical):
    DEFAULT_CLASSES = "step ending"

    def __init__(self, module: Module, ending: ModuleEnding) -> None:
        super().__init__()
        self.module = module
        self.ending = ending
        self.following = ending.following
        """The module that comes next, or None at the end of the course."""

    def compose(self) -> ComposeResult:
        t = catalog_of(self)
        end = self.ending
        course_end = self.following is None
        yield Static(Text(t("end.title"), style="bold"), classes="step-title", markup=False)
        yield Static(Text(t("end.done", module=self.module.title)), classes="body", markup=False)
        did = Text()
        did.append(t("end.did_title"), style="bold")
        did.append("\n• " + t("home.explored", seen=end.seen, steps=counted(t, "step", end.shown)))
        if end.reflections is not None:
            did.append("\n• " + t("end.written", reflections=counted(t, "reflection", end.reflections)))
        if end.skipped:
            did.append("\n• " + t("end.skipped", n=end.skipped))
        yield Static(did, classes="body", markup=False)
        yield Static(Text(t("end.ground")), classes="body", markup=False)
        nxt = Text()
        nxt.append(t("end.next_title"), style="bold")
        if course_end:
            nxt.append("\n" + t("end.course_done"))
            nxt.append("\n" + t("end.course_export"))
        else:
            assert self.following is not None
            nxt.append("\n" + t("end.next", module=self.following.title,
                                minutes=t("common.minutes", n=self.following.minutes)))
        yield Static(nxt, classes="body", markup=False)
        keys = "end.keys_course" if course_end else "end.keys"
        yield Static(Text(t(keys), style="dim"), classes="hint", markup=False)
