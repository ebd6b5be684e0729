"""Leaving when the terminal goes away: save what was typed, then end within two seconds.

A hang-up is SIGHUP (the SSH link or terminal closed), SIGTERM (someone ends the process) or the
end of the terminal's input. Whatever output is still backed up on a slow or frozen link, the
UI thread is freed (`HangupSafeDriver` stops waiting for the terminal), commits and saves, and
the app exits; a watchdog ends the process if that has not happened after `DEADLINE`.

Python-level signal handlers are used rather than the event loop's: they run on the main thread
even while it waits on a lock, so a hang-up is seen however busy the loop is.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType

from tbp_tui.ui.compat import HangupSafeDriver

__all__ = ["DEADLINE", "GRACE", "HangupGuard"]

GRACE = 0.5
"""Seconds output may still drain after a hang-up, so a live terminal is put back in order."""
DEADLINE = 1.5
"""Seconds after a hang-up when the process ends, whatever the UI thread is doing."""


class HangupGuard:
    """Installed once the app runs in a real terminal; `begin` may be called from any thread."""

    def __init__(self, driver: HangupSafeDriver | None, leave: Callable[[], None]) -> None:
        self.driver = driver
        self._leave = leave
        self._loop = asyncio.get_running_loop()
        self.started = threading.Event()

    def install(self) -> None:
        if self.driver is not None:
            self.driver.on_hangup = self.begin
        for sig in (signal.SIGHUP, signal.SIGTERM):
            signal.signal(sig, self._on_signal)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.begin()

    def begin(self) -> None:
        """Start leaving: free the UI thread from the terminal, save there, and set the deadline."""
        if self.started.is_set():
            return
        self.started.set()
        if self.driver is not None:
            self.driver.leave_soon(GRACE)
        threading.Thread(target=self._watchdog, name="tbp-hangup", daemon=True).start()
        self._loop.call_soon_threadsafe(self._leave)

    def _watchdog(self) -> None:
        """End the process at the deadline: the exit itself may wait on a dead terminal."""
        time.sleep(DEADLINE)
        os._exit(0)
