"""Time as an injected dependency, so timer tests advance a fake clock instead of sleeping."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol


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
