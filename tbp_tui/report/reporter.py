"""Reporting while the app runs: queue on every save, send in a background thread.

The front-ends know nothing of this: cli.py starts a :class:`Reporter` beside the store and
the store calls :meth:`Reporter.progress_saved` after each successful save. The UI never waits
on the network: deriving statements is pure and fast, everything else happens on the reporter's
own daemon thread, and :meth:`stop` gives a final flush at most ``stop_timeout`` seconds so a
hang-up still ends the process promptly.
"""

from __future__ import annotations

import os
import pwd
import queue
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tbp_tui.course.model import Course
from tbp_tui.progress.model import Progress
from tbp_tui.progress.paths import profile_dir
from tbp_tui.progress.store import ProgressStore

from .config import ConfigProblem, ReportConfig, read_secret
from .derive import Entry, Reporting
from .lrs import LrsClient, SendError
from .outbox import Outbox
from .spool import drop
from .statements import Actor

__all__ = ["Reporter", "flush_outbox", "local_account", "reporting_for", "start_reporting"]

POLL_SECONDS = 60.0
MARK_EVERY = 2000


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_account() -> str:
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return f"uid{os.getuid()}"


def _actor_key(config: ReportConfig) -> bytes | None:
    """The organisation's HMAC key, where this process may read it (never in spool mode)."""
    if config.actor_key_file is None or config.spool is not None:
        return None
    return read_secret(config.actor_key_file)


def reporting_for(config: ReportConfig, course: Course, profile: str, language: str) -> Reporting:
    actor = Actor.for_account(config.home_page, local_account(), profile, _actor_key(config))
    return Reporting(course, actor, config.activity_base, language)


def flush_outbox(outbox: Outbox, config: ReportConfig, profile: str,
                 send: Callable[[list[dict[str, object]]], None] | None = None) -> tuple[int, str | None]:
    """Send what waits, batch by batch: (how many went, the error that stopped it, if any)."""
    if send is None:
        if config.spool is not None:
            spool = config.spool

            def send(records: list[dict[str, object]]) -> None:
                drop(spool, profile, records)
        else:
            password = read_secret(config.password_file) if config.password_file else None
            client = LrsClient(config, password)

            def send(records: list[dict[str, object]]) -> None:
                client.send([r["statement"] for r in records])  # type: ignore[misc]
    sent = 0
    while True:
        # A slice of the outbox is read once and marked sent every MARK_EVERY statements, not
        # after each batch: rewriting a long outbox per batch made a big flush quadratic. A
        # crash in between only sends a few batches twice, which the LRS recognises by id.
        work = outbox.batch(MARK_EVERY)
        if not work:
            return sent, None
        for start in range(0, len(work), config.batch):
            batch = work[start:start + config.batch]
            try:
                send(batch)
            except (SendError, OSError, ConfigProblem) as exc:
                outbox.mark_sent(work[:start])
                reason = exc.reason if isinstance(exc, SendError) else str(exc)
                outbox.mark_failed(reason)
                return sent + start, reason
        outbox.mark_sent(work)
        sent += len(work)


class Reporter:
    """One app run's reporting: ``initialized`` at start, ``terminated`` at stop, saves between."""

    def __init__(self, config: ReportConfig, reporting: Reporting, folder: Path, profile: str,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.config = config
        self.reporting = reporting
        self.outbox = Outbox(folder)
        self.profile = profile
        self._clock = clock
        self._started = clock()
        self.session_id = str(uuid.uuid4())
        self._queue: queue.SimpleQueue[list[Entry] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="tbp-report", daemon=True)
        self.last_error: str | None = None

    def start(self) -> None:
        self._queue.put([self.reporting.session("initialized", self.session_id, _now_iso())])
        self._thread.start()

    def progress_saved(self, progress: Progress) -> None:
        """Called by the store after a save, on whatever thread saved: derive, hand over."""
        self._queue.put(list(self.reporting.from_progress(progress, _now_iso())))

    def stop(self, timeout: float = 2.0) -> None:
        seconds = self._clock() - self._started
        self._queue.put([self.reporting.session("terminated", self.session_id, _now_iso(), seconds)])
        self._queue.put(None)
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        stopping = False
        while not stopping:
            try:
                item = self._queue.get(timeout=POLL_SECONDS)
            except queue.Empty:
                item = []
            items = [item]
            while True:  # take everything already queued, so a burst of saves is one write
                try:
                    items.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            entries = [e for it in items if it for e in it]
            stopping = any(it is None for it in items)
            try:
                self.outbox.add(entries)
                if stopping or self.outbox.due():
                    _, self.last_error = flush_outbox(self.outbox, self.config, self.profile)
            except (OSError, TimeoutError, ConfigProblem) as exc:
                self.last_error = str(exc)


def start_reporting(config: ReportConfig, course: Course, store: ProgressStore, language: str) -> Reporter:
    """A started reporter listening to ``store``'s saves (cli.py stops it when the app ends)."""
    reporting = reporting_for(config, course, store.profile, language)
    reporter = Reporter(config, reporting, profile_dir(store.data_dir, store.profile), store.profile)
    store.saved_listeners.append(reporter.progress_saved)
    reporter.start()
    return reporter
