"""The room folder on disk: creating it safely, checking it before trusting it, reading seats.

Layout (``<root>`` is shared by everyone on the machine, like /tmp)::

    <root>/            1777, owned by root or the facilitator
      <name>/          2750 facilitator:<group>   participants may read, never write
        state.toml     0640  the facilitator's commands (only the owner can replace it)
        seats/         3770 facilitator:<group>   setgid + sticky
          seat-<uid>-<hash>.toml  0640  one per learner profile, written only by its owner

Group access is the point of this folder (participants must see the commands and write their
own seat), so unlike the progress store it is not 0700. The sticky bit on ``seats/`` stops one
participant from replacing or deleting another's seat; the facilitator owns the folder and may
remove stale seats. Nothing private is ever written here: see ``model.seat_to_toml``.
"""

from __future__ import annotations

import contextlib
import errno
import grp
import os
import pwd
import secrets
import shutil
import stat
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from tbp_tui.files.atomic import atomic_write

from .model import (
    MAX_FILE_BYTES,
    SCHEMA,
    STALE_AFTER,
    Command,
    RoomError,
    Seat,
    check_room_name,
    command_from_toml,
    command_to_toml,
    parse_seat_file_name,
    seat_from_toml,
)

__all__ = [
    "ENV_ROOM_ROOT",
    "ROOM_DIR_MODE",
    "ROOT_MODE",
    "SEATS_DIR_MODE",
    "SEAT_FILE_MODE",
    "STATE_FILE",
    "RoomInfo",
    "SeatReader",
    "close_room",
    "default_room_root",
    "describe_room",
    "open_room",
]

ENV_ROOM_ROOT = "TBP_ROOM_ROOT"
ROOT_MODE = 0o1777
ROOM_DIR_MODE = 0o2750
SEATS_DIR_MODE = 0o3770
SEAT_FILE_MODE = 0o640
STATE_FILE = "state.toml"
SEATS_DIR = "seats"


def default_room_root(environ: Mapping[str, str]) -> Path:
    """``TBP_ROOM_ROOT``, else ``tbp-rooms`` in the system's shared temp folder."""
    from_env = environ.get(ENV_ROOM_ROOT)
    if from_env:
        return Path(from_env).expanduser()
    return Path(tempfile.gettempdir()) / "tbp-rooms"


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


def resolve_group(group: str | None) -> tuple[int, str]:
    """(gid, name) for a group name or number; the caller's primary group when None."""
    if group is None or group == "":
        gid = os.getegid()
        return gid, group_name(gid)
    try:
        entry = grp.getgrgid(int(group)) if group.isdigit() else grp.getgrnam(group)
    except (KeyError, ValueError, OverflowError):
        raise RoomError(
            f"Gruppa «{group}» finnes ikke på denne maskinen. Opprett den først "
            f"(se «tbp room accounts»), eller velg en annen med --group.",
            "unknown-group", group=group,
        ) from None
    return entry.gr_gid, entry.gr_name


def describe_os_error(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "ingen tilgang"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "disken er full"
    if exc.errno == errno.EROFS:
        return "filsystemet er skrivebeskyttet"
    return exc.strerror or type(exc).__name__


def _unsafe(path: Path, why: str) -> RoomError:
    return RoomError(
        f"Rommappa {path} er ikke trygg: {why}. Velg en annen med --room-root DIR eller "
        "TBP_ROOM_ROOT, eller be en administrator fjerne den.",
        "unsafe", path=str(path), why=why,
    )


def check_root(root: Path, *, create: bool, trusted_owner: int | None = None) -> None:
    """Refuse a root someone else could have planted: a symlink, not a folder, foreign owner,
    or writable by others without the sticky bit (they could then rename our room away)."""
    try:
        st = os.lstat(root)
    except FileNotFoundError:
        if not create:
            raise RoomError(f"Rommappa {root} finnes ikke, så det er ingen rom der ennå.",
                            "missing", path=str(root)) from None
        try:
            os.mkdir(root, 0o700)
            os.chmod(root, ROOT_MODE)  # like /tmp: anyone may open a room, nobody may take one
            return
        except FileExistsError:
            st = os.lstat(root)
        except OSError as exc:
            raise RoomError(f"Kan ikke opprette rommappa {root}: {describe_os_error(exc)}.",
                            "io", path=str(root)) from None
    except OSError as exc:
        raise RoomError(f"Kan ikke lese rommappa {root}: {describe_os_error(exc)}.",
                        "no-permission", path=str(root)) from None
    if stat.S_ISLNK(st.st_mode):
        raise _unsafe(root, "den er en symbolsk lenke")
    if not stat.S_ISDIR(st.st_mode):
        raise _unsafe(root, "den er ikke en mappe")
    if st.st_uid not in (0, os.geteuid(), trusted_owner):
        raise _unsafe(root, f"den eies av brukeren {user_name(st.st_uid)}")
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not st.st_mode & stat.S_ISVTX:
        raise _unsafe(root, "andre kan skrive i den, og den mangler sticky-bit (chmod 1777)")


def _state_bytes(name: str, room_id: str, group: str, opened_at: datetime,
                 commands: list[Command]) -> bytes:
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "room": name,
        "room_id": room_id,
        "group": group,
        "opened_at": opened_at,
        "commands": [command_to_toml(c) for c in commands],
    }
    return tomli_w.dumps(data).encode("utf-8")


def write_state(room: Path, room_id: str, group: str, opened_at: datetime,
                commands: list[Command]) -> None:
    atomic_write(room / STATE_FILE, _state_bytes(room.name, room_id, group, opened_at, commands),
                 SEAT_FILE_MODE)


def open_room(root: Path, name: str, *, group: str | None, now: datetime) -> Path:
    """Create ``<root>/<name>`` for the facilitator; RoomError if it exists or is unsafe.

    Everything is built while the room folder is still 0700, and only then opened to the group,
    so no participant ever sees a half-made room.
    """
    check_room_name(name)
    gid, gname = resolve_group(group)
    root = Path(root)
    check_root(root, create=True)
    room = root / name
    try:
        os.mkdir(room, 0o700)
    except FileExistsError:
        try:
            owner = user_name(os.lstat(room).st_uid)
        except OSError:
            owner = "ukjent"
        raise RoomError(
            f"Rommet «{name}» finnes allerede i {root} (eies av {owner}). Velg et annet navn, "
            f"eller lukk det først med «tbp room close {name}».",
            "exists", name=name, path=str(room), owner=owner,
        ) from None
    except OSError as exc:
        raise RoomError(f"Kan ikke opprette rommet {room}: {describe_os_error(exc)}.",
                        "io", path=str(room)) from None
    try:
        try:
            os.chown(room, -1, gid)
        except PermissionError:
            raise RoomError(
                f"Du er ikke medlem av gruppa «{gname}», så rommet kan ikke deles med den. "
                "Velg en gruppe du er med i (--group), eller logg inn på nytt etter å ha blitt "
                "lagt til.", "not-member", group=gname,
            ) from None
        os.chmod(room, 0o2700)  # setgid first, so state.toml and seats/ get the room's group
        seats = room / SEATS_DIR
        os.mkdir(seats, 0o700)
        os.chown(seats, -1, gid)
        os.chmod(seats, SEATS_DIR_MODE)
        write_state(room, secrets.token_hex(8), gname, now, [])
        os.chmod(room, ROOM_DIR_MODE)
        for path, mode in ((room, ROOM_DIR_MODE), (seats, SEATS_DIR_MODE)):
            st = os.lstat(path)
            if stat.S_IMODE(st.st_mode) != mode or st.st_gid != gid:
                raise RoomError(
                    f"Filsystemet under {root} godtar ikke rettighetene rommet trenger "
                    f"({oct(mode)} for gruppa {gname}). Velg en annen --room-root.",
                    "unsafe", path=str(path),
                )
    except BaseException as exc:
        shutil.rmtree(room, ignore_errors=True)
        if isinstance(exc, OSError):
            raise RoomError(f"Kan ikke opprette rommet {room}: {describe_os_error(exc)}.",
                            "io", path=str(room)) from None
        raise
    return room


def close_room(root: Path, name: str) -> None:
    """Remove the room with every seat in it; only its owner (or root) may."""
    check_room_name(name)
    room = Path(root) / name
    try:
        st = os.lstat(room)
    except FileNotFoundError:
        raise RoomError(f"Rommet «{name}» finnes ikke i {root}.", "missing",
                        name=name, path=str(room)) from None
    except OSError as exc:
        raise RoomError(f"Kan ikke lese rommet {room}: {describe_os_error(exc)}.",
                        "no-permission", path=str(room)) from None
    if not stat.S_ISDIR(st.st_mode):
        raise _unsafe(room, "den er ikke en mappe")
    if st.st_uid != os.geteuid() and os.geteuid() != 0:
        raise RoomError(
            f"Rommet «{name}» ble åpnet av {user_name(st.st_uid)}; bare den brukeren kan lukke det.",
            "not-owner", name=name, owner=user_name(st.st_uid),
        )
    try:
        shutil.rmtree(room)  # fd-based on Linux: a planted symlink is removed, not followed
    except OSError as exc:
        raise RoomError(
            f"Rommet {room} kunne ikke fjernes helt ({describe_os_error(exc)}: {exc.filename}).",
            "io", path=str(room),
        ) from None


@dataclass(frozen=True)
class RoomInfo:
    """Who can see what, for the screen a participant reads before joining."""

    name: str
    path: Path
    owner: str
    owner_uid: int
    group: str
    #: Members listed for the group in /etc/group (users with it as primary group are not listed).
    group_members: tuple[str, ...]


def describe_room(root: Path, name: str) -> RoomInfo:
    check_room_name(name)
    room = Path(root) / name
    st = lstat_room(room, name)
    try:
        members = tuple(grp.getgrgid(st.st_gid).gr_mem)
    except KeyError:
        members = ()
    return RoomInfo(name, room, user_name(st.st_uid), st.st_uid, group_name(st.st_gid), members)


def lstat_room(room: Path, name: str) -> os.stat_result:
    """The room folder's stat, or RoomError: missing, not reachable, or not a real folder."""
    try:
        st = os.lstat(room)
    except FileNotFoundError:
        raise RoomError(
            f"Rommet «{name}» finnes ikke i {room.parent}. Sjekk navnet med kurslederen.",
            "missing", name=name, path=str(room),
        ) from None
    except OSError as exc:
        raise RoomError(f"Kan ikke nå rommet {room}: {describe_os_error(exc)}.",
                        "no-permission", name=name, path=str(room)) from None
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        raise _unsafe(room, "den er ikke en vanlig mappe")
    return st


def vanished(room: Path) -> RoomError:
    return RoomError(f"Rommet «{room.name}» finnes ikke lenger ({room}); kurslederen har lukket det.",
                     "vanished", name=room.name, path=str(room))


def read_small(path: Path, *, owner: int | None = None) -> tuple[os.stat_result, bytes] | None:
    """Contents of a small regular file, never following a symlink; None if not such a file
    (or not owned by ``owner``). The checks use fstat of the opened file, so a swap between
    check and read cannot fool them."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES:
            return None
        if owner is not None and st.st_uid != owner:
            return None
        return st, os.read(fd, MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)


def parse_toml(data: bytes) -> dict[str, Any] | None:
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None


@dataclass(frozen=True)
class RoomState:
    """state.toml: which opening of the room this is, and the recent commands by seq."""

    room_id: str
    opened_at: datetime
    commands: list[Command]


def parse_state(data: bytes) -> RoomState | None:
    """The state in state.toml bytes, or None if it is not a state file this version reads."""
    raw = parse_toml(data)
    if raw is None or raw.get("schema") != SCHEMA or not isinstance(raw.get("room_id"), str):
        return None
    opened_at, commands_raw = raw.get("opened_at"), raw.get("commands", [])
    if not isinstance(opened_at, datetime) or not isinstance(commands_raw, list):
        return None
    commands = [c for c in (command_from_toml(x) for x in commands_raw) if c is not None]
    return RoomState(raw["room_id"], opened_at, sorted(commands, key=lambda c: c.seq))


class SeatReader:
    """Reads ``seats/`` cheaply: one scandir and a stat per seat; a file is parsed again only
    when it has changed (new inode, mtime or size), so polling once a second costs little."""

    def __init__(self, room: Path, owner_uid: int) -> None:
        self.room = room
        self.seats_dir = room / SEATS_DIR
        self.owner_uid = owner_uid
        self._cache: dict[str, tuple[tuple[int, int, int], Seat | None]] = {}

    def read(self, now: datetime, *, remove_stale: bool = False) -> list[Seat]:
        try:
            entries = list(os.scandir(self.seats_dir))
        except FileNotFoundError:
            raise vanished(self.room) from None
        except OSError as exc:
            raise RoomError(f"Kan ikke lese plassene i {self.seats_dir}: {describe_os_error(exc)}.",
                            "no-permission", path=str(self.seats_dir)) from None
        seats: list[Seat] = []
        seen: set[str] = set()
        for entry in entries:
            parsed = parse_seat_file_name(entry.name)
            if parsed is None:
                continue
            uid, seat_id = parsed
            seen.add(entry.name)
            seat = self._seat(entry, uid, seat_id)
            if seat is None:
                continue
            age = now - seat.last_seen
            if age > STALE_AFTER or -age > STALE_AFTER:  # a seat "from the future" is bogus too
                if remove_stale:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                    self._cache.pop(entry.name, None)
                continue
            seats.append(seat)
        for gone in set(self._cache) - seen:
            del self._cache[gone]
        seats.sort(key=lambda s: (not s.facilitator, s.profile.casefold(), s.seat_id))
        return seats

    def _seat(self, entry: os.DirEntry[str], uid: int, seat_id: str) -> Seat | None:
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode) or st.st_uid != uid:
            return None  # a file named for another uid is a forgery
        key = (st.st_ino, st.st_mtime_ns, st.st_size)
        cached = self._cache.get(entry.name)
        if cached is not None and cached[0] == key:
            return cached[1]
        seat: Seat | None = None
        try:
            result = read_small(Path(entry.path), owner=uid)
        except OSError:
            result = None
        if result is not None:
            raw = parse_toml(result[1])
            if raw is not None:
                seat = seat_from_toml(seat_id, raw, may_be_facilitator=uid == self.owner_uid)
        self._cache[entry.name] = (key, seat)
        return seat
