"""Whether a folder is safe for private data on a shared machine.

A data folder that other users can write to would let them read or plant a learner's answers,
so the progress store refuses it, and the course cache (a pickle) is read only from a safe one.
"""

from __future__ import annotations

import grp
import os
import pwd
import stat
from pathlib import Path
from typing import Literal

__all__ = ["UnsafeCode", "unsafe_folder"]

#: Why a folder is unsafe; the progress store's catalog family ``progress.unsafe`` words it.
UnsafeCode = Literal["not-owner", "parent-not-owner", "others-write", "group-write", "link"]


def _is_private_group(gid: int) -> bool:
    """True for a user-private group (Debian/Ubuntu/Fedora "UPG" convention).

    With UPG the umask is often 002, so ``~/.local/share`` may be group-writable; that is
    harmless when the group is ours alone (same name as our user and no other members).
    """
    if gid != os.getegid():
        return False
    try:
        group = grp.getgrgid(gid)
        user = pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return False
    return group.gr_name == user and set(group.gr_mem) <= {user}


def unsafe_folder(path: Path) -> tuple[UnsafeCode, Path] | None:
    """What makes ``path`` unsafe for private data (a code and the folder at fault), else None.

    Checks the folder (if it exists) and every existing parent: none may be writable by group
    or others unless it has the sticky bit (like /tmp) or the group is our private group; the
    folder itself must be ours, and parents must be ours or root's. Missing parts are fine:
    they will be created 0700 by us.
    """
    path = Path(os.path.abspath(Path(path).expanduser()))
    euid = os.geteuid()
    current = path
    while True:
        try:
            os.lstat(current)
            break
        except FileNotFoundError:
            parent = current.parent
            if parent == current:
                return None
            current = parent
        except OSError:
            break  # e.g. a regular file in the way: not a safety matter, saving will fail
    real = Path(os.path.realpath(current))
    for index, folder in enumerate([real, *real.parents]):
        try:
            st = os.stat(folder)
        except OSError:
            continue
        if index == 0 and not stat.S_ISDIR(st.st_mode):
            continue  # not a folder: creating the data dir will fail and be reported then
        is_target = folder == real and current == path
        if is_target and st.st_uid != euid:
            return "not-owner", folder
        if not is_target and st.st_uid not in (euid, 0):
            return "parent-not-owner", folder
        sticky = bool(st.st_mode & stat.S_ISVTX)
        others_write = bool(st.st_mode & stat.S_IWOTH)
        group_write = bool(st.st_mode & stat.S_IWGRP) and not _is_private_group(st.st_gid)
        if (others_write or group_write) and not sticky:
            return ("others-write" if others_write else "group-write"), folder
    return None
