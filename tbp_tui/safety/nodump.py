"""No core dump while the safety checklist is open: its notes must never land in a crash file.

The README promises that no crash report holds the notes. With ``ulimit -c`` raised,
systemd-coredump or apport, a crash would write the process memory, notes and all, to disk. So
while the checklist is open the process is made non-dumpable (``prctl(PR_SET_DUMPABLE, 0)``, which
also keeps other processes of the same user from reading its memory through ptrace or /proc) and
its core size limit is 0; both are put back when the checklist closes.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import resource
from collections.abc import Callable

__all__ = ["dumpable", "forbid_core_dumps"]

_PR_GET_DUMPABLE = 3
_PR_SET_DUMPABLE = 4


def _prctl() -> Callable[..., int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl
    except (OSError, AttributeError):  # not Linux: RLIMIT_CORE alone
        return None


def dumpable() -> int | None:
    """The kernel's dumpable flag of this process (1 normal, 0 not), None where prctl is missing."""
    prctl = _prctl()
    return prctl(_PR_GET_DUMPABLE, 0, 0, 0, 0) if prctl is not None else None


def forbid_core_dumps() -> Callable[[], None]:
    """Make this process non-dumpable with no core file; returns the function that restores both."""
    prctl = _prctl()
    dumpable = prctl(_PR_GET_DUMPABLE, 0, 0, 0, 0) if prctl is not None else -1
    if prctl is not None:
        prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    try:
        core = resource.getrlimit(resource.RLIMIT_CORE)
        resource.setrlimit(resource.RLIMIT_CORE, (0, core[1]))
    except (OSError, ValueError):
        core = None

    def restore() -> None:
        if prctl is not None and dumpable in (0, 1):
            prctl(_PR_SET_DUMPABLE, dumpable, 0, 0, 0)
        if core is not None:
            with contextlib.suppress(OSError, ValueError):
                resource.setrlimit(resource.RLIMIT_CORE, core)

    return restore
