"""Which names may become folder names: a profile name must never point outside its parent
folder or hide as a dot-file. Used by the progress store and by rooms (a seat file name)."""

from __future__ import annotations

import os
import unicodedata
from typing import Literal

__all__ = ["DEFAULT_PROFILE", "MAX_NAME", "NameCode", "name_problem"]

MAX_NAME = 40
#: The profile used when none is named.
DEFAULT_PROFILE = "standard"
#: Why a name is refused; the progress store's catalog family ``progress.profile_name`` words it.
NameCode = Literal["empty", "too-long", "dots", "slash", "leading-dot", "control", "spaces"]


def name_problem(name: str) -> NameCode | None:
    """What is wrong with ``name`` as a folder name, or None if it is fine."""
    if not isinstance(name, str) or name == "":
        return "empty"
    if len(name) > MAX_NAME:
        return "too-long"
    if name in (".", ".."):
        return "dots"
    separators = {"/", "\\", os.sep} | ({os.altsep} if os.altsep else set())
    if any(sep in name for sep in separators):
        return "slash"
    if name.startswith("."):
        return "leading-dot"
    if any(_control(ch) for ch in name):
        return "control"
    if name != name.strip():
        return "spaces"
    return None


def _control(ch: str) -> bool:
    """A control, format, surrogate or line/paragraph separator character.

    ASCII has only the first kind (below space, and DEL), answered without asking Python's Unicode
    database: its tables are paged in by the first question, about 0.2 MiB of every session's
    memory for a profile name such as «standard» (issue 22).
    """
    if ch.isascii():
        return ch < " " or ch == "\x7f"
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")
