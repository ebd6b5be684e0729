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
from tbp_tui.files.names import name_problem
from tbp_tui.textsafe import visible

from .files import (
    SEAT_FILE_MODE,
    SEATS_DIR,
    STATE_FILE,
    SeatReader,
    check_root,
    describe_os_error,
    group_name,
    lstat_room,
    parse_state,
    read_small,
    user_name,
    vanished,
    write_state,
)
from .model import (
    HEARTBEAT,
    KEEP_COMMANDS,
    MAX_TIMER_MINUTES,
    STALE_AFTER,
    Command,
    CommandKind,
    RoomError,
    Seat,
    check_room_name,
    clean_id,
    seat_file_name,
    seat_to_toml,
)

__all__ = ["FacilitatorLink", "ParticipantLink"]

Now = Callable[[], datetime]


def _check_profile(profile: str) -> None:
    problem = name_problem(profile)
    if problem is not None:  # the store refuses such a name first; this guards the room alone
        raise RoomError(f"Profilnavnet «{visible(profile)}» kan ikke brukes i et rom.", "bad-profile",
                        profile=profile, reason=problem)


class _SeatWriter:
    """Writes one seat file: when something changed, or every HEARTBEAT to stay fresh.

    Two live sessions of one profile on one account share a seat file name. The seat belongs to
    the session that wrote it last; a session that finds it rewritten by another stops writing
    (`watching`) instead of flipping the table between the two, and takes the seat over only
    when the other has left or let it go stale (unchanged for STALE_AFTER by this clock).
    """

    def __init__(self, room: Path, profile: str, facilitator: bool, now: Now) -> None:
        self.room = room
        self.path = room / SEATS_DIR / seat_file_name(os.geteuid(), profile)
        self.profile = profile
        self.facilitator = facilitator
        self.now = now
        self._last: tuple[str | None, str | None, bool] | None = None
        self._written_at: datetime | None = None
        self._mine: tuple[int, int] | None = None
        """(inode, mtime) of the seat file as this session last wrote it."""
        self._other: tuple[tuple[int, int], datetime] | None = None
        """Another session's seat file, and when this session first saw it so."""
        self.watching = False

    def _identity(self) -> tuple[int, int] | None:
        try:
            st = os.lstat(self.path)
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns

    def _held_by_another(self, now: datetime) -> bool:
        found = self._identity()
        if found is None or found == self._mine:
            self._other = None
            return False
        if self._other is None or self._other[0] != found:
            self._other = (found, now)
        return now - self._other[1] < STALE_AFTER

    def write(self, module: str | None, step: str | None, following: bool, *, force: bool = False) -> None:
        module = clean_id(module) if module is not None else None
        step = clean_id(step) if step is not None else None
        now = self.now()
        self.watching = self._held_by_another(now)
        if self.watching:
            return
        state = (module, step, following)
        age = now - self._written_at if self._written_at is not None else None
        fresh = age is not None and timedelta(0) <= age < HEARTBEAT  # a clock set back rewrites too
        if not force and state == self._last and fresh and self._mine is not None \
                and self._identity() == self._mine:  # still there: the facilitator removes stale seats
            return
        data = seat_to_toml(self.profile, module, step, following, self.facilitator, now)
        try:
            atomic_write(self.path, tomli_w.dumps(data).encode("utf-8"), SEAT_FILE_MODE)
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
        self._mine, self._other = self._identity(), None

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
        st = lstat_room(self.room, name)
        if st.st_uid != os.geteuid():
            raise RoomError(
                f"Rommet «{name}» ble åpnet av {user_name(st.st_uid)}; bare den brukeren kan lede det.",
                "not-owner", name=name, owner=user_name(st.st_uid),
            )
        self.name = name
        self.clock = clock
        self.group = group_name(st.st_gid)
        try:
            result = read_small(self.room / STATE_FILE, owner=st.st_uid)
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
        self._seats = SeatReader(self.room, st.st_uid)
        if profile is None:
            profile = user_name(os.geteuid())
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

    def __init__(self, room: Path, profile: str, clock: Now, owner_uid: int, gid: int) -> None:
        self.room = room
        self.name = room.name
        self.profile = profile
        self.clock = clock
        self.owner_uid = owner_uid
        self.owner = user_name(owner_uid)
        self.group = group_name(gid)
        self._seat = _SeatWriter(room, profile, False, clock)
        self._state_key: tuple[int, int, int] | None = None
        self._room_id: str | None = None
        self._commands: list[Command] = []
        self._last_seq = 0
        self._notices: list[str] = []
        self._noticed: set[str] = set()

    @classmethod
    def join(cls, root: Path, name: str, profile: str, clock: Now) -> ParticipantLink:
        """Check the room can be trusted and written to, then take a seat (written at once)."""
        check_room_name(name)
        _check_profile(profile)
        room = Path(root) / name
        st = lstat_room(room, name)
        check_root(Path(root), create=False, trusted_owner=st.st_uid)
        if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise RoomError(f"Rommet {room} kan endres av andre enn kurslederen, så det er ikke trygt "
                            "å bli med.", "unsafe", path=str(room))
        seats = room / SEATS_DIR
        try:
            seats_st = os.lstat(seats)
        except PermissionError:
            seats_st = None
        except FileNotFoundError:
            raise RoomError(f"Rommet {room} er ikke ferdig satt opp (seats/ mangler).", "unsafe",
                            path=str(room)) from None
        if seats_st is not None and (not stat.S_ISDIR(seats_st.st_mode) or seats_st.st_uid != st.st_uid):
            raise RoomError(f"Rommet {room} er ikke trygt: seats/ tilhører ikke kurslederen.", "unsafe",
                            path=str(room))
        if seats_st is None or not os.access(room, os.R_OK | os.X_OK) \
                or not os.access(seats, os.W_OK | os.X_OK):
            gname = group_name(st.st_gid)
            raise RoomError(
                f"Du har ikke tilgang til rommet «{name}»: du må være med i gruppa «{gname}» "
                "(spør kurslederen).", "no-permission", name=name, group=gname,
            )
        link = cls(room, profile, clock, st.st_uid, st.st_gid)
        link._seat.write(None, None, True, force=True)
        return link

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
        if self._seat.watching:
            self._notice("second-session", f"Profilen «{visible(self.profile)}» er allerede med i rommet "
                                           "fra en annen økt. Denne økten følger rommet, men fasilitatoren "
                                           "ser bare den andre.")

    def _refresh(self) -> None:
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
            self._commands = []
            self._notice("untrusted", f"{path} ble ikke skrevet av kurslederen ({self.owner}), eller "
                                      "andre kan endre den; beskjedene der blir ikke fulgt.")
            return
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
