"""A module, one step at a time: overview first, then next/previous with a step list.

Showing a step records where the learner is and that the step was seen (never for the
safety-plan checklist, which stores nothing). Leaving the step hands over any typed reflection.
Nothing here advances by itself.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tbp_tui.course.model import Module, Step
from tbp_tui.ui.base import TbpScreen
from tbp_tui.ui.widgets.bar import bar
from tbp_tui.ui.widgets.choices import Choices
from tbp_tui.ui.widgets.scroll import PageScroll
from tbp_tui.ui.widgets.steps import ExerciseView, ModuleIntro, QuizView, StepView, make_view

INTRO = -1


class StepScroll(PageScroll, inherit_bindings=False):
    """The reader's page: ↑ and ↓ scroll it too; ← and → stay free for previous and next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll_up", "a.scroll_up", id="scroll-up", show=False),
        Binding("down", "scroll_down", "a.scroll_down", id="scroll-down", show=False),
        *PageScroll.BINDINGS,
    ]


class ModuleScreen(TbpScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right,l", "next", "b.next", id="next", key_display="n/→"),
        Binding("p,left,h", "prev", "b.prev", id="prev", key_display="p/←"),
        Binding("escape", "back", "b.back", id="back", key_display="Esc"),
        Binding("enter", "activate", "b.activate", id="activate", show=False),
        Binding("t", "toggle_steps", "b.steps", id="steps", show=False),
        Binding("a", "approach", "b.approach", id="approach", show=False),
        Binding("j", "scroll_down", "b.scroll_down", id="scroll-down", show=False),
        Binding("k", "scroll_up", "b.scroll_up", id="scroll-up", show=False),
        Binding("space", "timer_toggle", "b.timer_toggle", id="timer-toggle", key_display="␣", show=False),
        Binding("r", "timer_reset", "b.timer_reset", id="timer-reset", show=False),
        Binding("plus,+", "timer_plus", "b.timer_plus", id="timer-plus", key_display="+", show=False),
        Binding("b", "timer_bell", "b.timer_bell", id="timer-bell", show=False),
        *[
            Binding(str(n), f"answer({n})", "b.answer_any", id=f"answer-{n}", show=False)
            for n in range(1, 10)
        ],
    ]

    def __init__(self, module: Module, step_id: str | None = None) -> None:
        super().__init__()
        self.module = module
        self.private = module.kind == "checklist"
        self.steps: tuple[Step, ...] = module.steps_for(self.learner.approach)
        self.index = INTRO
        if step_id is not None:
            self.index = self._index_near(step_id)
        self._entered = self.tbp.clock.monotonic()

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Static(Text(self.module.title, style="bold"), id="module-title", markup=False)
        yield Static("", id="position", markup=False)
        with Horizontal(id="body"):
            steps = Choices(id="step-list")
            steps.border_title = self.t("module.steps_title")
            yield steps
            yield StepScroll(id="content", can_focus=True)
        yield Footer(show_command_palette=False)

    async def on_mount(self) -> None:
        await self.show(self.index)

    @property
    def view(self) -> StepView | ModuleIntro | None:
        """The shown step; None until the screen has composed (a key can arrive before that)."""
        content = self.query("#content")
        found = content.first().children if content else None
        child = found[0] if found else None
        return child if isinstance(child, StepView | ModuleIntro) else None

    @property
    def step(self) -> Step | None:
        return self.steps[self.index] if 0 <= self.index < len(self.steps) else None

    def _index_near(self, step_id: str) -> int:
        """The step's place among those shown, or the next shown step after it."""
        ids = [s.id for s in self.steps]
        if step_id in ids:
            return ids.index(step_id)
        all_ids = [s.id for s in self.module.steps]
        if step_id not in all_ids:
            return INTRO
        after = all_ids[all_ids.index(step_id) :]
        for sid in after:
            if sid in ids:
                return ids.index(sid)
        return len(ids) - 1 if ids else INTRO

    async def show(self, index: int) -> None:
        """Leave the current step (handing over typed text) and show step `index`."""
        self.commit_view()
        self.index = max(INTRO, min(index, len(self.steps) - 1))
        content = self.query_one("#content", VerticalScroll)
        await content.remove_children()
        step = self.step
        new: StepView | ModuleIntro
        if step is None:
            new = ModuleIntro(self.module, len(self.steps))
        else:
            new = self._make_view(step)
            if not self.private:
                self.learner.visit(self.module.id, step.id)
        await content.mount(new)
        content.scroll_home(animate=False)
        self._refresh_chrome()
        if isinstance(new, QuizView):
            new.activate()
        else:
            content.focus()
        self.refresh_bindings()

    def _make_view(self, step: Step) -> StepView:
        module_id = self.module.id
        learner = self.learner

        def on_reflection(text: str) -> bool:
            learner.set_reflection(module_id, step.id, text)
            return self.tbp.save_now()

        def on_answer(chosen: int, correct: bool) -> None:
            if not self.private:
                learner.record_quiz(module_id, step.id, chosen, correct)

        return make_view(
            step,
            clock=self.tbp.clock,
            bell=learner.bell,
            reflection=learner.reflection(module_id, step.id),
            saving=learner.store.saving and not self.private,
            on_reflection=on_reflection,
            on_answer=on_answer,
        )

    def _refresh_chrome(self) -> None:
        """Position line, bar and step list for the current step."""
        t = self.t
        total = len(self.steps)
        pos = Text()
        if self.step is None:
            pos.append(t("module.position_intro", total=total))
        else:
            pos.append(t("module.position", n=self.index + 1, total=total), style="bold")
        pos.append("  ")
        pos.append(bar(self.index + 1, total, 16))
        pos.append("  ·  " + t.approach(self.learner.approach), style="dim")
        self.query_one("#position", Static).update(pos)

        seen = self.learner.seen(self.module.id)
        options: list[Option | None] = [
            Option(Text(("▶ " if self.index == INTRO else "  ") + t("module.about")), id="intro")
        ]
        for i, s in enumerate(self.steps):
            mark = "▶" if i == self.index else ("✓" if s.id in seen else "·")
            options.append(Option(Text(f"{mark} {i + 1}. {s.title}"), id=f"s{i}"))
        steps = self.query_one("#step-list", OptionList)
        steps.clear_options()
        steps.add_options(options)
        steps.highlighted = self.index + 1

    # ---------------------------------------------------------------- leaving

    def commit_view(self) -> None:
        view = self.view
        if isinstance(view, StepView):
            view.commit()

    def commit(self) -> None:
        """Before quitting or going home: typed text and time spent go to the learner state."""
        self.commit_view()
        now = self.tbp.clock.monotonic()
        if not self.private:
            self.learner.add_time(self.module.id, now - self._entered)
        self._entered = now

    # ---------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Timer and quiz keys exist only on steps that have a timer or a quiz."""
        view = self.view
        if action.startswith("timer_"):
            return isinstance(view, ExerciseView) and view.timer is not None
        if action == "answer":
            return (
                isinstance(view, QuizView)
                and bool(parameters)
                and int(str(parameters[0])) <= len(view.step.options)
            )
        return True

    async def action_next(self) -> None:
        if self.index < len(self.steps) - 1:
            await self.show(self.index + 1)
        else:
            self.notify(self.t("module.last_hint"), timeout=4)

    async def action_prev(self) -> None:
        if self.index > INTRO:
            await self.show(self.index - 1)

    def action_back(self) -> None:
        self.commit()
        self.tbp.save_now()
        self.dismiss()

    async def action_activate(self) -> None:
        view = self.view
        if isinstance(view, StepView) and view.activate():
            return
        await self.action_next()

    def action_toggle_steps(self) -> None:
        self.toggle_class("-toggle-steps")
        if self.step_list_visible:
            self.query_one("#step-list", OptionList).focus()
        else:
            self.query_one("#content").focus()

    @property
    def step_list_visible(self) -> bool:
        """Shown by default on wide terminals; `t` flips it (on narrow ones it takes the page)."""
        return self.has_class("-toggle-steps") != self.has_class("-wide")

    def action_approach(self) -> None:
        self.tbp.choose_approach()

    async def approach_changed(self) -> None:
        """Show the steps for the new approach, staying on the same step when it is shown."""
        current = self.step
        self.commit_view()
        self.steps = self.module.steps_for(self.learner.approach)
        index = INTRO if current is None else self._index_near(current.id)
        await self.show(index)

    def action_scroll_down(self) -> None:
        self.query_one("#content", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#content", VerticalScroll).scroll_up()

    def _timer_view(self) -> ExerciseView | None:
        view = self.view
        return view if isinstance(view, ExerciseView) else None

    def action_timer_toggle(self) -> None:
        view = self._timer_view()
        if view and view.timer:
            view.timer.toggle()

    def action_timer_reset(self) -> None:
        view = self._timer_view()
        if view and view.timer:
            view.timer.reset()

    def action_timer_plus(self) -> None:
        view = self._timer_view()
        if view and view.timer:
            view.timer.add_minute()

    def action_timer_bell(self) -> None:
        view = self._timer_view()
        if view and view.timer:
            on = not view.timer.bell
            view.timer.set_bell(on)
            self.learner.set_setting("bell", on)

    def action_answer(self, n: int) -> None:
        view = self.view
        if isinstance(view, QuizView):
            view.answer(int(n))

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "step-list":
            return
        event.stop()
        choice = event.option.id or ""
        await self.show(INTRO if choice == "intro" else int(choice[1:]))
        if self.has_class("-narrow"):
            self.remove_class("-toggle-steps")
            self.query_one("#content").focus()
