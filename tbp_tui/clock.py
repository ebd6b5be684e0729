"""Time as an injected dependency, so timer tests advance a fake clock instead of sleeping."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


def mmss(seconds: float, *, up: bool = False) -> str:
    """Whole seconds as m:ss (h:mm:ss from an hour); remaining time rounds up, elapsed down.

    One format for every timer: the app's and plain mode's.
    """
    s = max(int(-(-seconds // 1)) if up else int(seconds), 0)
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def shown_time(moment: datetime | str) -> str:
    """The one way a moment is shown to the learner (exports, Dine data, the checklist): local
    time with its offset from UTC, «2026-01-01 10:00 (UTC+01:00)». Stored stamps stay UTC; a
    stamp that is not a time (a hand-edited file) is shown as it is."""
    if isinstance(moment, str):
        stamp = moment
        try:
            moment = datetime.fromisoformat(stamp)
        except ValueError:
            return stamp
    if moment.tzinfo is None:  # our stamps are UTC; a naive one was written as UTC too
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    return f"{local:%Y-%m-%d %H:%M} {_offset(local)}"


def shown_clock(moment: datetime) -> str:
    """A time of today as `shown_time` says it, without the date: «10:00 (UTC+01:00)». Over SSH
    the zone is the server's, so the offset tells a reader elsewhere which ten o'clock."""
    local = moment.astimezone()
    return f"{local:%H:%M} {_offset(local)}"


def _offset(local: datetime) -> str:
    offset = local.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    hours, rest = divmod(abs(int(offset.total_seconds())) // 60, 60)
    return f"(UTC{sign}{hours:02d}:{rest:02d})"


def file_stamp(moment: datetime) -> str:
    """The time in an export's suggested file name, in the same local time as `shown_time`."""
    return f"{moment.astimezone():%Y%m%d-%H%M}"


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds for measuring durations; never jumps with the wall clock."""
        ...

    def now(self) -> datetime:
        """Wall-clock time in UTC, for stamps such as when a reflection was written."""
        ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that moves only when a test says so (a plain class: this module is on every
    start's path, where a dataclass is compiled from source text)."""

    def __init__(self, t: float = 0.0, wall: datetime | None = None) -> None:
        self.t = t
        self.wall = datetime(2026, 1, 1, 9, 0, tzinfo=UTC) if wall is None else wall

    def monotonic(self) -> float:
        return self.t

    def now(self) -> datetime:
        return self.wall + timedelta(seconds=self.t)

    def advance(self, seconds: float) -> None:
        self.t += seconds
