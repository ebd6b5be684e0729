"""A slow breathing guide: one line that counts in for 4 seconds and out for 6.

It reads the injected clock four times a second but redraws only when its text changes (once a
second) and without a layout pass, so over SSH it costs one short line a second. It never asks
anything of the learner and can be switched off; the words and arrows carry the meaning, the
dots only repeat the count.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tbp_tui.clock import Clock
from tbp_tui.ui.base import catalog_of

BREATHE_IN = 4
BREATHE_OUT = 6


def breath_phase(seconds: float) -> tuple[str, int, int]:
    """("in"|"out", whole second within the phase counted from 1, length of the phase)."""
    cycle = BREATHE_IN + BREATHE_OUT
    at = int(max(seconds, 0.0)) % cycle
    if at < BREATHE_IN:
        return "in", at + 1, BREATHE_IN
    return "out", at - BREATHE_IN + 1, BREATHE_OUT


class BreathPacer(Static):
    DEFAULT_CLASSES = "pacer"

    def __init__(self, clock: Clock, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.clock = clock
        self.running = True
        self._started = clock.monotonic()
        self._shown = ""

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(0.25, self.tick)

    def line(self) -> Text:
        t = catalog_of(self)
        if not self.running:
            return Text(t("pause.pacer_off"), style="dim")
        phase, second, length = breath_phase(self.clock.monotonic() - self._started)
        out = Text()
        out.append(("↑ " if phase == "in" else "↓ ") + t(f"pause.breathe_{phase}"), style="bold")
        out.append(f"  {second}  ")
        out.append("●" * second + "○" * (length - second))
        return out

    def tick(self) -> None:
        """Redraw the line only when what it says has changed."""
        line = self.line()
        if line.plain != self._shown:
            self._shown = line.plain
            self.update(line, layout=False)

    def toggle(self) -> None:
        self.running = not self.running
        if self.running:
            self._started = self.clock.monotonic()
        # Switching changes how many lines it takes (the «off» sentence wraps at 80 columns):
        # this one redraw asks for a layout.
        line = self.line()
        self._shown = line.plain
        self.update(line)
