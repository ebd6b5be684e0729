"""The one place in the UI that reads the progress model and writes through the store.

Screens ask questions in course terms ("what has been seen in this module?") and never reach
into the store's dataclasses, so a change in the store's shape is fixed here only. Every write
marks the state dirty; the app saves on a short debounce, on leaving a step and on quitting.
"""

from __future__ import annotations

from collections.abc import Callable

from tbp_tui.course.model import APPROACHES, Approach, Course, Module, Step
from tbp_tui.progress.messages import Notice
from tbp_tui.ui.store_protocol import ProgressStoreLike


class Learner:
    def __init__(self, store: ProgressStoreLike, on_change: Callable[[], None]) -> None:
        self.store = store
        self._on_change = on_change
        self.dirty = False

    # ---------------------------------------------------------------- reading

    @property
    def approach(self) -> Approach | None:
        value = self.store.progress.approach
        return next((a for a in APPROACHES if a == value), None)

    def current(self) -> tuple[str, str] | None:
        pos = self.store.progress.current
        return None if pos is None else (pos.module, pos.step)

    def seen(self, module_id: str) -> frozenset[str]:
        found = self.store.progress.modules.get(module_id)
        return frozenset(found.seen) if found else frozenset()

    def skipped(self, module_id: str) -> frozenset[str]:
        """Steps passed over at their content note; a step read later counts as seen instead."""
        found = self.store.progress.modules.get(module_id)
        return frozenset(found.passed_over) if found else frozenset()

    def reflection(self, module_id: str, step_id: str) -> str:
        found = self.store.progress.modules.get(module_id)
        entry = found.reflections.get(step_id) if found else None
        return entry.text if entry else ""

    def reflections_written(self, module: Module) -> int:
        return self.store.progress.explored(module.id, {s.id for s in module.steps})[1]

    def explored(self, module: Module) -> tuple[int, int, int]:
        """(steps seen, steps shown, steps skipped at a content note) for the chosen approach: a
        count, never a verdict."""
        shown = {s.id for s in module.steps_for(self.approach)}
        seen = self.store.progress.explored(module.id, shown)[0]
        return seen, len(shown), len(self.skipped(module.id) & shown)

    @property
    def theme(self) -> str:
        return self.store.progress.settings.theme

    @property
    def bell(self) -> bool:
        return self.store.progress.settings.bell

    @property
    def notices(self) -> list[Notice]:
        return self.store.notices

    def resume_point(self, course: Course) -> tuple[Module, Step | None] | None:
        """Where Fortsett leads: the saved step, or the next one shown for this approach."""
        cur = self.current()
        if cur is None:
            return None
        module = course.module(cur[0])
        if module is None:
            return None
        step = module.step(cur[1])
        shown = module.steps_for(self.approach)
        if step is None or step in shown:
            return module, step
        after = module.steps[module.steps.index(step) :]
        nxt = next((s for s in after if s in shown), None)
        return module, nxt or (shown[-1] if shown else None)

    # ---------------------------------------------------------------- writing

    def _changed(self) -> None:
        self.dirty = True
        self._on_change()

    def visit(self, module_id: str, step_id: str) -> None:
        self.store.set_position(module_id, step_id)
        self.store.mark_seen(module_id, step_id)
        self._changed()

    def place(self, module_id: str, step_id: str) -> None:
        """Where the learner is, without counting the step as seen (a content note is showing)."""
        self.store.set_position(module_id, step_id)
        self._changed()

    def skip(self, module_id: str, step_id: str) -> None:
        self.store.mark_skipped(module_id, step_id)
        self._changed()

    def set_reflection(self, module_id: str, step_id: str, text: str) -> None:
        if text == self.reflection(module_id, step_id):
            return
        self.store.set_reflection(module_id, step_id, text)
        self._changed()

    def record_quiz(self, module_id: str, step_id: str, chosen: int, correct: bool) -> None:
        self.store.record_quiz(module_id, step_id, [chosen], correct)
        self._changed()

    def add_time(self, module_id: str, seconds: float) -> None:
        if seconds > 0:
            self.store.add_time(module_id, seconds)
            self._changed()

    def set_approach(self, value: Approach | None) -> None:
        self.store.set_approach(value)
        self._changed()

    def set_setting(self, key: str, value: object) -> None:
        self.store.set_setting(key, value)
        self._changed()

    def save(self) -> bool:
        """Write now; True when everything is on disk (or nothing needed writing)."""
        ok = self.store.save()
        if ok:
            self.dirty = False
        return ok

    @property
    def at_risk(self) -> bool:
        """Changes exist that a save could still keep but has not (not guest mode)."""
        return self.dirty and self.store.saving
