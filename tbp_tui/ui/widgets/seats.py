"""The facilitator's live table of who is in the room: profile, where they are, when last seen.

Only what a seat file holds can appear here (profile name, module, step, following or not, last
seen), so no reflection, answer or checklist note can reach the facilitator's screen. State is in
words and symbols (● følger, ○ blar fritt, ⚠ stille), never in colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from tbp_tui.course.model import Course
from tbp_tui.i18n import Catalog
from tbp_tui.room import HEARTBEAT
from tbp_tui.ui.base import catalog_of

if TYPE_CHECKING:
    from tbp_tui.room import Seat

QUIET_AFTER = 2 * HEARTBEAT.total_seconds()
"""Seconds without a report before a seat is marked as quiet: an unchanged seat is rewritten only
every HEARTBEAT, and the room drops it after STALE_AFTER."""


def where(course: Course, t: Catalog, module_id: str | None, step_id: str | None, here: str | None) -> str:
    """'› Step', with the module's title only when it is not `here` (the facilitator's module).

    Ids the course does not know are shown as they are.
    """
    if module_id is None:
        return t("room.at_home")
    module = course.module(module_id)
    if module is None:
        return module_id
    step = module.step(step_id) if step_id is not None else None
    title = t("module.about") if step_id is None else step.title if step else step_id
    return f"› {title}" if module_id == here else f"› {title} ({module.title})"


def seat_lines(course: Course, t: Catalog, seats: Sequence[Seat], now: datetime, here: str | None) -> Text:
    """The table as text: a count line, then two lines a seat (facilitator first).

    A live seat shows no seconds: a clock in every row would redraw the table every second down
    the facilitator's link. A quiet seat says how long, in tens of seconds.
    """
    people = [s for s in seats if not s.facilitator]
    following = sum(1 for s in people if s.following)
    out = Text()
    out.append(t("room.seats_count", n=len(people), following=following), style="bold")
    for seat in sorted(seats, key=lambda s: (not s.facilitator, s.profile.casefold())):
        ago = max(int((now - seat.last_seen).total_seconds()), 0)
        if seat.facilitator:
            state = "◆ " + t("room.seat_facilitator")
        elif seat.following:
            state = "● " + t("room.seat_following")
        else:
            state = "○ " + t("room.seat_browsing")
        out.append("\n")
        out.append(seat.label, style="bold")
        if seat.sessions > 1:  # one account, several seats: still one participant
            out.append(" " + t("room.seat_sessions", n=seat.sessions), style="dim")
        out.append(f"  {state}")
        if ago >= QUIET_AFTER:  # in whole tens, so the table is not redrawn every second
            out.append("  ⚠ " + t("room.seat_quiet", s=ago // 10 * 10), style="italic")
        out.append("\n  " + where(course, t, seat.module, seat.step, here))
    if not people:
        out.append("\n" + t("room.seats_none"), style="dim")
    return out


class SeatsView(Static):
    """Redrawn only when the text changed; fed by the room glue at most once a second."""

    DEFAULT_CLASSES = "seats"

    def __init__(self, course: Course, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.course = course
        self._shown = ""

    def show_seats(self, seats: Sequence[Seat], now: datetime, here: str | None) -> None:
        text = seat_lines(self.course, catalog_of(self), seats, now, here)
        if text.plain != self._shown:
            self._shown = text.plain
            self.update(text)

    def show_message(self, message: str) -> None:
        if message != self._shown:
            self._shown = message
            self.update(Text(message, style="dim"))
