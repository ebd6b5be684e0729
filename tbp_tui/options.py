"""What the command line decided, handed to the app as one plain object."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tbp_tui.record import Record

if TYPE_CHECKING:
    from tbp_tui.progress.sealed import Seal

Lang = Literal["nb", "en"]
THEME_CHOICES = ("standard", "light", "ansi")
"""What --theme takes; the app's THEMES (ui/themes.py) has these keys, in this order."""


class AppOptions(Record):
    lang: Lang = "nb"
    no_color: bool = False
    theme: str | None = None
    guest: bool = False
    profile: str = "standard"
    data_dir: Path | None = None
    course_dir: Path | None = None
    facilitator: bool = False
    room: str | None = None
    """The workshop room to join (or, with `facilitator`, to lead); None: no room."""
    room_root: Path | None = None
    """Where rooms live; None: TBP_ROOM_ROOT or the system's shared temp folder."""
    seal: Seal | None = None
    """The key of a passphrase-protected profile, once its passphrase was given; None: unprotected."""
    browser: bool = False
    """A tab of `tbp serve`: starts as a guest and may open a passphrase-protected profile."""
