"""The room's one status line, on home and in the reader (drawn by tbp_tui/ui/room.py)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

STATUS_ID = "room-status"
"""Its id: a direct child of home and of the participant's reader, found without a query."""


class RoomStatus(Static):
    """One line: the room, following or browsing, and the key that changes it.

    Redrawn only when its text changes: the room is polled every second, and redrawing the line
    each time re-laid-out the whole screen (about 23 kB/s down every idle participant's link).
    """

    DEFAULT_CLASSES = "room-status"

    def __init__(self, text: Text, *, id: str | None = None) -> None:
        super().__init__(text, markup=False, id=id)
        self._shown = text

    def show(self, text: Text) -> None:
        if text != self._shown:
            self._shown = text
            self.update(text)
