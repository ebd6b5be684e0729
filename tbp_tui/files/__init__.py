"""The ground floor: how tbp-tui reads files it did not make and puts bytes on disk, whoever asks
(progress, course cache, safety export, rooms). It imports nothing of tbp_tui but textsafe and
translate, so every other package may build on it without pulling in the progress store.

Reading files we did not make and writing files the user named, without harm either way.

Two rules live here, used by every reader of course and progress files and by every export:

- :func:`read_regular` reads only a regular file, never through a symlink where a link is not
  expected, never blocking (a FIFO named ``*.toml`` would hang the start for ever) and never
  more than a size limit (a link to ``/dev/zero`` would eat the memory).
- :func:`write_export` writes an export atomically (0600) and only over nothing or over a
  regular file the user agreed to replace: never over a device node, FIFO or socket, never
  through a symlink, and never into a folder that does not exist.

Refusals are :class:`FileRefused`, an ``OSError`` with a ``code`` the catalog words
(``files.<code>``), so callers that already explain OSErrors keep working.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Literal

from tbp_tui.files.atomic import atomic_write
from tbp_tui.files.folders import unsafe_folder
from tbp_tui.textsafe import visible
from tbp_tui.translate import Translate

__all__ = [
    "MAX_FILE_BYTES",
    "FileRefused",
    "RefusalCode",
    "check_export_target",
    "export_target",
    "long_dotted_key",
    "open_own_file",
    "read_regular",
    "write_export",
]

#: The largest course or progress file read (1 MB): a larger one is refused, not read.
MAX_FILE_BYTES = 1_000_000

RefusalCode = Literal["special", "link", "no-folder", "not-folder", "exists", "too-large",
                      "bad-user", "name-too-long"]
_ERRNO: dict[str, int] = {
    "special": errno.EINVAL, "link": errno.ELOOP, "no-folder": errno.ENOENT,
    "not-folder": errno.ENOTDIR, "exists": errno.EEXIST, "too-large": errno.EFBIG,
    "bad-user": errno.ENOENT, "name-too-long": errno.ENAMETOOLONG,
}


class FileRefused(OSError):
    """We will not read or write this path; ``code`` says why, ``path`` which one."""

    def __init__(self, code: RefusalCode, path: Path | str) -> None:
        super().__init__(_ERRNO[code], code, str(path))
        self.code: RefusalCode = code
        self.path = str(path)

    def words(self, t: Translate) -> str:
        """Why, in the translator's language, the path shown inert (it may come from a file)."""
        return t(f"files.{self.code}", path=visible(self.path), limit=f"{MAX_FILE_BYTES // 1_000_000} MB")


def read_regular(path: Path, limit: int = MAX_FILE_BYTES, *, follow: bool = True) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``); raises OSError otherwise.

    Opened non-blocking so a FIFO never blocks, checked with fstat on the open descriptor so the
    check and the read are about the same file, and read no further than ``limit`` + 1 bytes.
    With ``follow=False`` a symlink at ``path`` itself is refused (``link``).
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:
            raise FileRefused("link", path) from None
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO nobody writes to, on some systems
            raise FileRefused("special", path) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused("special", path)
        if info.st_size > limit:
            raise FileRefused("too-large", path)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while we read
            raise FileRefused("too-large", path)
        return b"".join(chunks)
    finally:
        os.close(fd)


def open_own_file(path: Path) -> int | None:
    """A descriptor open for reading on ``path`` when only this user can have written it, else None.

    For files tbp made for itself and trusts on reading (the kept course and style copies are
    pickles): never through a symlink, never blocking on a FIFO, only a regular file this user
    owns that nobody else may write, in a folder safe for private data (`unsafe_folder`).
    Anything odd, missing or unreadable is None: the caller simply does without its copy.
    """
    try:
        if unsafe_folder(path.parent) is not None:
            return None
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
    except OSError:
        info = None
    if (info is None or not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid()
            or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
        os.close(fd)
        return None
    return fd


#: Parts a dotted TOML key may have before tomllib's quadratic key handling takes seconds.
MAX_KEY_PARTS = 64
_LONG_KEY_PATTERN = rf"^[ \t]*\[*[ \t]*[\w\"'-]+(?:[ \t]*\.[ \t]*[\w\"'-]+){{{MAX_KEY_PARTS}}}"
"""A TOML key of more than MAX_KEY_PARTS parts; compiled (as ``_LONG_KEY``) when first needed,
which no ordinary file makes happen: compiling it was about 2 M instructions of every start."""
#: Every byte but "." and newline, dropped to see whether any line has MAX_KEY_PARTS dots at all.
_NOT_DOT_OR_NEWLINE = bytes(b for b in range(256) if b not in b".\n")
_DOTS_ON_ONE_LINE = b"." * MAX_KEY_PARTS


def long_dotted_key(text: str, encoded: bytes | None = None) -> int | None:
    """The 1-based line of a TOML key with more than MAX_KEY_PARTS dotted parts, else None.

    tomllib takes time quadratic in the parts of one key (20 000 parts: 3.6 s; 90 000: over a
    minute), so such a file is refused before it is parsed. Checked in linear time.

    Such a key puts MAX_KEY_PARTS dots on one line. Whether any line has that many is two passes
    in C over the bytes (about 2 µs a kB); only then is the key pattern searched for,
    which tries every position of the text (about 13 µs a kB). ``encoded``: the UTF-8 bytes
    ``text`` was decoded from, when the caller has them, so they are not made again.
    """
    if encoded is None:
        encoded = text.encode("utf-8", "surrogatepass")
    dots_and_newlines = encoded.translate(None, _NOT_DOT_OR_NEWLINE)
    if _DOTS_ON_ONE_LINE not in dots_and_newlines:
        return None
    found = _long_key().search(text)
    return None if found is None else text.count("\n", 0, found.start()) + 1


def _long_key() -> re.Pattern[str]:
    pattern: re.Pattern[str] | None = globals().get("_LONG_KEY")
    if pattern is None:
        pattern = globals()["_LONG_KEY"] = re.compile(_LONG_KEY_PATTERN, re.MULTILINE)
    return pattern


def __getattr__(name: str) -> object:
    """``_LONG_KEY``, compiled on first use (tests read it to compare)."""
    if name == "_LONG_KEY":
        return _long_key()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def export_target(raw: str, file_name: str | None = None) -> Path:
    """The file a typed path names: ``~`` expanded, a folder gets ``file_name`` added (if given).

    Raises FileRefused for ``~nosuchuser`` and for a name the system cannot take (over 255 bytes),
    instead of the RuntimeError and OSError that would otherwise end the app.
    """
    try:
        path = Path(raw).expanduser()
    except RuntimeError:
        raise FileRefused("bad-user", raw) from None
    if any(len(os.fsencode(part)) > 255 for part in path.parts):
        raise FileRefused("name-too-long", raw)
    if file_name is None:
        return path
    try:
        is_dir = stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        is_dir = False
    return path / file_name if is_dir else path


def check_export_target(path: Path) -> bool:
    """Whether ``path`` already holds a regular file (which needs the user's yes to replace).

    Raises FileRefused when it is a symlink, a device node, FIFO, socket or folder, or when its
    folder does not exist (no folder is ever created for an export).
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        raise FileRefused("not-folder", path.parent) from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise FileRefused("link", path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused("special", path)
        return True
    try:
        folder = os.stat(path.parent).st_mode
    except FileNotFoundError:
        raise FileRefused("no-folder", path.parent) from None
    except NotADirectoryError:
        raise FileRefused("not-folder", path.parent) from None
    if not stat.S_ISDIR(folder):
        raise FileRefused("not-folder", path.parent)
    return False


def write_export(path: Path, data: bytes, *, replace: bool = False) -> None:
    """Write an export to ``path`` (0600, atomic); an existing regular file only if ``replace``."""
    if check_export_target(path) and not replace:
        raise FileRefused("exists", path)
    atomic_write(path, data, 0o600)
