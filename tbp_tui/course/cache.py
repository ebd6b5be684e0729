"""A course already read and checked, kept for the next start.

Reading and checking the bundled course's TOML files takes about 20 ms (15 of them tomllib's
parse), the largest single part of what tbp adds to Textual's own start before home paints.
When no course file, no tbp code that reads them and no Python version has changed since, the
kept copy is used instead (about 3 ms with the check that nothing changed).

The copy holds course text only, never anything a learner wrote. It lives in the data folder as
one 0600 file per course folder, written atomically, in a thread while the app starts. It is a
pickle, so it is read only from a folder that is safe for private data and only when this user
owns the file and nobody else can write to it; anything odd and the course is simply read again.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import sys
import threading
from pathlib import Path

try:  # CPython's own BLAKE2: hashlib would load OpenSSL first, about 2 ms and 0.6 MiB of every start
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

from tbp_tui import __version__, record
from tbp_tui.files import read_regular
from tbp_tui.files.atomic import atomic_write, ensure_private_dir
from tbp_tui.files.folders import unsafe_folder

from . import model
from .model import Course

__all__ = ["cache_file", "fingerprint", "keep_in_background", "load_cached", "save_cached"]

_KEY_BYTES = 32
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
    digest = blake2b(f"{__version__}\0{sys.version}\0{root.resolve()}".encode(), digest_size=_KEY_BYTES)
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


def _root(course_dir: Path) -> Path:
    return course_dir.parent if course_dir.name == "course.toml" else course_dir


def load_cached(folder: Path, course_dir: Path, key: bytes) -> Course | None:
    """The kept copy in `folder` when it was made from the course as it is now (`key`), else None."""
    try:
        file = cache_file(folder, _root(course_dir))
        writer = _writing.pop(file, None)
        if writer is not None:
            writer.join()
        if unsafe_folder(folder) is not None:
            return None
        with open(file, "rb") as stream:
            info = os.fstat(stream.fileno())
            if info.st_uid != os.geteuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None
            kept = stream.read()
        if kept[:_KEY_BYTES] != key:
            return None
        course = pickle.loads(kept[_KEY_BYTES:])
    except Exception:  # any damaged or foreign copy means: read the course again
        return None
    return course if isinstance(course, Course) else None


def save_cached(folder: Path, course_dir: Path, key: bytes, course: Course) -> None:
    """Keep a copy in `folder` for the next start; a folder that cannot be written means no copy."""
    try:
        if unsafe_folder(folder) is not None:
            return
        data = pickle.dumps(course, protocol=pickle.HIGHEST_PROTOCOL)
        ensure_private_dir(folder)
        atomic_write(cache_file(folder, _root(course_dir)), key + data)
    except (OSError, pickle.PicklingError):
        return


def keep_in_background(folder: Path, course_dir: Path, key: bytes, course: Course) -> threading.Thread:
    """`save_cached` in a thread of its own, so the first paint does not wait for the copy.

    Writing it (pickle, write, fsync of file and folder) took 3-15 ms of a first start, more on
    a busy disk. The thread is no daemon, so Python lets it finish before the process ends, and
    the write is atomic: the next start finds the copy whole or not at all.
    """
    writer = threading.Thread(target=save_cached, args=(folder, course_dir, key, course),
                              name="tbp-keep-course")
    with contextlib.suppress(OSError, RuntimeError):  # a path that cannot be resolved: no copy
        _writing[cache_file(folder, _root(course_dir))] = writer
    writer.start()
    return writer
