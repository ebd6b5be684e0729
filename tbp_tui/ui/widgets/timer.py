"""The exercise timer on screen: remaining and elapsed time, state in words, never a lock.

It checks the injected clock four times a second but redraws only the one line whose text
changed, without a layout pass: a running timer costs a line a second down an SSH link, not
the whole bordered box. At zero it says "Tiden er ute" (and adds the `-done` class for colour),
rings the bell once if the learner wants that, and otherwise does nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tbp_tui.clock import Clock, mmss
from tbp_tui.ui.base import catalog_of
from tbp_tui.ui.widgets.countdown import Countdown


class TimerWidget(Vertical):
    DEFAULT_CLASSES = "timer"

    def __init__(
        self, seconds: int, clock: Clock, *, bell: bool, id: str | None = None,
        countdown: Countdown | None = None,
    ) -> None:
        super().__init__(id=id)
        self.countdown = countdown or Countdown(clock, seconds)
        """Given by the screen, it outlives the widget: leaving the step does not reset it."""
        self.bell = bell
        self._rang = self.countdown.finished  # a timer that ran out while away does not ring late
        self._shown = ""
        self._line = Static("", classes="timer-line")
        self._hints = Static("", classes="timer-hints")

    def compose(self) -> ComposeResult:
        yield self._line
        yield self._hints

    def on_mount(self) -> None:
        self.tick()
        self._hints.update(self.hint_text())
        self.set_interval(0.25, self.tick)

    def tick(self) -> None:
        """Redraw the time line if what it says changed; ring once when the time first runs out."""
        cd = self.countdown
        done = cd.finished
        if done and not self._rang:
            self._rang = True
            if self.bell:
                self.app.bell()
        self.set_class(done, "-done")
        self.set_class(cd.state == "running" and not done, "-running")
        line = self.status_text()
        if line.plain != self._shown:
            self._shown = line.plain
            self._line.update(line, layout=False)

    def status_text(self) -> Text:
        t = catalog_of(self)
        cd = self.countdown
        state = t("timer.done") if cd.finished else t(f"timer.{cd.state}")
        line = Text()
        line.append("⏱ ")
        line.append(t("timer.remaining", t=mmss(cd.remaining(), up=True)), style="bold")
        line.append("   ")
        line.append(t("timer.elapsed", t=mmss(cd.elapsed())))
        line.append("   ")
        line.append(f"[ {state} ]" if not cd.finished else f"■ {state} ■", style="bold")
        return line

    def hint_text(self) -> Text:
        t = catalog_of(self)
        hints = Text(style="dim")
        hints.append(t("timer.keys"))
        hints.append("\n")
        hints.append(t("timer.bell_on" if self.bell else "timer.bell_off"))
        hints.append(" · ")
        hints.append(t("timer.never_moves"))
        return hints

    def start_behind(self, already: float) -> None:
        """Run from where the room's timer is, `already` seconds in: the facilitator's start
        wins over a participant's own start or pause of it. One that would already be at zero is
        left alone, so it never rings on arrival; the learner may still start it."""
        if already >= self.countdown.seconds:
            return
        self.countdown.reset()
        self._rang = False
        self.countdown.start(already=already)
        self.tick()

    # The module screen calls these from its keys.
    def toggle(self) -> None:
        """Start, pause, go on; after «Tiden er ute» it stops «Brukt» (and starts it again)."""
        self.countdown.toggle()
        self.tick()

    def reset(self) -> None:
        self.countdown.reset()
        self._rang = False
        self.tick()

    def add_minute(self) -> None:
        self.countdown.add_minute()
        if not self.countdown.finished:
            self._rang = False
        self.tick()

    def set_bell(self, on: bool) -> None:
        self.bell = on
        self._hints.update(self.hint_text())
