"""``tbp room open|close|status|accounts``: the facilitator's room chores from a shell.

Exit codes: 0 done, 1 could not do it (exists, missing, unsafe, no permission), 2 bad input
(name, COUNT, prefix, shell). Output is plain text in bokmål, like the rest of the domain's
messages; ``accounts`` only prints commands for an administrator and never runs anything.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from .files import ENV_ROOM_ROOT, SeatReader, default_room_root, describe_room, open_room
from .files import close_room as _close_room
from .links import FacilitatorLink
from .model import STALE_AFTER, RoomError, Seat, check_room_name

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "RoomArgs", "cmd_accounts", "cmd_close",
           "cmd_open", "cmd_room", "cmd_status", "format_seats"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MAX_ACCOUNTS = 200
_UNIX_NAME = re.compile(r"[a-z_][a-z0-9_-]*")
_SHELL = re.compile(r"/[A-Za-z0-9_./+-]+")
_USAGE_CODES = {"bad-name", "bad-profile", "bad-command"}


@dataclass(frozen=True)
class RoomArgs:
    """What ``cli.py`` parsed for ``tbp room …``; kept apart from argparse for the tests."""

    action: str
    name: str | None = None
    root: Path | None = None
    group: str | None = None
    count: str | None = None
    prefix: str = "deltaker"
    shell: str = "/bin/sh"


def _root(root: Path | None, environ: Mapping[str, str]) -> Path:
    return Path(root).expanduser() if root is not None else default_room_root(environ)


def _fail(exc: RoomError, err: TextIO) -> int:
    print(f"tbp room: {exc.message}", file=err)
    return EXIT_USAGE if exc.code in _USAGE_CODES else EXIT_FAILED


def cmd_open(name: str, root: Path, group: str | None, out: TextIO, err: TextIO,
             *, default_root: bool = True) -> int:
    try:
        room = open_room(root, name, group=group, now=datetime.now(UTC))
        info = describe_room(root, name)
    except RoomError as exc:
        return _fail(exc, err)
    where = "" if default_root else f" --room-root {shlex.quote(str(root))}"
    print(f"Rommet «{name}» er åpnet.", file=out)
    for label, value in (("mappe", str(room)),
                         ("gruppe", f"{info.group} (bare medlemmer kan bli med)"),
                         ("deltakerne blir med slik", f"tbp --room {name}{where}"),
                         ("du leder det slik", f"tbp --facilitator --room {name}{where}")):
        print(f"  {label + ':':27}{value}", file=out)
    print("Rommet viser profilnavn, modul, steg og sist sett – aldri refleksjoner eller notater.",
          file=out)
    print(f"Lukk det etterpå med «tbp room close {name}».", file=out)
    return EXIT_OK


def cmd_close(name: str, root: Path, out: TextIO, err: TextIO) -> int:
    try:
        _close_room(root, name)
    except RoomError as exc:
        return _fail(exc, err)
    print(f"Rommet «{name}» er lukket og mappa {root / name} er fjernet.", file=out)
    return EXIT_OK


def _ago(now: datetime, then: datetime) -> str:
    seconds = max(0, int((now - then).total_seconds()))
    return f"{seconds} s siden"


def format_seats(seats: list[Seat], now: datetime) -> list[str]:
    """The seat table as text lines: profile, module, step, following, last seen. Nothing else."""
    header = ("profil", "modul", "steg", "følger", "sist sett")
    rows = [header]
    for seat in seats:
        rows.append((
            seat.profile + (" (kursleder)" if seat.facilitator else ""),
            seat.module or "–",
            seat.step or "–",
            "–" if seat.facilitator else ("ja" if seat.following else "nei, blar selv"),
            _ago(now, seat.last_seen),
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]


def cmd_status(name: str, root: Path, out: TextIO, err: TextIO,
               now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> int:
    """The live seat table; the owner's view also clears stale seats, anyone in the group may look."""
    try:
        info = describe_room(root, name)
        if info.owner_uid == os.geteuid():
            seats = FacilitatorLink(root, name, now).seats()
        else:
            seats = SeatReader(info.path, info.owner_uid).read(now())
    except RoomError as exc:
        return _fail(exc, err)
    moment = now()
    participants = sum(1 for s in seats if not s.facilitator)
    print(f"Rom «{name}» – {info.path} – gruppe {info.group}, åpnet av {info.owner}", file=out)
    for line in format_seats(seats, moment):
        print(line, file=out)
    print(f"{participants} deltaker{'e' if participants != 1 else ''} til stede "
          f"(plasser som ikke er oppdatert på {int(STALE_AFTER.total_seconds())} s, er tatt ut).",
          file=out)
    return EXIT_OK


def cmd_accounts(count: str | None, prefix: str, group: str, shell: str, out: TextIO,
                 err: TextIO) -> int:
    """Print (never run) the commands that make COUNT participant accounts in one group."""
    try:
        number = int(count) if count is not None else -1
    except ValueError:
        number = -1
    if not 1 <= number <= MAX_ACCOUNTS:
        print(f"tbp room accounts: COUNT må være et helt tall fra 1 til {MAX_ACCOUNTS}, ikke "
              f"«{count}».", file=err)
        return EXIT_USAGE
    width = max(2, len(str(number)))
    if not _UNIX_NAME.fullmatch(prefix) or len(prefix) + width > 32:
        print(f"tbp room accounts: --prefix «{prefix}» kan ikke bli et brukernavn: bruk små "
              f"bokstaver a–z, sifre, _ og -, høyst {32 - width} tegn, og begynn med en bokstav.",
              file=err)
        return EXIT_USAGE
    if not _UNIX_NAME.fullmatch(group) or len(group) > 32:
        print(f"tbp room accounts: --group «{group}» kan ikke bli et gruppenavn: bruk små bokstaver "
              "a–z, sifre, _ og -, høyst 32 tegn, og begynn med en bokstav.", file=err)
        return EXIT_USAGE
    if not _SHELL.fullmatch(shell):
        print(f"tbp room accounts: --shell «{shell}» må være en full sti, for eksempel /bin/sh.",
              file=err)
        return EXIT_USAGE
    names = [f"{prefix}{i:0{width}d}" for i in range(1, number + 1)]
    q = shlex.quote
    print(f"# {number} deltakerkontoer i gruppa {group}. tbp kjører ingenting selv: les linjene,", file=out)
    print("# og kjør dem som root på kursmaskinen (for eksempel: tbp room accounts … | sudo sh).", file=out)
    print(f"groupadd -f {q(group)}", file=out)
    for user in names:
        print(f"useradd --create-home --groups {q(group)} --shell {q(shell)} {q(user)}", file=out)
    print("# Passord: gi hver konto sitt eget med «passwd BRUKER» (for eksempel "
          f"«passwd {names[0]}»),", file=out)
    print(f"# eller legg deltakerens offentlige SSH-nøkkel i ~{names[0]}/.ssh/authorized_keys (0600).",
          file=out)
    print(f"# Kurslederen må også være med i gruppa: usermod --append --groups {q(group)} KURSLEDER",
          file=out)
    print(f"# Så: tbp room open NAVN --group {q(group)}, og en «Match Group {group}»-blokk med",
          file=out)
    print("# ForceCommand i sshd_config (se docs/workshop-room.md).", file=out)
    return EXIT_OK


def cmd_room(args: RoomArgs, out: TextIO, err: TextIO,
             environ: Mapping[str, str] = os.environ) -> int:
    """Dispatch one ``tbp room`` action; never lets a traceback reach the user."""
    if args.action == "accounts":
        return cmd_accounts(args.count, args.prefix, args.group or "tbp-rom", args.shell, out, err)
    name = args.name or ""
    try:
        check_room_name(name)
    except RoomError as exc:
        return _fail(exc, err)
    root = _root(args.root, environ)
    if args.action == "open":
        default = args.root is None and not environ.get(ENV_ROOM_ROOT)
        return cmd_open(name, root, args.group, out, err, default_root=default)
    if args.action == "close":
        return cmd_close(name, root, out, err)
    if args.action == "status":
        return cmd_status(name, root, out, err)
    print(f"tbp room: ukjent handling «{args.action}»; bruk open, close, status eller accounts.",
          file=err)
    return EXIT_USAGE

