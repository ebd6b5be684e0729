"""Private folders and atomic, durable file writes.

Every byte tbp-tui writes (progress, exports, later the safety-checklist export) goes through
:func:`atomic_write`, so a crash, a SIGKILL or a dropped SSH session can never leave a
half-written file behind: readers see either the old content or the new, never a mix.
Folders and files are created private (0700 / 0600) with an explicit chmod, because on shared
workshop machines the umask may be anything, even 000.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

__all__ = ["TEMP_MARKER", "atomic_write", "ensure_private_dir"]

#: Part of every temporary file name, so stale temp files (left by a SIGKILL) can be found.
TEMP_MARKER = ".tmp-"


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` and any missing parents; every folder created here becomes 0700.

    Folders that already exist are left alone (their safety is judged by
    ``check_data_dir_safe``, not silently changed). Raises ``OSError`` when a folder cannot be
    created, e.g. read-only file system or a regular file in the way.
    """
    path = Path(path)
    missing: list[Path] = []
    current = path
    while not current.is_dir():
        missing.append(current)
        parent = current.parent
        if parent == current:
            break
        current = parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # created by someone else in the meantime; not ours to chmod
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask; chmod is not


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (the directory entry lives in the folder)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, mode: int = 0o600, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically and durably, file mode ``mode``.

    A temporary file is created exclusively in the same folder (so ``os.replace`` is a
    same-file-system rename), written completely, fsynced, renamed over the target, and the
    folder is fsynced. On any error the temporary file is removed and the error re-raised;
    the old file is then untouched.

    ``durable=False`` leaves out both fsyncs: the rename is just as atomic for every reader, but
    the file may be lost in a power cut. Only for files that are worth nothing after a reboot
    (a workshop room's state and seats: a «go to step» makes 40 participants each write a seat
    at once, and the fsyncs were most of the room's own cost per step change, issue #17).
    """
    path = Path(path)
    folder = path.parent
    # os.urandom as secrets.token_hex does, without the 2 ms secrets imports (hmac, hashlib)
    temp = folder / f".{path.name}{TEMP_MARKER}{os.getpid()}-{os.urandom(4).hex()}"
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_CLOEXEC | os.O_NOFOLLOW
    fd = os.open(temp, flags, mode)
    try:
        try:
            os.fchmod(fd, mode)  # the mode given to os.open is filtered by the umask
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        _fsync_dir(folder)
