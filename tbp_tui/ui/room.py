"""The glue between the app and a workshop room (`tbp_tui.room`), and the facilitator's session.

Room files are read and written in a worker thread, at most once a second, so a slow shared disk
never stalls a key press; what came back is applied on the UI thread. Errors from the room become
one calm notice (repeated only after the room has worked again), never a crash.

A participant follows the facilitator only while following, and never while typing, inside a
dialog or on the hidden page: then the app says where the facilitator went and waits for F4.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual.css.query import NoMatches
from textual.signal import Signal
from textual.widgets import Input, TextArea

from tbp_tui.room import (
    Command,
    FacilitatorLink,
    ParticipantLink,
    RoomError,
    Seat,
    default_room_root,
    describe_room,
    follow_tick,
)
from tbp_tui.room.files import SEATS_DIR
from tbp_tui.room.watch import FolderWatch
from tbp_tui.ui.screens.home import HomeScreen
from tbp_tui.ui.widgets.roomstatus import STATUS_ID, RoomStatus
from tbp_tui.ui.widgets.sessionplan import SessionLog

if TYPE_CHECKING:
    from textual.screen import Screen

    from tbp_tui.course.model import Module
    from tbp_tui.ui.app import TbpApp
    from tbp_tui.ui.screens.module import ModuleScreen

POLL_SECONDS = 1.0
"""How often the room folder is read and the own seat written (the issue allows at most 1/s).

A participant's follow loop also wakes at once when the room folder changes (inotify, see
tbp_tui/room/watch.py), so «go to step» does not wait for the next poll."""
FOLLOW_LOOP = True
"""The room is followed in one long-lived thread; tests turn it off and drive `tick()` instead."""
SEATS_SETTLE = 0.3
"""After a seat changes, the facilitator's loop waits this long before reading the seats, so a
burst (40 participants moving at a «go to step») is read once, not forty times."""
SEATS_MIN_GAP = 1.0
"""Seats are read at most this often: heartbeats alone cost no more than the old polling."""
SEATS_RECHECK = 5
"""With no change at all, the facilitator's loop still reads the seats every SEATS_RECHECK ×
POLL_SECONDS, so a seat that went quiet is marked (and a stale one dropped) in time."""

State = Literal["none", "asking", "joining", "joined", "declined"]
Position = tuple[str | None, str | None]


@dataclass
class Exchange:
    """What one round with the room brought back, applied on the UI thread."""

    link: FacilitatorLink | ParticipantLink | None = None
    seats: list[Seat] | None = None
    command: Command | None = None
    sent: Command | None = None
    error: RoomError | None = None
    notices: list[str] = field(default_factory=list)


class RoomUi:
    """Lives as long as the app when `--facilitator` or `--room` was given."""

    def __init__(self, app: TbpApp) -> None:
        self.app = app
        self.seats_changed: Signal[None] = Signal(app, "room-seats-changed")
        """Published when the seats or the last command sent change; screens that show them
        subscribe (the facilitator's panel), so the room never reaches into a screen for it."""
        options = app.options
        self.facilitator = options.facilitator
        self.name = options.room
        self.root: Path = options.room_root or default_room_root(os.environ)
        self.session = SessionLog(app.clock)
        self.link: FacilitatorLink | ParticipantLink | None = None
        self.state: State = "none"
        self.following = True
        self.latest: Command | None = None
        self.seats: list[Seat] = []
        self.error: str | None = None
        self.last_sent: Command | None = None
        self._timer_start: Command | None = None
        """A timer command to start once its step is shown."""
        self._busy = False
        self._lock = threading.Lock()
        self._follower: threading.Thread | None = None
        self._stop = threading.Event()
        self._watch: FolderWatch | None = None
        self._seen: tuple[Position, bool] | None = None
        """Where the learner is and whether they follow, as the follow loop reports it."""
        self._leader_uid: int | None = None
        """The room owner the join page named; joining a room with another owner is refused."""
        self.display: str | None = None
        """The name a browser tab gave for the seat table (`tbp serve --room`); else the profile's."""

    # ---------------------------------------------------------------- life

    def start(self) -> None:
        """On app mount: a facilitator connects at once; a participant is asked first."""
        if self.name is None:
            return
        if self.facilitator:
            self.state = "joining"
        else:
            self.ask_to_join()
        self.app.set_interval(POLL_SECONDS, self.schedule)
        self.schedule()

    def close(self) -> None:
        """Leaving the app is leaving the room."""
        self._stop.set()
        watch = self._watch
        if watch is not None:
            watch.wake()
        link, self.link = self.link, None
        if link is not None:
            try:
                with self._lock:
                    link.leave()
            except (RoomError, OSError):
                pass  # the seat goes stale and drops out of the table by itself

    @property
    def can_follow(self) -> bool:
        """F4 is a participant's key: follow the room or browse freely."""
        return self.name is not None and not self.facilitator

    @property
    def in_room(self) -> bool:
        return self.link is not None

    def ask_to_join(self) -> None:
        from tbp_tui.ui.screens.dialogs import ConfirmScreen

        t = self.app.t
        self.state = "asking"
        try:  # a few stat calls: the page must name who leads the room, as the system says
            info = describe_room(self.root, str(self.name))
            leader, self._leader_uid = str(info.leader), info.owner_uid
        except RoomError:
            leader, self._leader_uid = t("room.leader_unknown"), None
        body = t("room.join_body", profile=self.app.options.profile, folder=str(self.root / str(self.name)),
                 leader=leader)
        title = t("room.join_title", name=self.name)
        if self.app.options.browser:  # every tab is the server's one account: each says who it is
            from tbp_tui.ui.screens.roomname import RoomNameScreen

            self.app.push_screen(RoomNameScreen(str(self.name), leader), self._named)
            return
        screen = ConfirmScreen(title, body, t("room.join_yes"), t("room.join_no"))
        self.app.push_screen(screen, self._answered)

    def _named(self, name: str | None) -> None:
        if name is not None:
            self.display = name
        self._answered(name is not None)

    def _answered(self, yes: bool | None) -> None:
        self.state = "joining" if yes else "declined"
        self.following = True
        self.refresh_status()
        if yes:
            self.schedule()

    # ---------------------------------------------------------------- the round trip

    def position(self) -> Position:
        """The module and step shown on the topmost reader, read on the UI thread."""
        from tbp_tui.ui.screens.module import ModuleScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, ModuleScreen):
                step = screen.step
                return screen.module.id, step.id if step else None
        return None, None

    def schedule(self) -> None:
        """Start one round with the room in a worker, unless one is still under way.

        A participant instead has one follow loop; here the UI only tells it when the learner
        has moved (a cheap comparison every second, on the UI thread)."""
        if self.state not in ("joining", "joined"):
            return
        if FOLLOW_LOOP:
            self._follow()
            return
        if self._busy:
            return
        self._busy = True
        position = self.position()
        following = self.following

        def work() -> None:
            result = self.exchange(position, following)
            self.app.call_from_thread(self.apply, result)

        self.app.run_worker(work, thread=True, group="room", exit_on_error=False)

    def _follow(self) -> None:
        """Start the follow loop once, and wake it when the learner moved or (un)followed."""
        seen = (self.position(), self.following)
        if self._follower is None:
            self._seen = seen
            self._follower = threading.Thread(target=self._follow_loop, name="tbp-room", daemon=True)
            self._follower.start()
        elif seen != self._seen:
            self._seen = seen
            if self._watch is not None:
                self._watch.wake()

    def _follow_loop(self) -> None:
        """One round, then sleep until the room changes, the learner moves, or a while passes;
        hand the UI thread only rounds that brought something.

        A participant wakes when state.toml is replaced (a command) and rounds once a second. The
        facilitator wakes when a seat in seats/ changes (pushed, not polled), waits a moment for
        the rest of a burst, reads at most once a second, and otherwise only every few seconds."""
        assert self.name is not None
        folder = self.root / self.name / SEATS_DIR if self.facilitator else self.root / self.name
        timeout = POLL_SECONDS * (SEATS_RECHECK if self.facilitator else 1)
        watch = FolderWatch(folder)
        self._watch = watch
        shown: list[Seat] | None = None
        read_at = float("-inf")
        try:
            while not self._stop.is_set():
                seen = self._seen
                assert seen is not None
                read_at = time.monotonic()
                result = self.exchange(*seen)
                if result.link is not None and not watch.pushes:  # the room exists now: watch it
                    watch.close()
                    watch = self._watch = FolderWatch(folder)
                if result.seats is not None:
                    if result.seats == shown:
                        result.seats = None  # nothing new for the table
                    else:
                        shown = result.seats
                if result.link or result.command or result.notices or result.error or self.error \
                        or result.seats is not None:
                    try:
                        self.app.call_from_thread(self.apply, result)
                    except RuntimeError:  # the app has ended
                        return
                if watch.wait(timeout) and self.facilitator:
                    gap = read_at + SEATS_MIN_GAP - time.monotonic()
                    self._stop.wait(max(SEATS_SETTLE, gap))
        finally:
            self._watch = None
            watch.close()

    def tick(self) -> None:
        """One round on the calling (UI) thread, the same as a worker's: tests drive the room with it."""
        self._busy = True
        self.apply(self.exchange(self.position(), self.following))

    def exchange(self, position: Position, following: bool) -> Exchange:
        """Connect if needed, report where we are, and read what the room says. Runs in a worker."""
        assert self.name is not None
        module, step = position
        result = Exchange()
        try:
            with self._lock:
                link = self.link
                if link is None:
                    clock = self.app.clock.now
                    if self.facilitator:
                        link = FacilitatorLink(self.root, self.name, clock)
                    else:
                        who = self.display or self.app.options.profile
                        link = ParticipantLink.join(self.root, self.name, who, clock,
                                                    leader_uid=self._leader_uid, tab=self.display is not None)
                    result.link = link
                if isinstance(link, FacilitatorLink):
                    link.report(module, step)
                    result.seats = link.seats()
                else:
                    got: list[Command] = []
                    follow_tick(link, lambda: (module, step, following), got.append)
                    result.command = got[-1] if got else None
                    result.notices = link.take_notices()
        except RoomError as exc:
            result.error = exc
        except OSError as exc:  # the room promises RoomError; a full disk is still no reason to crash
            result.error = RoomError(str(exc))
        except Exception as exc:  # whatever a hostile room file does, the next round must run
            result.error = RoomError(f"{type(exc).__name__}: {exc}"[:200])
        return result

    def apply(self, result: Exchange) -> None:
        """On the UI thread: take in what one round brought back."""
        self._busy = False
        if result.link is not None:
            self.link = result.link
            self.state = "joined"
            if not self.facilitator:
                self.app.notify(self.app.t("room.joined", name=self.name), timeout=6)
        for notice in result.notices:
            self.app.notify(notice, title=self.app.t("room.err_title"), severity="warning", timeout=10)
        if result.error is not None and result.error.code == "owner-changed":
            # not followed: F4 asks again, naming the new leader
            self.link, self.state, self.latest = None, "declined", None
            self._show_error(result.error)
        elif result.error is not None:
            self._show_error(result.error)
        elif self.error is not None:
            self.error = None
            self.app.notify(self.app.t("room.back", name=self.name), timeout=4)
        if result.seats is not None:
            self.seats = result.seats
            self._refresh_seats()
        if result.sent is not None:
            self.last_sent = result.sent
            self._refresh_seats()
        if result.command is not None:
            self.on_command(result.command)
        self.refresh_status()

    def _show_error(self, error: RoomError) -> None:
        t = self.app.t
        key = f"room.err.{error.code}"
        message = t(key, **{**error.params, "name": self.name or ""}) if t.has(key) else error.message
        if self.error is None:
            self.app.notify(message, title=t("room.err_title"), severity="warning", timeout=10)
        self.error = message
        self._refresh_seats()

    # ---------------------------------------------------------------- facilitator

    def send(self, kind: Literal["goto", "timer"], module: str, step: str, minutes: float | None) -> None:
        """Send a command from a worker; the notice says it went (or why not)."""
        link = self.link
        if not isinstance(link, FacilitatorLink):
            self.app.notify(self.app.t("room.no_room"), timeout=6)
            return

        def work() -> None:
            result = Exchange()
            try:
                with self._lock:
                    if kind == "timer":
                        result.sent = link.send_timer(module, step, minutes or 0.0)
                    else:
                        result.sent = link.send_goto(module, step)
            except RoomError as exc:
                result.error = exc
            except OSError as exc:
                result.error = RoomError(str(exc))
            self.app.call_from_thread(self._sent, result)

        self.app.run_worker(work, thread=True, group="room-send", exit_on_error=False)

    def _sent(self, result: Exchange) -> None:
        if result.error is not None:
            self.error = None  # a failed send is always worth saying
            self._show_error(result.error)
            return
        sent = result.sent
        if sent is None:
            return
        self.last_sent = sent
        self.app.notify(self.app.t(f"room.sent_{sent.kind}", where=self.describe(sent)), timeout=4)
        self._refresh_seats()

    def _refresh_seats(self) -> None:
        self.seats_changed.publish(None)

    # ---------------------------------------------------------------- participant

    def describe(self, command: Command) -> str:
        module = self.app.course.module(command.module)
        step = module.step(command.step) if module else None
        return f"«{step.title if step else command.step}»"

    def on_command(self, command: Command) -> None:
        """Follow the facilitator's command now, or say where they went and wait for F4."""
        self.latest = command
        if not self.following:
            return
        if not self._can_follow_now():
            self.following = False
            self.app.notify(self.app.t("room.went_to", where=self.describe(command)), timeout=10)
            return
        self.go(command, start_timer=command.kind == "timer")

    def _can_follow_now(self) -> bool:
        """Only from a reader or home with no text field in focus: never yank typed text or a dialog."""
        from tbp_tui.ui.screens.module import ModuleScreen

        top = self.app.screen
        if not isinstance(top, ModuleScreen | HomeScreen):
            return False
        return not isinstance(top.focused, Input | TextArea)

    def go(self, command: Command, *, start_timer: bool) -> None:
        from tbp_tui.ui.screens.module import ModuleScreen

        module = self.app.course.module(command.module)
        if module is None or module.step(command.step) is None:
            self.app.notify(self.app.t("room.unknown_step"), timeout=6)
            return
        top = self.app.screen
        if isinstance(top, ModuleScreen) and top.module.id == module.id and top.step is not None \
                and top.step.id == command.step:
            if start_timer and not self.start_timer(top, command):
                self._timer_start = command  # still on the step's content note: once it is read
            return
        self._timer_start = command if start_timer else None
        if isinstance(top, ModuleScreen) and top.module.id == module.id:
            # Already in the module: show the step, as `n` would (a new reader costs far more).
            self.app.call_later(top.show_step, command.step)
            return
        self.app.open_module(module.id, command.step)

    def step_shown(self, screen: ModuleScreen) -> None:
        """A reader showed a step: report it at once, and start its timer if the facilitator
        asked for that.

        A content note comes first on some exercises: the timer waits until the learner has
        chosen to go on (and then shows the time the room has left).
        """
        if self._follower is not None:
            self._follow()
        step, command = screen.step, self._timer_start
        if step is not None and command is not None and (command.module, command.step) == (
            screen.module.id,
            step.id,
        ) and self.start_timer(screen, command):
            self._timer_start = None

    def start_timer(self, screen: ModuleScreen, command: Command) -> bool:
        """Start the step's timer where the facilitator's is now: a participant who arrives late
        (or a poll later) sees the same time left as the room. False while the step is not shown
        (its content note is)."""
        from tbp_tui.ui.widgets.steps import ExerciseView

        view = screen.view
        if isinstance(view, ExerciseView) and view.timer is not None:
            view.timer.start_behind((self.app.clock.now() - command.sent_at).total_seconds())
            return True
        return False

    def toggle_follow(self) -> None:
        """F4: browse freely, or follow again and go to where the facilitator is now."""
        if self.name is None or self.facilitator:
            return
        if self.state in ("declined", "none"):
            self.ask_to_join()
            return
        if self.state != "joined":
            return
        self.following = not self.following
        t = self.app.t
        if self.following:
            self.app.notify(t("room.following_now"), timeout=4)
            if self.latest is not None:
                self.go(self.latest, start_timer=False)
        else:
            self.app.notify(t("room.browsing_now"), timeout=4)
        self.refresh_status()
        if self._follower is not None:
            self._follow()  # tell the room at once

    # ---------------------------------------------------------------- the status line

    def status_text(self) -> Text:
        t = self.app.t
        text = Text()
        text.append(t("room.status_room", name=self.name or ""), style="bold")
        text.append(" · ")
        if self.error is not None and self.state != "declined":
            text.append("⚠ " + t("room.status_no_contact"))
        elif self.state == "joined" and self.following:
            text.append("● " + t("room.status_following"))
            text.append("  (" + t("room.status_f4_browse") + ")", style="dim")
        elif self.state == "joined":
            text.append("○ " + t("room.status_browsing"))
            latest = self.latest
            where = f" {t('room.status_facilitator_at', where=self.describe(latest))}" if latest else ""
            text.append(f"  ({t('room.status_f4_follow')}{where})", style="dim")
        elif self.state == "joining":
            text.append("… " + t("room.status_joining"))
        else:
            text.append("– " + t("room.status_not_in"))
            text.append("  (" + t("room.status_f4_join") + ")", style="dim")
        return text

    def refresh_status(self) -> None:
        """Update the status line on every screen that has one; home gets one once asked."""
        if self.name is None or self.facilitator:
            return
        text = self.status_text()
        for screen in self.app.screen_stack:
            # The line is a child of its screen: found by id, not by a query that walks every
            # widget of every screen (each «go to step» ends here, 40 readers at once).
            try:
                status = screen.get_child_by_id(STATUS_ID, RoomStatus)
            except NoMatches:
                status = None
            if status is not None:
                status.show(text)
            elif isinstance(screen, HomeScreen) and self.state != "asking":
                screen.mount(RoomStatus(text, id=STATUS_ID))

    # ---------------------------------------------------------------- screens

    def reader(self, module: Module, step_id: str | None) -> Screen[None]:
        """The reader for a module: the facilitator's with its panel, or one with the room line."""
        if self.facilitator:
            from tbp_tui.ui.screens.facilitator import FacilitatorScreen

            return FacilitatorScreen(module, step_id)
        from tbp_tui.ui.screens.facilitator import ParticipantScreen

        return ParticipantScreen(module, step_id)

