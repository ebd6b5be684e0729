"""The one place both front-ends read the progress model and write through the store.

Screens and plain mode ask questions in course terms ("what has been seen in this module?",
"which steps does this learner see?") and never reach into the store or its dataclasses, so a
change in the store's shape is fixed here only. What may be stored is decided here too
(`rules.never_stored`): a write for the safety plan is dropped here, whoever asks. Every write
marks the state dirty; the full app saves on a short debounce, plain mode at once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tbp_tui.course.model import (
    APPROACHES,
    Approach,
    Course,
    Module,
    ReflectionStep,
    Step,
    module_done,
    next_module,
)
from tbp_tui.progress.messages import Notice
from tbp_tui.progress.model import Progress
from tbp_tui.progress.paths import cache_dir
from tbp_tui.record import Record
from tbp_tui.session.rules import never_stored
from tbp_tui.session.store import ProgressStoreLike
from tbp_tui.translate import Translate, counted

if TYPE_CHECKING:  # reporting and the export are imported when asked for, not on every start
    from tbp_tui.report.status import ReportStatus


class StoredCounts(Record):
    """What the progress file holds now, as counts (Dine data)."""

    seen: int
    skipped: int
    reflections: int
    quiz_attempts: int
    seconds: float


class NextUp(Record):
    """Where home's first row («Fortsett», f, Enter) leads, in both front-ends.

    start: the course's first module; resume: back to `step` of `module`; next: `module` comes
    after one read to its end; done: the whole course has been read (Dine data and export).
    """

    kind: Literal["start", "resume", "next", "done"]
    module: Module | None
    step: Step | None = None


class ModuleEnding(Record):
    """What a module's end says in both front-ends: what the learner did, and what comes next."""

    seen: int
    shown: int
    skipped: int
    reflections: int | None
    """Reflections written; None where the module asks for none (then nothing is said of them)."""
    following: Module | None
    """The module that comes next; None at the end of the course."""


class Learner:
    def __init__(self, store: ProgressStoreLike, course: Course,
                 on_change: Callable[[], None] | None = None) -> None:
        self._store = store
        self._on_change = on_change
        self._private = frozenset(m.id for m in course.modules if never_stored(m))
        self.dirty = False

    # ---------------------------------------------------------------- what may be stored

    def private(self, module: Module) -> bool:
        """Nothing of this module is stored but the learner's own reflections (rules.py)."""
        return module.id in self._private

    def _stores(self, module_id: str) -> bool:
        return module_id not in self._private

    # ---------------------------------------------------------------- reading

    @property
    def approach(self) -> Approach | None:
        value = self._store.progress.approach
        return next((a for a in APPROACHES if a == value), None)

    def steps(self, module: Module) -> tuple[Step, ...]:
        """The steps this learner sees in `module`, for the chosen approach."""
        return module.steps_for(self.approach)

    def note_first(self, module: Module, step: Step, answered: Collection[str] = ()) -> bool:
        """Whether the step's content note comes before the step: until the step is read once
        (`answered`: the notes answered with «continue» this visit). After that the note is a
        quiet line above the step."""
        if not step.innholdsnotis or step.id in answered:
            return False
        return self.private(module) or step.id not in self.seen(module.id)

    def current(self) -> tuple[str, str] | None:
        pos = self._store.progress.current
        return None if pos is None else (pos.module, pos.step)

    def seen(self, module_id: str) -> frozenset[str]:
        found = self._store.progress.modules.get(module_id)
        return frozenset(found.seen) if found else frozenset()

    def skipped(self, module_id: str) -> frozenset[str]:
        """Steps passed over at their content note; a step read later counts as seen instead."""
        found = self._store.progress.modules.get(module_id)
        return frozenset(found.passed_over) if found else frozenset()

    def reflection(self, module_id: str, step_id: str) -> str:
        found = self._store.progress.modules.get(module_id)
        entry = found.reflections.get(step_id) if found else None
        return entry.text if entry else ""

    def reflections_written(self, module: Module) -> int:
        return self._store.progress.explored(module.id, {s.id for s in module.steps})[1]

    def progress_words(self, module: Module, t: Translate) -> list[str]:
        """What home says of a module, the same in both front-ends: how much is seen (or that a
        checklist is not stored), then reflections and skipped steps only where there are some,
        so no row reads as a zero to catch up on."""
        written = self.reflections_written(module)
        if self.private(module):
            words, skipped = [t("home.private")], 0
        else:
            seen, shown, skipped = self.explored(module)
            words = [t("home.explored", seen=seen, steps=counted(t, "step", shown))]
        if written:
            words.append(t("home.reflections_one" if written == 1 else "home.reflections_many", n=written))
        if skipped:  # passed over at a content note: there to open later
            words.append(t("home.skipped", n=skipped))
        return words

    def explored(self, module: Module) -> tuple[int, int, int]:
        """(steps seen, steps shown, steps skipped at a content note) for the chosen approach: a
        count, never a verdict."""
        shown = {s.id for s in module.steps_for(self.approach)}
        seen = self._store.progress.explored(module.id, shown)[0]
        return seen, len(shown), len(self.skipped(module.id) & shown)

    @property
    def theme(self) -> str:
        return self._store.progress.settings.theme

    @property
    def bell(self) -> bool:
        return self._store.progress.settings.bell

    @property
    def notices(self) -> list[Notice]:
        return self._store.notices

    @property
    def saving(self) -> bool:
        """False when nothing is written (guest mode, an unwritable folder, after Slett alt)."""
        return self._store.saving

    @property
    def guest(self) -> bool:
        return self._store.guest

    @property
    def profile(self) -> str:
        return self._store.profile

    @property
    def paths(self) -> dict[str, Path]:
        """Where things are kept: the store's paths and the course copy's folder (``cache_dir``)."""
        found = dict(self._store.paths)
        found["cache_dir"] = cache_dir(found["data_dir"])
        return found

    @property
    def first_run_done(self) -> bool:
        return self._store.progress.first_run_done

    def progress_snapshot(self) -> Progress:
        """The state as it is now, to read only (a guest's start carried into a new profile)."""
        return self._store.progress

    def stored_counts(self) -> StoredCounts:
        modules = self._store.progress.modules.values()
        return StoredCounts(
            seen=sum(len(m.seen) for m in modules),
            skipped=sum(len(m.passed_over) for m in modules),
            reflections=sum(1 for m in modules for r in m.reflections.values() if r.text.strip()),
            quiz_attempts=sum(len(a) for m in modules for a in m.quiz.values()),
            seconds=sum(m.seconds for m in modules),
        )

    def reporting(self, course: Course, lang: str, t: Translate) -> ReportStatus | None:
        """Completion reporting in sentences, and the statements waiting (None for a guest, who
        stores and sends nothing). Reads small files: call it off the UI thread."""
        if self.guest:
            return None
        from tbp_tui.report.status import report_status

        return report_status(self.paths["data_dir"], self.profile, course, lang, t)

    def export_markdown(self, course: Course, t: Translate, *, wrong_answers: bool = False) -> str:
        """The learner's own data as Markdown, the same text as `tbp export` (quiz answers that
        were not right only when asked for)."""
        from tbp_tui.progress.export import to_markdown

        return to_markdown(self._store.progress, course, t, wrong_answers=wrong_answers)

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

    def done_modules(self, course: Course) -> set[str]:
        """The modules whose every step shown for the learner's approach was read or skipped."""
        approach = self.approach
        return {m.id for m in course.modules
                if module_done(m, approach, self.seen(m.id) | self.skipped(m.id))}

    def after(self, course: Course, module: Module) -> Module | None:
        """What comes after `module` for this learner; None at the end of the course."""
        return next_module(course, module.id, self.done_modules(course) | {module.id})

    def ending(self, course: Course, module: Module) -> ModuleEnding:
        seen, shown, skipped = self.explored(module)
        asks = any(isinstance(s, ReflectionStep) for s in module.steps)
        return ModuleEnding(seen=seen, shown=shown, skipped=skipped,
                            reflections=self.reflections_written(module) if asks else None,
                            following=self.after(course, module))

    def next_up(self, course: Course) -> NextUp:
        """After a module read to its last step (a step passed by on its note may be left: that
        is its end too), what comes next, not that last step again."""
        point = self.resume_point(course)
        if point is None:
            return NextUp(kind="start", module=course.modules[0] if course.modules else None)
        module, step = point
        shown = module.steps_for(self.approach)
        at_end = step is not None and bool(shown) and step == shown[-1] and step.id in self.seen(module.id)
        if not at_end and module.id not in self.done_modules(course):
            return NextUp(kind="resume", module=module, step=step)
        following = self.after(course, module)
        return NextUp(kind="next", module=following) if following else NextUp(kind="done", module=None)

    # ---------------------------------------------------------------- writing

    def _changed(self) -> None:
        self.dirty = True
        if self._on_change is not None:
            self._on_change()

    def visit(self, module_id: str, step_id: str) -> None:
        """The step is on screen: it is where the learner is, and it counts as seen."""
        if not self._stores(module_id):
            return
        self._store.set_position(module_id, step_id)
        self._store.mark_seen(module_id, step_id)
        self._changed()

    def place(self, module_id: str, step_id: str) -> None:
        """Where the learner is, without counting the step as seen (a content note is showing)."""
        if not self._stores(module_id):
            return
        self._store.set_position(module_id, step_id)
        self._changed()

    def skip(self, module_id: str, step_id: str) -> None:
        """Passed over at its content note: stored, so home can say it is there to open later."""
        if not self._stores(module_id):
            return
        self._store.mark_skipped(module_id, step_id)
        self._changed()

    def set_reflection(self, module_id: str, step_id: str, text: str) -> None:
        if text == self.reflection(module_id, step_id):
            return
        self._store.set_reflection(module_id, step_id, text)
        self._changed()

    def record_quiz(self, module_id: str, step_id: str, chosen: int, correct: bool) -> None:
        if not self._stores(module_id):
            return
        self._store.record_quiz(module_id, step_id, [chosen], correct)
        self._changed()

    def add_time(self, module_id: str, seconds: float) -> None:
        if seconds > 0 and self._stores(module_id):
            self._store.add_time(module_id, seconds)
            self._changed()

    def set_approach(self, value: Approach | None) -> None:
        self._store.set_approach(value)
        self._changed()

    def set_setting(self, key: str, value: object) -> None:
        self._store.set_setting(key, value)
        self._changed()

    def mark_first_run_done(self) -> None:
        """The first-start page was shown; it is not offered again."""
        if not self.first_run_done:
            self._store.set_first_run_done()
            self._changed()

    def forget(self) -> list[Notice]:
        """Slett alt: delete this profile's data, and write nothing more this session (else the
        next save would quietly start the profile again). Returns what went wrong, if anything."""
        before = len(self._store.notices)
        self._store.forget()
        self._store.saving = False
        self.dirty = False
        return self._store.notices[before:]

    def save(self) -> bool:
        """Write now; True when everything is on disk (or nothing needed writing)."""
        ok = self._store.save()
        if ok:
            self.dirty = False
        return ok

    @property
    def unsaved(self) -> bool:
        """Changes a later save could still keep are waiting (a save failed or was not tried)."""
        return self._store.unsaved

    @property
    def at_risk(self) -> bool:
        """Changes exist that a save could still keep but has not (not guest mode)."""
        return self.dirty and self._store.saving
