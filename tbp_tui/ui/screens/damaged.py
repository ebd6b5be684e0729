"""A progress file that could not be read, said on a page that stays until the learner has read it.

A toast over the welcome page went by in eight seconds, with the TOML parser's English words in
it. This page says in plain words what happened, that nothing was deleted and where the old file
is; the parser's detail is left to `tbp where` and the file itself.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tbp_tui.session.store import Notice
from tbp_tui.ui.base import TbpScreen, styles
from tbp_tui.ui.widgets.footer import KeyFooter

PAGE_CODES = frozenset({"damaged", "damaged-kept", "set-aside-fresh", "set-aside-kept", "unreadable"})
"""Notices about the progress file itself: a page, not a toast."""


class DamagedScreen(TbpScreen):
    CSS_PATH: ClassVar[list[str | PurePath]] = styles("dialogs.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", "b.damaged_close", id="damaged-close", key_display="Enter"),
    ]

    def __init__(self, notices: list[Notice]) -> None:
        super().__init__()
        self.notices = notices

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(Text(t("damaged.title"), style="bold"), id="listing-title", markup=False)
        with VerticalScroll(id="listing", can_focus=True):
            for notice in self.notices:
                values = dict(notice.params)
                if notice.reason is not None:
                    values["reason"] = notice.reason.words(t)
                yield Static(Text(t(f"damaged.{notice.code}", **values)), classes="entry", markup=False)
            yield Static(Text(t("damaged.nothing_lost")), classes="entry", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#listing").focus()

    def action_close(self) -> None:
        self.dismiss()
