"""What the session needs of the progress store, and nothing more.

Written as a Protocol so both front-ends can be tested with a small fake (for example one whose
save fails) as well as with the real `tbp_tui.progress.ProgressStore`. It is complete: nobody
needs to ask the store for anything else, so nobody probes it with isinstance or getattr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from tbp_tui.progress.messages import Notice
from tbp_tui.progress.model import Progress

__all__ = ["Notice", "ProgressStoreLike"]  # Notice: what the front-ends are told, as codes


class ProgressStoreLike(Protocol):
    progress: Progress
    notices: list[Notice]
    """What the store has to tell the learner, as codes; ``notice.words(t)`` words one."""
    saving: bool
    """False when nothing is written (guest mode, or a data folder that cannot be written)."""
    profile: str
    guest: bool

    @property
    def unsaved(self) -> bool:
        """Changes a later save could still keep are waiting (a save failed or was not tried)."""
        ...

    @property
    def paths(self) -> dict[str, Path]:
        """``data_dir``, ``profiles_dir``, ``profile_dir``, ``progress_file``, ``lock_file``."""
        ...

    def set_position(self, module_id: str, step_id: str) -> None: ...

    def mark_seen(self, module_id: str, step_id: str) -> None: ...

    def mark_skipped(self, module_id: str, step_id: str) -> None: ...

    def set_reflection(self, module_id: str, step_id: str, text: str) -> None: ...

    def record_quiz(self, module_id: str, step_id: str, chosen: list[int], correct: bool) -> None: ...

    def add_time(self, module_id: str, seconds: float) -> None: ...

    def set_approach(self, value: str | None) -> None: ...

    def set_setting(self, key: str, value: Any) -> None: ...

    def set_first_run_done(self) -> None: ...

    def save(self) -> bool: ...

    def forget(self) -> None: ...
