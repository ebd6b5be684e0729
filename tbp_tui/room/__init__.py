"""Workshop rooms: a facilitator's commands and the learners' positions, shared through files.

Plain Python (no Textual): a room is a folder with group permissions, written atomically and
polled at most once a second; no server. See ``trust`` for who may open a room and whose room
a participant follows, ``files`` for the layout and who may write what.
"""

from .files import (
    ENV_ROOM_ROOT,
    CloseResult,
    RoomInfo,
    close_room,
    default_room_root,
    describe_room,
    open_room,
)
from .follow import POLL_INTERVAL, follow_tick, run_follow
from .links import FacilitatorLink, ParticipantLink
from .model import (
    HEARTBEAT,
    STALE_AFTER,
    Command,
    RoomError,
    Seat,
    check_room_name,
    valid_room_name,
)
from .trust import Leader

__all__ = [
    "ENV_ROOM_ROOT",
    "HEARTBEAT",
    "POLL_INTERVAL",
    "STALE_AFTER",
    "CloseResult",
    "Command",
    "FacilitatorLink",
    "Leader",
    "ParticipantLink",
    "RoomError",
    "RoomInfo",
    "Seat",
    "check_room_name",
    "close_room",
    "default_room_root",
    "describe_room",
    "follow_tick",
    "open_room",
    "run_follow",
    "valid_room_name",
]
