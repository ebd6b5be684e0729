"""`tbp serve`: check the options, say plainly what the server is and is not, then run it.

Importable without the `web` extra: textual-serve and aiohttp are imported only in `run`, and
their absence is a message with the install command (exit 2), never a traceback.
"""

from __future__ import annotations

import ipaddress
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from tbp_tui.i18n import Catalog

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
LOOPBACK_NAMES = ("localhost",)


@dataclass(frozen=True)
class ServeArgs:
    host: str
    port: int
    max_sessions: int
    idle_minutes: float
    public_url: str | None
    course_dir: Path
    room: str | None = None
    room_root: Path | None = None


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def problem(args: ServeArgs, t: Catalog) -> str | None:
    """What is wrong with the options, in words, or None."""
    if not 1 <= args.port <= 65535:
        return t("serve.bad_port", port=args.port)
    if not 1 <= args.max_sessions <= 500:
        return t("serve.bad_max", n=args.max_sessions)
    if not 0 < args.idle_minutes <= 24 * 60:
        return t("serve.bad_idle", n=args.idle_minutes)
    url = args.public_url
    if url is not None and (not url.startswith(("http://", "https://")) or any(c in url for c in " \"'<>")):
        return t("serve.bad_url", url=url)
    if args.room is not None:
        from tbp_tui.room import valid_room_name

        if not valid_room_name(args.room):
            return t("cli.bad_room", name=repr(args.room))
        return _leader_problem(args.room_root, t)
    return None


def _leader_problem(room_root: Path | None, t: Catalog) -> str | None:
    """Every tab runs as the server's account: if that account may lead rooms here, so would
    anyone with a browser, over the room's files."""
    import os

    from tbp_tui.room import RoomError, default_room_root
    from tbp_tui.room.trust import may_open_rooms, root_fd, user_name

    root = room_root or default_room_root(os.environ)
    try:
        with root_fd(root, joining=True) as (_, st):
            leads = may_open_rooms(st)
    except RoomError:
        return None  # each tab says what is wrong with the root, as an SSH participant's app does
    return t("serve.room_leader", user=user_name(os.geteuid()), root=root) if leads else None


def engine_missing() -> bool:
    try:
        import aiohttp  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError:
        return True
    return False


def run(args: ServeArgs, t: Catalog, course_ok: Callable[[], bool], err: TextIO | None = None) -> int:
    """`course_ok` loads the course once and reports its problems (each tab would fail the same way)."""
    err = err or sys.stderr
    if engine_missing():
        print(f"tbp serve: {t('serve.missing')}", file=err)
        return EXIT_USAGE
    wrong = problem(args, t)
    if wrong is not None:
        print(f"tbp serve: {wrong}", file=err)
        return EXIT_USAGE
    if not course_ok():
        return EXIT_INVALID
    from tbp_tui.web.server import Limits, TbpServer, tab_command

    if is_loopback(args.host):
        print(t("serve.loopback"), file=err)
    else:
        print(t("serve.exposed", host=args.host), file=err)
    print(t("serve.guest"), file=err)
    print(t("serve.limits", n=args.max_sessions, minutes=f"{args.idle_minutes:g}"), file=err)
    limits = Limits(max_sessions=args.max_sessions, idle_seconds=args.idle_minutes * 60)
    if args.room is not None:
        print(t("serve.room", name=args.room), file=err)
    command = tab_command(t.lang, args.course_dir.resolve(), args.room,
                          args.room_root.resolve() if args.room_root else None)
    server = TbpServer(command, host=args.host, port=args.port,
                       public_url=args.public_url, limits=limits, t=t)
    try:
        server.serve()
    except OSError as error:  # the port is taken, the address is not this machine's …
        words = t("serve.cannot_listen", host=args.host, port=args.port, reason=error.strerror or error)
        print(f"tbp serve: {words}", file=err)
        return EXIT_USAGE
    return EXIT_OK
