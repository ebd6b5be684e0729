"""The module reader for a facilitator (`tbp --facilitator`), and for a participant in a room.

The facilitator's reader adds a panel beside the step: a large timer, the session plan (planned
minutes against time spent in this session) and the step's manus; in a room also the live table
of participants and the keys that send the room to this step or start its timer. The panel is
redrawn once a second and only where its text changed; nothing moves on by itself. On a narrow
terminal the panel takes the page when `v` is pressed, and a one-line summary says so.

The participant's reader is the ordinary one plus a status line for the room.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import Static

from tbp_tui.clock import mmss, shown_clock
from tbp_tui.course.model import ExerciseStep, Module, Step
from tbp_tui.ui.base import styles
from tbp_tui.ui.screens.module import ModuleScreen
from tbp_tui.ui.widgets.bigtimer import BigTimer
from tbp_tui.ui.widgets.content_note import ContentNote
from tbp_tui.ui.widgets.prose import Prose
from tbp_tui.ui.widgets.roomstatus import STATUS_ID, RoomStatus
from tbp_tui.ui.widgets.seats import SeatsView
from tbp_tui.ui.widgets.sessionplan import SessionPlan
from tbp_tui.ui.widgets.steps import ExerciseView

PANEL_SECONDS = 1.0
"""The panel's redraw interval: at most once a second, whatever the terminal link."""

if TYPE_CHECKING:
    from tbp_tui.ui.room import RoomUi


class LeaderNote(ContentNote, inherit_bindings=False):
    """A content note on the facilitator's reader: `s` is «start the timer for the room» there
    too (it skipped the step, and the room never got its timer); 2 still skips."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "choose('continue')", "b.content_note_continue", id="note-continue", show=False),
        Binding("2", "choose('skip')", "b.content_note_skip", id="note-skip", key_display="2",
                show=False),
        Binding("3", "choose('pause')", "b.content_note_pause", id="note-pause", show=False),
    ]


def _room_of(screen: ModuleScreen) -> RoomUi:
    room = screen.tbp.room_ui
    assert room is not None, "the room glue is made before any room or facilitator screen"
    return room


class FacilitatorScreen(ModuleScreen):
    CSS_PATH: ClassVar[list[str | PurePath]] = styles("module.tcss", "facilitator.tcss")
    WRITE_ON_ARRIVAL = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "toggle_panel", "b.fac_panel", id="fac-panel", show=False),
        Binding("g", "send_goto", "b.room_goto", id="room-goto", show=False),
        Binding("s", "send_timer", "b.room_timer", id="room-timer", show=False),
    ]

    def __init__(self, module: Module, step_id: str | None = None) -> None:
        super().__init__(module, step_id)
        self.room = _room_of(self)
        in_room = self.room.name is not None
        self._panel = VerticalScroll(id="fac-panel", can_focus=True)
        self._panel.border_title = self.t("fac.panel_title")
        self._big = BigTimer(id="big-timer")
        self._plan = SessionPlan(self.room.session, id="plan")
        self._manus = Prose("", id="manus")
        self._no_manus = Static(Text(self.t("fac.no_manus"), style="italic"), id="no-manus")
        self._seats = SeatsView(self.tbp.course, id="seats") if in_room else None
        self._sent = Static("", id="room-sent", markup=False)
        self._line = Static("", id="fac-line", markup=False)
        self._manus_shown: str | None = None
        self._line_shown = ""
        self._sent_shown = ""
        self._ticker: Timer | None = None

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield self._line

    def _panel_children(self) -> list[Static | BigTimer | SessionPlan | Prose | SeatsView]:
        t = self.t
        out: list[Static | BigTimer | SessionPlan | Prose | SeatsView] = [
            Static(Text(t("fac.panel_keys"), style="dim"), classes="fac-keys"),
            self._big,
            Static(Text(t("fac.plan_title"), style="bold"), classes="fac-head"),
            self._plan,
            Static(Text(t("fac.manus_title"), style="bold"), classes="fac-head"),
            self._manus,
            self._no_manus,
        ]
        if self._seats is not None:
            out += [
                Static(Text(t("fac.room_title", name=self.room.name), style="bold"), classes="fac-head"),
                Static(Text(t("fac.room_keys"), style="dim"), classes="fac-keys"),
                self._seats,
                self._sent,
            ]
        return out

    async def show(self, index: int) -> None:
        """The panel joins the body beside the step before the first step is shown."""
        if self._panel.parent is None:
            await self.query_one("#body").mount(self._panel)
            await self._panel.mount_all(self._panel_children())
            self._ticker = self.set_interval(PANEL_SECONDS, self.refresh_panel)
            self.room.seats_changed.subscribe(self, lambda _: self.refresh_room(), immediate=True)
        await super().show(index)

    def step_shown(self) -> None:
        super().step_shown()
        step = self.step
        self.room.session.enter((self.module.id, step.id) if step else None)
        self.call_later(self._step_changed)

    async def _step_changed(self) -> None:
        step = self.step
        current = self.index if step is not None else None
        await self._plan.set_plan(self.module.id, self.steps, current)
        manus = step.manus if step is not None else None
        if manus != self._manus_shown:
            self._manus_shown = manus
            self._manus.display = bool(manus)
            self._no_manus.display = not manus
            self._manus.show(manus or "")
        self.refresh_panel()
        self.refresh_room()
        self._resync()

    def on_unmount(self) -> None:
        """Leaving the reader stops the step's clock (a new reader starts its own)."""
        top = self.app.screen
        if top is self or not isinstance(top, FacilitatorScreen):
            self.room.session.enter(None)

    # ---------------------------------------------------------------- the panel, once a second

    def timer_reading(self) -> tuple[str, str]:
        """(digits, words) for the big timer: the exercise's countdown, else time on the step."""
        t = self.t
        view = self.view
        step = self.step
        if isinstance(view, ExerciseView) and view.timer is not None:
            cd = view.timer.countdown
            state = t("timer.done") if cd.finished else t(f"timer.{cd.state}")
            mark = f"■ {state} ■" if cd.finished else f"[ {state} ]"
            return mmss(cd.remaining(), up=True), t("fac.timer_exercise", total=mmss(cd.total), state=mark)
        if step is None:
            spent = sum(self.room.session.elapsed((self.module.id, s.id)) or 0.0 for s in self.steps)
            return mmss(spent), t("fac.timer_module")
        spent = self.room.session.elapsed((self.module.id, step.id)) or 0.0
        if not step.minutes:
            return mmss(spent), t("fac.timer_step_unplanned")
        over = spent > step.minutes * 60
        key = "fac.timer_step_over" if over else "fac.timer_step"
        return mmss(spent), t(key, n=f"{step.minutes:g}")

    def refresh_panel(self) -> None:
        """Redraw what changed: the digits, the plan's current and total lines, the room table."""
        if self._panel.parent is None:
            return
        value, label = self.timer_reading()
        self._big.show(value, label)
        self._plan.tick()
        line = Text(f"⏱ {value}  ", style="bold")
        line.append(label, style="")
        line.append("  ·  " + self.t("fac.line_panel"), style="dim")
        if line.plain != self._line_shown:
            self._line_shown = line.plain
            self._line.update(line, layout=False)
        self.refresh_room()

    def refresh_room(self) -> None:
        """The participants' table from what the room glue read last."""
        seats = self._seats
        if seats is None or self._panel.parent is None:
            return
        room = self.room
        if room.error is not None:
            seats.show_message("⚠ " + room.error)
        elif room.in_room:
            seats.show_seats(room.seats, self.tbp.clock.now(), self.module.id)
        else:
            seats.show_message(self.t("room.status_joining"))
        sent = room.last_sent
        if sent is not None:
            when = shown_clock(sent.sent_at)
            text = self.t(f"fac.last_sent_{sent.kind}", where=room.describe(sent), time=when)
            if text != self._sent_shown:  # called every poll: redraw only what changed
                self._sent_shown = text
                self._sent.update(Text(text, style="dim"))

    def _resync(self) -> None:
        """Tick in step with a timer just started, so the big digits change with the small ones."""
        if self._ticker is not None:
            self._ticker.reset()
        self.refresh_panel()

    # ---------------------------------------------------------------- keys

    def make_note(self, step: Step) -> ContentNote:
        if self.room.name is None:
            return super().make_note(step)
        return LeaderNote(step, skipped=step.id in self._skipped())

    def _timed_exercise(self) -> ExerciseStep | None:
        """The step, when it is an exercise with a timer (shown, or still behind its note)."""
        step = self.step
        return step if isinstance(step, ExerciseStep) and step.timer_seconds else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send_timer":
            view = self.view
            if isinstance(view, ContentNote):
                return self._timed_exercise() is not None
            return isinstance(view, ExerciseView) and view.timer is not None
        return super().check_action(action, parameters)

    def action_toggle_panel(self) -> None:
        self.toggle_class("-toggle-panel")
        if self.has_class("-narrow"):
            self.remove_class("-toggle-steps")
            (self._panel if self.has_class("-toggle-panel") else self.query_one("#content")).focus()

    def _panel_takes_page(self) -> bool:
        return self.has_class("-narrow") and self.has_class("-toggle-panel")

    def action_scroll_down(self) -> None:
        if self._panel_takes_page():
            self._panel.scroll_down(animate=False)
        else:
            super().action_scroll_down()

    def action_scroll_up(self) -> None:
        if self._panel_takes_page():
            self._panel.scroll_up(animate=False)
        else:
            super().action_scroll_up()

    def action_toggle_steps(self) -> None:
        if self.has_class("-narrow"):
            self.remove_class("-toggle-panel")
        super().action_toggle_steps()

    @property
    def step_list_visible(self) -> bool:
        """The plan in the panel lists the steps, so the step list is shown only on `t`."""
        return self.has_class("-toggle-steps")

    def action_send_goto(self) -> None:
        step = self.step
        if step is None:
            self.notify(self.t("fac.choose_step"), timeout=4)
            return
        self.room.send("goto", self.module.id, step.id, None)

    async def action_send_timer(self) -> None:
        """Start the exercise's timer for the room and here; on its content note, past the note
        first (the facilitator has chosen to go on), with the step's own length."""
        step = self._timed_exercise()
        if step is None:
            return
        if isinstance(self.view, ContentNote):
            await self.note_chosen("continue")
        view = self.view
        if not isinstance(view, ExerciseView) or view.timer is None:
            return
        self.room.send("timer", self.module.id, step.id, view.timer.countdown.total / 60)
        view.timer.start_behind(0.0)  # from the start, as every participant's does
        self._resync()

    def action_timer_toggle(self) -> None:
        super().action_timer_toggle()
        self._resync()

    def action_timer_reset(self) -> None:
        super().action_timer_reset()
        self._resync()

    def action_timer_plus(self) -> None:
        super().action_timer_plus()
        self._resync()


class ParticipantScreen(ModuleScreen):
    """The ordinary reader with one line saying whether the learner follows the room."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield RoomStatus(_room_of(self).status_text(), id=STATUS_ID)

    def step_shown(self) -> None:
        super().step_shown()
        _room_of(self).step_shown(self)
