"""The room folder on disk: creating it safely, checking it before trusting it, reading seats.

Layout (``<root>`` is made by IT as root; see ``trust``)::

    <root>/            1775 root:tbp-kursledere   only facilitators create rooms; sticky
      <name>/          2750 facilitator:<group>   participants may read, never write
        state.toml     0640  the facilitator's commands (only the owner can replace it)
        seats/         3770 facilitator:<group>   setgid + sticky
          seat-<uid>-<random>.toml  0640  one per session, written only by its owner

Group access is the point of this folder (participants must see the commands and write their
own seat), so unlike the progress store it is not 0700. The sticky bit on ``seats/`` stops one
participant from replacing or deleting another's seat, and the random part of a seat's name
stops them from creating it first; the facilitator owns the folder and removes stale seats and
anything else found there. Everything in ``seats/`` is a participant's, so it is read bounded:
a few thousand entries a poll, a kilobyte a seat, no nesting. Nothing private is ever written
here: see ``model.seat_to_toml``.
"""

from __future__ import annotations

import contextlib
import grp
import os
import secrets
import shutil
import stat
import time
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import tomli_w

from tbp_tui.files.atomic import atomic_write

from .model import (
    MAX_BRACKETS,
    MAX_FILE_BYTES,
    MAX_SEAT_BYTES,
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
    valid_room_name,
)
from .trust import (
    DEFAULT_ROOT,
    Leader,
    allowed_owner,
    describe_os_error,
    group_name,
    leader_of,
    may_open_rooms,
    root_fd,
    user_name,
)

__all__ = [
    "ENV_ROOM_ROOT",
    "MAX_SCAN",
    "ROOM_DIR_MODE",
    "SEATS_DIR_MODE",
    "SEAT_FILE_MODE",
    "STATE_FILE",
    "CloseResult",
    "RoomInfo",
    "SeatReader",
    "close_room",
    "default_room_root",
    "describe_room",
    "open_room",
    "open_rooms",
]

ENV_ROOM_ROOT = "TBP_ROOM_ROOT"
ROOM_DIR_MODE = 0o2750
SEATS_DIR_MODE = 0o3770
SEAT_FILE_MODE = 0o640
ROOM_FILES_DURABLE = False
"""The room's state and seats are replaced atomically but not fsynced: they describe a live
workshop and mean nothing after a reboot, and each «go to step» had 40 participants fsync a seat
file and its folder at once (see `atomic_write`'s `durable`). Progress and exports keep fsync."""
STATE_FILE = "state.toml"
SEATS_DIR = "seats"
#: Entries of ``seats/`` looked at in one poll: 40 seats fit many times over, and a participant
#: who fills the folder with junk costs the facilitator this much a second, not the whole folder.
MAX_SCAN = 2000
#: Anything in ``seats/`` that is not a live seat is removed once it is this old (a participant's
#: half-written temporary file lives for milliseconds).
JUNK_AFTER = timedelta(seconds=60)
#: A closed room that could not be removed whole is moved aside under this prefix (not a room
#: name, so nobody joins it), so its name is free at once.
CLOSED_PREFIX = ".closed-"


def default_room_root(environ: Mapping[str, str]) -> Path:
    """``TBP_ROOM_ROOT``, else /var/lib/tbp-rooms (made by IT; see ``trust``)."""
    from_env = environ.get(ENV_ROOM_ROOT)
    if from_env:
        return Path(from_env).expanduser()
    return DEFAULT_ROOT


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


def _unsafe_room(path: Path, why: str) -> RoomError:
    return RoomError(f"Rommet {path} er ikke trygt: {why}.", "unsafe", path=str(path), why=why)


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
                 SEAT_FILE_MODE, durable=ROOM_FILES_DURABLE)


def open_room(root: Path, name: str, *, group: str | None, now: datetime) -> Path:
    """Create ``<root>/<name>`` for the facilitator; RoomError if it exists or is unsafe.

    The root must already be there and trusted (``trust.open_root``); the caller must be
    allowed to own a room in it. Everything is built while the room folder is still 0700, and
    only then opened to the group, so no participant ever sees a half-made room.
    """
    check_room_name(name)
    gid, gname = resolve_group(group)
    root = Path(root)
    room = root / name
    with root_fd(root) as (dir_fd, root_st):
        if not may_open_rooms(root_st):
            raise RoomError(
                f"Bare medlemmer av gruppa «{group_name(root_st.st_gid)}» kan åpne rom i {root}. "
                "Be IT legge deg til (se «tbp room accounts»), og logg inn på nytt.",
                "not-facilitator", path=str(root), group=group_name(root_st.st_gid),
            )
        try:
            os.mkdir(name, 0o700, dir_fd=dir_fd)
        except FileExistsError:
            try:
                owner = user_name(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_uid)
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
            _build_room(room, gid, gname, now)
        except BaseException as exc:
            shutil.rmtree(name, ignore_errors=True, dir_fd=dir_fd)
            if isinstance(exc, OSError):
                raise RoomError(f"Kan ikke opprette rommet {room}: {describe_os_error(exc)}.",
                                "io", path=str(room)) from None
            raise
    return room


def _build_room(room: Path, gid: int, gname: str, now: datetime) -> None:
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
                f"Filsystemet under {room.parent} godtar ikke rettighetene rommet trenger "
                f"({oct(mode)} for gruppa {gname}). Velg en annen --room-root.",
                "unsafe", path=str(path),
            )


@dataclass(frozen=True)
class CloseResult:
    """What ``close_room`` left behind: nothing, or a folder moved aside that only root can
    remove (a participant put something there the facilitator may not delete)."""

    leftover: Path | None = None


def close_room(root: Path, name: str) -> CloseResult:
    """Remove the room with every seat in it; only its owner (or root) may.

    Nothing a participant puts in ``seats/`` can stop this: what cannot be removed (a mode-000
    folder of theirs, say) goes with the room folder to ``.closed-<name>-<random>`` in the root,
    and the room's name is free at once.
    """
    check_room_name(name)
    root = Path(root)
    room = root / name
    with root_fd(root) as (dir_fd, _root_st):
        try:
            st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        except FileNotFoundError:
            raise RoomError(f"Rommet «{name}» finnes ikke i {root}.", "missing",
                            name=name, path=str(room)) from None
        except OSError as exc:
            raise RoomError(f"Kan ikke lese rommet {room}: {describe_os_error(exc)}.",
                            "no-permission", path=str(room)) from None
        if not stat.S_ISDIR(st.st_mode):
            raise _unsafe_room(room, "den er ikke en mappe")
        if st.st_uid != os.geteuid() and os.geteuid() != 0:
            raise RoomError(
                f"Rommet «{name}» ble åpnet av {user_name(st.st_uid)}; bare den brukeren kan lukke det.",
                "not-owner", name=name, owner=user_name(st.st_uid),
            )
        try:
            shutil.rmtree(name, dir_fd=dir_fd)  # fd-based: a planted symlink is removed, not followed
            return CloseResult()
        except OSError:
            pass
        aside = f"{CLOSED_PREFIX}{name}-{secrets.token_hex(4)}"
        try:
            os.rename(name, aside, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except OSError as exc:
            raise RoomError(
                f"Rommet {room} kunne ikke fjernes eller flyttes ({describe_os_error(exc)}).",
                "io", path=str(room),
            ) from None
        shutil.rmtree(aside, ignore_errors=True, dir_fd=dir_fd)
        return CloseResult(root / aside)


@dataclass(frozen=True)
class RoomInfo:
    """Who leads the room and who can see it, for the page a participant reads before joining."""

    name: str
    path: Path
    owner: str
    owner_uid: int
    group: str
    #: Members listed for the group in /etc/group (users with it as primary group are not listed).
    group_members: tuple[str, ...]
    leader: Leader
    #: (st_dev, st_ino) of the room folder: a room closed and opened again is another room.
    identity: tuple[int, int]


def describe_room(root: Path, name: str) -> RoomInfo:
    """The room as the operating system says: RoomError unless its root is trusted and its owner
    is someone that root lets open rooms."""
    check_room_name(name)
    root = Path(root)
    room = root / name
    with root_fd(root, joining=True) as (dir_fd, root_st):
        st = stat_room(dir_fd, room)
    if not allowed_owner(root_st, st.st_uid):
        raise _unsafe_room(room, f"den eies av {user_name(st.st_uid)}, som ikke kan åpne rom her")
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise _unsafe_room(room, "andre enn kurslederen kan endre den")
    try:
        members = tuple(grp.getgrgid(st.st_gid).gr_mem)
    except KeyError:
        members = ()
    return RoomInfo(name, room, user_name(st.st_uid), st.st_uid, group_name(st.st_gid), members,
                    leader_of(st.st_uid), (st.st_dev, st.st_ino))


def stat_room(dir_fd: int, room: Path) -> os.stat_result:
    """The room folder's stat (never through a link), or RoomError: missing, not reachable, or
    not a real folder."""
    name = room.name
    try:
        st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        raise RoomError(
            f"Rommet «{name}» finnes ikke i {room.parent}. Sjekk navnet med kurslederen.",
            "missing", name=name, path=str(room),
        ) from None
    except OSError as exc:
        raise RoomError(f"Kan ikke nå rommet {room}: {describe_os_error(exc)}.",
                        "no-permission", name=name, path=str(room)) from None
    if not stat.S_ISDIR(st.st_mode):
        raise _unsafe_room(room, "den er ikke en vanlig mappe")
    return st


def vanished(room: Path) -> RoomError:
    return RoomError(f"Rommet «{room.name}» finnes ikke lenger ({room}); kurslederen har lukket det.",
                     "vanished", name=room.name, path=str(room))


def read_small(path: Path, *, owner: int | None = None,
               limit: int = MAX_FILE_BYTES) -> tuple[os.stat_result, bytes] | None:
    """Contents of a small regular file, never following a symlink; None if not such a file
    (or not owned by ``owner``). The checks use fstat of the opened file, so a swap between
    check and read cannot fool them."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        if owner is not None and st.st_uid != owner:
            return None
        data = os.read(fd, limit + 1)
        return (st, data) if len(data) <= limit else None
    finally:
        os.close(fd)


def parse_toml(data: bytes) -> dict[str, Any] | None:
    """The TOML table in ``data``, or None: not UTF-8, not TOML, or nested beyond what a room
    file ever is (checked before parsing; the parser recurses once per level)."""
    if data.count(b"[") + data.count(b"{") > MAX_BRACKETS:
        return None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
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


def open_rooms(root: Path) -> list[str]:
    """Names of the rooms in a trusted root that participants may join (bounded: the first
    MAX_SCAN entries; a closed room moved aside has no valid name and is left out)."""
    names: list[str] = []
    with root_fd(root, joining=True) as (dir_fd, _st), os.scandir(dir_fd) as scan:
        for count, entry in enumerate(scan):
            if count >= MAX_SCAN:
                break
            if valid_room_name(entry.name) and entry.is_dir(follow_symlinks=False):
                names.append(entry.name)
    good = []
    for name in sorted(names):
        with contextlib.suppress(RoomError):
            describe_room(root, name)
            good.append(name)
    return good


class SeatReader:
    """Reads ``seats/`` cheaply and boundedly: at most MAX_SCAN entries a poll, a stat per seat,
    and a file is parsed again only when it has changed (new inode, mtime or size).

    One row per account: the uid is the file's owner, checked by fstat, and several live seats
    of one account (a shared account, or one account making hundreds) show as one participant
    with a count. The facilitator's reader (``clean``) removes what does not belong: stale or
    unreadable seats, forgeries and junk, a bounded number a poll.
    """

    def __init__(self, room: Path, owner_uid: int) -> None:
        self.room = room
        self.seats_dir = room / SEATS_DIR
        self.owner_uid = owner_uid
        self._cache: dict[str, tuple[tuple[int, int, int], Seat | None]] = {}
        #: True when the last read stopped at MAX_SCAN entries.
        self.truncated = False

    def read(self, now: datetime, *, remove_stale: bool = False) -> list[Seat]:
        try:
            scan = os.scandir(self.seats_dir)
        except FileNotFoundError:
            raise vanished(self.room) from None
        except OSError as exc:
            raise RoomError(f"Kan ikke lese plassene i {self.seats_dir}: {describe_os_error(exc)}.",
                            "no-permission", path=str(self.seats_dir)) from None
        live: list[Seat] = []
        seen: set[str] = set()
        doomed: list[str] = []
        self.truncated = False
        with scan:
            for count, entry in enumerate(scan):
                if count >= MAX_SCAN:
                    self.truncated = True
                    break
                seat, keep = self._look(entry, now)
                if seat is not None:
                    seen.add(entry.name)
                    live.append(seat)
                elif not keep:
                    doomed.append(entry.name)
        if remove_stale:
            for name in doomed:
                self._remove(name)
        for gone in set(self._cache) - seen:
            del self._cache[gone]
        return _one_per_account(live)

    def _look(self, entry: os.DirEntry[str], now: datetime) -> tuple[Seat | None, bool]:
        """(a live seat, or None; whether to keep the entry when it is not one)."""
        parsed = parse_seat_file_name(entry.name)
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            return None, True
        # file times are the file system's clock, not the app's (which tests move by hand)
        young = abs(time.time() - st.st_mtime) < JUNK_AFTER.total_seconds()
        if parsed is None or not stat.S_ISREG(st.st_mode) or st.st_uid != parsed[0]:
            return None, young  # junk, a folder or link, or a file named for another uid
        uid, seat_id = parsed
        seat = self._seat(entry.path, st, uid, seat_id)
        if seat is None:
            return None, young
        age = now - seat.last_seen
        if age > STALE_AFTER or -age > STALE_AFTER:  # a seat "from the future" is bogus too
            return None, False
        return seat, True

    def _seat(self, path: str, st: os.stat_result, uid: int, seat_id: str) -> Seat | None:
        key = (st.st_ino, st.st_mtime_ns, st.st_size)
        cached = self._cache.get(os.path.basename(path))
        if cached is not None and cached[0] == key:
            return cached[1]
        seat: Seat | None = None
        if st.st_size <= MAX_SEAT_BYTES:
            try:
                result = read_small(Path(path), owner=uid, limit=MAX_SEAT_BYTES)
            except OSError:
                result = None
            raw = parse_toml(result[1]) if result is not None else None
            if raw is not None:
                seat = seat_from_toml(seat_id, raw, may_be_facilitator=uid == self.owner_uid)
        if seat is not None:
            seat = _with_account(seat, uid)
        self._cache[os.path.basename(path)] = (key, seat)
        return seat

    def _remove(self, name: str) -> None:
        """Unlink a file or an empty folder; what a participant made unremovable is left (and
        goes with the room on close)."""
        path = self.seats_dir / name
        try:
            os.unlink(path)
        except IsADirectoryError:
            with contextlib.suppress(OSError):
                os.rmdir(path)
        except OSError:
            pass
        self._cache.pop(name, None)


def _with_account(seat: Seat, uid: int) -> Seat:
    return replace(seat, uid=uid, account=user_name(uid))


MAX_TAB_ROWS = 60
"""Rows one account's browser tabs may take; more (an account flooding the table) share its last row."""


def _one_per_account(seats: list[Seat]) -> list[Seat]:
    """One seat of each account (the facilitator's own apart), with how many it has: the session
    that joined first, so two live logins of one account do not make the row flip.

    Browser tabs (`tbp serve --room`) are all the server's account: each display name is a row
    of its own, at most MAX_TAB_ROWS of them per account."""
    groups: dict[tuple[int, bool, str], list[Seat]] = {}
    tab_names: dict[int, list[str]] = {}
    for seat in sorted(seats, key=lambda s: (s.joined or s.last_seen, s.seat_id)):
        name = ""
        if seat.tab:
            names = tab_names.setdefault(seat.uid, [])
            if seat.profile not in names and len(names) < MAX_TAB_ROWS:
                names.append(seat.profile)
            name = seat.profile if seat.profile in names else names[-1]
        groups.setdefault((seat.uid, seat.facilitator, name), []).append(seat)
    rows = [replace(min(group, key=lambda s: (s.joined or s.last_seen, s.seat_id)), sessions=len(group))
            for group in groups.values()]
    rows.sort(key=lambda s: (not s.facilitator, s.profile.casefold(), s.account, s.seat_id))
    return rows
