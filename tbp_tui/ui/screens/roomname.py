"""The name a browser tab shows in the facilitator's seat table.

Every tab of `tbp serve --room` is the server's one Unix account, so the account cannot tell
participants apart: each tab says who it is. The name is cleaned by the same rule the
facilitator's table reads every seat with (`room.model.display_name`), so what is shown here is
what the facilitator sees; the seat table names the account beside it, so nobody passes for
someone with an SSH login of their own, and a tab is never the facilitator (only the room
owner's seats can be).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tbp_tui.files.names import name_problem
from tbp_tui.room.model import MAX_NAME_CHARS, display_name
from tbp_tui.ui.base import TbpModal


def room_name(typed: str) -> str | None:
    """The typed name as the seat table will show it, or None when nothing usable is left."""
    cleaned = display_name(typed)
    return cleaned if cleaned is not None and name_problem(cleaned) is None else None


class RoomNameScreen(TbpModal):
    """Ask for a display name before the tab joins the room; Esc: not now (F4 asks again)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "b.cancel", id="room-name-cancel", key_display="Esc"),
    ]

    def __init__(self, room: str, leader: str) -> None:
        super().__init__()
        self.room = room
        self.leader = leader

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="dialog"):
            yield Static(Text(t("room.join_title", name=self.room), style="bold"), classes="dialog-title",
                         markup=False)
            yield Static(Text(t("room.web_name_body", leader=self.leader)), classes="dialog-intro",
                         markup=False)
            field = Input(id="room-name", max_length=MAX_NAME_CHARS)
            field.border_title = t("room.web_name_field")
            yield field
            yield Static("", id="room-name-message", markup=False)
            yield Static(Text(t("room.web_name_keys"), style="dim"), classes="dialog-foot", markup=False)

    def on_mount(self) -> None:
        self.query_one("#room-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = room_name(event.value)
        if name is None:
            self.query_one("#room-name-message", Static).update(
                Text("✗ " + self.t("room.web_name_bad"), style="bold"))
            return
        self.dismiss(name)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
