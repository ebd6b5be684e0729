"""Pause: a calm page over whatever was open, one key (F2) from every screen.

The screen below is not touched: not rebuilt, not committed, not scrolled. Going back is a plain
pop, so the learner returns to the same step, the same scroll position and any half-typed text.
Nothing here moves on by itself; the breathing guide only counts, and the timer runs only when
the learner starts it.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from tbp_tui.ui.base import TbpScreen
from tbp_tui.ui.widgets.footer import KeyFooter
from tbp_tui.ui.widgets.pacer import BreathPacer
from tbp_tui.ui.widgets.timer import TimerWidget

PAUSE_TIMER_SECONDS = 3 * 60


class PauseScreen(TbpScreen):
    CSS_PATH: ClassVar[list[str | PurePath]] = ["pause.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "back", "b.pause_back", id="pause-back", key_display="Esc"),
        Binding("p", "pacer", "b.pacer", id="pacer"),
        Binding("space", "timer_toggle", "b.timer_toggle", id="pause-timer-toggle", key_display="␣",
                show=False),
        Binding("r", "timer_reset", "b.timer_reset", id="pause-timer-reset", show=False),
        Binding("plus,+", "timer_plus", "b.timer_plus", id="pause-timer-plus", key_display="+",
                show=False),
        Binding("b", "timer_bell", "b.timer_bell", id="pause-timer-bell", show=False),
    ]
    AUTO_FOCUS = None

    def compose(self) -> ComposeResult:
        t = self.t
        clock = self.tbp.clock
        yield Static(Text(t("pause.title"), style="bold"), id="pause-title", markup=False)
        with VerticalScroll(id="pause-body", can_focus=False):
            yield Static(Text(t("pause.intro")), id="pause-intro", markup=False)
            with Horizontal(id="pause-row"):
                with Vertical(id="pacer-box") as box:
                    box.border_title = t("pause.breathe_title")
                    yield BreathPacer(clock, id="pacer")
                    yield Static(Text(t("pause.pacer_about"), style="dim"), id="pacer-about",
                                 markup=False)
                with Vertical(id="senses-box") as senses:
                    senses.border_title = t("pause.senses_title")
                    yield Static(Text(t("pause.senses")), id="senses", markup=False)
            timer = TimerWidget(PAUSE_TIMER_SECONDS, clock, bell=self.learner.bell, id="pause-timer")
            timer.border_title = t("pause.timer_title")
            yield timer
        yield KeyFooter()

    @property
    def pacer(self) -> BreathPacer:
        return self.query_one("#pacer", BreathPacer)

    @property
    def timer(self) -> TimerWidget:
        return self.query_one("#pause-timer", TimerWidget)

    def action_back(self) -> None:
        self.dismiss()

    def action_pacer(self) -> None:
        self.pacer.toggle()

    def action_timer_toggle(self) -> None:
        self.timer.toggle()

    def action_timer_reset(self) -> None:
        self.timer.reset()

    def action_timer_plus(self) -> None:
        self.timer.add_minute()

    def action_timer_bell(self) -> None:
        on = not self.timer.bell
        self.timer.set_bell(on)
        self.learner.set_setting("bell", on)
