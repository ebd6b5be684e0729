"""The outbox: statements waiting to be sent, and the events already sent.

One JSON file per profile (``report-outbox.json``, 0600, written through the store's atomic
writer), guarded by a flock of its own so two sessions of one profile never lose each other's
statements. The network is never touched while the lock is held: a batch is taken, sent without
the lock, then marked sent. Sending the same batch twice is harmless, because statement ids are
deterministic and the LRS recognises them.

Bounds: at most :data:`MAX_PENDING` statements wait; past that the oldest session statements
(initialized/terminated) go first, then the oldest of any kind, and the count of dropped ones is
kept so Dine data can say so.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tbp_tui.files import FileRefused, read_regular
from tbp_tui.files.atomic import atomic_write, ensure_private_dir

from .derive import Entry

__all__ = ["MAX_PENDING", "Outbox", "OutboxState"]

FILE_NAME = "report-outbox.json"
LOCK_NAME = "report-outbox.lock"
MAX_PENDING = 20_000
MAX_FILE_BYTES = 64 * 1024 * 1024
SESSION_VERBS = frozenset({"initialized", "terminated"})
LOCK_TIMEOUT = 5.0


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class OutboxState:
    pending: list[dict[str, Any]] = field(default_factory=list)
    done: dict[str, str] = field(default_factory=dict)
    sent_count: int = 0
    dropped: int = 0
    failures: int = 0
    next_try: str | None = None
    last_error: str | None = None
    last_sent: str | None = None

    def to_json(self) -> bytes:
        return json.dumps({"version": 1, **self.__dict__}, ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, data: bytes) -> OutboxState:
        raw = json.loads(data)
        if not isinstance(raw, dict) or raw.get("version") != 1:
            raise ValueError("not an outbox of version 1")
        state = cls()
        pending = raw.get("pending", [])
        done = raw.get("done", {})
        if not isinstance(pending, list) or not isinstance(done, dict):
            raise ValueError("pending or done has the wrong type")
        state.pending = [p for p in pending if isinstance(p, dict) and isinstance(p.get("event"), list)
                         and isinstance(p.get("statement"), dict)]
        state.done = {str(k): str(v) for k, v in done.items()}
        for name in ("sent_count", "dropped", "failures"):
            value = raw.get(name, 0)
            setattr(state, name, value if isinstance(value, int) and value >= 0 else 0)
        for name in ("next_try", "last_error", "last_sent"):
            value = raw.get(name)
            setattr(state, name, value if isinstance(value, str) else None)
        return state


def key_of(record: dict[str, Any]) -> str:
    return "\x1f".join(str(p) for p in record["event"])


class Outbox:
    """The outbox of one profile folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.file = folder / FILE_NAME
        self.lock_file = folder / LOCK_NAME

    # ------------------------------------------------------------------ files

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        ensure_private_dir(self.folder)
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        try:
            os.fchmod(fd, 0o600)
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise TimeoutError(str(self.lock_file)) from None
                    time.sleep(0.005)
            yield
        finally:
            os.close(fd)

    def read(self) -> OutboxState:
        """The state on disk; a damaged file is set aside (its statements are derived again
        from the progress; only session statements are lost)."""
        try:
            return OutboxState.from_json(read_regular(self.file, MAX_FILE_BYTES, follow=False))
        except FileNotFoundError:
            return OutboxState()
        except (FileRefused, ValueError, RecursionError):  # a link, a FIFO, too large, not JSON
            os.replace(self.file, self.file.with_name(f"{FILE_NAME}.corrupt-{_now():%Y%m%dT%H%M%SZ}"))
            return OutboxState()

    def _write(self, state: OutboxState) -> None:
        atomic_write(self.file, state.to_json())

    # ------------------------------------------------------------------ operations

    def add(self, entries: Iterable[Entry]) -> int:
        """Queue the entries whose event is neither waiting nor sent; how many were new."""
        entries = list(entries)
        if not entries:
            return 0
        with self._locked():
            state = self.read()
            waiting = {key_of(p) for p in state.pending}
            new = [e for e in entries if e.key not in waiting and e.key not in state.done]
            if not new:
                return 0
            state.pending += [{"event": list(e.event), "statement": e.statement} for e in new]
            self._bound(state)
            self._write(state)
            return len(new)

    @staticmethod
    def _bound(state: OutboxState) -> None:
        over = len(state.pending) - MAX_PENDING
        if over <= 0:
            return
        drop: set[int] = set()
        for index, record in enumerate(state.pending):
            if len(drop) >= over:
                break
            if record["event"][0] in SESSION_VERBS:
                drop.add(index)
        index = 0
        while len(drop) < over:
            drop.add(index)
            index += 1
        state.pending = [r for i, r in enumerate(state.pending) if i not in drop]
        state.dropped += len(drop)

    def due(self, now: datetime | None = None) -> bool:
        state = self.read()
        if not state.pending:
            return False
        if state.next_try is None:
            return True
        return (now or _now()) >= datetime.strptime(state.next_try, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)

    def batch(self, size: int) -> list[dict[str, Any]]:
        return self.read().pending[:size]

    def mark_sent(self, records: list[dict[str, Any]]) -> None:
        if not records:
            return
        keys = {key_of(r) for r in records}
        stamp = _iso(_now())
        with self._locked():
            state = self.read()
            before = len(state.pending)
            state.pending = [p for p in state.pending if key_of(p) not in keys]
            for record in records:
                if record["event"][0] not in SESSION_VERBS:  # never derived again: no need to remember
                    state.done[key_of(record)] = stamp
            state.sent_count += before - len(state.pending)
            state.failures = 0
            state.next_try = None
            state.last_error = None
            state.last_sent = stamp
            self._write(state)

    def mark_failed(self, reason: str, now: datetime | None = None) -> datetime:
        """Back off: 30 s, 1, 2, 4 … minutes, at most an hour; returns the next try."""
        with self._locked():
            state = self.read()
            state.failures += 1
            wait = min(30 * 2 ** min(state.failures - 1, 10), 3600)
            moment = (now or _now()) + timedelta(seconds=wait)
            state.next_try = _iso(moment)
            state.last_error = reason[:300]
            self._write(state)
            return moment
