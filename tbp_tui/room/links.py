"""The two ends of a room: the facilitator who sends commands, and a participant who follows.

Both are polled by the UI from a worker thread at most once a second, so every call is cheap
(a stat before any read) and turns every OSError into a RoomError with a clear message.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import tomli_w

from tbp_tui.files.atomic import atomic_write
from tbp_tui.files.names import DEFAULT_PROFILE, name_problem
from tbp_tui.textsafe import visible

from .files import (
    ROOM_FILES_DURABLE,
    SEAT_FILE_MODE,
    SEATS_DIR,
    STATE_FILE,
    RoomInfo,
    SeatReader,
    describe_room,
    parse_state,
    read_small,
    vanished,
    write_state,
)
from .model import (
    HEARTBEAT,
    KEEP_COMMANDS,
    MAX_TIMER_MINUTES,
    Command,
    CommandKind,
    RoomError,
    Seat,
    check_room_name,
    clean_id,
    new_seat_file_name,
    seat_to_toml,
)
from .trust import Leader, describe_os_error, leader_of

__all__ = ["FacilitatorLink", "ParticipantLink"]


def _owner_changed(info: RoomInfo) -> RoomError:
    return RoomError(
        f"Rommet «{info.name}» er åpnet på nytt av {info.leader}, ikke av den du ble med hos. Du "
        "følger ikke dette rommet før du har sagt ja til det (F4).",
        "owner-changed", name=info.name, leader=str(info.leader),
    )

Now = Callable[[], datetime]


def _check_profile(profile: str) -> None:
    problem = name_problem(profile)
    if problem is not None:  # the store refuses such a name first; this guards the room alone
        raise RoomError(f"Profilnavnet «{visible(profile)}» kan ikke brukes i et rom.", "bad-profile",
                        profile=profile, reason=problem)


def _display_for(profile: str) -> str:
    """The name the facilitator sees: a profile the learner named, else (the default profile,
    the same on every account) the account's full name from the system, else its login."""
    if profile != DEFAULT_PROFILE:
        return profile
    return leader_of(os.geteuid()).name


class _SeatWriter:
    """Writes one seat file: when something changed, or every HEARTBEAT to stay fresh.

    Each session has a seat file of its own (a random name under its uid) and says when it
    joined; of one account's seats the facilitator shows the one that joined first, so a second
    login of the same account never makes the table flip, and leaving removes only one's own.
    """

    def __init__(self, room: Path, profile: str, facilitator: bool, now: Now, tab: bool = False) -> None:
        self.room = room
        self.tab = tab
        self.path = room / SEATS_DIR / new_seat_file_name(os.geteuid())
        self.profile = profile
        self.facilitator = facilitator
        self.now = now
        self._last: tuple[str | None, str | None, bool] | None = None
        self._written_at: datetime | None = None
        self._mine: tuple[int, int] | None = None
        """(inode, mtime) of the seat file as this session last wrote it."""
        self._joined: datetime | None = None

    def _identity(self) -> tuple[int, int] | None:
        try:
            st = os.lstat(self.path)
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns

    def write(self, module: str | None, step: str | None, following: bool, *, force: bool = False) -> None:
        module = clean_id(module) if module is not None else None
        step = clean_id(step) if step is not None else None
        now = self.now()
        state = (module, step, following)
        age = now - self._written_at if self._written_at is not None else None
        fresh = age is not None and timedelta(0) <= age < HEARTBEAT  # a clock set back rewrites too
        if not force and state == self._last and fresh and self._mine is not None \
                and self._identity() == self._mine:  # still there: the facilitator removes stale seats
            return
        if self._joined is None:
            self._joined = now
        data = seat_to_toml(self.profile, module, step, following, self.facilitator, now, self._joined,
                            self.tab)
        try:
            atomic_write(self.path, tomli_w.dumps(data).encode("utf-8"), SEAT_FILE_MODE,
                         durable=ROOM_FILES_DURABLE)
        except OSError as exc:
            if not self.room.is_dir():
                raise vanished(self.room) from None
            if exc.errno in (errno.EACCES, errno.EPERM):
                raise RoomError(
                    f"Du har ikke lov til å skrive plassen din i {self.path.parent}. Du må være med "
                    "i rommets gruppe (spør kurslederen).", "no-permission", path=str(self.path),
                ) from None
            raise RoomError(f"Kunne ikke skrive plassen din i rommet ({describe_os_error(exc)}).",
                            "io", path=str(self.path)) from None
        self._last, self._written_at = state, now
        self._mine = self._identity()

    def remove(self) -> None:
        """Remove the seat, if it is still this session's (never another live session's)."""
        if self._mine is not None and self._identity() == self._mine:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        self._last = self._written_at = self._mine = None


class FacilitatorLink:
    """The facilitator's side: sends commands (state.toml) and reads the seat table."""

    def __init__(self, root: Path, name: str, clock: Now, *, profile: str | None = None) -> None:
        check_room_name(name)
        self.room = Path(root) / name
        info = describe_room(Path(root), name)
        if info.owner_uid != os.geteuid():
            raise RoomError(
                f"Rommet «{name}» ble åpnet av {info.leader}; bare den brukeren kan lede det.",
                "not-owner", name=name, owner=info.owner,
            )
        self.name = name
        self.clock = clock
        self.group = info.group
        try:
            result = read_small(self.room / STATE_FILE, owner=info.owner_uid)
        except FileNotFoundError:
            result = None
        except OSError as exc:
            raise RoomError(f"Kan ikke lese {self.room / STATE_FILE}: {describe_os_error(exc)}.",
                            "io", path=str(self.room)) from None
        parsed = parse_state(result[1]) if result is not None else None
        if parsed is None:
            raise RoomError(f"{self.room / STATE_FILE} mangler eller er ødelagt; lukk rommet og åpne "
                            "det på nytt.", "io", path=str(self.room))
        self._room_id, self._opened_at, self._commands = parsed.room_id, parsed.opened_at, parsed.commands
        self._seats = SeatReader(self.room, info.owner_uid)
        if profile is None:
            profile = leader_of(os.geteuid()).name  # the full name the system has, already clean
        else:
            _check_profile(profile)
        self._seat = _SeatWriter(self.room, profile, True, clock)

    @property
    def last_command(self) -> Command | None:
        return self._commands[-1] if self._commands else None

    def send_goto(self, module: str, step: str) -> Command:
        return self._send("goto", module, step, None)

    def send_timer(self, module: str, step: str, minutes: float) -> Command:
        if not 0 < minutes <= MAX_TIMER_MINUTES:
            raise RoomError(f"En tidtaker må være mellom 0 og {MAX_TIMER_MINUTES} minutter, ikke {minutes}.",
                            "bad-command")
        return self._send("timer", module, step, float(minutes))

    def _send(self, kind: CommandKind, module: str, step: str, minutes: float | None) -> Command:
        if clean_id(module) is None or clean_id(step) is None:
            raise RoomError(f"Ugyldig modul eller steg: {module!r} / {step!r}.", "bad-command")
        seq = self._commands[-1].seq + 1 if self._commands else 1
        command = Command(seq, kind, module, step, minutes, self.clock())
        commands = [*self._commands, command][-KEEP_COMMANDS:]
        try:
            write_state(self.room, self._room_id, self.group, self._opened_at, commands)
        except OSError as exc:
            if not self.room.is_dir():
                raise vanished(self.room) from None
            raise RoomError(f"Kunne ikke sende til rommet ({describe_os_error(exc)}).", "io",
                            path=str(self.room)) from None
        self._commands = commands
        return command

    def report(self, module: str | None, step: str | None) -> None:
        """The facilitator's own seat, so the table shows where the facilitator is."""
        self._seat.write(module, step, True)

    def seats(self) -> list[Seat]:
        """Live seats, the facilitator's first; stale ones are removed from the folder."""
        return self._seats.read(self.clock(), remove_stale=True)

    def leave(self) -> None:
        self._seat.remove()


class ParticipantLink:
    """A participant's side: reports its own seat and polls the facilitator's commands."""

    def __init__(self, info: RoomInfo, profile: str, clock: Now, tab: bool = False) -> None:
        self.room = info.path
        self.name = info.name
        self.profile = profile
        self.clock = clock
        self.owner_uid = info.owner_uid
        self.owner = info.owner
        self.leader: Leader = info.leader
        self.group = info.group
        self._identity = info.identity
        self.display = profile if tab else _display_for(profile)
        self._seat = _SeatWriter(self.room, self.display, False, clock, tab)
        self._state_key: tuple[int, int, int] | None = None
        self._room_id: str | None = None
        self._commands: list[Command] = []
        self._last_seq = 0
        self._notices: list[str] = []
        self._noticed: set[str] = set()

    @classmethod
    def join(cls, root: Path, name: str, profile: str, clock: Now, *,
             leader_uid: int | None = None, tab: bool = False) -> ParticipantLink:
        """Check the room can be trusted and written to, then take a seat (written at once).

        ``leader_uid`` is the owner the join page showed: if the room has another owner by now
        (closed and opened again by someone else), joining is refused. ``tab``: a browser tab
        of `tbp serve --room`, and ``profile`` the display name it gave.
        """
        check_room_name(name)
        _check_profile(profile)
        info = describe_room(Path(root), name)
        if leader_uid is not None and info.owner_uid != leader_uid:
            raise _owner_changed(info)
        room = info.path
        seats = room / SEATS_DIR
        try:
            seats_st = os.lstat(seats)
        except PermissionError:
            seats_st = None
        except FileNotFoundError:
            raise RoomError(f"Rommet {room} er ikke ferdig satt opp (seats/ mangler).", "unsafe",
                            path=str(room)) from None
        if seats_st is not None and (not stat.S_ISDIR(seats_st.st_mode)
                                     or seats_st.st_uid != info.owner_uid):
            raise RoomError(f"Rommet {room} er ikke trygt: seats/ tilhører ikke kurslederen.", "unsafe",
                            path=str(room))
        if seats_st is None or not os.access(room, os.R_OK | os.X_OK) \
                or not os.access(seats, os.W_OK | os.X_OK):
            raise RoomError(
                f"Du har ikke tilgang til rommet «{name}»: du må være med i gruppa «{info.group}» "
                "(spør kurslederen).", "no-permission", name=name, group=info.group,
            )
        link = cls(info, profile, clock, tab)
        link._seat.write(None, None, True, force=True)
        return link

    @property
    def seat_file(self) -> Path:
        """This session's seat file (its name has a random part, so nobody can take it first)."""
        return self._seat.path

    def take_notices(self) -> list[str]:
        """Things the participant should be told once (e.g. an untrusted state.toml ignored)."""
        notices, self._notices = self._notices, []
        return notices

    def _notice(self, key: str, text: str) -> None:
        if key not in self._noticed:
            self._noticed.add(key)
            self._notices.append(text)

    def report(self, module: str | None, step: str | None, following: bool) -> None:
        """Write only this participant's own seat (skipped when nothing changed recently)."""
        self._seat.write(module, step, following)

    def _check_room(self) -> None:
        """The room is still the one joined: same folder, same owner. A room closed and opened
        again by the same facilitator starts over; by anyone else, it is not followed."""
        try:
            st = os.lstat(self.room)
        except FileNotFoundError:
            raise vanished(self.room) from None
        except OSError as exc:
            raise RoomError(f"Kan ikke lese rommet {self.room}: {describe_os_error(exc)}.",
                            "no-permission", path=str(self.room)) from None
        if (st.st_dev, st.st_ino) == self._identity and st.st_uid == self.owner_uid:
            return
        info = describe_room(self.room.parent, self.name)
        if info.owner_uid != self.owner_uid:
            raise _owner_changed(info)
        self._identity, self._state_key, self._commands = info.identity, None, []

    def _refresh(self) -> None:
        self._check_room()
        path = self.room / STATE_FILE
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            if not self.room.is_dir():
                raise vanished(self.room) from None
            return
        except OSError as exc:
            raise RoomError(f"Kan ikke lese rommet {self.room}: {describe_os_error(exc)}.",
                            "no-permission", path=str(self.room)) from None
        key = (st.st_ino, st.st_mtime_ns, st.st_size)
        if key == self._state_key:
            return
        self._state_key = key
        try:
            result = read_small(path)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise RoomError(f"Kan ikke lese {path}: {describe_os_error(exc)}.", "no-permission",
                            path=str(path)) from None
        fst = result[0] if result is not None else None
        if fst is None or fst.st_uid != self.owner_uid or fst.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            self._commands, self._state_key = [], None
            raise RoomError(f"{path} ble ikke skrevet av kurslederen ({self.leader}), eller andre kan "
                            "endre den; beskjedene der blir ikke fulgt.", "unsafe", path=str(path))
        assert result is not None
        parsed = parse_state(result[1])
        if parsed is None:
            self._notice("corrupt", f"{path} kunne ikke leses; beskjeder fra kurslederen blir borte "
                                    "til den er i orden igjen.")
            return
        if parsed.room_id != self._room_id:
            if self._room_id is not None:
                self._last_seq = 0  # the room was closed and opened again by the same person
            self._room_id = parsed.room_id
        self._commands = parsed.commands

    def poll(self) -> Command | None:
        """The newest facilitator command not yet returned (by seq), else None.

        The first poll after joining returns the command currently in force, if any, so a
        late joiner can catch up; older commands that were overtaken are skipped.
        """
        self._refresh()
        newest = self._commands[-1] if self._commands else None
        if newest is None or newest.seq <= self._last_seq:
            return None
        self._last_seq = newest.seq
        return newest

    def current(self) -> Command | None:
        """The facilitator's newest command, returned or not: where "rejoin" takes you."""
        self._refresh()
        return self._commands[-1] if self._commands else None

    def leave(self) -> None:
        """Remove this participant's seat; never fails (the seat would go stale anyway)."""
        self._seat.remove()
