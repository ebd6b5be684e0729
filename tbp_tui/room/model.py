"""What a room shares, as plain data: commands from the facilitator and one seat per learner.

Deliberately tiny. A seat holds only a profile name, a module id, a step id, a following flag,
when it was last seen and a schema version; reflections and checklist notes have no field here,
so they cannot reach the room folder, which other learners can read.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

__all__ = [
    "HEARTBEAT",
    "KEEP_COMMANDS",
    "MAX_FILE_BYTES",
    "MAX_TIMER_MINUTES",
    "SCHEMA",
    "STALE_AFTER",
    "Command",
    "CommandKind",
    "RoomError",
    "Seat",
    "check_room_name",
    "display_name",
    "new_seat_file_name",
    "valid_room_name",
]

SCHEMA = 1
#: A seat not refreshed for this long is left out of the table (and removed by the facilitator).
STALE_AFTER = timedelta(seconds=30)
#: An unchanged seat is rewritten this often, so it stays well inside STALE_AFTER.
HEARTBEAT = timedelta(seconds=10)
#: How many recent commands state.toml keeps. Only the newest matters (the one before helps
#: debugging); every participant parses the whole file on every «go to step», and 20 commands cost
#: each of them about 1 ms of CPU per send, 3 about 0.2 ms (issue #17).
KEEP_COMMANDS = 3
#: Room files are small; anything bigger is not ours and is not read.
MAX_FILE_BYTES = 32 * 1024
#: A seat is about 200 bytes; a participant controls it, so it is read only when this small.
MAX_SEAT_BYTES = 1024
#: Most '[' and '{' a room file may hold before it is parsed: a seat has none, state.toml two
#: per command. Deep nesting would make the TOML parser recurse until RecursionError.
MAX_BRACKETS = 4 * 20 + 8
#: Display names are cut to this many characters (after cleaning, see ``display_name``).
MAX_NAME_CHARS = 32
MAX_TIMER_MINUTES = 24 * 60
MAX_ID_LENGTH = 120

CommandKind = Literal["goto", "timer"]

_ROOM_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,31}")
_SEAT_FILE = re.compile(r"seat-(\d{1,10})-([0-9a-f]{16})\.toml")
#: Marks drawn on the character before them (accents); more than two on one letter is a flood.
_MAX_MARKS = 2


class RoomError(Exception):
    """A room could not be used; ``message`` is a Norwegian sentence saying what and where.

    ``code`` is stable ("bad-name", "exists", "missing", "vanished", "unsafe", "no-permission",
    "not-owner", "unknown-group", "not-member", "bad-command", "bad-profile", "owner-changed",
    "no-root", "not-facilitator", "io"), and ``params`` holds the names in the message, so a UI
    can word it in another language.
    """

    def __init__(self, message: str, code: str = "io", **params: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Command:
    """One instruction from the facilitator; participants decide themselves whether to follow."""

    seq: int
    kind: CommandKind
    module: str
    step: str
    minutes: float | None
    sent_at: datetime


@dataclass(frozen=True)
class Seat:
    """Where one learner (or the facilitator) is: the only thing a room shows about anyone."""

    seat_id: str
    profile: str
    module: str | None
    step: str | None
    following: bool
    last_seen: datetime
    facilitator: bool
    #: The file owner's uid and login: taken from the operating system, never from the file.
    uid: int = -1
    account: str = ""
    #: How many live seats this account has (a shared account, or one account flooding the room).
    sessions: int = 1
    #: When this session first wrote its seat: of one account's seats, the oldest is shown, so a
    #: second login of the same account never makes the row flip between the two.
    joined: datetime | None = None
    #: A browser tab of `tbp serve --room`: all tabs are the server's account, so each tab's own
    #: display name is a row of its own (see `files._one_per_account`).
    tab: bool = False

    @property
    def label(self) -> str:
        """The name the participant chose (cleaned to one plain line) and, when it differs, the
        account the system says the seat belongs to: two «standard»s are told apart."""
        if not self.account or self.account == self.profile:
            return self.profile
        return f"{self.profile} ({self.account})"


def valid_room_name(name: object) -> bool:
    """True for 1–32 characters a–z, 0–9 and '-', not starting with '-'."""
    return isinstance(name, str) and _ROOM_NAME.fullmatch(name) is not None


def check_room_name(name: object) -> str:
    """The name itself, or RoomError saying which characters are allowed."""
    if not valid_room_name(name):
        shown = repr(name) if not isinstance(name, str) else f"«{_printable(name)[:40]}»"
        raise RoomError(
            f"Romnavnet {shown} kan ikke brukes: bruk 1–32 tegn a–z, 0–9 og bindestrek "
            "(ikke først), for eksempel «kurs-mandag».",
            "bad-name",
            name=_printable(str(name))[:40],
        )
    assert isinstance(name, str)
    return name


def _printable(text: str) -> str:
    return "".join(ch if unicodedata.category(ch)[0] != "C" else "?" for ch in text)


def clean_id(value: object) -> str | None:
    """A module or step id fit to show to others, or None: short, no control characters."""
    if not isinstance(value, str) or not value or len(value) > MAX_ID_LENGTH:
        return None
    if any(unicodedata.category(ch)[0] in ("C", "Z") and ch != " " for ch in value):
        return None
    return value


def display_name(value: object) -> str | None:
    """A name fit for one table cell, or None: one line of plain text, at most MAX_NAME_CHARS.

    A participant writes this into their seat, so it is cleaned on reading: no control, format
    (bidi), line or paragraph separator, private-use or unassigned characters, any other space
    becomes one plain space, and at most two combining marks stay on a letter (a flood of them
    would pile up over the rows above and below).
    """
    if not isinstance(value, str):
        return None
    out: list[str] = []
    marks = 0
    for ch in unicodedata.normalize("NFC", value[: MAX_NAME_CHARS * 8]):
        category = unicodedata.category(ch)
        if category[0] == "C" or category in ("Zl", "Zp"):
            continue
        if category[0] == "Z":
            ch = " "
        if category[0] == "M":
            if not out or marks >= _MAX_MARKS or out[-1] == " ":
                continue
            marks += 1
        else:
            marks = 0
        if ch == " " and (not out or out[-1] == " "):
            continue
        out.append(ch)
    text = "".join(out).strip()
    return text[:MAX_NAME_CHARS].rstrip() or None


def new_seat_file_name(uid: int) -> str:
    """A fresh seat file name for this account: the uid, so a reader can check that the file's
    owner is that uid, and a random part, so nobody can create another's seat before they do."""
    return f"seat-{uid}-{secrets.token_hex(8)}.toml"


def parse_seat_file_name(name: str) -> tuple[int, str] | None:
    """(uid, seat id) for a seat file name, else None."""
    match = _SEAT_FILE.fullmatch(name)
    if match is None:
        return None
    return int(match.group(1)), f"{match.group(1)}-{match.group(2)}"


def command_to_toml(command: Command) -> dict[str, Any]:
    data: dict[str, Any] = {
        "seq": command.seq,
        "kind": command.kind,
        "module": command.module,
        "step": command.step,
        "sent_at": command.sent_at,
    }
    if command.minutes is not None:
        data["minutes"] = float(command.minutes)
    return data


def command_from_toml(raw: object) -> Command | None:
    """A command from state.toml, or None when anything about it is off (it is then ignored)."""
    if not isinstance(raw, dict):
        return None
    seq, kind, sent_at = raw.get("seq"), raw.get("kind"), raw.get("sent_at")
    module, step = clean_id(raw.get("module")), clean_id(raw.get("step"))
    minutes = raw.get("minutes")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        return None
    if kind not in ("goto", "timer") or module is None or step is None:
        return None
    if not isinstance(sent_at, datetime) or sent_at.tzinfo is None:
        return None
    if kind == "timer":
        if not isinstance(minutes, (int, float)) or isinstance(minutes, bool):
            return None
        if not 0 < minutes <= MAX_TIMER_MINUTES:
            return None
        return Command(seq, "timer", module, step, float(minutes), sent_at)
    return Command(seq, "goto", module, step, None, sent_at)


def seat_to_toml(profile: str, module: str | None, step: str | None, following: bool,
                 facilitator: bool, last_seen: datetime, joined: datetime | None = None,
                 tab: bool = False) -> dict[str, Any]:
    """Exactly the fields a seat may hold; nothing else can be passed in."""
    data: dict[str, Any] = {"schema": SCHEMA, "profile": profile}
    if module is not None:
        data["module"] = module
    if step is not None:
        data["step"] = step
    data["following"] = following
    data["facilitator"] = facilitator
    data["last_seen"] = last_seen
    if joined is not None:
        data["joined"] = joined
    if tab:
        data["tab"] = True
    return data


def seat_from_toml(seat_id: str, raw: dict[str, Any], may_be_facilitator: bool) -> Seat | None:
    """A seat, or None when the file is not a seat this version understands."""
    if raw.get("schema") != SCHEMA:
        return None
    profile = display_name(raw.get("profile"))
    if profile is None:
        return None
    module = clean_id(raw["module"]) if "module" in raw else None
    step = clean_id(raw["step"]) if "step" in raw else None
    if ("module" in raw and module is None) or ("step" in raw and step is None):
        return None
    following, facilitator, last_seen = raw.get("following"), raw.get("facilitator"), raw.get("last_seen")
    if not isinstance(following, bool) or not isinstance(facilitator, bool):
        return None
    if not isinstance(last_seen, datetime) or last_seen.tzinfo is None:
        return None
    joined = raw.get("joined")
    if not isinstance(joined, datetime) or joined.tzinfo is None:
        joined = None
    tab = raw.get("tab", False)
    if not isinstance(tab, bool):
        return None
    return Seat(seat_id, profile, module, step, following, last_seen,
                facilitator and may_be_facilitator, joined=joined, tab=tab and not facilitator)
