"""The course as finished, immutable objects.

The loader builds these only from a course that validated cleanly, so the UI can trust every
field without checking it again. They are Records (tbp_tui/record.py), not dataclasses: this module is
imported before every first paint, and defining 14 dataclasses took 8-14 ms of it.

A step from the kept copy (course/cache.py) comes without its text fields, which only an open
module shows; the first time one is asked for, its module's text is read (`_Later`).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import ClassVar, Literal

from tbp_tui.record import Record

Approach = Literal["kunnskap", "praksis", "erfaring"]
APPROACHES: tuple[Approach, ...] = ("kunnskap", "praksis", "erfaring")
ModuleKind = Literal["intro", "competency", "guide", "references", "checklist"]
MODULE_KINDS: tuple[ModuleKind, ...] = ("intro", "competency", "guide", "references", "checklist")
STEP_KINDS: tuple[str, ...] = ("text", "reflection", "exercise", "quiz", "checklist")


LATER = "_later"
"""The key in a kept step's dict of what reads its text fields; never a field."""
_REQUIRED = object()


class _Later:
    """A text field a step from the kept copy has not read yet: asking for it reads its module's.

    Only such a step lacks the field in its own dict, so every other step's value is found there
    first and never reaches this (a descriptor without __set__ yields to the instance dict).
    """

    def __init__(self, name: str, default: object) -> None:
        self.name = name
        self.default = default

    def __get__(self, step: Step | None, owner: type) -> object:
        if step is None:  # the class's own attribute: its default, as before
            if self.default is _REQUIRED:
                raise AttributeError(self.name)
            return self.default
        step._read_text()
        try:
            return step.__dict__[self.name]
        except KeyError:
            raise AttributeError(self.name) from None


class Step(Record):
    """What every step has; the subclasses add what their kind needs."""

    kind: ClassVar[str] = ""
    text_fields: ClassVar[tuple[str, ...]] = ("manus", "innholdsnotis")
    """What only an open module shows: a step from the kept copy reads these on first use."""
    id: str
    title: str
    approaches: tuple[Approach, ...] = APPROACHES
    minutes: float | None = None
    manus: str | None = None
    innholdsnotis: str | None = None
    sources: tuple[str, ...] = ()

    def shown_for(self, approach: Approach | None) -> bool:
        """None means the learner chose all approaches."""
        return approach is None or approach in self.approaches

    def _read_text(self) -> None:
        """Fill in the text fields a step from the kept copy left for later (course/cache.py)."""
        later = self.__dict__.get(LATER)
        if later is not None:
            later()

    def _values(self) -> tuple[object, ...]:
        self._read_text()  # equal steps compare their text too
        return super()._values()

    def __getstate__(self) -> dict[str, object]:
        self._read_text()
        return {name: value for name, value in self.__dict__.items() if name != LATER}


class TextStep(Step):
    kind: ClassVar[str] = "text"
    text_fields: ClassVar[tuple[str, ...]] = (*Step.text_fields, "body")
    body: str


class ReflectionStep(Step):
    kind: ClassVar[str] = "reflection"
    text_fields: ClassVar[tuple[str, ...]] = (*Step.text_fields, "prompt", "body")
    prompt: str
    body: str | None = None


class ExerciseStep(Step):
    kind: ClassVar[str] = "exercise"
    text_fields: ClassVar[tuple[str, ...]] = (*Step.text_fields, "instructions")
    instructions: str
    timer_seconds: int | None = None


class QuizStep(Step):
    kind: ClassVar[str] = "quiz"
    text_fields: ClassVar[tuple[str, ...]] = (*Step.text_fields, "question", "options", "explanation")
    question: str
    options: tuple[str, ...]
    correct: frozenset[int]
    """1-based positions in `options`, as the course file writes them."""
    explanation: str

    def is_correct(self, chosen: int) -> bool:
        return chosen in self.correct


class ChecklistItem(Record):
    id: str
    text: str
    note: bool = False
    detail: str | None = None


class ChecklistStep(Step):
    kind: ClassVar[str] = "checklist"
    text_fields: ClassVar[tuple[str, ...]] = (*Step.text_fields, "items", "body")
    items: tuple[ChecklistItem, ...]
    body: str | None = None


class Reference(Record):
    id: str
    authors: str
    year: int | str
    title: str
    publication: str
    url: str | None = None
    """A web address; a DOI is written as its https://doi.org/ address."""
    no_link: str | None = None
    """Why there is no url (a printed book, say); the content tests ask for one or the other."""

    def cite(self) -> str:
        """One line in the reference list, APA-like."""
        url = f" {self.url}" if self.url else ""
        return f"{self.authors} ({self.year}). {self.title}. {self.publication}.{url}"


class Module(Record):
    id: str
    title: str
    kind: ModuleKind
    minutes: int
    steps: tuple[Step, ...]
    summary: str | None = None
    learning_goals: tuple[str, ...] = ()
    skill: str | None = None
    outline: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    source: Path | None = None

    def steps_for(self, approach: Approach | None) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.shown_for(approach))

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def minutes_for(self, approach: Approach) -> float:
        return sum(s.minutes or 0 for s in self.steps if s.shown_for(approach))


class Term(Record):
    term: str
    definition: str


class HelpNumber(Record):
    name: str
    contact: str
    detail: str | None = None


class HelpNumbers(Record):
    note: str
    numbers: tuple[HelpNumber, ...]


class Course(Record):
    id: str
    title: str
    language: str
    modules: tuple[Module, ...]
    description: str | None = None
    glossary: tuple[Term, ...] = ()
    help_numbers: HelpNumbers | None = None
    root: Path | None = None

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    @property
    def references(self) -> tuple[Reference, ...]:
        return tuple(r for m in self.modules for r in m.references)


def _text_read_later(*kinds: type[Step]) -> None:
    """Each kind's text fields as `_Later` class attributes; the Records' defaults stay theirs."""
    for kind in kinds:
        for name in kind.text_fields:
            setattr(kind, name, _Later(name, kind._defaults.get(name, _REQUIRED)))


_text_read_later(Step, TextStep, ReflectionStep, ExerciseStep, QuizStep, ChecklistStep)


LEARNING_KINDS: tuple[ModuleKind, ...] = ("intro", "competency")
"""Modules that make up the course's path; the guide, the references and the checklist stand aside."""


def module_done(module: Module, approach: Approach | None, passed: Collection[str]) -> bool:
    """Every step shown for the approach has been read or passed over (skipped at its note)."""
    shown = module.steps_for(approach)
    return bool(shown) and all(s.id in passed for s in shown)


def next_module(course: Course, after: str, done: Collection[str]) -> Module | None:
    """What comes after module `after`: the next module on the course's path not done yet.

    The path is the course's own order of introductions and competency modules. The
    introductions are alternatives (a short and a long one), so once one is done the others
    are no longer ahead. After the last module, an earlier one not done yet comes next; None
    means the whole path is done (the end of the course).
    """
    path = [m for m in course.modules if m.kind in LEARNING_KINDS]
    if any(m.kind == "intro" and (m.id in done or m.id == after) for m in path):
        path = [m for m in path if m.kind != "intro"]
    ahead = [m for m in path if m.id not in done and m.id != after]
    ids = [m.id for m in course.modules]
    here = ids.index(after) if after in ids else -1
    later = [m for m in ahead if ids.index(m.id) > here]
    found = later or ahead
    return found[0] if found else None
