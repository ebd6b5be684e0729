"""Plain mode: the course as a line-by-line dialogue, for screen readers, braille displays and
terminals where a full-screen app cannot run (TERM=dumb, a pipe, a serial console).

Everything is printed once, in reading order, and every answer is a line of input; nothing
redraws or moves the cursor. It stands on the same session layer as the full app
(`tbp_tui.session`): the same approach, the same steps, the same content-note rule, the same
«what may be stored». Text is reflowed to the terminal's width at word boundaries, or left as
one logical line per paragraph when the width is unknown. Plain Python: no Textual, no Rich.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TextIO

from tbp_tui.clock import Clock, SystemClock, file_stamp, mmss
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
from tbp_tui.i18n import Catalog
from tbp_tui.options import AppOptions
from tbp_tui.reflow import markdown_as_text, reflow, wrap_choices, wrap_hanging
from tbp_tui.session.export import check_export_target, export_target, os_error_words, write_export
from tbp_tui.session.learner import Learner
from tbp_tui.session.store import ProgressStoreLike
from tbp_tui.terminal import needs_plain
from tbp_tui.textsafe import visible
from tbp_tui.translate import counted

__all__ = ["PlainMode", "Quit", "markdown_as_text", "needs_plain", "run_plain"]

NoteChoice = Literal["continue", "skip", "pause"]
#: Answers at a content note, in any case: the full app's keys 1/2/3, the words' first letters.
NOTE_ANSWERS: dict[str, NoteChoice] = {
    "": "continue", "1": "continue", "f": "continue", "c": "continue",
    "2": "skip", "s": "skip",
    "3": "pause", "p": "pause",
}
#: Schedules a call after some seconds; returns a function that cancels it.
Schedule = Callable[[float, Callable[[], None]], Callable[[], None]]


class Quit(Exception):
    """The learner asked to leave, or input ended."""


def thread_schedule(seconds: float, call: Callable[[], None]) -> Callable[[], None]:
    """Real time, for a real terminal: the learner is told when time is up without asking."""
    timer = threading.Timer(seconds, call)
    timer.daemon = True
    timer.start()
    return timer.cancel


class PlainMode:
    def __init__(self, course: Course, store: ProgressStoreLike, options: AppOptions,
                 inp: TextIO, out: TextIO, clock: Clock | None = None, *,
                 width: int | None = None, schedule: Schedule | None = None) -> None:
        self.course = course
        self.learner = Learner(store, course)
        self.options = options
        self.t = Catalog(options.lang)
        self.inp = inp
        self.out = out
        self.width = width
        self.clock = clock or SystemClock()
        self._schedule = schedule
        self._lock = threading.Lock()
        self._timer: _StepTimer | None = None
        self._waiting: str | None = None
        """The prompt the learner is answering now (None while we are not waiting for a line)."""

    # -- input and output -----------------------------------------------------------------
    def say(self, text: str = "") -> None:
        """Print text, made inert first (no escape codes from a file); each line is wrapped at
        word boundaries to the width, if known."""
        lines = [out for line in visible(text).split("\n") for out in wrap_hanging(line, self.width)]
        with self._lock:
            self.out.write("\n".join(lines) + "\n")
            self.out.flush()

    def say_markdown(self, markdown: str) -> None:
        with self._lock:
            self.out.write("\n".join(reflow(visible(markdown), self.width)) + "\n")
            self.out.flush()

    def read(self, prompt: str) -> str | None:
        """One raw line (without its newline), or None when input ended."""
        width = self.width - 1 if self.width else None  # room for the cursor after the prompt
        with self._lock:
            self.out.write("\n".join(wrap_choices(visible(prompt), width)) + " ")
            self.out.flush()
        self._waiting = prompt
        line = self.inp.readline()
        self._waiting = None
        self._check_timer()
        return None if not line else line.rstrip("\n")

    def ask(self, prompt: str) -> str:
        """One line of input, stripped; end of input counts as quitting."""
        line = self.read(prompt)
        if line is None:
            self.say()
            raise Quit
        answer = line.strip()
        if answer.lower() == "q":
            raise Quit
        return answer

    def yes(self, prompt: str) -> bool:
        return self.ask(prompt).lower() in {self.t("plain.yes"), self.t("common.yes").lower()}

    def save(self) -> bool:
        """Save now; say what the store has to say (failed, saving again). True when on disk."""
        notices = self.learner.notices
        before = len(notices)
        saved = self.learner.save()
        for notice in notices[before:]:
            self.say(notice.words(self.t))
        return saved

    def leave(self) -> str:
        """Save before quitting; with work still unsaved, ask (Enter tries again). The goodbye key."""
        while not self.save() and self.learner.unsaved:
            line = self.read(self.t("plain.quit_unsaved"))
            if line is None or line.strip().lower() in ("j", "y", "q"):
                return "plain.bye_not_all"
        return "plain.bye" if self.learner.saving else "plain.bye_unsaved"

    # -- the course -----------------------------------------------------------------------
    def run(self) -> int:
        self.say(self.course.title)
        self.say("=" * min(len(self.course.title), self.width or len(self.course.title)))
        for notice in self.learner.notices:
            self.say(notice.words(self.t))
        self.say(self.t("plain.intro" if self.learner.saving else "plain.intro_unsaved"))
        if not self.learner.first_run_done:  # where, before anything is written (as the app's first page)
            learner = self.learner
            self.say(self.t("welcome.stored", path=str(learner.paths["progress_file"])) if learner.saving
                     else self.t("welcome.stored_nothing"))
        try:
            while True:
                self.home()
        except Quit:
            self._stop_timer()
            self.say(self.t(self.leave()))
        return 0

    def home(self) -> None:
        t = self.t
        self.say()
        self.say(t("plain.home", approach=t.approach(self.learner.approach)))
        for n, module in enumerate(self.course.modules, 1):
            self.say(f"{n}. {module.title} ({t('common.minutes', n=module.minutes)})"
                     f" – {self.explored(module)}")
        up = self.learner.next_up(self.course)
        if up.module is not None or up.kind == "done":
            self.say(t({"start": "plain.start", "resume": "plain.resume", "next": "plain.next",
                        "done": "plain.course_done"}[up.kind], module=up.module.title if up.module else ""))
        self.say(t("plain.home_keys"))
        answer = self.ask(t("plain.choose"))
        key = answer.lower()
        if answer.isdecimal() and 1 <= int(answer) <= len(self.course.modules):
            self.module(self.course.modules[int(answer) - 1], None)
        elif key in ("", "f") and up.kind == "done":
            self.your_data()
        elif key in ("", "f") and up.module is not None:
            self.module(up.module, up.step.id if up.step else None)
        elif key == "a":
            self.choose_approach()
        elif key == "d":
            self.your_data()
        elif key == "h":
            self.help_numbers()
        elif key == "p":
            self.pause()
        else:
            self.say(t("plain.unknown", answer=visible(answer)))

    def explored(self, module: Module) -> str:
        return ", ".join(self.learner.progress_words(module, self.t))

    def choose_approach(self) -> None:
        options: list[Approach | None] = [*APPROACHES, None]
        for n, value in enumerate(options, 1):
            self.say(f"{n}. {self.t.approach(value)}")
        answer = self.ask(self.t("plain.choose"))
        if answer.isdecimal() and 1 <= int(answer) <= len(options):
            self.learner.set_approach(options[int(answer) - 1])
            self.save()
            self.say(self.t("plain.approach_set", approach=self.t.approach(self.learner.approach)))

    def help_numbers(self) -> None:
        numbers = self.course.help_numbers
        self.say()
        self.say(self.t("helpnumbers.title"))
        if numbers is None:
            self.say(self.t("helpnumbers.empty"))
            return
        for number in numbers.numbers:
            detail = f" – {number.detail}" if number.detail else ""
            self.say(f"- {number.name}: {number.contact}{detail}")
        self.say(numbers.note)

    def pause(self) -> None:
        self.say()
        self.say(self.t("plain.pause"))
        self.ask(self.t("plain.pause_back"))

    # -- Dine data ------------------------------------------------------------------------
    def your_data(self) -> None:
        """What is stored and where, and the two rights: export and delete (as in the app)."""
        t, learner = self.t, self.learner
        where = learner.paths
        self.say()
        self.say(t("data.title"))
        self.say(t("data.profile", profile=learner.profile))
        if learner.guest:
            self.say(t("data.guest"))
        elif not learner.saving:
            self.say(t("data.not_saving"))
        self.say(t("data.what"))
        if self.options.seal is not None and not learner.guest:
            self.say(t("data.sealed"))
        c = learner.stored_counts()
        now = t("data.now", seen=counted(t, "step", c.seen),
                reflections=counted(t, "reflection", c.reflections),
                attempts=counted(t, "quiz_answer", c.quiz_attempts), minutes=int(c.seconds // 60))
        self.say(t("data.now_title") + " " + now
                 + (" · " + t("data.now_skipped", n=c.skipped) if c.skipped else ""))
        self.say(f"{t('data.data_dir')} {where['data_dir']}")
        self.say(f"{t('data.progress_file')} {where['progress_file']}")
        if learner.guest:
            self.say(t("data.guest_file"))
        else:
            self.say(t("data.file_exists" if where["progress_file"].exists() else "data.file_missing"))
        self.say(t("data.private"))
        if where["cache_dir"].is_dir():
            self.say(t("data.cache", folder=str(where["cache_dir"])))
        self.say(t("data.checklist"))
        report = learner.reporting(self.course, self.options.lang, t)
        self.say(t("data.report_title"))
        self.say(t("data.report_guest") if report is None else "\n".join(report.lines))
        self.say(t("data.rights"))
        answer = self.ask(t("plain.data_keys")).lower()
        if answer == "r" and report is not None:
            for statement in report.waiting or [t("data.report_none")]:
                self.say(statement)
        elif answer == "e":
            self.export_data()
        elif answer == "s":
            self.delete_data()
        elif answer:
            self.say(t("plain.unknown", answer=visible(answer)))

    def export_data(self) -> None:
        t = self.t
        name = t("data.export_file", when=file_stamp(self.clock.now()))
        suggested = Path.home() / name if Path.home().is_dir() else Path.cwd() / name
        raw = self.ask(t("plain.export_ask", path=str(suggested))) or str(suggested)
        try:
            target = export_target(raw, name)
            replace = check_export_target(target)  # refuses links, devices, FIFOs, missing folders
            if replace and not self.yes(t("plain.export_replace", path=str(target))):
                return
            write_export(target, self.learner.export_markdown(self.course, t).encode("utf-8"),
                         replace=replace)
        except OSError as error:
            self.say(t("data.export_failed", reason=os_error_words(t, error)))
            return
        self.say(t("export.done", path=str(target.resolve())))
        self.say(t("data.export_private"))

    def delete_data(self) -> None:
        t, learner = self.t, self.learner
        if learner.guest:
            self.say(t("data.guest_nothing"))
            return
        folder = learner.paths["profile_dir"]
        self.say(t("data.delete_body", profile=learner.profile, folder=str(folder)))
        if not self.yes(t("plain.delete_ask")):
            return
        problems = learner.forget()
        if problems or folder.exists():
            self.say(t("data.delete_failed", folder=str(folder)))
            for problem in problems:
                self.say(problem.words(t))
        else:
            self.say(t("data.deleted", folder=str(folder)))

    # -- a module -------------------------------------------------------------------------
    def module(self, module: Module, start: str | None) -> None:
        steps = self.learner.steps(module)
        index = next((i for i, s in enumerate(steps) if s.id == start), -1)
        if index < 0:
            self.overview(module)
            index = 0
        answered: set[str] = set()  # content notes answered with «continue» on this visit
        while index < len(steps):
            move = self.step(module, steps, index, answered)
            self._stop_timer()
            if move is None:
                return
            index = max(0, index + move)
        self.module_end(module)

    def module_end(self, module: Module) -> None:
        """The end of a module, as the app's ending page says it: what the learner did, a moment
        to land, and what comes next (home then offers it)."""
        t = self.t
        self.say()
        self.say(t("end.done", module=module.title))
        if self.learner.private(module):  # the checklist: nothing of it is kept to count
            return
        end = self.learner.ending(self.course, module)
        following = end.following
        self.say(t("end.did_title"))
        self.say("- " + t("home.explored", seen=end.seen, steps=counted(t, "step", end.shown)))
        if end.reflections is not None:
            self.say("- " + t("end.written", reflections=counted(t, "reflection", end.reflections)))
        if end.skipped:
            self.say("- " + t("plain.end_skipped", n=end.skipped))
        self.say(t("plain.end_ground"))
        self.say(t("end.next_title"))
        if following is None:
            self.say(t("end.course_done"))
            self.say(t("plain.course_export"))
        else:
            self.say(t("end.next", module=following.title,
                       minutes=t("common.minutes", n=following.minutes)))

    def overview(self, module: Module) -> None:
        self.say()
        self.say(module.title)
        self.say("-" * min(len(module.title), self.width or len(module.title)))
        if module.summary:
            self.say_markdown(module.summary)
        for heading, lines in ((self.t("plain.goals"), module.learning_goals),
                               (self.t("plain.outline"), module.outline)):
            if lines:
                self.say(heading)
                for line in lines:
                    self.say_markdown(f"- {line}")
        if module.skill:
            self.say(self.t("plain.skill", skill=module.skill))
        for ref in module.references:
            self.say_markdown(f"- {ref.cite()}")

    def step(self, module: Module, steps: tuple[Step, ...], index: int,
             answered: set[str] | None = None) -> int | None:
        """Show one step; returns how far to move (+1, -1), or None for the module list."""
        answered = set() if answered is None else answered
        step = steps[index]
        learner = self.learner
        self.say()
        minutes = f" ({self.t('common.minutes', n=f'{step.minutes:g}')})" if step.minutes else ""
        self.say(self.t("plain.step", n=index + 1, total=len(steps), title=step.title) + minutes)
        if learner.note_first(module, step, answered):
            learner.place(module.id, step.id)
            self.save()
            choice = self.content_note(step)
            if choice == "skip":
                learner.skip(module.id, step.id)
                self.save()
                return 1
            answered.add(step.id)
        elif step.innholdsnotis:  # read before: a quiet line, as in the full app
            self.say(self.t("plain.note", note=step.innholdsnotis))
        learner.visit(module.id, step.id)
        self.save()
        self.show(module, step)
        while True:
            answer = self.ask(self.t("plain.step_keys"))
            key = answer.lower()
            if key == "":
                return 1
            if key == "b":
                return -1
            if key == "m":
                return None
            if key == "p":
                self.pause()
            elif key == "h":
                self.help_numbers()
            elif not (isinstance(step, ExerciseStep) and key == "t" and self.timer(step)):
                self.say(self.t("plain.unknown", answer=visible(answer)))

    def content_note(self, step: Step) -> Literal["continue", "skip"]:
        """Ask until the answer is continue or skip; a pause comes back to the same choice."""
        self.say(self.t("plain.note", note=step.innholdsnotis or ""))
        while True:
            answer = self.ask(self.t("plain.note_keys"))
            choice = NOTE_ANSWERS.get(answer.lower())
            if choice == "pause":
                self.pause()
                self.say(self.t("plain.note", note=step.innholdsnotis or ""))
            elif choice is not None:
                return choice
            else:
                self.say(self.t("plain.unknown", answer=visible(answer)))

    def show(self, module: Module, step: Step) -> None:
        if isinstance(step, TextStep):
            self.say_markdown(step.body)
        elif isinstance(step, ReflectionStep):
            self.reflection(module, step)
        elif isinstance(step, ExerciseStep):
            self.say_markdown(step.instructions)
            if step.timer_seconds:
                self.say(self.t("plain.timer_offer", minutes=f"{step.timer_seconds / 60:g}"))
        elif isinstance(step, QuizStep):
            self.quiz(module, step)
        elif isinstance(step, ChecklistStep):
            if step.body:
                self.say_markdown(step.body)
            for item in step.items:
                self.say(f"[ ] {item.text}")
            self.say(self.t("plain.checklist_private"))

    def reflection(self, module: Module, step: ReflectionStep) -> None:
        if step.body:
            self.say_markdown(step.body)
        self.say_markdown(step.prompt)
        old = self.learner.reflection(module.id, step.id)
        if old:
            self.say(self.t("plain.reflection_old"))
            for line in old.splitlines():
                self.say(f"  {visible(line)}")
        self.say(self.t("plain.reflection_how"))
        lines: list[str] = []
        while (typed := self.read(">")) is not None and typed.strip():
            lines.append(typed)
        if lines:
            self.learner.set_reflection(module.id, step.id, "\n".join(lines))
            self.say(self.t("plain.reflection_saved" if self.save() else "plain.not_saved"))

    def quiz(self, module: Module, step: QuizStep) -> None:
        self.say_markdown(step.question)
        for n, option in enumerate(step.options, 1):
            self.say(f"{n}. {option}")
        while True:
            answer = self.ask(self.t("plain.quiz_ask"))
            if not answer.isdecimal() or not 1 <= int(answer) <= len(step.options):
                return
            chosen = int(answer)
            right = step.is_correct(chosen)
            self.learner.record_quiz(module.id, step.id, chosen, right)
            self.save()
            self.say(self.t("plain.quiz_right" if right else "plain.quiz_wrong"))
            self.say_markdown(step.explanation)

    # -- the timer ------------------------------------------------------------------------
    def timer(self, step: ExerciseStep) -> bool:
        """First `t` starts the timer; later ones tell the time left. It never moves on or
        interrupts; when time is up it says so once, on its own or at the next answer."""
        timer = self._timer
        if timer is None or timer.step_id != step.id:
            self._stop_timer()
            seconds = step.timer_seconds or 0
            timer = self._timer = _StepTimer(step.id, self.clock.monotonic() + seconds)
            if self._schedule is not None:
                timer.cancel = self._schedule(seconds, self._check_timer)
            self.say(self.t("plain.timer_started", minutes=f"{seconds / 60:g}"))
            return True
        left = timer.ends - self.clock.monotonic()
        if left > 0:
            self.say(self.t("plain.timer_left", time=mmss(left, up=True)))
        elif not timer.just_told:
            self.say(self.t("plain.timer_done"))
        return True

    def _check_timer(self) -> None:
        """Say «time is up» once, the first time anyone looks after the end."""
        timer = self._timer
        if timer is None:
            return
        timer.just_told = False
        if not timer.told and self.clock.monotonic() >= timer.ends:
            timer.told = timer.just_told = True
            waiting = self._waiting
            if waiting is None:
                self.say(self.t("plain.timer_done"))
            else:  # said while the learner is at a prompt: on a line of its own, then the prompt again
                self.say("\n" + self.t("plain.timer_done"))
                with self._lock:
                    self.out.write(waiting + " ")
                    self.out.flush()

    def _stop_timer(self) -> None:
        timer, self._timer = self._timer, None
        if timer is not None and timer.cancel is not None:
            timer.cancel()


class _StepTimer:
    """A running timer of one exercise step (plain mode shows one at a time)."""

    def __init__(self, step_id: str, ends: float) -> None:
        self.step_id = step_id
        self.ends = ends
        self.told = False
        self.just_told = False  # told while reading the answer being handled now
        self.cancel: Callable[[], None] | None = None


def terminal_width(out: TextIO) -> int | None:
    """The terminal's columns, or None when unknown (a pipe: the reader wraps, not us)."""
    try:
        if out.isatty():
            return max(20, os.get_terminal_size(out.fileno()).columns)
    except (OSError, ValueError):
        pass
    return None


def run_plain(course: Course, store: ProgressStoreLike, options: AppOptions,
              inp: TextIO | None = None, out: TextIO | None = None,
              clock: Clock | None = None) -> int:
    out = out or sys.stdout
    real = clock is None
    return PlainMode(course, store, options, inp or sys.stdin, out, clock,
                     width=terminal_width(out), schedule=thread_schedule if real else None).run()
