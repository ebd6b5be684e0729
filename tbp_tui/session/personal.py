"""A browser tab's personal profile: a guest who opens or creates a passphrase-protected profile.

Every tab of `tbp serve` runs as the server's one Unix user, so a profile without a passphrase
would be open to anyone who types its name: in a browser only protected profiles are opened or
made. The passphrase rules and the back-off are the shared-account ones (`passphrase.py`); this
module opens the store for the running app and carries a new profile's start over from the
guest session, so nothing typed before the profile was made is lost.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from tbp_tui.course.model import Course
from tbp_tui.progress.sealed import ProfileLocked, Seal
from tbp_tui.progress.store import InvalidProfileName, ProgressStore, UnsafeDataDir
from tbp_tui.session.learner import Learner
from tbp_tui.session.store import ProgressStoreLike

OpenProblem = Literal["locked", "unsafe", "bad_name"]


def open_personal(data_dir: Path | None, name: str, seal: Seal) -> ProgressStoreLike | OpenProblem:
    """The protected profile's store, or why it cannot be opened (a catalog code).

    "locked": made meanwhile under another passphrase (another tab chose the same new name).
    """
    try:
        return ProgressStore.open(data_dir, name, seal=seal)
    except ProfileLocked:
        return "locked"
    except UnsafeDataDir:
        return "unsafe"
    except InvalidProfileName:
        return "bad_name"


def carry_over(guest: Learner, store: ProgressStoreLike, course: Course) -> None:
    """Write what the guest has done so far into a newly made profile, through its usual
    operations (saved at the next save, sealed like everything else)."""
    progress = guest.progress_snapshot()
    for module_id, module in progress.modules.items():
        for step in module.seen:
            store.mark_seen(module_id, step)
        for step in module.skipped:
            store.mark_skipped(module_id, step)
        for step, reflection in module.reflections.items():
            if reflection.text:
                store.set_reflection(module_id, step, reflection.text)
        for step, attempts in module.quiz.items():
            for attempt in attempts:
                store.record_quiz(module_id, step, list(attempt.chosen), attempt.correct)
        if module.seconds > 0:
            store.add_time(module_id, module.seconds)
    if progress.approach is not None:
        store.set_approach(progress.approach)
    if progress.current is not None and course.module(progress.current.module) is not None:
        store.set_position(progress.current.module, progress.current.step)
    if progress.first_run_done:
        store.set_first_run_done()
