"""A module, one step at a time: overview first, then next/previous with a step list.

Showing a step records where the learner is and that the step was seen (never for the
safety-plan checklist, which stores nothing). Leaving the step hands over any typed reflection.
A step with a content note that the learner has not read yet shows the note first, with the
choice to continue, skip (the step stays in the list, marked ↷) or pause. Nothing here advances
by itself.

Changing step is the reader's hot path (issue #9): only the step's own view is replaced, the step
list's marks are updated in place, and the footer is rebuilt only when the set of usable keys
changes. A text step is drawn by the page itself as lines (widgets/textpage.py, issue #17): a text
step after a text step lays nothing out.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.actions import parse
from textual.app import ComposeResult
from textual.await_remove import AwaitRemove
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tbp_tui.course.model import ExerciseStep, Module, Step
from tbp_tui.translate import counted
from tbp_tui.ui.base import TbpScreen, styles, typing
from tbp_tui.ui.compat import layout_now, node_bindings, paint_whole
from tbp_tui.ui.widgets.bar import bar
from tbp_tui.ui.widgets.choices import Choices
from tbp_tui.ui.widgets.content_note import SKIPPED_MARK, ContentNote
from tbp_tui.ui.widgets.countdown import Countdown
from tbp_tui.ui.widgets.ending import ModuleEnd
from tbp_tui.ui.widgets.footer import KeyFooter
from tbp_tui.ui.widgets.prose import hanging
from tbp_tui.ui.widgets.scroll import PageScroll
from tbp_tui.ui.widgets.steps import (
    ExerciseView,
    ModuleIntro,
    QuizView,
    ReflectionView,
    StepView,
    TextView,
    make_view,
    unsaved_reason,
)
from tbp_tui.ui.widgets.textpage import TextPage

if TYPE_CHECKING:
    from tbp_tui.ui.widgets.reflection import ReflectionArea

INTRO = -1
SETTLE_ROUNDS = 20
"""Most rounds a new page is laid out unseen before it is painted anyway."""

View = StepView | ModuleIntro | ContentNote | ModuleEnd


class StepScroll(TextPage, inherit_bindings=False):
    """The reader's page: ↑ and ↓ scroll it too; ← and → stay free for previous and next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "line_up", "a.scroll_up", id="scroll-up", show=False),
        Binding("down", "line_down", "a.scroll_down", id="scroll-down", show=False),
        *PageScroll.BINDINGS,
    ]


class ModuleScreen(TbpScreen):
    CSS_PATH: ClassVar[list[str | PurePath]] = styles("module.tcss")
    WRITE_ON_ARRIVAL: ClassVar[bool] = True
    """A reflection step opens in its answer field, so typed words land there (not the
    facilitator's reader, whose keys lead a room)."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right,l", "next", "b.next", id="next", key_display="n/→"),
        Binding("p,left", "prev", "b.prev", id="prev", key_display="p/←"),
        # h is the help numbers on every screen (F3 too), never «previous step».
        Binding("h", "app.helpnumbers", "b.helpnumbers", id="helpnumbers-key", show=False),
        Binding("escape", "back", "b.back", id="back", key_display="Esc"),
        Binding("enter", "open_next", "b.open_next", id="open-next", key_display="Enter"),
        Binding("enter", "activate", "b.activate", id="activate", show=False),
        Binding("e", "export", "b.export", id="course-export"),
        Binding("t", "toggle_steps", "b.steps", id="steps", show=False),
        Binding("a", "approach", "b.approach", id="approach", show=False),
        Binding("j", "scroll_down", "b.scroll_down", id="scroll-down", show=False),
        Binding("k", "scroll_up", "b.scroll_up", id="scroll-up", show=False),
        Binding("space", "timer_toggle", "b.timer_toggle", id="timer-toggle", key_display="␣"),
        Binding("r", "timer_reset", "b.timer_reset", id="timer-reset", show=False),
        Binding("plus,+", "timer_plus", "b.timer_plus", id="timer-plus", key_display="+", show=False),
        Binding("b", "timer_bell", "b.timer_bell", id="timer-bell", show=False),
        Binding("i", "explain", "b.explain", id="explain", show=False),
        *[
            Binding(str(n), f"answer({n})", "b.answer_any", id=f"answer-{n}", show=False)
            for n in range(1, 10)
        ],
    ]

    def __init__(self, module: Module, step_id: str | None = None) -> None:
        super().__init__()
        self.module = module
        self.private = self.learner.private(module)
        self.steps: tuple[Step, ...] = self.learner.steps(module)
        self.index = INTRO
        if step_id is not None:
            self.index = self._index_near(step_id)
        self._entered = self.tbp.clock.monotonic()
        self._view: View | None = None
        self._notes_read: set[str] = set()
        """Steps whose content note the learner answered with Fortsett here (a private module has no seen)."""
        self._key_state: tuple[bool | None, ...] | None = None
        self._countdowns: dict[str, Countdown] = {}
        """Each timer step's countdown for as long as the module is open: leaving a step and
        coming back finds its timer as it was (still running, if it was)."""
        self._ending: ModuleEnd | None = None
        """The module's ending page while it is shown (after the last step)."""
        self._marks: list[tuple[str, str]] = []
        """The step list's rows as last drawn, so a step change redraws only the rows that changed."""
        self._list_stale = True
        """The step list is behind the step shown (it is updated only while visible)."""
        self._parked: dict[type[View], TextView | ContentNote] = {}
        """A text view and a content note kept hidden on the page while another view is shown."""
        self._changes = 0
        """Step changes begun: a swap still mounting when a later one begins gives way to it."""
        self._paint_held: ExitStack | None = None
        """The app's paints held while the page is first built (see `_hold_paint`)."""
        # Held, not looked up: a query walks the screen's widgets, and a step change used four.
        self._position = Static("", id="position", markup=False)
        self._step_list = Choices(id="step-list")
        self._content = StepScroll(id="content", can_focus=True)

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        self._hold_paint()
        yield Static(Text(self.module.title, style="bold"), id="module-title", markup=False)
        yield self._position
        with Horizontal(id="body"):
            self._step_list.border_title = self.t("module.steps_title")
            yield self._step_list
            yield self._content
        yield KeyFooter()

    async def on_mount(self) -> None:
        try:
            await self.show(self.index)
        finally:
            self.call_after_refresh(self._settle)

    def _hold_paint(self) -> None:
        """No paint until the page is whole. Opening a module painted the bare screen, the step,
        the step again once laid out and the footer: about 38 kB in a pty, 5 s down a 64 kbit/s
        link before the step showed; held, it is one paint of the finished page (6.5 kB)."""
        if self._paint_held is None and not self.is_mounted:  # once: the first build only
            self._paint_held = ExitStack()
            self._paint_held.enter_context(self.app.batch_update())

    def _settle(self, rounds: int = 0, quiet: int = 0) -> None:
        """Lay the held page out until nothing moves and the footer shows its keys (twice in a
        row, at most SETTLE_ROUNDS times), then paint it once. Each round goes through the app's
        queue first, so that the focus set by `show` (and the footer it changes) lands before."""
        moved = layout_now(self)
        quiet = 0 if moved or not self.query_one(KeyFooter).settled else quiet + 1
        if quiet < 2 and rounds < SETTLE_ROUNDS and self._paint_held is not None:
            self.app.call_later(self.call_after_refresh, self._settle, rounds + 1, quiet)
        else:
            self.call_later(self._release_paint)

    def _release_paint(self) -> None:
        held, self._paint_held = self._paint_held, None
        if held is not None:
            held.close()
            if self.is_current:
                paint_whole(self)

    def on_unmount(self) -> None:
        self._release_paint()

    @property
    def view(self) -> View | None:
        """The shown step, overview or content note; None until the screen has composed."""
        return self._view

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

    def _note_first(self, step: Step) -> bool:
        """A content note blocks the step until it is read once; after that it is a quiet line."""
        return self.learner.note_first(self.module, step, self._notes_read)

    async def show(self, index: int) -> None:
        """Leave the current step (handing over typed text) and show step `index` (or its note)."""
        self.commit_view()
        self._ending = None
        self.index = max(INTRO, min(index, len(self.steps) - 1))
        step = self.step
        if step is None:
            await self._swap(ModuleIntro(self.module, len(self.steps)))
        elif self._note_first(step):
            self.learner.place(self.module.id, step.id)
            if not self._reuse(step, note=True):
                await self._swap(self.make_note(step))
        else:
            self.learner.visit(self.module.id, step.id)
            if not self._reuse(step, note=False):
                await self._swap(self._make_view(step))

    def _reuse(self, step: Step, *, note: bool) -> bool:
        """Show `step` (or its note) in a text view or note already made: the one on the page, or
        one parked hidden beside it. Changing step then makes and removes no widgets, which was
        most of a step change's cost (a room's «go to step» redraws 40 readers at once)."""
        current = self._view
        with self.app.batch_update():
            for view in (current, *self._parked.values()):
                if note and isinstance(view, ContentNote):
                    if view.reuse(step, skipped=step.id in self._skipped()):
                        break
                elif not note and isinstance(view, StepView) and view.reuse(step):
                    break
            else:
                return False
            self._changes += 1
            content = self._content
            if view is not current:
                del self._parked[type(view)]
                self._leave(current)
                view.display = True
                self._view = view
            content.show_text(view if isinstance(view, TextView) else None)  # from the top
            self._refresh_chrome()
        self._shown(view)
        return True

    def _leave(self, view: View | None) -> AwaitRemove | None:
        """Take `view` off the page: a text view or a note is parked hidden for the next step of
        its kind (one of each); anything else is removed."""
        if view is None:
            return None
        if type(view) is TextView or isinstance(view, ContentNote):
            view.display = False
            old = self._parked.pop(type(view), None)
            self._parked[type(view)] = view
            return old.remove() if old is not None else None
        return view.remove()

    async def _swap(self, new: View) -> None:
        """Put `new` on the page, then focus, keys and the subclass's side panels."""
        content = self._content
        self._changes += 1
        change = self._changes
        # One layout and paint for the swap, not one for the empty page and one for the new step.
        with self.app.batch_update():
            old, self._view = self._view, None
            removed = self._leave(old)
            if removed is not None:
                await removed
            if change != self._changes:  # a later step change («go to step») won meanwhile
                return
            await content.mount(new)
            if change != self._changes:
                self._leave(new)  # not left on the page beside the step that won
                return
            self._view = new
            content.show_text(new if isinstance(new, TextView) else None)  # from the top
            self._refresh_chrome()
        if self._view is new and new.is_attached:
            self._shown(new)

    def _shown(self, view: View) -> None:
        """`view` is on the page (new, or a text view showing another step): focus, keys, panels."""
        if isinstance(view, QuizView):
            view.activate()
        else:
            self._focus_page()
        self._refresh_keys()
        self.step_shown()

    def make_note(self, step: Step) -> ContentNote:
        """The content note shown before `step` (the facilitator's reader keeps `s` for the room)."""
        return ContentNote(step, skipped=step.id in self._skipped())

    async def show_step(self, step_id: str) -> None:
        """Show a step by id (or the next one shown for this approach): the room's «go to step»."""
        await self.show(self._index_near(step_id))

    async def show_end(self) -> None:
        """The module's ending: what the learner did, a moment to land, what comes next."""
        self.commit_view()
        self._ending = ModuleEnd(self.module, self.learner.ending(self.tbp.course, self.module))
        await self._swap(self._ending)

    @property
    def following(self) -> Module | None:
        """On the ending page: the module that comes next (None at the end of the course)."""
        return self._ending.following if self._ending is not None else None

    def step_shown(self) -> None:
        """Called by `show()` once a step, the overview or a content note is on screen.

        A no-op here; a subclass (the facilitator's reader) overrides it to update side panels,
        reading `self.index`, `self.step` and `self.view`.
        """

    def _focus_page(self) -> None:
        """The page, or a content note's choices so that Enter and the arrows work there at once;
        on a reflection step the answer field, so that what the learner types lands in it."""
        view = self._view
        if isinstance(view, ContentNote):
            view.choices.focus()
        elif isinstance(view, ReflectionView) and self.WRITE_ON_ARRIVAL:
            view.activate()
            view.area.arrived()
        elif not self._content.has_focus:  # focus() repaints and takes a round through the queue
            self._content.focus()

    def _refresh_keys(self) -> None:
        """Rebuild the footer only when a key became usable or unusable (it is costly to rebuild)."""
        state = tuple(
            self.check_action(*parse(binding.action)[1:])
            for bindings in node_bindings(self).values()
            for binding in bindings
        )
        if state != self._key_state:
            self._key_state = state
            self.refresh_bindings()

    def _make_view(self, step: Step) -> StepView:
        module_id = self.module.id
        learner = self.learner

        def on_reflection(text: str) -> bool:
            learner.set_reflection(module_id, step.id, text)
            return self.tbp.save_now()

        def on_answer(chosen: int, correct: bool) -> None:
            learner.record_quiz(module_id, step.id, chosen, correct)

        view = make_view(
            step,
            clock=self.tbp.clock,
            bell=learner.bell,
            reflection=learner.reflection(module_id, step.id),
            unsaved=lambda: unsaved_reason(saving=learner.saving, guest=self.tbp.options.guest,
                                           private=self.private),
            on_reflection=on_reflection,
            on_answer=on_answer,
            note_line=True,
        )
        if isinstance(view, TextView):
            view.drawn_by_page = True
        if isinstance(view, ExerciseView) and isinstance(step, ExerciseStep) and step.timer_seconds:
            view.countdown = self._countdowns.setdefault(
                step.id, Countdown(self.tbp.clock, step.timer_seconds)
            )
        return view

    def _skipped(self) -> frozenset[str]:
        return frozenset() if self.private else self.learner.skipped(self.module.id)

    def _refresh_chrome(self) -> None:
        """Position line and bar for the current step, and the step list while it shows."""
        t = self.t
        total = len(self.steps)
        skipped = self._skipped()
        pos = Text()
        if self._ending is not None:
            pos.append(t("end.position"), style="bold")
        elif self.step is None:
            pos.append(t("module.position_intro", steps=counted(t, "step", total)))
        else:
            pos.append(t("module.position", n=self.index + 1, total=total), style="bold")
        pos.append("  ")
        pos.append(bar(self.index + 1, total, 16))
        if self._ending is None and self.step is not None and self.step.id in skipped:
            pos.append(f"  ·  {SKIPPED_MARK} {t('reader.skipped')}")
        pos.append("  ·  " + t.approach(self.learner.approach), style="dim")
        self._position.update(pos, layout=False)  # one line: never resized
        self._list_stale = True
        if self.step_list_visible:
            self._refresh_step_list()

    def _refresh_step_list(self) -> None:
        """The step list's marks and highlight. Left stale while the list is hidden (at 80
        columns it is, until `t`): each update refreshed it, a room's «go to step» too."""
        self._list_stale = False
        t = self.t
        skipped = self._skipped()
        seen = self.learner.seen(self.module.id)

        def mark(i: int, s: Step) -> str:
            if i == self.index:
                return "▶"
            return "✓" if s.id in seen else SKIPPED_MARK if s.id in skipped else "·"

        rows = [("▶ " if self.index == INTRO else "  ", t("module.about"))]
        rows += [(f"{mark(i, s)} {i + 1}. ", s.title) for i, s in enumerate(self.steps)]
        steps = self._step_list
        if len(rows) != len(self._marks) or steps.option_count != len(rows):
            steps.clear_options()
            ids = ["intro", *[f"s{i}" for i in range(len(self.steps))]]
            steps.add_options([Option(hanging(marker, Text(title)), id=oid)
                               for oid, (marker, title) in zip(ids, rows, strict=True)])
        else:
            for i, (old, row) in enumerate(zip(self._marks, rows, strict=True)):
                if old != row:
                    steps.replace_option_prompt_at_index(i, hanging(row[0], Text(row[1])))
        self._marks = rows
        steps.highlighted = self.index + 1
        steps.border_subtitle = t("reader.legend") if skipped else ""

    # ---------------------------------------------------------------- leaving

    def commit_view(self) -> None:
        view = self.view
        if isinstance(view, StepView):
            view.commit()

    def commit(self) -> None:
        """Before quitting or going home: typed text and time spent go to the learner state."""
        self.commit_view()
        now = self.tbp.clock.monotonic()
        self.learner.add_time(self.module.id, now - self._entered)
        self._entered = now

    # ---------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Timer and quiz keys exist only on steps that have a timer or a quiz; while the learner
        types in the answer field, only the field's own keys (Esc leaves it) are offered."""
        view = self.view
        if typing(self):
            return action == "back"
        ending = self._ending is not None
        if action == "open_next":
            return ending and self.following is not None
        if action == "export":
            return ending and self.following is None
        if action in ("next", "activate"):
            return not ending
        if action.startswith("timer_"):
            return isinstance(view, ExerciseView) and view.timer is not None
        if action == "explain":
            return isinstance(view, QuizView)
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
        elif self.steps:
            await self.show_end()

    async def action_prev(self) -> None:
        if self._ending is not None:
            await self.show(self.index)
        elif self.index > INTRO:
            await self.show(self.index - 1)

    def action_open_next(self) -> None:
        following = self.following
        if following is not None:
            self.commit()
            self.tbp.open_module(following.id)

    def action_export(self) -> None:
        from tbp_tui.ui.screens.data import start_export

        start_export(self.tbp)

    def action_back(self) -> None:
        """Esc closes the step list when it has the keys; otherwise it leaves the module."""
        steps = self.query_one("#step-list", OptionList)
        if steps.has_focus:
            if self.has_class("-narrow"):
                self.remove_class("-toggle-steps")
            self._focus_page()
            return
        self.commit()
        self.tbp.save_now()
        self.dismiss()

    async def action_activate(self) -> None:
        view = self.view
        if isinstance(view, ContentNote):
            await self.note_chosen("continue")
            return
        if isinstance(view, StepView) and view.activate():
            return
        await self.action_next()

    async def on_reflection_area_paged(self, event: ReflectionArea.Paged) -> None:
        event.stop()
        await (self.action_next() if event.forward else self.action_prev())

    async def on_content_note_chosen(self, event: ContentNote.Chosen) -> None:
        event.stop()
        if event.note is self.view:
            await self.note_chosen(event.choice)

    async def note_chosen(self, choice: str) -> None:
        """Fortsett shows the step; Hopp over marks it skipped and moves on; pause leaves it waiting."""
        step = self.step
        if step is None:
            return
        if choice == "continue":
            self._notes_read.add(step.id)
            await self.show(self.index)
        elif choice == "skip":
            self.learner.skip(self.module.id, step.id)
            if self.index < len(self.steps) - 1:
                self.notify(self.t("reader.skipped_moved", title=step.title), timeout=4)
                await self.show(self.index + 1)
            else:
                await self.show_end()
        elif choice == "pause":
            self.tbp.action_pause()

    def on_resize(self) -> None:
        """A wider terminal can show the step list: caught up once Textual's own resize handler
        (which runs after this one) has set the width's class."""
        self.call_later(self._catch_up_step_list)

    def _catch_up_step_list(self) -> None:
        if self._list_stale and self.step_list_visible:
            self._refresh_step_list()

    def action_toggle_steps(self) -> None:
        self.toggle_class("-toggle-steps")
        self._catch_up_step_list()
        if self.step_list_visible:
            self.query_one("#step-list", OptionList).focus()
        else:
            self._focus_page()

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
        self.steps = self.learner.steps(self.module)
        index = INTRO if current is None else self._index_near(current.id)
        await self.show(index)

    def action_scroll_down(self) -> None:
        self.query_one("#content", StepScroll).scroll_lines(1)

    def action_scroll_up(self) -> None:
        self.query_one("#content", StepScroll).scroll_lines(-1)

    def _timer_view(self) -> ExerciseView | None:
        view = self.view
        return view if isinstance(view, ExerciseView) else None

    def action_timer_toggle(self) -> None:
        view = self._timer_view()
        if view and view.timer:
            view.timer.toggle()
            view.timer.scroll_visible(animate=False)  # a timer below the fold shows that it runs

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

    def action_explain(self) -> None:
        view = self.view
        if isinstance(view, QuizView):
            view.explain()

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
            self._focus_page()
