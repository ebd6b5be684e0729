"""What the organisation may learn from a learner's progress: completions and quiz outcomes.

Statements are derived from the stored progress, not from UI events, so both front-ends report
the same way without a line of reporting code in either, and a statement rebuilt after a crash
has the same event key. Only modules of kind ``intro`` and ``competency`` are reported: the
safety checklist, the guide and the reference list never are.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tbp_tui.course.model import APPROACHES, Course, Module, QuizStep
from tbp_tui.progress.model import Progress, QuizAttempt

from .statements import Actor, Statement, activity_iri, iso_duration, make_statement, statement_id

__all__ = ["REPORTED_KINDS", "Entry", "Reporting"]

REPORTED_KINDS = frozenset({"intro", "competency"})


@dataclass(frozen=True)
class Entry:
    """A statement with the event it records; the event key decides whether it is new."""

    event: tuple[str, ...]
    statement: Statement

    @property
    def key(self) -> str:
        return "\x1f".join(self.event)


@dataclass(frozen=True)
class Reporting:
    """Builds the statements for one learner of one course."""

    course: Course
    actor: Actor
    activity_base: str
    language: str

    def _course_iri(self) -> str:
        return activity_iri(self.activity_base, self.course.id)

    def entry(self, event: tuple[str, ...], *, verb: str, object_id: str, object_type: str,
              object_name: str, timestamp: str, result: dict[str, object] | None = None,
              registration: str | None = None, parent: bool = True) -> Entry:
        return Entry(event, make_statement(
            actor=self.actor, verb=verb, object_id=object_id, object_type=object_type,
            object_name=object_name, language=self.language,
            course_iri=self._course_iri() if parent else None, timestamp=timestamp,
            sid=statement_id(self.actor, *event), result=result, registration=registration,
        ))

    def session(self, verb: str, session_id: str, timestamp: str, seconds: float | None = None) -> Entry:
        """``initialized`` or ``terminated`` for one run of the app."""
        result: dict[str, object] | None = None
        if seconds is not None:
            result = {"duration": iso_duration(seconds)}
        return self.entry((verb, session_id), verb=verb, object_id=self._course_iri(),
                          object_type="course", object_name=self.course.title, timestamp=timestamp,
                          result=result, registration=session_id, parent=False)

    def from_progress(self, progress: Progress, now: str) -> Iterator[Entry]:
        """Every completion and quiz answer the progress shows (old ones too: the outbox keeps
        only those it has not seen)."""
        approach = next((a for a in APPROACHES if a == progress.approach), None)
        for module in self.course.modules:
            if module.kind not in REPORTED_KINDS:
                continue
            found = progress.modules.get(module.id)
            if found is None:
                continue
            yield from self._answers(module, found.quiz)
            shown = {s.id for s in module.steps_for(approach)}
            if shown and shown <= set(found.seen) | set(found.skipped):
                yield self.entry(
                    ("completed", module.id), verb="completed",
                    object_id=activity_iri(self.activity_base, self.course.id, module.id),
                    object_type="module", object_name=module.title, timestamp=now,
                    result={"completion": True, "duration": iso_duration(found.seconds)},
                )

    def _answers(self, module: Module, quiz: dict[str, list[QuizAttempt]]) -> Iterator[Entry]:
        for step in module.steps:
            if not isinstance(step, QuizStep):
                continue
            for attempt in quiz.get(step.id, []):
                yield self.entry(
                    ("answered", module.id, step.id, attempt.at), verb="answered",
                    object_id=activity_iri(self.activity_base, self.course.id, module.id, step.id),
                    object_type="question", object_name=step.title, timestamp=attempt.at,
                    result={"success": bool(attempt.correct),
                            "score": {"scaled": 1.0 if attempt.correct else 0.0}},
                )
