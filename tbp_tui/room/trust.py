"""Who may open a room, and whose room a participant follows: answered by the operating system.

IT makes the room root once, as root (``tbp room accounts`` prints the line)::

    install -d -o root -g tbp-kursledere -m 1775 /var/lib/tbp-rooms

Only root and members of the root's group (the facilitators) can create a room in it; the
sticky bit keeps one facilitator from removing or renaming another's room. Participants are in
neither, so they cannot create, replace or squat the root or a room name — with a shell or from
the export dialog. tbp never creates a room root itself. A root nobody else can write (``mkdir
-m 755 ~/rom``) is a personal one: only its owner opens rooms there.

Identity is the owner of what was opened with ``O_NOFOLLOW`` (``fstat``), looked up in the
account database; never a name written in a file.
"""

from __future__ import annotations

import contextlib
import errno
import grp
import os
import pwd
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .model import RoomError, display_name

__all__ = ["DEFAULT_ROOT", "FACILITATOR_GROUP", "Leader", "allowed_owner", "describe_os_error",
           "group_name", "leader_of", "may_open_rooms", "open_root", "root_fd", "user_name"]

DEFAULT_ROOT = Path("/var/lib/tbp-rooms")
FACILITATOR_GROUP = "tbp-kursledere"
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


def user_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def group_name(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return f"gid {gid}"


def describe_os_error(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "ingen tilgang"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "disken er full"
    if exc.errno == errno.EROFS:
        return "filsystemet er skrivebeskyttet"
    return exc.strerror or type(exc).__name__


@dataclass(frozen=True)
class Leader:
    """Who leads a room, as the account database says: the login and the full name (GECOS)."""

    uid: int
    account: str
    name: str

    def __str__(self) -> str:
        return self.account if self.name == self.account else f"{self.name} ({self.account})"


def leader_of(uid: int) -> Leader:
    try:
        entry = pwd.getpwuid(uid)
    except KeyError:
        return Leader(uid, f"uid {uid}", f"uid {uid}")
    full = display_name(entry.pw_gecos.split(",", 1)[0]) or entry.pw_name
    return Leader(uid, entry.pw_name, full)


def allowed_owner(root_st: os.stat_result, uid: int) -> bool:
    """True if ``uid`` can own a room in this (checked) root: root or the root's owner, or anyone
    in a shared root — whose permissions let only root and the facilitators' group create there,
    so the kernel has already checked who made the room folder."""
    return uid in (0, root_st.st_uid) or bool(root_st.st_mode & stat.S_IWGRP)


def may_open_rooms(root_st: os.stat_result) -> bool:
    """The caller may create a room here: root, the root's owner, or in its group (as this
    process's groups say, which is what the kernel checks)."""
    me = os.geteuid()
    if me in (0, root_st.st_uid):
        return True
    in_group = root_st.st_gid == os.getegid() or root_st.st_gid in os.getgroups()
    return bool(root_st.st_mode & stat.S_IWGRP) and in_group


def _unsafe(path: Path, why: str) -> RoomError:
    return RoomError(
        f"Rommappa {path} er ikke trygg: {why}. Be IT sette den opp slik «tbp room accounts» "
        "viser, eller velg en annen med --room-root DIR eller TBP_ROOM_ROOT.",
        "unsafe", path=str(path), why=why,
    )


def _root_problem(st: os.stat_result, me: int | None) -> str | None:
    if not stat.S_ISDIR(st.st_mode):
        return "den er ikke en mappe"
    if st.st_mode & stat.S_IWOTH:
        return "alle kan opprette og ta rom i den (den må ikke være skrivbar for alle)"
    if st.st_mode & stat.S_IWGRP and (st.st_uid != 0 or not st.st_mode & stat.S_ISVTX):
        return "gruppa kan skrive i den, men den eies ikke av root med sticky-bit (chmod 1775)"
    if me is not None and st.st_uid not in (0, me):
        return f"den eies av brukeren {user_name(st.st_uid)}"
    return None


def _ancestors_problem(root: Path, trusted: int) -> str | None:
    """A folder above the root that someone else could rename things in would let them swap it."""
    try:
        parent = Path(os.path.realpath(root.parent))
    except OSError:
        return None
    for folder in (parent, *parent.parents):
        try:
            st = os.lstat(folder)
        except OSError:
            return None  # the open below says what is wrong
        writable = st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
        if st.st_uid not in (0, trusted) or (writable and not st.st_mode & stat.S_ISVTX):
            return f"mappa over den, {folder}, kan endres av {user_name(st.st_uid)} eller andre"
    return None


@contextlib.contextmanager
def root_fd(root: Path, *, joining: bool = False) -> Iterator[tuple[int, os.stat_result]]:
    """The room root opened without following a link, checked; closed on leaving."""
    fd, st = open_root(root, joining=joining)
    try:
        yield fd, st
    finally:
        os.close(fd)


def open_root(root: Path, *, joining: bool = False) -> tuple[int, os.stat_result]:
    """(fd, stat) of a trusted room root, else RoomError saying why and what IT runs.

    A facilitator needs a shared root or their own; someone ``joining`` also accepts another
    user's personal root (nobody else can write it, so its owner is the only possible leader).
    """
    me = None if joining else os.geteuid()
    try:
        fd = os.open(root, _DIR_FLAGS)
    except FileNotFoundError:
        raise RoomError(
            f"Rommappa {root} finnes ikke. IT oppretter den én gang, som root: «install -d -o root "
            f"-g {FACILITATOR_GROUP} -m 1775 {root}» (se «tbp room accounts»).",
            "no-root", path=str(root),
        ) from None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise _unsafe(root, "den er en symbolsk lenke eller ikke en mappe") from None
        raise RoomError(f"Kan ikke lese rommappa {root}: {describe_os_error(exc)}.",
                        "no-permission", path=str(root)) from None
    try:
        st = os.fstat(fd)
        problem = _root_problem(st, me) or _ancestors_problem(root, st.st_uid)
        if problem is not None:
            raise _unsafe(root, problem)
    except BaseException:
        os.close(fd)
        raise
    return fd, st
