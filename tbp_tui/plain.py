"""Plain mode: the course as a line-by-line dialogue, for screen readers, braille displays and
terminals where a full-screen app cannot run (TERM=dumb, a pipe, a serial console).

Everything is printed once, in reading order, and every answer is a line of input; nothing
redraws, moves the cursor or times out. It uses the same progress store as the full app, so a
learner can switch between the two. Plain Python: no Textual, no Rich.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

from tbp_tui.clock import Clock, SystemClock, mmss
from tbp_tui.course.model import (
    APPROACHES,
    Approach,
    ChecklistStep,
    Course,
    ExerciseStep,
    Module,
    QuizStep,
    ReflectionStep,
    Step,
    TextStep,
)
from tbp_tui.options import AppOptions
from tbp_tui.progress import ProgressStore
from tbp_tui.textsafe import visible
from tbp_tui.translate import counted
from tbp_tui.ui.i18n import Catalog

_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def markdown_as_text(markdown: str) -> str:
    """Drop emphasis markers, which a screen reader would spell out; keep lists and paragraphs."""
    return _EMPHASIS.sub(r"\2", markdown).strip()


class Quit(Exception):
    """The learner asked to leave, or input ended."""


class PlainMode:
    def __init__(self, course: Course, store: ProgressStore, options: AppOptions,
                 inp: TextIO, out: TextIO, clock: Clock | None = None) -> None:
        self.course = course
        self.store = store
        self.t = Catalog(options.lang)
        self.inp = inp
        self.out = out
        self.clock = clock or SystemClock()
        self._timer: tuple[str, float] | None = None

    # -- input and output -----------------------------------------------------------------
    def say(self, text: str = "") -> None:
        """Print a line; course text and everything else is made inert first (no escape codes)."""
        self.out.write(visible(text) + "\n")
        self.out.flush()

    def ask(self, prompt: str) -> str:
        """One line of input, stripped; end of input counts as quitting."""
        self.out.write(visible(prompt) + " ")
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.say()
            raise Quit
        answer = line.strip()
        if answer.lower() == "q":
            raise Quit
        return answer

    def save(self) -> bool:
        """Save now; say what the store has to say (failed, saving again). True when on disk."""
        before = len(self.store.notices)
        saved = self.store.save()
        for notice in self.store.notices[before:]:
            self.say(notice.words(self.t))
        return saved

    # -- the course -----------------------------------------------------------------------
    @property
    def approach(self) -> Approach | None:
        value = self.store.progress.approach
        return next((a for a in APPROACHES if a == value), None)

    def run(self) -> int:
        self.say(self.course.title)
        self.say("=" * len(self.course.title))
        for notice in self.store.notices:
            self.say(notice.words(self.t))
        self.say(self.t("plain.intro" if self.store.saving else "plain.intro_unsaved"))
        try:
            while True:
                self.home()
        except Quit:
            self.say(self.t(self.leave()))
        return 0

    def leave(self) -> str:
        """Save before quitting; with work still unsaved, ask (Enter tries again). The goodbye key."""
        while not self.save() and self.store.unsaved:
            self.out.write(visible(self.t("plain.quit_unsaved")) + " ")
            self.out.flush()
            line = self.inp.readline()
            if not line or line.strip().lower() in ("j", "y", "q"):
                return "plain.bye_not_all"
        return "plain.bye" if self.store.saving else "plain.bye_unsaved"

    def home(self) -> None:
        self.say()
        self.say(self.t("plain.home", approach=self.t.approach(self.approach)))
        for n, module in enumerate(self.course.modules, 1):
            self.say(f"{n}. {module.title} ({self.t('common.minutes', n=module.minutes)})"
                     f" – {self.explored(module)}")
        current = self.store.progress.current
        resume = self.course.module(current.module) if current else None
        if resume is not None and current is not None:
            self.say(self.t("plain.resume", module=resume.title))
        self.say(self.t("plain.home_keys"))
        answer = self.ask(self.t("plain.choose"))
        if answer.isdecimal() and 1 <= int(answer) <= len(self.course.modules):
            self.module(self.course.modules[int(answer) - 1], None)
        elif answer == "f" and resume is not None and current is not None:
            self.module(resume, current.step)
        elif answer == "a":
            self.choose_approach()
        elif answer == "h":
            self.help_numbers()
        elif answer == "p":
            self.pause()
        else:
            self.say(self.t("plain.unknown", answer=visible(answer)))

    def explored(self, module: Module) -> str:
        ids = {s.id for s in module.steps}
        seen, written = self.store.progress.explored(module.id, ids)
        if module.kind == "checklist":  # as on home: its ticks are never stored, so no count
            return self.t("plain.explored_private", written=written)
        return self.t("plain.explored", seen=seen, steps=counted(self.t, "step", len(ids)), written=written)

    def choose_approach(self) -> None:
        options: list[Approach | None] = [*APPROACHES, None]
        for n, value in enumerate(options, 1):
            self.say(f"{n}. {self.t.approach(value)}")
        answer = self.ask(self.t("plain.choose"))
        if answer.isdecimal() and 1 <= int(answer) <= len(options):
            self.store.set_approach(options[int(answer) - 1])
            self.save()
            self.say(self.t("plain.approach_set", approach=self.t.approach(self.approach)))

    def help_numbers(self) -> None:
        numbers = self.course.help_numbers
        if numbers is None:
            return
        self.say()
        for number in numbers.numbers:
            detail = f" – {number.detail}" if number.detail else ""
            self.say(f"- {number.name}: {number.contact}{detail}")
        self.say(numbers.note)

    def pause(self) -> None:
        self.say()
        self.say(self.t("plain.pause"))
        self.ask(self.t("plain.pause_back"))

    # -- a module -------------------------------------------------------------------------
    def module(self, module: Module, start: str | None) -> None:
        steps = module.steps_for(self.approach)
        index = next((i for i, s in enumerate(steps) if s.id == start), -1)
        if index < 0:
            self.overview(module)
            index = 0
        while index < len(steps):
            move = self.step(module, steps, index)
            if move is None:
                return
            index = max(0, index + move)
        self.say(self.t("plain.module_done", module=module.title))

    def overview(self, module: Module) -> None:
        self.say()
        self.say(module.title)
        self.say("-" * len(module.title))
        if module.summary:
            self.say(module.summary)
        for heading, lines in ((self.t("plain.goals"), module.learning_goals),
                               (self.t("plain.outline"), module.outline)):
            if lines:
                self.say(heading)
                for line in lines:
                    self.say(f"- {line}")
        if module.skill:
            self.say(self.t("plain.skill", skill=module.skill))
        for ref in module.references:
            self.say(f"- {ref.cite()}")

    def step(self, module: Module, steps: tuple[Step, ...], index: int) -> int | None:
        """Show one step; returns how far to move (+1, -1), or None for the module list."""
        step = steps[index]
        private = module.kind == "checklist"  # the safety plan stores nothing about a patient
        self.say()
        minutes = f" ({self.t('common.minutes', n=f'{step.minutes:g}')})" if step.minutes else ""
        self.say(self.t("plain.step", n=index + 1, total=len(steps), title=step.title) + minutes)
        if step.innholdsnotis:
            self.say(self.t("plain.note", note=step.innholdsnotis))
            answer = self.ask(self.t("plain.note_keys"))
            if answer == "s":
                if not private:
                    self.store.mark_skipped(module.id, step.id)
                    self.save()
                return 1
            if answer == "p":
                self.pause()
        if not private:
            self.store.set_position(module.id, step.id)
            self.store.mark_seen(module.id, step.id)
            self.save()
        self.show(module, step)
        while True:
            answer = self.ask(self.t("plain.step_keys"))
            if answer == "":
                return 1
            if answer == "b":
                return -1
            if answer == "m":
                return None
            if answer == "p":
                self.pause()
            elif answer == "h":
                self.help_numbers()
            elif not (isinstance(step, ExerciseStep) and answer == "t" and self.timer(step)):
                self.say(self.t("plain.unknown", answer=visible(answer)))

    def show(self, module: Module, step: Step) -> None:
        if isinstance(step, TextStep):
            self.say(markdown_as_text(step.body))
        elif isinstance(step, ReflectionStep):
            self.reflection(module, step)
        elif isinstance(step, ExerciseStep):
            self.say(markdown_as_text(step.instructions))
            if step.timer_seconds:
                self.say(self.t("plain.timer_offer", minutes=f"{step.timer_seconds / 60:g}"))
        elif isinstance(step, QuizStep):
            self.quiz(module, step)
        elif isinstance(step, ChecklistStep):
            if step.body:
                self.say(markdown_as_text(step.body))
            for item in step.items:
                self.say(f"[ ] {item.text}")
            self.say(self.t("plain.checklist_private"))

    def reflection(self, module: Module, step: ReflectionStep) -> None:
        if step.body:
            self.say(markdown_as_text(step.body))
        self.say(step.prompt)
        found = self.store.progress.modules.get(module.id)
        old = found.reflections.get(step.id) if found else None
        if old and old.text:
            self.say(self.t("plain.reflection_old"))
            for line in old.text.splitlines():
                self.say(f"  {visible(line)}")
        self.say(self.t("plain.reflection_how"))
        lines: list[str] = []
        while True:
            self.out.write("> ")
            self.out.flush()
            line = self.inp.readline()
            if not line or not line.strip():
                break
            lines.append(line.rstrip("\n"))
        if lines:
            self.store.set_reflection(module.id, step.id, "\n".join(lines))
            self.say(self.t("plain.reflection_saved" if self.save() else "plain.not_saved"))

    def quiz(self, module: Module, step: QuizStep) -> None:
        self.say(step.question)
        for n, option in enumerate(step.options, 1):
            self.say(f"{n}. {option}")
        while True:
            answer = self.ask(self.t("plain.quiz_ask"))
            if not answer.isdecimal() or not 1 <= int(answer) <= len(step.options):
                return
            chosen = int(answer)
            right = step.is_correct(chosen)
            self.store.record_quiz(module.id, step.id, [chosen], right)
            self.save()
            self.say(self.t("plain.quiz_right" if right else "plain.quiz_wrong"))
            self.say(markdown_as_text(step.explanation))

    def timer(self, step: ExerciseStep) -> bool:
        """First `t` starts the timer; later ones tell the time left. It never interrupts."""
        started = self._timer
        if started is None or started[0] != step.id:
            self._timer = (step.id, self.clock.monotonic())
            self.say(self.t("plain.timer_started", minutes=f"{(step.timer_seconds or 0) / 60:g}"))
            return True
        left = (step.timer_seconds or 0) - (self.clock.monotonic() - started[1])
        if left <= 0:
            self.say(self.t("plain.timer_done"))
        else:
            self.say(self.t("plain.timer_left", time=mmss(left, up=True)))
        return True


def needs_plain(stdin: TextIO, stdout: TextIO, term: str | None) -> str | None:
    """Why the full-screen app cannot run here, or None when it can."""
    if not stdout.isatty() or not stdin.isatty():
        return "not-a-terminal"
    if term in (None, "", "dumb", "unknown"):
        return "dumb-terminal"
    return None


def run_plain(course: Course, store: ProgressStore, options: AppOptions,
              inp: TextIO | None = None, out: TextIO | None = None,
              clock: Clock | None = None) -> int:
    return PlainMode(course, store, options, inp or sys.stdin, out or sys.stdout, clock).run()

