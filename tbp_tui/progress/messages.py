"""What the progress store has to say, as codes and values instead of sentences.

The store serves learners in bokmål and in English, but it is plain Python and never imports the
UI's catalog. So it hands over a stable code and the specifics (the folder, the file, the reason),
and whoever shows the message words it with the translator it holds (``Catalog(lang)``), as room
errors and the Markdown export do. Each kind of message has its own catalog family, and its codes
are a ``Literal`` so mypy refuses a code the catalog cannot word and tests can list them all.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, Literal, TypeVar

from tbp_tui.files.folders import UnsafeCode
from tbp_tui.files.names import NameCode
from tbp_tui.translate import Translate

__all__ = [
    "DamageCode",
    "DirProblem",
    "DirProblemCode",
    "FileDamage",
    "Message",
    "NameProblem",
    "NameProblemCode",
    "Notice",
    "NoticeCode",
    "OsReason",
    "OsReasonCode",
    "os_reason",
]

#: Why the store could not read or write: the catalog family ``progress.os``.
OsReasonCode = Literal["read-only", "denied", "disk-full", "no-folder", "busy", "other"]
#: What is wrong inside a damaged progress file: ``progress.damaged``.
DamageCode = Literal[
    "not-utf8", "empty", "not-toml", "bad-version", "newer-version", "not-table", "not-text",
    "not-bool", "not-text-list", "not-number", "not-finite", "bad-chosen", "not-list", "unknown",
    "too-deep", "too-large", "bad-seal",
]
#: Why a profile name is refused: ``progress.profile_name``.
NameProblemCode = NameCode
#: Why a data folder is unsafe for private answers: ``progress.unsafe``.
DirProblemCode = UnsafeCode
#: What the store tells the learner while it runs: ``progress.notice``.
NoticeCode = Literal[
    "guest", "not-saving", "internal-error", "unreadable", "damaged", "damaged-kept",
    "set-aside-fresh", "set-aside-kept", "busy", "not-deleted", "unsafe", "not-regular", "locked",
    "save-failed", "saving-again", "conflict",
]


Code = TypeVar("Code", bound=str)


class Message(Generic[Code]):
    """A code and its values; ``reason`` is a nested message worded into ``{reason}``.

    A plain class rather than a frozen dataclass: six of those cost about 5 ms of import time,
    and this module is on the path to the first screen. Each family is ``Message[ItsLiteral]``,
    so mypy refuses a code the catalog has no words for.
    """

    __slots__ = ("code", "params", "reason")
    #: The catalog family: the key is ``f"{family}.{code}"``.
    family: ClassVar[str] = "progress"

    def __init__(self, code: Code, params: Mapping[str, str] | None = None,
                 reason: Message[Any] | None = None) -> None:
        self.code: Code = code
        self.params: Mapping[str, str] = dict(params or {})
        self.reason = reason

    def __eq__(self, other: object) -> bool:
        return (type(other) is type(self) and isinstance(other, Message)
                and (self.code, dict(self.params), self.reason)
                == (other.code, dict(other.params), other.reason))

    def __hash__(self) -> int:
        return hash((type(self), self.code, tuple(sorted(self.params.items())), self.reason))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {dict(self.params)!r}, {self.reason!r})"

    @property
    def key(self) -> str:
        """The catalog key of this message."""
        return f"{self.family}.{self.code}"

    def words(self, t: Translate) -> str:
        """The sentence in the translator's language, with the reason worded first."""
        values: dict[str, object] = dict(self.params)
        if self.reason is not None:
            values["reason"] = self.reason.words(t)
        return t(self.key, **values)


class OsReason(Message[OsReasonCode]):
    """Read-only, disk full, missing folder, or the system's own words (``detail``)."""

    __slots__ = ()
    family = "progress.os"


class FileDamage(Message[DamageCode]):
    """What made a progress file unusable; ``where`` names the TOML key when there is one."""

    __slots__ = ()
    family = "progress.damaged"


class NameProblem(Message[NameProblemCode]):
    """Why a profile name cannot become a folder name."""

    __slots__ = ()
    family = "progress.profile_name"


class DirProblem(Message[DirProblemCode]):
    """Why a data folder would let other users read or plant answers; ``folder`` says which."""

    __slots__ = ()
    family = "progress.unsafe"


class Notice(Message[NoticeCode]):
    """Something the learner should know about saving (shown once, in their language)."""

    __slots__ = ()
    family = "progress.notice"


def os_reason(exc: OSError) -> OsReason:
    """A short reason for an OSError; anything unusual keeps the system's own words."""
    if exc.errno == errno.EROFS:
        return OsReason("read-only")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return OsReason("denied")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return OsReason("disk-full")
    if exc.errno in (errno.ENOTDIR, errno.EEXIST, errno.ENOENT):
        return OsReason("no-folder")
    return OsReason("other", {"detail": exc.strerror or type(exc).__name__})
