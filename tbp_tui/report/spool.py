"""The spool of a shared workshop machine: participants drop, a service account sends.

Participants must never hold the LRS credential (they could post statements as anyone), so on
a shared machine a learner's tbp only drops its statements into the spool folder. The folder is
owned by the service account's group, mode ``3733`` (setgid, sticky, ``rwx-wx-wx``): anyone may
create a file there, nobody but the owner may list it, files inherit the service group and are
created ``0640``, so no participant can read or remove another's. ``tbp report flush --spool``,
run as the service account, reads them, takes the actor from the file's owner (the operating
system's word, not the file's), rebuilds each statement's id from that actor, sends and removes.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .statements import VERBS, Actor, NotAllowed, Statement, check_allowed, statement_id

__all__ = ["SpoolFile", "collect", "drop"]

MAX_SPOOL_FILE = 256 * 1024
MAX_FILES_PER_FLUSH = 10_000
MAX_PART = 200
TEMP_PREFIX = ".tmp-"


def drop(spool: Path, profile: str, records: list[dict[str, Any]]) -> None:
    """Write one spool file with ``records``; the name is random, the file 0640, never a link.

    The folder cannot be read by the writer, so it cannot be fsynced; the file itself is.
    """
    body = json.dumps({"version": 1, "profile": profile, "records": records},
                      ensure_ascii=False, separators=(",", ":")).encode()
    name = os.urandom(16).hex()
    temp = spool / f"{TEMP_PREFIX}{name}"
    fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_CLOEXEC | os.O_NOFOLLOW, 0o640)
    try:
        try:
            os.fchmod(fd, 0o640)
            view = memoryview(body)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.rename(temp, spool / f"{name}.json")
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


@dataclass
class SpoolFile:
    path: Path
    account: str
    statements: list[Statement]
    problem: str | None = None


def _account(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid{uid}"


def _rebuild(record: Any, actor: Actor) -> Statement:
    if not isinstance(record, dict):
        raise NotAllowed("record")
    event, statement = record.get("event"), record.get("statement")
    if (not isinstance(event, list) or not event or event[0] not in VERBS
            or not all(isinstance(p, str) and 0 < len(p) <= MAX_PART for p in event)
            or not isinstance(statement, dict)):
        raise NotAllowed("event")
    statement = dict(statement)
    statement["actor"] = actor.as_xapi()
    statement["id"] = statement_id(actor, *event)
    check_allowed(statement)
    return statement


def collect(spool: Path, home_page: str, key: bytes | None) -> Iterator[SpoolFile]:
    """The spool's files, oldest first, each read safely (regular, one link, bounded size)."""
    entries: list[tuple[float, Path]] = []
    with os.scandir(spool) as found:
        for entry in found:
            if len(entries) >= MAX_FILES_PER_FLUSH:
                break
            if entry.name.startswith(".") or not entry.name.endswith(".json"):
                continue
            try:
                entries.append((entry.stat(follow_symlinks=False).st_mtime, Path(entry.path)))
            except OSError:
                continue
    for _, path in sorted(entries):
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as exc:
            yield SpoolFile(path, "?", [], f"cannot be opened: {exc.strerror}")
            continue
        try:
            st = os.fstat(fd)
            account = _account(st.st_uid)
            if not stat.S_ISREG(st.st_mode) or st.st_nlink != 1 or st.st_size > MAX_SPOOL_FILE:
                yield SpoolFile(path, account, [], "not a single-link regular file of at most 256 KiB")
                continue
            raw = os.read(fd, MAX_SPOOL_FILE + 1)
        finally:
            os.close(fd)
        try:
            body = json.loads(raw)
            profile = body["profile"]
            if not isinstance(profile, str) or not 0 < len(profile) <= MAX_PART:
                raise NotAllowed("profile")
            actor = Actor.for_account(home_page, account, profile, key)
            statements = [_rebuild(r, actor) for r in body["records"]]
        except (ValueError, KeyError, TypeError, RecursionError, NotAllowed) as exc:
            yield SpoolFile(path, account, [], f"not a tbp spool file ({type(exc).__name__})")
            continue
        yield SpoolFile(path, account, statements)
