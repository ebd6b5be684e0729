"""What may be stored, decided once for both front-ends.

The safety-plan checklist is about a patient or client: nothing of it is ever written — not the
ticks and notes (they live only in the in-memory form, `tbp_tui.safety.form`), and not even
where the clinician is, what was seen or skipped, quiz answers or time spent. The clinician's own
reflection in that module is theirs and is stored like any other progress.
"""

from __future__ import annotations

from tbp_tui.course.model import Module


def never_stored(module: Module) -> bool:
    """True for a module whose use leaves no trace on disk (the safety plan)."""
    return module.kind == "checklist"
