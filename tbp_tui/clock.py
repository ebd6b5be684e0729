"""Time as an injected dependency, so timer tests advance a fake clock instead of sleeping."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
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


@dataclass
class FakeClock:
    """A clock that moves only when a test says so."""

    t: float = 0.0
    wall: datetime = field(default_factory=lambda: datetime(2026, 1, 1, 9, 0, tzinfo=UTC))

    def monotonic(self) -> float:
        return self.t

    def now(self) -> datetime:
        return self.wall + timedelta(seconds=self.t)

    def advance(self, seconds: float) -> None:
        self.t += seconds
