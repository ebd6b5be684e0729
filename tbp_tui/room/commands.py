"""``tbp room open|close|status|accounts``: the facilitator's room chores from a shell.

Exit codes: 0 done, 1 could not do it (exists, missing, unsafe, no permission), 2 bad input
(name, COUNT, prefix, shell). Output is plain text in the language of the translator ``t`` that
cli.py passes in (``Catalog(lang)``; the domain never imports the UI); ``accounts`` only prints
commands for an administrator and never runs anything.
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

from rich.cells import cell_len

from tbp_tui.translate import Translate, counted

from .files import ENV_ROOM_ROOT, SeatReader, default_room_root, describe_room, open_room, open_rooms
from .files import close_room as _close_room
from .links import FacilitatorLink
from .model import STALE_AFTER, RoomError, Seat, check_room_name, valid_room_name
from .trust import DEFAULT_ROOT, FACILITATOR_GROUP, describe_os_error

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "PARTICIPANT_GROUP", "TBP_PATH", "RoomArgs",
           "cmd_accounts", "cmd_close", "cmd_open", "cmd_room", "cmd_status", "format_seats",
           "room_from_ssh", "sshd_block"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MAX_ACCOUNTS = 200
PARTICIPANT_GROUP = "tbp-rom"
#: Where the guide puts tbp for every account (a link into the shared install, on PATH).
TBP_PATH = "/usr/local/bin/tbp"
#: The flag the sshd block gives tbp: the room is the word after the host (``ssh -t host mandag``),
#: else the only room open.
FROM_SSH = "--room-from-ssh"
_UNIX_NAME = re.compile(r"[a-z_][a-z0-9_-]*")
_SHELL = re.compile(r"/[A-Za-z0-9_./+-]+")
_USAGE_CODES = {"bad-name", "bad-profile", "bad-command"}
#: RoomError codes the catalog words itself ("cli.room.err.<code>"); any other gets "...other".
_WORDED_CODES = frozenset({"bad-name", "exists", "missing", "vanished", "unsafe", "no-permission",
                           "not-owner", "unknown-group", "not-member", "bad-command", "bad-profile",
                           "no-root", "not-facilitator", "owner-changed", "io"})



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
    facilitator: str = "kursleder"


def _root(root: Path | None, environ: Mapping[str, str]) -> Path:
    return Path(root).expanduser() if root is not None else default_room_root(environ)


def _describe(exc: RoomError, t: Translate) -> str:
    """The error in the chosen language: bokmål keeps the domain's own sentence (it names the exact
    cause); other languages word it from the stable code and params."""
    if exc.code in _WORDED_CODES:
        try:
            return t(f"cli.room.err.{exc.code}", message=exc.message, **exc.params)
        except (KeyError, IndexError):  # a raise site without the params the sentence needs
            pass
    return t("cli.room.err.other", message=exc.message, code=exc.code)


def _fail(exc: RoomError, err: TextIO, t: Translate) -> int:
    print(f"tbp room: {_describe(exc, t)}", file=err)
    return EXIT_USAGE if exc.code in _USAGE_CODES else EXIT_FAILED


def cmd_open(name: str, root: Path, group: str | None, out: TextIO, err: TextIO,
             *, t: Translate, default_root: bool = True) -> int:
    try:
        room = open_room(root, name, group=group, now=datetime.now(UTC))
        info = describe_room(root, name)
    except RoomError as exc:
        return _fail(exc, err, t)
    where = "" if default_root else f" --room-root {shlex.quote(str(root))}"
    print(t("cli.room.opened", name=name), file=out)
    for label, value in ((t("cli.room.folder"), str(room)),
                         (t("cli.room.leader"), str(info.leader)),
                         (t("cli.room.group"), t("cli.room.group_value", group=info.group)),
                         (t("cli.room.join_how"), f"tbp --room {name}{where}"),
                         (t("cli.room.lead_how"), f"tbp --facilitator --room {name}{where}")):
        print(f"  {label + ':':27}{value}", file=out)
    print(t("cli.room.shows"), file=out)
    print(t("cli.room.close_after", name=name), file=out)
    return EXIT_OK


def cmd_close(name: str, root: Path, out: TextIO, err: TextIO, *, t: Translate) -> int:
    try:
        result = _close_room(root, name)
    except RoomError as exc:
        return _fail(exc, err, t)
    print(t("cli.room.closed", name=name, path=root / name), file=out)
    if result.leftover is not None:
        print(t("cli.room.leftover", path=result.leftover), file=out)
    return EXIT_OK


def _ago(now: datetime, then: datetime, t: Translate) -> str:
    seconds = max(0, int((now - then).total_seconds()))
    return t("cli.room.ago", n=seconds)


def format_seats(seats: list[Seat], now: datetime, t: Translate) -> list[str]:
    """The seat table as text lines: profile, module, step, following, last seen. Nothing else."""
    header = (t("cli.room.col_profile"), t("cli.room.col_module"), t("cli.room.col_step"),
              t("cli.room.col_following"), t("cli.room.col_seen"))
    rows = [header]
    for seat in seats:
        following = t("cli.room.following_yes") if seat.following else t("cli.room.following_no")
        who = seat.label
        if seat.sessions > 1:
            who = t("cli.room.sessions", who=who, n=seat.sessions)
        rows.append((
            t("cli.room.facilitator", profile=who) if seat.facilitator else who,
            seat.module or "–",
            seat.step or "–",
            "–" if seat.facilitator else following,
            _ago(now, seat.last_seen, t),
        ))
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(header))]
    return ["  ".join(cell + " " * (widths[i] - cell_len(cell)) for i, cell in enumerate(row)).rstrip()
            for row in rows]


def cmd_status(name: str, root: Path, out: TextIO, err: TextIO,
               now: Callable[[], datetime] = lambda: datetime.now(UTC), *, t: Translate) -> int:
    """The live seat table; the owner's view also clears stale seats, anyone in the group may look."""
    try:
        info = describe_room(root, name)
        if info.owner_uid == os.geteuid():
            seats = FacilitatorLink(root, name, now).seats()
        else:
            seats = SeatReader(info.path, info.owner_uid).read(now())
    except RoomError as exc:
        return _fail(exc, err, t)
    except OSError as exc:  # the room promises RoomError; still never a traceback
        return _fail(RoomError(describe_os_error(exc)), err, t)
    moment = now()
    participants = sum(1 for s in seats if not s.facilitator)
    print(t("cli.room.status_head", name=name, path=info.path, group=info.group, owner=info.leader),
          file=out)
    for line in format_seats(seats, moment, t):
        print(line, file=out)
    print(t("cli.room.status_foot", participants=counted(t, "participant", participants),
            seconds=int(STALE_AFTER.total_seconds())), file=out)
    return EXIT_OK


def sshd_block(group: str = PARTICIPANT_GROUP, facilitators: str = FACILITATOR_GROUP,
               tbp: str = TBP_PATH) -> str:
    """The one sshd_config block the guide gives (docs/workshop-room.md has it verbatim; a test
    checks): participants get only tbp, facilitators (also in ``group``) are not caught, and
    one block serves every room."""
    return "\n".join([
        f"Match Group {group},!{facilitators}",
        f"    ForceCommand {tbp} {FROM_SSH}",
        "    DisableForwarding yes",
        "    PermitTTY yes",
        "    PermitUserRC no",
        "    ClientAliveInterval 15",
        "    ClientAliveCountMax 3",
    ]) + "\n"


def cmd_accounts(count: str | None, prefix: str, group: str, shell: str, out: TextIO,
                 err: TextIO, *, t: Translate, facilitator: str = "kursleder",
                 root: Path = DEFAULT_ROOT) -> int:
    """Print (never run) everything IT runs as root: groups, the facilitator's and COUNT
    participants' accounts, the room root, tbp on PATH and the sshd block."""
    try:
        number = int(count) if count is not None else -1
    except ValueError:
        number = -1
    if not 1 <= number <= MAX_ACCOUNTS:
        print(f"tbp room accounts: {t('cli.room.bad_count', max=MAX_ACCOUNTS, count=count)}",
              file=err)
        return EXIT_USAGE
    width = max(2, len(str(number)))
    if not _UNIX_NAME.fullmatch(prefix) or len(prefix) + width > 32:
        print(f"tbp room accounts: {t('cli.room.bad_prefix', prefix=prefix, max=32 - width)}",
              file=err)
        return EXIT_USAGE
    if not _UNIX_NAME.fullmatch(group) or len(group) > 32:
        print(f"tbp room accounts: {t('cli.room.bad_group', group=group)}", file=err)
        return EXIT_USAGE
    if not _UNIX_NAME.fullmatch(facilitator) or len(facilitator) > 32:
        print(f"tbp room accounts: {t('cli.room.bad_facilitator', name=facilitator)}", file=err)
        return EXIT_USAGE
    if not _SHELL.fullmatch(shell):
        print(f"tbp room accounts: {t('cli.room.bad_shell', shell=shell)}", file=err)
        return EXIT_USAGE
    if not _SHELL.fullmatch(str(root)):
        print(f"tbp room accounts: {t('cli.room.bad_root', root=root)}", file=err)
        return EXIT_USAGE
    names = [f"{prefix}{i:0{width}d}" for i in range(1, number + 1)]
    q = shlex.quote
    leaders = FACILITATOR_GROUP

    def comment(line: int, **values: object) -> None:
        print(f"# {t(f'cli.room.accounts.{line}', **values)}", file=out)

    comment(1, accounts=counted(t, "account", number), group=group)
    comment(2)
    print(f"groupadd -f {q(group)}", file=out)
    print(f"groupadd -f {q(leaders)}", file=out)
    comment(8, facilitator=facilitator, leaders=leaders)
    print(f"useradd --create-home --groups {q(leaders)},{q(group)} --shell {q(shell)} "
          f"{q(facilitator)}", file=out)
    for user in names:
        print(f"useradd --create-home --groups {q(group)} --shell {q(shell)} {q(user)}", file=out)
    comment(9, leaders=leaders)
    print(f"install -d -o root -g {q(leaders)} -m 1775 {q(str(root))}", file=out)
    comment(10)
    print(f"ln -sf /opt/tbp-tui/bin/tbp {TBP_PATH}", file=out)
    comment(3, first=names[0])
    comment(4, first=names[0])
    comment(5, group=q(group), facilitator=facilitator)
    comment(6, group=q(group))
    print("cat >> /etc/ssh/sshd_config <<'EOF'", file=out)
    print(sshd_block(group, leaders), end="", file=out)
    print("EOF", file=out)
    print("sshd -t && systemctl reload ssh", file=out)
    comment(7)
    return EXIT_OK


def room_from_ssh(environ: Mapping[str, str], root: Path) -> str | None:
    """The room for ``--room-from-ssh``: the word the participant typed after the host
    (``ssh -t deltaker01@host mandag``; sshd passes it as SSH_ORIGINAL_COMMAND), else the only
    room open in the room root, else None (tbp starts without a room)."""
    asked = environ.get("SSH_ORIGINAL_COMMAND", "").strip()
    if asked:
        return asked if valid_room_name(asked) else None
    try:
        rooms = open_rooms(root)
    except RoomError:
        return None
    return rooms[0] if len(rooms) == 1 else None


def cmd_room(args: RoomArgs, out: TextIO, err: TextIO,
             environ: Mapping[str, str] = os.environ, *, t: Translate) -> int:
    """Dispatch one ``tbp room`` action; never lets a traceback reach the user."""
    if args.action == "accounts":
        return cmd_accounts(args.count, args.prefix, args.group or PARTICIPANT_GROUP, args.shell, out,
                            err, t=t, facilitator=args.facilitator, root=_root(args.root, environ))
    name = args.name or ""
    try:
        check_room_name(name)
    except RoomError as exc:
        return _fail(exc, err, t)
    root = _root(args.root, environ)
    if args.action == "open":
        default = args.root is None and not environ.get(ENV_ROOM_ROOT)
        return cmd_open(name, root, args.group, out, err, t=t, default_root=default)
    if args.action == "close":
        return cmd_close(name, root, out, err, t=t)
    if args.action == "status":
        return cmd_status(name, root, out, err, t=t)
    print(f"tbp room: {t('cli.room.unknown_action', action=args.action)}", file=err)
    return EXIT_USAGE

