"""A course already read and checked, kept for the next start.

Reading and checking the bundled course's TOML files takes about 20 ms (15 of them tomllib's
parse), the largest single part of what tbp adds to Textual's own start before home paints.
When no course file, no tbp code that reads them and no Python version has changed since, the
kept copy is used instead (about 3 ms with the check that nothing changed).

The copy holds course text only, never anything a learner wrote. It lives in the data folder as
one 0600 file per course folder, written atomically, in a thread while the app starts. It holds
pickles, so it is read only from a folder that is safe for private data and only when this user
owns the file and nobody else can write to it; anything odd and the course is simply read again.

Home shows titles, step counts and progress, never a step's text, yet that text is most of the
course (~300 KiB of RSS). So the file is the course without its steps' text fields (the step
classes' `text_fields`) followed by one block of those per module, read when the module's text is
first asked for. The file stays open for that: a newer copy replaces it by rename, so the blocks
read later are always those of the course the start was checked against.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import struct
import threading
import time
from collections.abc import Callable
from pathlib import Path

from tbp_tui import record
from tbp_tui.files import open_own_file, read_regular
from tbp_tui.files.atomic import atomic_write, ensure_private_dir
from tbp_tui.files.folders import unsafe_folder
from tbp_tui.files.kept import KEY_BYTES, blake2b, key_hash

from . import model
from .model import LATER, Course, Module, Step

__all__ = ["RACY_SECONDS", "cache_file", "fingerprint", "keep_in_background", "load_cached", "save_cached",
           "stat_key"]

_NO_STAT_KEY = bytes(KEY_BYTES)
_HEAD = struct.Struct("<Q")
"""After the two keys: the length of the course's pickle; then the modules' text blocks, in order."""
RACY_SECONDS = 2.0
"""A file changed less than this long before its stat is taken (or with a time in the future)
gives no stat key (see `stat_key`)."""
_writing: dict[Path, threading.Thread] = {}
"""Copies being written by this process, by file: a load waits for its file's writer first."""


def cache_file(folder: Path, course_root: Path) -> Path:
    """One file per course folder, so changing the course replaces its copy instead of adding one.

    `folder` is the cache folder the caller chose (the CLI: ``<data>/cache``); this module
    decides nothing about where data lives.
    """
    name = blake2b(os.fsencode(course_root.resolve()), digest_size=8).hexdigest()
    return folder / f"course-{name}.pickle"


def fingerprint(course_dir: Path) -> bytes | None:
    """Everything the copy depends on: the course files, the code that reads them, tbp, Python.

    Taken before the course is read, so a file changed while it is read gives a copy that is
    never used rather than one that is wrong. None when a file cannot be read.
    """
    root = _root(course_dir)
    digest = key_hash(str(root.resolve()))
    try:
        code = Path(model.__file__)
        readers = (code, Path(record.__file__), code.with_name("loader.py"))
        for source in (*readers, *sorted(root.glob("*.toml"))):
            data = read_regular(source)  # a FIFO or a link to /dev/zero: no copy, never a hang
            digest.update(f"\0{source.name}\0{len(data)}\0".encode())
            digest.update(data)
    except OSError:
        return None
    return digest.digest()


def stat_key(course_dir: Path) -> bytes | None:
    """The same files as `fingerprint`, told by what the file system says of them, without
    reading them: hashing the course's 376 KB was about 5 M instructions of every start.

    For each file its name, size, inode, device, mtime and ctime (as Python's .pyc check and
    git's index do). A change to a file's content changes its ctime (which no program can set
    back, unlike mtime) or, when the file is replaced, its inode; a file added or removed
    changes the names. The one way a change could keep all of them is a second change within
    the same tick of the file system's clock as the one before the key was taken; so a file
    changed less than RACY_SECONDS before (or in the future, a clock set back) gives None, and
    the content is hashed instead, as git does with a "racily clean" index entry. None also
    when a file cannot be stat'ed or is not a regular file.
    """
    root = _root(course_dir)
    digest = key_hash("stat", str(root.resolve()))
    settled = time.time_ns() - int(RACY_SECONDS * 1e9)
    try:
        code = Path(model.__file__)
        names = sorted(name for name in os.listdir(root) if name.endswith(".toml"))
        for source in (code, Path(record.__file__), code.with_name("loader.py"), *(root / n for n in names)):
            info = os.stat(source)
            if not stat.S_ISREG(info.st_mode) or max(info.st_mtime_ns, info.st_ctime_ns) > settled:
                return None
            digest.update(f"\0{source.name}\0{info.st_size}\0{info.st_ino}\0{info.st_dev}"
                          f"\0{info.st_mtime_ns}\0{info.st_ctime_ns}".encode())
    except OSError:
        return None
    return digest.digest()


def _root(course_dir: Path) -> Path:
    return course_dir.parent if course_dir.name == "course.toml" else course_dir


def load_cached(folder: Path, course_dir: Path, key: bytes | None,
                quick: bytes | None = None) -> Course | None:
    """The kept copy in `folder` when it was made from the course as it is now (its `fingerprint`
    is `key`, or its `stat_key` is `quick`), else None.

    Its steps' text is read per module on first use (`_Blocks`), from the file opened here.
    """
    fd = -1
    try:
        file = cache_file(folder, _root(course_dir))
        writer = _writing.pop(file, None)
        if writer is not None:
            writer.join()
        opened = open_own_file(file)  # no link, no FIFO to hang on, only ours and only we may write it
        if opened is None:
            return None
        fd = opened
        info = os.fstat(fd)
        start = 2 * KEY_BYTES + _HEAD.size
        head = os.pread(fd, start, 0)
        if len(head) != start or not (head[:KEY_BYTES] == key or (
                quick not in (None, _NO_STAT_KEY) and head[KEY_BYTES:2 * KEY_BYTES] == quick)):
            return None
        (size,) = _HEAD.unpack_from(head, 2 * KEY_BYTES)
        kept = pickle.loads(_pread(fd, size, start)) if start + size <= info.st_size else None
        if not isinstance(kept, tuple) or len(kept) != 2:
            return None
        course, lengths = kept
        if not isinstance(course, Course) or len(lengths) != len(course.modules):
            return None
        if start + size + sum(lengths) != info.st_size:  # cut short: a copy half written
            return None
        blocks = _Blocks(fd)
        fd = -1  # the blocks hold the file now
        offset = start + size
        for module, length in zip(course.modules, lengths, strict=True):
            blocks.attach(module, offset, length, _root(course_dir))
            offset += length
    except Exception:  # any damaged or foreign copy means: read the course again
        return None
    finally:
        if fd >= 0:
            os.close(fd)
    return course


def _pread(fd: int, size: int, offset: int) -> bytes:
    data = os.pread(fd, size, offset)
    if len(data) != size:
        raise OSError(f"kept copy cut short at {offset + len(data)}")
    return data


class _Blocks:
    """The kept copy's file, open until every step that may need its text is gone."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.lock = threading.Lock()

    def __del__(self, close: Callable[[int], None] = os.close) -> None:
        try:  # noqa: SIM105 - `close` bound at definition: at exit os and contextlib may be gone
            close(self.fd)
        except OSError:
            pass

    def attach(self, module: Module, offset: int, length: int, root: Path) -> None:
        """Give each of the module's steps what reads the module's text on first use."""
        steps = module.steps

        def read() -> None:
            with self.lock:
                if LATER not in steps[0].__dict__:  # another thread read it first
                    return
                try:
                    texts = pickle.loads(_pread(self.fd, length, offset))
                except Exception:  # our own file damaged in place since the start: the course files
                    texts = _texts_from_files(root, steps)
                if not isinstance(texts, list) or len(texts) != len(steps):
                    raise OSError("kept copy's text does not fit its course")
                for step, fields in zip(steps, texts, strict=True):
                    state = step.__dict__
                    state.update(fields)
                    del state[LATER]

        for step in steps:
            step.__dict__[LATER] = read


def _texts_from_files(root: Path, steps: tuple[Step, ...]) -> list[dict[str, object]] | None:
    """These steps' text read from the course files, when they still hold the same steps."""
    from .loader import validate_course

    course, _ = validate_course(root)
    ids = [(type(step), step.id) for step in steps]
    for module in () if course is None else course.modules:
        if [(type(step), step.id) for step in module.steps] == ids:
            return [_without_text(step)[1] for step in module.steps]
    return None


def _without_text(step: Step) -> tuple[Step, dict[str, object]]:
    """A copy of `step` without its text fields, and those fields (the live step is not touched)."""
    state = step.__getstate__()
    text = {name: state.pop(name) for name in type(step).text_fields}
    bare = type(step).__new__(type(step))
    bare.__dict__.update(state)
    return bare, text


def save_cached(folder: Path, course_dir: Path, key: bytes, course: Course,
                quick: bytes | None = None, *, durable: bool = True) -> bool:
    """Keep a copy in `folder` for the next start; whether it was kept (a folder that cannot be
    written means no copy). `key` and `quick` (when there is one) were taken before the course
    was read. `durable=False` does not wait for the disk (course/aside.py): a copy lost in a power
    cut is only read again."""
    try:
        if unsafe_folder(folder) is not None:
            return False
        modules, blocks = [], []
        for module in course.modules:
            steps, texts = zip(*map(_without_text, module.steps), strict=True) if module.steps else ((), ())
            modules.append(record.replace(module, steps=tuple(steps)))
            blocks.append(pickle.dumps(list(texts), protocol=pickle.HIGHEST_PROTOCOL))
        bare = record.replace(course, modules=tuple(modules))
        head = pickle.dumps((bare, [len(b) for b in blocks]), protocol=pickle.HIGHEST_PROTOCOL)
        ensure_private_dir(folder)
        data = b"".join((key, quick or _NO_STAT_KEY, _HEAD.pack(len(head)), head, *blocks))
        atomic_write(cache_file(folder, _root(course_dir)), data, durable=durable)
    except (OSError, pickle.PicklingError):
        return False
    return True


def keep_in_background(folder: Path, course_dir: Path, key: bytes, course: Course,
                       quick: bytes | None = None) -> threading.Thread:
    """`save_cached` in a thread of its own, so the first paint does not wait for the copy.

    Writing it (pickle, write, fsync of file and folder) took 3-15 ms of a first start, more on
    a busy disk. The thread is no daemon, so Python lets it finish before the process ends, and
    the write is atomic: the next start finds the copy whole or not at all.
    """
    writer = threading.Thread(target=save_cached, args=(folder, course_dir, key, course, quick),
                              name="tbp-keep-course")
    with contextlib.suppress(OSError, RuntimeError):  # a path that cannot be resolved: no copy
        _writing[cache_file(folder, _root(course_dir))] = writer
    writer.start()
    return writer
