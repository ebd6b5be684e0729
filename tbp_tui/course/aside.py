"""The course read in a child process on a first start, while this one imports the app (issue 22).

With no kept copy (a learner's first start, or the course just changed) reading and checking the
course costs about 45 ms, before Textual is even imported (about 90 ms more). Both are work on
one core, one after the other. Forked before the import, a child reads the course and writes the
kept copy (course/cache.py) on a second core while this process imports Textual; this process
then reads the copy as any later start does (about 3 ms).

Nothing here decides whether the course is good: a child that cannot read the course, or cannot
keep a copy (a read-only data folder), or takes too long, says no and the caller reads the course
itself as before, and reports its problems. Without `os.fork`, or with threads already running
(a fork copies them stopped, with any lock they hold), there is no child at all.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

from . import cache
from .model import Course

__all__ = ["TIMEOUT_SECONDS", "read_aside"]

TIMEOUT_SECONDS = 20.0
"""A child not done by then is stopped and the course read here: a start never hangs on it."""
_DONE = b"k"


def read_aside(folder: Path, course_dir: Path, quick: bytes) -> Callable[[], Course | None] | None:
    """Start a child that reads the course and keeps its copy in `folder` under its content key
    and `quick` (the stat key this process took before); None when no child can be started.

    The returned function waits for the child and gives the kept copy, or None when there is
    none to use: then the caller reads the course itself.
    """
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    try:
        done_r, done_w = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(done_r)
        os.close(done_w)
        return None
    if pid == 0:  # the child: never returns, never writes to the terminal, no exit handlers
        status = 1
        try:
            os.close(done_r)
            _off_the_terminal()
            if _read_and_keep(folder, course_dir, quick):
                os.write(done_w, _DONE)
                status = 0
        finally:
            os._exit(status)
    os.close(done_w)

    def collect() -> Course | None:
        try:
            if not _wait(done_r, pid):
                return None
        finally:
            os.close(done_r)
        return cache.load_cached(folder, course_dir, None, quick)

    return collect


def _off_the_terminal() -> None:
    """The child's standard streams on /dev/null: it never takes a key the learner typed for
    this process, and nothing it might say (a warning) lands on the learner's screen."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    if null > 2:
        os.close(null)


def _read_and_keep(folder: Path, course_dir: Path, quick: bytes) -> bool:
    """The child's work: the copy written (not waiting for the disk: it is only a copy)."""
    key = cache.fingerprint(course_dir)  # taken before the course is read, as in the parent
    if key is None:
        return False
    course = cache.load_cached(folder, course_dir, key)  # same files, new stat: only the key is new
    if course is None:
        from .loader import validate_course

        course, _ = validate_course(course_dir)
    return course is not None and cache.save_cached(folder, course_dir, key, course, quick, durable=False)


def _wait(done: int, pid: int) -> bool:
    """Whether the child said it kept the copy; it is reaped either way, and stopped after
    TIMEOUT_SECONDS (its pipe's end closes when it ends, however it ends)."""
    said = b""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([done], [], [], left)[0]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                return False
            chunk = os.read(done, 16)
            if not chunk:
                return said == _DONE
            said += chunk
    finally:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
