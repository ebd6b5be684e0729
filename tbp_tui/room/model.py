"""What a room shares, as plain data: commands from the facilitator and one seat per learner.

Deliberately tiny. A seat holds only a profile name, a module id, a step id, a following flag,
when it was last seen and a schema version; reflections and checklist notes have no field here,
so they cannot reach the room folder, which other learners can read.
"""

from __future__ import annotations

import hashlib
import re
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
    "seat_file_name",
    "valid_room_name",
]

SCHEMA = 1
#: A seat not refreshed for this long is left out of the table (and removed by the facilitator).
STALE_AFTER = timedelta(seconds=30)
#: An unchanged seat is rewritten this often, so it stays well inside STALE_AFTER.
HEARTBEAT = timedelta(seconds=10)
#: How many recent commands state.toml keeps (only the newest matters; a few help debugging).
KEEP_COMMANDS = 20
#: Room files are small; anything bigger is not ours and is not read.
MAX_FILE_BYTES = 32 * 1024
MAX_TIMER_MINUTES = 24 * 60
MAX_ID_LENGTH = 120

CommandKind = Literal["goto", "timer"]

_ROOM_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,31}")
_SEAT_FILE = re.compile(r"seat-(\d{1,10})-([0-9a-f]{16})\.toml")


class RoomError(Exception):
    """A room could not be used; ``message`` is a Norwegian sentence saying what and where.

    ``code`` is stable ("bad-name", "exists", "missing", "vanished", "unsafe", "no-permission",
    "not-owner", "unknown-group", "not-member", "bad-command", "bad-profile", "io"), and
    ``params`` holds the names in the message, so a UI can word it in another language.
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


def seat_file_name(uid: int, profile: str) -> str:
    """uid + profile: several profiles on one shared account get several seats.

    The profile is hashed so the file name is always plain ASCII; the uid stays readable so a
    reader can check the file really belongs to that uid.
    """
    digest = hashlib.sha256(profile.encode("utf-8")).hexdigest()[:16]
    return f"seat-{uid}-{digest}.toml"


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
                 facilitator: bool, last_seen: datetime) -> dict[str, Any]:
    """Exactly the fields a seat may hold; nothing else can be passed in."""
    data: dict[str, Any] = {"schema": SCHEMA, "profile": profile}
    if module is not None:
        data["module"] = module
    if step is not None:
        data["step"] = step
    data["following"] = following
    data["facilitator"] = facilitator
    data["last_seen"] = last_seen
    return data


def seat_from_toml(seat_id: str, raw: dict[str, Any], may_be_facilitator: bool) -> Seat | None:
    """A seat, or None when the file is not a seat this version understands."""
    if raw.get("schema") != SCHEMA:
        return None
    profile = raw.get("profile")
    if not isinstance(profile, str) or not profile or len(profile) > 40:
        return None
    if any(unicodedata.category(ch)[0] == "C" for ch in profile):
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
    return Seat(seat_id, profile, module, step, following, last_seen,
                facilitator and may_be_facilitator)
