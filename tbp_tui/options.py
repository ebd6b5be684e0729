"""What the command line decided, handed to the app as one plain object."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Lang = Literal["nb", "en"]


@dataclass(frozen=True)
class AppOptions:
    lang: Lang = "nb"
    no_color: bool = False
    theme: str | None = None
    guest: bool = False
    profile: str = "standard"
    data_dir: Path | None = None
    course_dir: Path | None = None
    facilitator: bool = False
