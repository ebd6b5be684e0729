"""The privacy guard of the full app, in one place: Skjul (F12) covers everything with a
neutral page, notices wait while it is up, and a crash never prints what a clinician typed.

Mixed into TbpApp. The Textual internals it overrides or touches are named in
tbp_tui/ui/compat.py and tested there.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import rich
from rich.segment import Segments
from textual.notifications import Notify, SeverityLevel

from tbp_tui.options import AppOptions
from tbp_tui.ui import compat
from tbp_tui.ui.appbase import TbpAppBase

if TYPE_CHECKING:
    from rich.traceback import Trace

    from tbp_tui.ui.screens.safety import SafetyScreen

_SAFETY_SCREEN_MODULE = "tbp_tui.ui.screens.safety"


class PrivacyGuard(TbpAppBase[int]):
    def __init__(self, options: AppOptions, theme: str = "standard") -> None:
        self._held_notices: list[tuple[str, str, SeverityLevel, float | None, bool]] = []
        super().__init__(options, theme)

    def cover_if_small(self) -> None:
        """After unhiding: the app covers itself again if the window is too small (TbpApp)."""

    def _safety_screens(self) -> list[SafetyScreen]:
        """The open checklists. Before the checklist's module was imported none can be open, and
        importing it (with the reader's widgets) only to find none made every quit wait for it."""
        safety = sys.modules.get(_SAFETY_SCREEN_MODULE)
        if safety is None:
            return []
        return [s for s in self.screen_stack if isinstance(s, safety.SafetyScreen)]

    def action_toggle_hide(self) -> None:
        """Skjul: cover everything at once with a neutral page; the same key brings it back."""
        if self.hidden:
            self.unhide()
            return
        from tbp_tui.ui.screens.hidden import HiddenScreen  # F12 only: not on the way to home

        self.clear_notifications()
        self.push_screen(HiddenScreen())

    def unhide(self) -> None:
        if self.hidden:
            self.pop_screen()
        self.cover_if_small()
        self.call_after_refresh(self._show_held_notices)

    def _show_held_notices(self) -> None:
        held, self._held_notices = self._held_notices, []
        for message, title, severity, timeout, markup in held:
            self.notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    @property
    def hidden(self) -> bool:
        """The neutral page is on top (it says so itself, so its module loads only with F12)."""
        return bool(getattr(self.screen, "hides_app", False))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notices wait while the app is hidden: a toast must not show on the neutral page."""
        if self.is_running and self.hidden:
            self._held_notices.append((message, title, severity, timeout, markup))
            return
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def _on_notify(self, event: Notify) -> None:
        """A notice already on screen is taken down before Textual shows it again (Textual's own
        handler runs after this one), so a key pressed twice restarts the notice, not stacks it."""
        new = event.notification
        for old in compat.notifications(self):
            if (old.message, old.title, old.severity) == (new.message, new.title, new.severity):
                compat.unnotify(self, old)

    def _handle_exception(self, error: Exception) -> None:
        """While a checklist is open, every crash goes through our `_fatal_error`."""
        compat.record_exception(self, error)
        if hasattr(error, "__rich__") and not self._safety_screens():
            self.panic(error)  # Textual's own errors (e.g. in a stylesheet) explain themselves
        else:
            self._fatal_error()

    def _fatal_error(self) -> None:
        """Like Textual's, but the traceback never shows local variables: they could hold notes.

        While a checklist is open, the exception's message is left out too, since it may quote
        a value (for example a note) in its text.
        """
        from rich.traceback import Traceback  # pygments: only when something went wrong

        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        try:
            checklist_open = bool(self._safety_screens())
        except Exception:  # a crash before the screens exist: err on the private side
            checklist_open = True
        if checklist_open:
            _hide_messages(traceback.trace)
        compat.exit_printing(self, Segments(self.console.render(traceback, self.console.options)))


def _hide_messages(trace: Trace) -> None:
    for stack in trace.stacks:
        stack.exc_value = "(hidden: the safety-plan checklist was open)"
        stack.notes = []
        for inner in stack.exceptions:
            _hide_messages(inner)
