"""ProgressStore: the one writer of a learner's progress.

Two instances of one profile: merge on save, not refusal
--------------------------------------------------------
On workshop machines one learner may have two SSH sessions open, or reconnect after a dropped
connection while the old process still lives for minutes. A lock held for the whole session
would then refuse the learner at the worst moment, so the store does *not* hold a lock while
it runs. Instead every change is recorded twice: applied to the in-memory state at once, and
appended to a log of pending operations. :meth:`ProgressStore.save`

1. takes an exclusive ``fcntl.flock`` on ``progress.lock`` (polling, short timeout),
2. re-reads ``progress.toml`` from disk (another instance may have saved meanwhile),
3. replays the pending operations on top of what is on disk,
4. writes the result atomically (temp file, fsync, ``os.replace``, fsync folder),
5. adopts the merged state in memory, clears the log and unlocks.

So changes to different things by two processes are all kept (steps seen are a set union,
time adds up, quiz attempts accumulate); only for the very same field (the same reflection,
the current position, a setting) does the last writer win. The lock is held only for the few
milliseconds of a save, so a frozen or half-dead process cannot block anyone for long.

Failures never crash the app: a damaged file is moved aside to
``progress.toml.corrupt-<UTC time>`` and the learner starts afresh with a plain notice; a
data dir that cannot be written (read-only, missing and uncreatable, disk full) turns saving
off with a notice and the app keeps working in memory; a save that fails later (disk full,
remounted read-only) is retried at the next save instead. Only a data dir that other users could
write to is refused outright (:class:`UnsafeDataDir`), because using it would leak answers.
"""

from __future__ import annotations

import errno
import fcntl
import math
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from tbp_tui.files import FileRefused, read_regular
from tbp_tui.files.atomic import TEMP_MARKER, atomic_write, ensure_private_dir
from tbp_tui.record import Record

from . import paths
from .messages import DirProblem, FileDamage, NameProblem, Notice, NoticeCode, OsReason, os_reason
from .model import (
    APPROACHES,
    LANGUAGES,
    Position,
    Progress,
    QuizAttempt,
    Reflection,
    SchemaError,
    Serializer,
    iso_utc,
    utc_now,
)
from .sealed import ProfileLocked, Seal, SealedSerializer, header_of
from .sealed import loads as unseal_loads

__all__ = [
    "GUEST_NOTICE",
    "InvalidProfileName",
    "LockTimeout",
    "Notice",
    "ProfileLocked",
    "ProgressStore",
    "UnsafeDataDir",
    "forget_profile",
    "protection",
    "read_progress",
]

GUEST_NOTICE = Notice("guest")
CORRUPT_MARKER = ".corrupt-"

Operation = Callable[[Progress], None]


class UnsafeDataDir(Exception):
    """The data dir could be written by other users; ``problem`` says which folder and why.

    ``code`` and ``params`` (the folder) are the problem's, so a caller words it with its own
    translator: ``exc.problem.words(t)``.
    """

    def __init__(self, problem: DirProblem) -> None:
        super().__init__(problem.code, dict(problem.params))
        self.problem = problem
        self.code = problem.code
        self.params = dict(problem.params)


class InvalidProfileName(ValueError):
    """The profile name is not allowed; ``problem`` says why, worded by the caller's catalog."""

    def __init__(self, problem: NameProblem) -> None:
        super().__init__(problem.code, dict(problem.params))
        self.problem = problem
        self.code = problem.code
        self.params = dict(problem.params)


class LockTimeout(Exception):
    """Another process held the lock for longer than the timeout."""


def _not_saving_notice(where: Path, exc: OSError) -> Notice:
    """Saving is off from here on: which folder, and why (as a code the UI words)."""
    return Notice("not-saving", {"folder": str(where)}, os_reason(exc))


def _unreadable_notice(file: Path, exc: OSError) -> Notice:
    """The file is there but cannot be read: which file, and why."""
    return Notice("unreadable", {"file": str(file)}, os_reason(exc))


def _check_profile(profile: str) -> None:
    problem = paths.validate_profile_name(profile)
    if problem is not None:
        raise InvalidProfileName(problem)


def _check_profile_dir(folder: Path) -> None:
    """Raise UnsafeDataDir when others could write the folder or it is a symlink (never followed)."""
    problem = paths.check_data_dir_safe(folder)
    if problem is None and folder.is_symlink():
        problem = DirProblem("link", {"folder": str(folder)})
    if problem is not None:
        raise UnsafeDataDir(problem)


def _not_regular_notice(file: Path) -> Notice:
    """The progress file is a link, FIFO, device or socket: refused, never read or replaced."""
    return Notice("not-regular", {"file": str(file)})


def _private(path: Path) -> None:
    """chmod 0600 the entry at ``path`` itself; a symlink there is left alone, never followed."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return  # a link (ELOOP) or gone: nothing of ours to make private
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


@contextmanager
def _locked(lock_path: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive flock on ``lock_path``; raises LockTimeout or OSError.

    After locking, the file on disk must still be the one we locked (``forget`` may have
    removed it meanwhile); otherwise we retry, so two processes never lock different inodes.
    """
    deadline = time.monotonic() + timeout
    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeout(str(lock_path)) from None
                    time.sleep(0.002)
            st = os.fstat(fd)
            try:
                same = os.stat(lock_path).st_ino == st.st_ino
            except FileNotFoundError:
                same = False
            if same:
                if st.st_mode & 0o777 != 0o600:
                    os.fchmod(fd, 0o600)
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield
    finally:
        os.close(fd)  # closing releases the flock


def _corrupt_name(file: Path, moment: datetime) -> Path:
    stamp = moment.strftime("%Y%m%dT%H%M%SZ")
    candidate = file.with_name(f"{file.name}{CORRUPT_MARKER}{stamp}")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = file.with_name(f"{file.name}{CORRUPT_MARKER}{stamp}-{counter}")
    return candidate


class _DiskState(Record):
    """What was found on disk: a state, nothing, or a damaged file (with its bytes)."""

    progress: Progress | None = None
    damaged: FileDamage | None = None
    raw: bytes | None = None
    sealed: bool = False


_TOO_LARGE = b""  # stands for a file over the size limit: damaged, set aside unread


def _read_bytes(file: Path) -> bytes | None:
    """The file's bytes, or None if it does not exist; other OSErrors propagate.

    Only a regular file is read, never through a symlink and never blocking (FileRefused
    ``link`` / ``special``); one over the size limit gives ``_TOO_LARGE``.
    """
    try:
        return read_regular(file, follow=False)
    except FileNotFoundError:
        return None
    except FileRefused as exc:
        if exc.code == "too-large":
            return _TOO_LARGE
        raise


def _parse(data: bytes | None, seal: Seal | None) -> _DiskState:
    """Raises ProfileLocked for a protected file that ``seal`` does not open (never damage)."""
    if data is None:
        return _DiskState()
    if data is _TOO_LARGE:
        return _DiskState(damaged=FileDamage("too-large"), raw=data)
    try:
        progress, sealed = unseal_loads(data, seal)
    except SchemaError as exc:
        return _DiskState(damaged=exc.damage, raw=data)
    return _DiskState(progress=progress, raw=data, sealed=sealed)


def _read(file: Path, seal: Seal | None) -> _DiskState:
    """Read and parse the progress file; OSError other than 'missing' propagates."""
    return _parse(_read_bytes(file), seal)


def protection(data_dir: Path | None, profile: str) -> dict[str, Any] | None:
    """The ``[seal]`` table of a protected profile (for ``sealed.unlock``), None when unprotected.

    A missing, unreadable or damaged file counts as unprotected: there is nothing sealed to open.
    Raises UnsafeDataDir / InvalidProfileName like :meth:`ProgressStore.open`.
    """
    _check_profile(profile)
    data_dir = paths.default_data_dir() if data_dir is None else Path(data_dir)
    _check_profile_dir(paths.profile_dir(data_dir, profile))
    try:
        return header_of(_read_bytes(paths.progress_file(data_dir, profile)))
    except OSError:
        return None


def read_progress(
    data_dir: Path | None, profile: str, seal: Seal | None = None
) -> tuple[Progress, list[Notice]]:
    """Load a profile without writing anything (for ``tbp progress`` and ``tbp export``).

    Raises UnsafeDataDir / InvalidProfileName like :meth:`ProgressStore.open`, and
    ProfileLocked for a protected profile without its ``seal``. A damaged file is reported in
    the notices but left where it is (the app moves it aside when it starts).
    """
    _check_profile(profile)
    data_dir = paths.default_data_dir() if data_dir is None else Path(data_dir)
    _check_profile_dir(paths.profile_dir(data_dir, profile))
    file = paths.progress_file(data_dir, profile)
    try:
        found = _read(file, seal)
    except FileRefused:
        return Progress(), [_not_regular_notice(file)]
    except OSError as exc:
        return Progress(), [_unreadable_notice(file, exc)]
    if found.damaged is not None:
        return Progress(), [Notice("damaged", {"file": str(file)}, found.damaged)]
    return (found.progress or Progress()), []


def forget_profile(data_dir: Path | None, profile: str, seal: Seal | None = None) -> bool:
    """Delete a profile's folder (progress, lock, set-aside files); True if there was one.

    Takes the profile lock first so a concurrent save is not cut in half. A protected profile
    is deleted only with its own ``seal`` (ProfileLocked otherwise), checked under the lock.
    """
    _check_profile(profile)
    data_dir = paths.default_data_dir() if data_dir is None else Path(data_dir)
    folder = paths.profile_dir(data_dir, profile)
    _check_profile_dir(folder)
    if not folder.is_dir():
        return False
    with _locked(paths.lock_file(data_dir, profile), timeout=5.0):
        header = protection(data_dir, profile)
        if header is not None and (seal is None or not seal.same_profile(header)):
            raise ProfileLocked
        for entry in os.scandir(folder):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
    os.rmdir(folder)
    return True


Seen = dict[tuple[str, str], tuple[str, str]]


def _reflections_of(progress: Progress) -> Seen:
    """(module, step) -> (text, written_at) of every reflection: what a session has seen on disk."""
    return {(m, s): (r.text, r.written_at)
            for m, module in progress.modules.items() for s, r in module.reflections.items()}


class _SetReflection(Record):
    """A reflection written in this session, with the version of it this session had seen.

    When a save finds that another session changed the same answer since (``known`` differs from
    what is on disk), the newer answer stays and this one is kept beside it, never silently lost.
    """

    module: str
    step: str
    text: str
    written_at: str
    known: tuple[str, str] | None

    def __call__(self, p: Progress) -> None:
        reflections = p.module(self.module).reflections
        old = reflections.get(self.step)
        reflections[self.step] = Reflection(self.text, self.written_at, old.extra if old else {})

    def conflicts(self, p: Progress) -> bool:
        """Whether the answer in ``p`` (on disk) is one this session never saw and differs."""
        module = p.modules.get(self.module)
        old = module.reflections.get(self.step) if module else None
        return (old is not None and (old.text, old.written_at) != self.known
                and old.text != self.text)

    def keep_beside(self, p: Progress) -> None:
        """Keep this session's text next to the newer answer (written back, shown in no view)."""
        old = p.module(self.module).reflections[self.step]
        old.extra["other_session_text"] = self.text
        old.extra["other_session_written_at"] = self.written_at


class ProgressStore:
    """Holds one profile's progress in memory and is the only code that writes it.

    Read state through ``store.progress`` each time: a save that merged another session's
    changes replaces the object, so references to its parts kept across a save go stale.
    """

    #: Seconds to wait for another process's save before giving up on this save.
    lock_timeout: float = 2.0

    def __init__(
        self,
        data_dir: Path,
        profile: str,
        *,
        guest: bool,
        clock: Callable[[], datetime],
        seal: Seal | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.profile = profile
        self.guest = guest
        self.progress = Progress()
        #: What the learner should be told, as codes: ``notice.words(t)`` in their language.
        self.notices: list[Notice] = []
        self.saving = not guest
        self._clock = clock
        self._pending: list[Operation] = []
        self._paths = paths.profile_paths(data_dir, profile)
        self._busy_notice_given = False
        self._save_failed = False  # the last save hit a full, read-only or vanished disk
        self._seal = seal
        self._serializer = Serializer() if seal is None else SealedSerializer(seal)
        # The bytes on disk that ``progress`` (minus pending operations) was built from.
        # If the file still holds exactly these bytes at save time, nobody else has written
        # and the (slow, pure-Python) TOML parse can be skipped.
        self._base: bytes | None = None
        #: Reflections as this session last saw them on disk (for _SetReflection.conflicts).
        self._seen: Seen = {}
        #: Called with the saved state after every successful save (completion reporting
        #: listens here, so neither front-end carries reporting code). Must not raise.
        self.saved_listeners: list[Callable[[Progress], None]] = []
        # Whether the file read at opening was already sealed (else a seal protects it now).
        self._sealed = False

    # ------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        data_dir: Path | None,
        profile: str,
        *,
        guest: bool = False,
        clock: Callable[[], datetime] = utc_now,
        seal: Seal | None = None,
    ) -> ProgressStore:
        """Open ``profile`` in ``data_dir`` (None = platform default).

        Raises InvalidProfileName for a bad name, UnsafeDataDir for a dir others can write
        to, and ProfileLocked for a protected profile without its ``seal`` (from
        ``sealed.unlock``). A ``seal`` on a profile not yet protected protects it: the file is
        written sealed at once. Everything else (damaged file, read-only or full disk) ends up
        in ``notices`` and, if needed, ``saving = False``.
        """
        _check_profile(profile)
        resolved = paths.default_data_dir() if data_dir is None else Path(data_dir)
        store = cls(resolved, profile, guest=guest, clock=clock, seal=None if guest else seal)
        if guest:
            store.notices.append(GUEST_NOTICE)
            return store
        _check_profile_dir(store.paths["profile_dir"])
        store._load()
        if seal is not None and store.saving and not store._sealed:
            store._do(lambda p: None)  # nothing changes but the file: write it sealed now
            store.save()
        return store

    @property
    def paths(self) -> dict[str, Path]:
        """Every path this store uses, by name (for ``tbp where``)."""
        return dict(self._paths)

    def _load(self) -> None:
        folder = self._paths["profile_dir"]
        file = self._paths["progress_file"]
        try:
            ensure_private_dir(folder)
        except OSError as exc:
            # Nothing can be written; still show what is there, if anything is readable.
            self._disable(_not_saving_notice(folder, exc))
            try:
                found = _read(file, self._seal)
            except OSError:  # FileRefused too: a link or special file is not read
                return
            if found.progress is not None:
                self.progress = found.progress
            elif found.damaged is not None:
                self.notices.append(Notice("damaged", {"file": str(file)}, found.damaged))
            return
        _check_profile_dir(folder)  # a race may have planted a folder or a link
        if not os.access(folder, os.W_OK | os.X_OK):
            # Catches chmod 0500 and read-only mounts up front; says which of the two it is.
            read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
            code = errno.EROFS if read_only else errno.EACCES
            self._disable(_not_saving_notice(folder, OSError(code, os.strerror(code))))
            self._load_unlocked(file)
            return
        try:
            with _locked(self._paths["lock_file"], self.lock_timeout):
                self._remove_stale_temp_files()
                found = _read(file, self._seal)
                if found.damaged is not None:
                    self._set_aside(file, found.damaged)
                elif found.progress is not None:
                    self.progress = found.progress
                    self._base = found.raw
                    self._seen = _reflections_of(found.progress)
                    self._sealed = found.sealed
        except LockTimeout:
            self._load_unlocked(file)
        except FileRefused:
            self._disable(_not_regular_notice(file))
        except OSError as exc:
            self._disable(_not_saving_notice(folder, exc))
            self._load_unlocked(file)

    def _load_unlocked(self, file: Path) -> None:
        """Best effort read when the lock cannot be had: atomic writes make it safe."""
        try:
            found = _read(file, self._seal)
        except FileRefused:
            self._disable(_not_regular_notice(file))
            return
        except OSError as exc:
            self._disable(_unreadable_notice(file, exc))
            return
        if found.progress is not None:
            self.progress = found.progress
            self._base = found.raw
            self._seen = _reflections_of(found.progress)
            self._sealed = found.sealed
        elif found.damaged is not None:
            self._disable(Notice("damaged-kept", {"file": str(file)}, found.damaged))

    def _remove_stale_temp_files(self) -> None:
        """Temp files only exist during a save under the lock; any found now are left-overs."""
        prefix = f".{paths.PROGRESS_FILE_NAME}{TEMP_MARKER}"
        for entry in os.scandir(self._paths["profile_dir"]):
            if entry.name.startswith(prefix) and entry.is_file(follow_symlinks=False):
                with suppress(OSError):
                    os.unlink(entry.path)

    def _set_aside(self, file: Path, reason: FileDamage, *, fresh: bool = True) -> None:
        """Move a damaged file out of the way (0600) and tell the learner where it went."""
        target = _corrupt_name(file, self._clock())
        os.rename(file, target)  # renames the entry itself, never a link's target
        _private(target)
        code: NoticeCode = "set-aside-fresh" if fresh else "set-aside-kept"
        self.notices.append(Notice(code, {"target": str(target)}, reason))

    def _disable(self, notice: Notice) -> None:
        self.saving = False
        self._pending.clear()
        self.notices.append(notice)

    # ------------------------------------------------------------ mutations

    def _do(self, operation: Operation) -> None:
        operation(self.progress)
        if self.saving:
            self._pending.append(operation)

    def _now(self) -> str:
        return iso_utc(self._clock())

    def set_position(self, module_id: str, step_id: str) -> None:
        """Remember where the learner is (last writer wins)."""

        def op(p: Progress) -> None:
            p.current = Position(module_id, step_id, p.current.extra if p.current else {})

        self._do(op)

    def mark_seen(self, module_id: str, step_id: str) -> None:
        """Add a step to the module's ordered set of seen steps."""

        def op(p: Progress) -> None:
            seen = p.module(module_id).seen
            if step_id not in seen:
                seen.append(step_id)

        self._do(op)

    def mark_skipped(self, module_id: str, step_id: str) -> None:
        """Add a step to the module's set of skipped steps (e.g. after a content note)."""

        def op(p: Progress) -> None:
            skipped = p.module(module_id).skipped
            if step_id not in skipped:
                skipped.append(step_id)

        self._do(op)

    def set_reflection(self, module_id: str, step_id: str, text: str) -> None:
        """Store a reflection answer with the time written (last writer wins per step).

        Lone surrogates (not encodable as UTF-8) are replaced so a save can never fail on them.
        """
        clean = text.encode("utf-8", "replace").decode("utf-8")
        known = self._seen.get((module_id, step_id))
        self._do(_SetReflection(module=module_id, step=step_id, text=clean, written_at=self._now(),
                                known=known))

    def record_quiz(self, module_id: str, step_id: str, chosen: list[int], correct: bool) -> None:
        """Append a quiz attempt (attempts from all sessions are kept)."""
        picked = [int(c) for c in chosen]
        if any(c < 1 for c in picked):
            raise ValueError("quiz options are 1-based")
        attempt_at = self._now()

        def op(p: Progress) -> None:
            attempts = p.module(module_id).quiz.setdefault(step_id, [])
            attempts.append(QuizAttempt(list(picked), bool(correct), attempt_at))

        self._do(op)

    def add_time(self, module_id: str, seconds: float) -> None:
        """Add time spent in a module; additive, so two sessions' time sums up."""
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError("seconds must be finite and >= 0")
        amount = float(seconds)

        def op(p: Progress) -> None:
            p.module(module_id).seconds += amount

        self._do(op)

    def set_approach(self, value: str | None) -> None:
        """Choose one approach, or None for all three."""
        if value is not None and value not in APPROACHES:
            raise ValueError(f"unknown approach {value!r}")

        def op(p: Progress) -> None:
            p.approach = value

        self._do(op)

    def set_setting(self, key: str, value: Any) -> None:
        """Set ``theme`` (str), ``language`` ("nb"/"en"), ``bell`` (bool) or an extra key."""
        if key == "theme" and not isinstance(value, str):
            raise ValueError("theme must be a string")
        if key == "language" and value not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}")
        if key == "bell" and not isinstance(value, bool):
            raise ValueError("bell must be a bool")
        if key == "extra":
            raise ValueError("'extra' is not a setting")
        if not isinstance(value, (str, bool, int, float)):
            raise ValueError("settings must be text, numbers or booleans")

        def op(p: Progress) -> None:
            if key in ("theme", "language", "bell"):
                setattr(p.settings, key, value)
            else:
                p.settings.extra[key] = value

        self._do(op)

    def set_first_run_done(self) -> None:
        """Remember that the first-run introduction has been shown."""

        def op(p: Progress) -> None:
            p.first_run_done = True

        self._do(op)

    # ------------------------------------------------------------ saving

    def save(self) -> bool:
        """Merge pending changes into the file on disk; True when everything is on disk.

        Never raises OSError. A full or read-only disk keeps the changes for the next save (one
        notice, and another when saving works again); so does a lock held past the timeout.
        """
        if not self.saving:
            return False
        if not self._pending:
            return True
        folder = self._paths["profile_dir"]
        file = self._paths["progress_file"]
        try:
            ensure_private_dir(folder)  # `tbp forget` may have removed it meanwhile
            with _locked(self._paths["lock_file"], self.lock_timeout):
                on_disk = _read_bytes(file)
                if on_disk == self._base:
                    merged = self.progress  # nobody else wrote: memory is disk + pending
                else:
                    found = _parse(on_disk, self._seal)
                    if found.damaged is not None:
                        # Someone else's bytes are broken; ours in memory are the best we have.
                        self._set_aside(file, found.damaged, fresh=False)
                        merged = self.progress
                    else:
                        merged = found.progress if found.progress is not None else Progress()
                        self._replay(merged)
                try:
                    data = self._serializer.dumps(merged)
                except (TypeError, ValueError) as exc:  # a bug must not end the workshop
                    self._disable(Notice("internal-error", {"detail": str(exc)}))
                    return False
                atomic_write(file, data)
        except ProfileLocked:
            # The profile was deleted and made again under another passphrase meanwhile:
            # never write this learner's answers into someone else's profile.
            self._disable(Notice("locked", {"profile": self.profile}))
            return False
        except LockTimeout:
            if not self._busy_notice_given:
                self._busy_notice_given = True
                self.notices.append(Notice("busy"))
            return False
        except FileRefused:
            self._disable(_not_regular_notice(file))
            return False
        except OSError as exc:
            # Disk full, read-only, folder gone: often passing. Keep the changes, try again at
            # the next save, say so once, and say when it works again.
            if not self._save_failed:
                self._save_failed = True
                self.notices.append(Notice("save-failed", {"folder": str(folder)}, os_reason(exc)))
            return False
        if self._save_failed:
            self._save_failed = False
            self.notices.append(Notice("saving-again"))
        self.progress = merged
        self._base = data
        self._seen = _reflections_of(merged)
        self._pending.clear()
        for listener in self.saved_listeners:
            listener(merged)
        return True

    def _replay(self, merged: Progress) -> None:
        """Apply the pending changes to what another session saved; keep its newer answers."""
        checked: dict[tuple[str, str], bool] = {}  # per answer: did the first edit conflict?
        for operation in self._pending:
            if not isinstance(operation, _SetReflection):
                operation(merged)
                continue
            key = (operation.module, operation.step)
            if key not in checked:
                checked[key] = operation.conflicts(merged)
                if checked[key]:
                    self.notices.append(Notice("conflict", {"step": operation.step}))
            if checked[key]:
                operation.keep_beside(merged)
            else:
                operation(merged)

    @property
    def unsaved(self) -> bool:
        """Changes a later save could still keep are waiting (a save failed or was not tried)."""
        return self.saving and bool(self._pending)

    def forget(self) -> None:
        """Delete this profile's data on disk and start afresh in memory.

        Saving stays on: if the app goes on and saves, the profile starts anew.
        """
        self._pending.clear()
        self.progress = Progress()
        self._base = None
        self._seen = {}
        if self.guest:
            return
        try:
            forget_profile(self.data_dir, self.profile, self._seal)
        except ProfileLocked:
            self.notices.append(Notice("locked", {"profile": self.profile}))
        except UnsafeDataDir as exc:
            self.notices.append(Notice("unsafe", reason=exc.problem))
        except LockTimeout:
            self.notices.append(
                Notice("not-deleted", {"folder": str(self._paths["profile_dir"])}, OsReason("busy")))
        except OSError as exc:
            self.notices.append(
                Notice("not-deleted", {"folder": str(self._paths["profile_dir"])}, os_reason(exc))
            )
