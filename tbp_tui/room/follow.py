"""The participant's poll loop, shared by the app (in a worker thread) and the room tests.

One tick: take the newest command (if any) and hand it to the UI, then report where the
learner now is. Reporting after handling means the facilitator sees the move on the same tick.
Whether to follow is the UI's choice (``on_command`` sees every command; nothing moves by
itself unless the learner has chosen to follow).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from .links import ParticipantLink
from .model import Command, RoomError

__all__ = ["POLL_INTERVAL", "Position", "follow_tick", "run_follow"]

#: Seconds between ticks; the issue allows at most one poll a second.
POLL_INTERVAL = 1.0

#: (module id, step id, following) as the UI knows it right now.
Position = tuple[str | None, str | None, bool]


def follow_tick(link: ParticipantLink, position: Callable[[], Position],
                on_command: Callable[[Command], None]) -> Command | None:
    """One poll and one report; RoomError propagates (the room vanished, no permission)."""
    command = link.poll()
    if command is not None:
        on_command(command)
    module, step, following = position()
    link.report(module, step, following)
    return command


def run_follow(link: ParticipantLink, position: Callable[[], Position],
               on_command: Callable[[Command], None], stop: threading.Event, *,
               interval: float = POLL_INTERVAL,
               on_error: Callable[[RoomError], None] | None = None) -> None:
    """Tick until ``stop`` is set; on a RoomError call ``on_error`` and end (or raise without one).

    Waiting is ``stop.wait``, so setting ``stop`` ends the loop at once, without a sleep.
    """
    while not stop.is_set():
        try:
            follow_tick(link, position, on_command)
        except RoomError as exc:
            if on_error is None:
                raise
            on_error(exc)
            return
        stop.wait(interval)
