"""The exercise timer's arithmetic, apart from the widget so it is tested without a screen.

Times come from an injected monotonic clock; nothing here sleeps, and reaching zero only changes
what is shown: it never moves the learner on or locks anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tbp_tui.clock import Clock

State = Literal["ready", "running", "paused"]


@dataclass
class Countdown:
    clock: Clock
    seconds: int
    state: State = "ready"
    _banked: float = field(default=0.0, repr=False)
    _started_at: float | None = field(default=None, repr=False)
    _extra: int = field(default=0, repr=False)

    @property
    def total(self) -> int:
        return self.seconds + self._extra

    def elapsed(self) -> float:
        run = 0.0 if self._started_at is None else self.clock.monotonic() - self._started_at
        return self._banked + max(run, 0.0)

    def remaining(self) -> float:
        return max(self.total - self.elapsed(), 0.0)

    @property
    def finished(self) -> bool:
        return self.state != "ready" and self.elapsed() >= self.total

    def start(self, *, already: float = 0.0) -> None:
        """`already`: seconds that ran before this timer was shown (a participant who joins a
        room after the facilitator started it); only counted on a fresh start."""
        if self.state != "running":
            if self.state == "ready":
                self._banked = min(max(already, 0.0), float(self.total))
            self._started_at = self.clock.monotonic()
            self.state = "running"

    def pause(self) -> None:
        if self.state == "running":
            self._banked = self.elapsed()
            self._started_at = None
            self.state = "paused"

    def toggle(self) -> None:
        """One key for start, pause and resume."""
        if self.state == "running":
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        self._banked = 0.0
        self._started_at = None
        self._extra = 0
        self.state = "ready"

    def add_minute(self) -> None:
        self._extra += 60

