"""The room's one status line, on home and in the reader (drawn by tbp_tui/ui/room.py)."""

from __future__ import annotations

from textual.widgets import Static


class RoomStatus(Static):
    """One line: the room, following or browsing, and the key that changes it."""

    DEFAULT_CLASSES = "room-status"
