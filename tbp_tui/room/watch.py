"""Waiting for a room folder to change: inotify where Linux has it, else a plain timed wait.

A participant's follow loop sleeps here between rounds. With inotify it wakes as soon as the
facilitator's state.toml is replaced (the atomic rename shows as IN_MOVED_TO on the room folder),
so «go to step» arrives in milliseconds instead of up to a poll interval later, and an idle
participant costs nothing between heartbeats. The room stays a folder of files; nothing listens
on the network. `wake()` ends a wait early from another thread (the UI saw the learner move).

inotify is reached through ctypes (the stdlib has no binding); where it is missing or refused
(another OS, a folder we may not watch, no watches left) `wait` just waits the whole timeout,
which is the old polling.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import select
import sys
import threading
from pathlib import Path

__all__ = ["FolderWatch"]

_IN_MOVED_FROM = 0x00000040
_IN_MOVED_TO = 0x00000080
_IN_DELETE = 0x00000200
_IN_DELETE_SELF = 0x00000400
_IN_MOVE_SELF = 0x00000800
_IN_ONLYDIR = 0x01000000
_IN_DONT_FOLLOW = 0x02000000
_MASK = (_IN_MOVED_FROM | _IN_MOVED_TO | _IN_DELETE | _IN_DELETE_SELF | _IN_MOVE_SELF | _IN_ONLYDIR
         | _IN_DONT_FOLLOW)
"""Files in a room are only ever replaced whole (written aside, then renamed into place) or
removed, so only a rename or a removal wakes a wait. Creating, writing and closing the file
aside would wake it too early, for a round that finds nothing new and then a second one."""


def _inotify_fd(folder: Path) -> int | None:
    """An inotify descriptor watching `folder` (not following a link), or None if unavailable."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        init1, add_watch = libc.inotify_init1, libc.inotify_add_watch
    except (OSError, AttributeError):
        return None
    add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
    fd = int(init1(os.O_NONBLOCK | os.O_CLOEXEC))
    if fd < 0:
        return None
    if add_watch(fd, os.fsencode(folder), _MASK) < 0:
        os.close(fd)
        return None
    return fd


class FolderWatch:
    """Wait until something in one folder changes, the timeout passes, or `wake()` is called."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fd = _inotify_fd(folder)
        self._wake_r, self._wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        self._lock = threading.Lock()
        self._closed = False

    @property
    def pushes(self) -> bool:
        """True when changes wake the wait (inotify); False when it is plain polling."""
        return self._fd is not None

    def wait(self, timeout: float) -> bool:
        """Block up to `timeout` s; True if the folder changed or `wake()` was called meanwhile."""
        fds = [self._wake_r] + ([self._fd] if self._fd is not None else [])
        try:
            ready, _, _ = select.select(fds, [], [], max(timeout, 0.0))
        except (OSError, ValueError):  # closed under us
            return False
        for fd in ready:
            with contextlib.suppress(OSError):
                while os.read(fd, 65536):
                    pass
        return bool(ready)

    def wake(self) -> None:
        """End a wait now (any thread)."""
        with self._lock:
            if not self._closed:
                with contextlib.suppress(OSError):
                    os.write(self._wake_w, b"!")

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for fd in (self._fd, self._wake_r, self._wake_w):
                if fd is not None:
                    with contextlib.suppress(OSError):
                        os.close(fd)
