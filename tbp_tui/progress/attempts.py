"""Wrong-passphrase back-off shared by every process of one profile.

On a shared account anyone can start many tbp processes (one per SSH login) to guess a
profile's passphrase; a back-off kept in each process's memory slows none of them down. So every
try takes a turn from a record beside the profile's progress file (``unlock.toml``, 0600,
written atomically under the profile's lock): a turn counts as a wrong try until the right
passphrase clears the record, and turns are handed out at the growing intervals of
`failure_delay`, whichever process asks. Forty processes guessing at once get the same few
tries a minute as one.

Tamper-tolerant: a missing, damaged, oversized or linked record counts as no wrong tries (someone
who can change the file can as well delete it), and no wait is longer than MAX_DELAY, whatever
time the file names. Only our own regular file is read; a link there is never followed.
"""

from __future__ import annotations

import math
import time
import tomllib
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from tbp_tui.files import FileRefused, read_regular
from tbp_tui.files.atomic import atomic_write

from . import paths
from .store import LockTimeout, _locked

__all__ = ["MAX_DELAY", "RECORD_NAME", "UnlockTurns", "failure_delay"]

RECORD_NAME = paths.UNLOCK_FILE_NAME
MAX_DELAY = 30.0
"""The longest wait between two tries, in seconds."""
_RECORD_LIMIT = 1024


def failure_delay(failures: int) -> float:
    """Seconds before the next try after ``failures`` wrong passphrases in a row: 0, 1, 2, 4 … 30.

    Each try already costs a scrypt derivation; the growing wait makes guessing at a shared
    terminal slower still without punishing one typo.
    """
    if failures < 2:
        return 0.0
    return float(min(2 ** min(failures - 2, 16), MAX_DELAY))


class UnlockTurns:
    """The turns to try one profile's passphrase, shared through its folder by all processes."""

    def __init__(self, data_dir: Path | None, profile: str, now: Callable[[], float] = time.time) -> None:
        data_dir = paths.default_data_dir() if data_dir is None else data_dir
        self.record = paths.unlock_file(data_dir, profile)
        self.lock = paths.lock_file(data_dir, profile)
        self.now = now

    def take(self) -> tuple[float, int]:
        """(seconds to wait before this try, wrong tries in a row counting this one).

        The try is counted as wrong at once (a process killed during its try still used its
        turn); `clear()` after the right passphrase. Where the record cannot be kept (no folder,
        read-only disk), the try is not held back by other processes: (0, 1).
        """
        try:  # under the store's own profile lock, so two processes never take one turn
            with _locked(self.lock, timeout=5.0):
                failures, not_before = self._read()
                now = self.now()
                start = now + min(max(not_before - now, 0.0), MAX_DELAY)
                failures += 1
                self._write(failures, start + failure_delay(failures))
                return start - now, failures
        except (OSError, LockTimeout):
            return 0.0, 1

    def clear(self) -> None:
        """The right passphrase was given: the next try waits for nobody."""
        with suppress(OSError, LockTimeout), _locked(self.lock, timeout=5.0):
            self.record.unlink(missing_ok=True)

    def _read(self) -> tuple[int, float]:
        try:
            data = tomllib.loads(read_regular(self.record, _RECORD_LIMIT, follow=False).decode("utf-8"))
        except (OSError, FileRefused, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return 0, 0.0
        failures, not_before = data.get("failures"), data.get("not_before")
        if not isinstance(failures, int) or isinstance(failures, bool) or not 0 <= failures < 10_000:
            return 0, 0.0
        if not isinstance(not_before, int | float) or isinstance(not_before, bool) \
                or not math.isfinite(not_before):
            return failures, 0.0
        return failures, float(not_before)

    def _write(self, failures: int, not_before: float) -> None:
        text = f"# Wrong passphrase tries in a row (tbp waits longer after each)\n" \
               f"failures = {failures}\nnot_before = {not_before!r}\n"
        atomic_write(self.record, text.encode("utf-8"), 0o600)
