"""One view per step kind. Views render a step and report what the learner did through callbacks;
they never touch the store, so the module screen decides what is kept (and the safety-plan
checklist keeps nothing).

Course text is trusted Markdown (drawn by `prose.py`); learner text is shown through
`rich.text.Text` or a TextArea only, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tbp_tui.clock import Clock
from tbp_tui.course.model import (
    ChecklistStep,
    ExerciseStep,
    Module,
    QuizStep,
    ReflectionStep,
    Step,
    TextStep,
)
from tbp_tui.i18n import Catalog
from tbp_tui.textsafe import count_controls
from tbp_tui.ui.base import catalog_of
from tbp_tui.ui.widgets.choices import Choices
from tbp_tui.ui.widgets.countdown import Countdown
from tbp_tui.ui.widgets.prose import Indented, Prose
from tbp_tui.ui.widgets.timer import TimerWidget

if TYPE_CHECKING:
    from tbp_tui.ui.widgets.reflection import ReflectionArea

SAVE_DELAY = 1.0
"""Seconds after the last keystroke before a reflection is stored."""


def _minutes(t: Catalog, minutes: float | None) -> str:
    return t("module.minutes", n=f"{minutes:g}") if minutes else ""


def step_title(t: Catalog, step: Step) -> Text:
    """A step's title line, with its minutes when it has them (the step and its content note)."""
    title = Text(step.title, style="bold")
    if step.minutes:
        title.append(f"  ·  {_minutes(t, step.minutes)}", style="dim")
    return title


def note_text(t: Catalog, step: Step) -> Text:
    """The quiet line under a step's title that names its content note (empty without one)."""
    note = step.innholdsnotis
    return Text(t("reader.note_line", note=note), style="dim italic") if note else Text()


class StepView(Vertical):
    """Title line and body of one step."""

    DEFAULT_CLASSES = "step"

    def __init__(self, step: Step) -> None:
        super().__init__()
        self.step = step
        self.note_line = False
        """Show the step's content note as one quiet line under the title (the reader, once read)."""

    def compose_header(self) -> ComposeResult:
        t = catalog_of(self)
        yield Static(step_title(t, self.step), classes="step-title", markup=False)
        if self.note_line:  # hidden on a step without a note, so another step can use it
            line = Static(note_text(t, self.step), classes="note-line", markup=False)
            line.display = bool(self.step.innholdsnotis)
            yield line

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield from self.compose_body()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def commit(self) -> None:
        """Store anything pending; called before the step is left."""

    def activate(self) -> bool:
        """The Enter key on the page; False when the step has nothing to activate."""
        return False

    def reuse(self, step: Step) -> bool:
        """Show `step` in this view instead of a new one; False when this view cannot."""
        return False


class TextView(StepView):
    step: TextStep
    drawn_by_page = False
    """Drawn as lines by the reader's page (`textpage.TextPage`), not as widgets of its own."""

    def compose(self) -> ComposeResult:
        if not self.drawn_by_page:
            yield from super().compose()

    def compose_body(self) -> ComposeResult:
        yield Prose(self.step.body, classes="body")

    def reuse(self, step: Step) -> bool:
        """A text step after a text step, drawn by the page: only the step changes, no widget is
        made, styled or removed (40 readers in a room redraw at once)."""
        if type(step) is not TextStep or not self.drawn_by_page or not self.is_mounted:
            return False
        self.step = step
        return True


class AnswerView(StepView):
    """A step with a field the learner writes in: handed on after a pause in typing and on leaving."""

    def __init__(
        self,
        step: Step,
        text: str,
        on_commit: Callable[[str], bool],
        *,
        unsaved: Callable[[], str | None],
    ) -> None:
        super().__init__(step)
        self.initial = text
        self.on_commit = on_commit
        self.unsaved = unsaved
        """Why the answer will not be stored (a catalog key), or None when it will be; asked each
        time, since saving can be turned off while the step is open (Dine data, Slett alt)."""
        self._pending: str | None = None
        self._timer: Timer | None = None

    def compose_answer(self, hint: str, label: str) -> ComposeResult:
        # Textual's TextArea and its document model (about 0.55 MiB): only where a step has a
        # field, not with every module's overview and text steps (issue 22: memory)
        from tbp_tui.ui.widgets.reflection import ReflectionArea

        t = catalog_of(self)
        yield Static(Text(f"{t(hint)} {t('reflection.empty_ok')}", style="dim"), classes="hint",
                     markup=False)
        area = ReflectionArea(self.initial, id="answer")
        area.border_title = t(label)
        yield area
        yield Static("", id="reflection-status", markup=False)

    def on_mount(self) -> None:
        self._show_status()

    @property
    def area(self) -> ReflectionArea:
        from tbp_tui.ui.widgets.reflection import ReflectionArea  # imported by compose_answer

        return self.query_one("#answer", ReflectionArea)

    def on_text_area_changed(self, event: ReflectionArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        if self._pending is None and text == self.initial:
            return
        self._pending = text
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_DELAY, self.commit)
        self._show_status(saving=True)

    def commit(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._pending is None:
            return
        text, self._pending = self._pending, None
        self.initial = text
        saved = self.on_commit(text)
        if self.is_mounted:
            self._show_status(saved=saved)

    def _show_status(self, *, saving: bool = False, saved: bool = True) -> None:
        t = catalog_of(self)
        text = self.area.text
        parts: list[str] = []
        if (reason := self.unsaved()) is not None:
            parts.append(t(reason))
        elif saving:
            parts.append(t("reflection.saving"))
        elif saved and text:
            parts.append("✓ " + t("reflection.saved"))
        n = count_controls(text)
        if n:
            parts.append(t("reflection.controls", n=n))
        self.query_one("#reflection-status", Static).update(Text("  ".join(parts), style="dim"))

    def activate(self) -> bool:
        """Into the answer field, cursor after what is already written."""
        area = self.area
        if area.cursor_location == (0, 0):
            area.move_cursor(area.document.end)
        area.focus()
        return True


class ReflectionView(AnswerView):
    """Prompt and answer field."""

    step: ReflectionStep

    def compose_body(self) -> ComposeResult:
        if self.step.body:
            yield Prose(self.step.body, classes="body")
        yield Static(Text(self.step.prompt, style="bold"), classes="prompt", markup=False)
        yield from self.compose_answer("reflection.hint", "reflection.label")


class ExerciseView(AnswerView):
    """Instructions, the timer if any, and a place to write: a pair talk or a plan is done alone
    too, and the learner alone needs somewhere to put it (kept like a reflection)."""

    step: ExerciseStep

    def __init__(
        self,
        step: ExerciseStep,
        clock: Clock,
        *,
        bell: bool,
        text: str = "",
        on_commit: Callable[[str], bool] = lambda text: False,
        unsaved: Callable[[], str | None] = lambda: None,
    ) -> None:
        super().__init__(step, text, on_commit, unsaved=unsaved)
        self.clock = clock
        self.bell = bell
        self.countdown: Countdown | None = None
        """The screen's countdown for this step, kept while the learner looks elsewhere."""

    def compose_body(self) -> ComposeResult:
        yield Prose(self.step.instructions, classes="body")
        if self.step.timer_seconds:
            yield TimerWidget(self.step.timer_seconds, self.clock, bell=self.bell, id="timer",
                              countdown=self.countdown)
        yield from self.compose_answer("exercise.hint", "exercise.label")

    @property
    def timer(self) -> TimerWidget | None:
        found = self.query("#timer")
        return found.first(TimerWidget) if found else None

    def activate(self) -> bool:
        """Enter starts or pauses the timer; without one it goes into the notes field."""
        if self.timer is None:
            return super().activate()
        self.timer.toggle()
        return True


class QuizOptions(Choices, inherit_bindings=False):
    """The answers: ↑/↓ and Enter only. PageDown, End and the like scroll the page, where the
    explanation is, instead of moving in a list of three."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "a.cursor_down", id="cursor-down", show=False),
        Binding("up", "cursor_up", "a.cursor_up", id="cursor-up", show=False),
        Binding("enter", "select", "a.select", id="select", show=False),
    ]


class QuizView(StepView):
    """Any answer shows right or wrong in words and symbols; the explanation follows a right
    answer, or comes when asked (i), so that after a wrong one it does not give the answer away."""

    step: QuizStep

    def __init__(self, step: QuizStep, on_answer: Callable[[int, bool], None]) -> None:
        super().__init__(step)
        self.on_answer = on_answer
        self.chosen: int | None = None

    def compose_body(self) -> ComposeResult:
        t = catalog_of(self)
        yield Static(Text(self.step.question, style="bold"), classes="prompt", markup=False)
        yield Static(
            Text(t("quiz.hint", n=len(self.step.options)), style="dim"),
            classes="hint",
            markup=False,
        )
        # a wrapped answer keeps clear of its number (hanging indent)
        yield QuizOptions(
            *[
                Option(Indented(Text(opt), Text(f"{i}. "), Text(" " * len(f"{i}. "))), id=f"o{i}")
                for i, opt in enumerate(self.step.options, start=1)
            ],
            id="options",
        )
        yield Static("", id="verdict", markup=False)
        explanation = Vertical(id="explanation")
        explanation.display = False
        with explanation:
            yield Static(Text(t("quiz.explanation"), style="bold"), markup=False)
            yield Prose(self.step.explanation, classes="body")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.answer(event.option_index + 1)

    def answer(self, chosen: int) -> None:
        """Show the verdict and explanation for option `chosen` (1-based)."""
        if not 1 <= chosen <= len(self.step.options):
            return
        t = catalog_of(self)
        self.chosen = chosen
        right = self.step.is_correct(chosen)
        option = self.step.options[chosen - 1]
        verdict = self.query_one("#verdict", Static)
        verdict.update(Text(t("quiz.right" if right else "quiz.wrong", option=option)))
        verdict.set_class(right, "-right")
        verdict.set_class(not right, "-wrong")
        self.query_one("#options", OptionList).highlighted = chosen - 1
        if right:
            self.explain()
        self.on_answer(chosen, right)

    def explain(self) -> None:
        """Show the explanation and bring it into view (at 80×24 it starts below the fold)."""
        explanation = self.query_one("#explanation")
        explanation.display = True
        self.call_after_refresh(explanation.scroll_visible, animate=False)

    def activate(self) -> bool:
        self.query_one("#options", OptionList).focus()
        return True


class ChecklistView(StepView):
    """Ticks and notes live only on screen: nothing here is handed on or stored."""

    step: ChecklistStep

    def compose_body(self) -> ComposeResult:
        from textual.widgets import Checkbox  # checklist steps only: not with every module

        t = catalog_of(self)
        yield Static(Text("🔒 " + t("module.private"), style="italic"), classes="hint")
        if self.step.body:
            yield Prose(self.step.body, classes="body")
        for item in self.step.items:
            yield Checkbox(Text(item.text), classes="item")
            if item.detail:
                yield Static(Text(item.detail, style="dim"), classes="detail", markup=False)
            if item.note:
                yield Input(placeholder=t("checklist.note"), classes="note")

    def activate(self) -> bool:
        found = self.query("Checkbox")
        if found:
            found.first().focus()
            return True
        return False


class ModuleIntro(Vertical):
    """The module's overview page: learning goals, skill, outline, and its references."""

    DEFAULT_CLASSES = "step intro"

    def __init__(self, module: Module, step_count: int) -> None:
        super().__init__()
        self.module = module
        self.step_count = step_count

    def compose(self) -> ComposeResult:
        t = catalog_of(self)
        m = self.module
        title = Text(t("module.about"), style="bold")
        title.append(f"  ·  {_minutes(t, m.minutes)}", style="dim")
        yield Static(title, classes="step-title", markup=False)
        if m.summary:
            yield Static(Text(m.summary), classes="summary", markup=False)
        md: list[str] = []
        if m.learning_goals:
            md.append(f"### {t('module.goals')}\n")
            md.extend(f"- {g}" for g in m.learning_goals)
            md.append("")
        if m.skill:
            md.append(f"### {t('module.skill')}\n\n{m.skill}\n")
        if m.outline:
            md.append(f"### {t('module.outline')}\n")
            md.extend(f"{i}. {o}" for i, o in enumerate(m.outline, start=1))
            md.append("")
        if md:
            yield Prose("\n".join(md), classes="body")
        if m.references:
            yield Static(Text(t("module.references"), style="bold"), classes="subhead")
            for ref in m.references:
                # hanging indent, as the list items above: a wrapped citation stays clear of its bullet
                cite = Indented(Text(ref.cite()), Text("• "), Text("  "))
                yield Static(cite, classes="reference", markup=False)
        hint = "module.start_hint" if self.step_count else "module.no_steps"
        yield Static(Text(t(hint), style="dim"), classes="hint", markup=False)


def unsaved_reason(*, saving: bool, guest: bool, private: bool = False) -> str | None:
    """Why a reflection typed now will not be stored, as a catalog key; None when it will be."""
    if private:
        return "reflection.not_saved_private"
    if not saving:
        return "reflection.not_saved" if guest else "reflection.not_saved_off"
    return None


def make_view(
    step: Step,
    *,
    clock: Clock,
    bell: bool,
    reflection: str,
    unsaved: Callable[[], str | None],
    on_reflection: Callable[[str], bool],
    on_answer: Callable[[int, bool], None],
    note_line: bool = False,
) -> StepView:
    """The view for a step of any kind."""
    view: StepView
    if isinstance(step, ReflectionStep):
        view = ReflectionView(step, reflection, on_reflection, unsaved=unsaved)
    elif isinstance(step, ExerciseStep):
        view = ExerciseView(step, clock, bell=bell, text=reflection, on_commit=on_reflection, unsaved=unsaved)
    elif isinstance(step, QuizStep):
        view = QuizView(step, on_answer)
    elif isinstance(step, ChecklistStep):
        view = ChecklistView(step)
    elif isinstance(step, TextStep):
        view = TextView(step)
    else:
        raise TypeError(f"unknown step kind {step.kind!r}")
    view.note_line = note_line
    return view
