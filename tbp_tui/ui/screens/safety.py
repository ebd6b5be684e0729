"""The safety-plan checklist, for a clinician in a conversation with a patient who lives in danger.

What is ticked or typed here is health information. It lives in one `ChecklistForm` held by
this screen and nowhere else: not in the progress store, not in a temp file, not in a log. It
reaches a disk only when the clinician exports it (`e`), to a file only they can read. Leaving
the screen or quitting discards it, after asking when anything is filled in. The two reflection
steps are the clinician's own and are stored like any other reflection.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path, PurePath
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input, Static

from tbp_tui.course.model import ChecklistStep, Module, ReflectionStep, Step
from tbp_tui.safety.export import default_export_name, export_form
from tbp_tui.safety.form import ChecklistForm
from tbp_tui.safety.nodump import forbid_core_dumps
from tbp_tui.session.export import os_error_words
from tbp_tui.ui.base import TbpScreen, styles, typing
from tbp_tui.ui.screens.dialogs import ConfirmScreen
from tbp_tui.ui.screens.export import ExportPathScreen
from tbp_tui.ui.widgets.checklist import ChecklistSection, NoteInput, TickBox
from tbp_tui.ui.widgets.footer import KeyFooter
from tbp_tui.ui.widgets.scroll import PageScroll
from tbp_tui.ui.widgets.steps import ReflectionView, StepView, make_view, unsaved_reason

MAX_SECTION_KEYS = 9


class SafetyScreen(TbpScreen):
    """One part (step) at a time: tick boxes and notes, the help numbers, two reflections."""

    CSS_PATH: ClassVar[list[str | PurePath]] = styles("safety.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "b.export", id="export"),
        # x, not t: t opens the step list in a module, and one key means one thing.
        Binding("x", "clear", "b.clear", id="clear"),
        Binding("n,right,l", "next", "b.next_section", id="next-section", key_display="n/→"),
        Binding("p,left", "prev", "b.prev_section", id="prev-section", key_display="p/←", show=False),
        Binding("h", "app.helpnumbers", "b.helpnumbers", id="helpnumbers-key", show=False),
        Binding("escape", "back", "b.back", id="back", key_display="Esc"),
        # Pause stays one key away (F2) but out of this footer, where it would push out "q Avslutt".
        Binding("f2", "app.pause", "b.pause", id="pause-quiet", priority=True, key_display="F2", show=False),
        Binding("down,j", "field(1)", "b.field_next", id="field-next", key_display="↓/j", show=False),
        Binding("up,k", "field(-1)", "b.field_prev", id="field-prev", key_display="↑/k", show=False),
        Binding("enter", "activate", "b.activate", id="activate", show=False),
        *[
            Binding(str(n), f"section({n})", "b.section", id=f"section-{n}", show=False)
            for n in range(1, MAX_SECTION_KEYS + 1)
        ],
    ]

    def __init__(self, module: Module, step_id: str | None = None) -> None:
        super().__init__()
        self.module = module
        self.form = ChecklistForm(module)
        self.sections: tuple[Step, ...] = module.steps
        ids = [s.id for s in self.sections]
        self.index = ids.index(step_id) if step_id in ids else 0
        self._restore_dumps: Callable[[], None] = lambda: None
        self.exported: tuple[Path, object] | None = None
        """Where the form was last exported, with what it held then (only to word the leave
        warning: the file is the clinician's, nothing here reads it again)."""

    def __repr__(self) -> str:
        return f"SafetyScreen({self.module.id!r}, {self.form!r})"

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Static(Text(self.module.title, style="bold"), id="safety-title", markup=False)
        yield Static("", id="safety-private", markup=False)
        yield Static("", id="safety-position", markup=False)
        yield PageScroll(id="section", can_focus=True)
        yield KeyFooter()

    async def on_mount(self) -> None:
        self._restore_dumps = forbid_core_dumps()  # no crash file may hold the notes
        await self.show(self.index)

    def on_unmount(self) -> None:
        self._restore_dumps()

    @property
    def step(self) -> Step | None:
        return self.sections[self.index] if 0 <= self.index < len(self.sections) else None

    @property
    def view(self) -> Widget | None:
        found = self.query_one("#section").children
        return found[0] if found else None

    @property
    def checklist(self) -> ChecklistSection | None:
        view = self.view
        return view if isinstance(view, ChecklistSection) else None

    async def show(self, index: int) -> None:
        """Leave the current part (handing over a typed reflection) and show part `index`."""
        self.commit()
        self.index = max(0, min(index, len(self.sections) - 1))
        content = self.query_one("#section", PageScroll)
        await content.remove_children()
        step = self.step
        if step is None:
            return
        view = self._make_view(step)
        await content.mount(view)
        content.scroll_home(animate=False)
        self._refresh_chrome()
        fields = view.fields if isinstance(view, ChecklistSection) else []
        if fields:
            fields[0].focus(scroll_visible=False)
        elif isinstance(view, ReflectionView):
            view.activate()  # what the clinician types lands in the answer field
        else:
            content.focus()
        self.refresh_bindings()

    def _make_view(self, step: Step) -> Widget:
        if isinstance(step, ChecklistStep):
            return ChecklistSection(step, self.form)
        module_id = self.module.id
        learner = self.learner

        def on_reflection(text: str) -> bool:
            # The clinician's own reflection: progress, like any other module's.
            learner.set_reflection(module_id, step.id, text)
            return self.tbp.save_now()

        return make_view(
            step,
            clock=self.tbp.clock,
            bell=learner.bell,
            reflection=learner.reflection(module_id, step.id),
            unsaved=lambda: unsaved_reason(saving=learner.saving, guest=self.tbp.options.guest),
            on_reflection=on_reflection,
            on_answer=lambda chosen, correct: None,
            note_line=True,
        )

    def _refresh_chrome(self) -> None:
        t = self.t
        step = self.step
        reflection = isinstance(step, ReflectionStep)
        private = Text(t("safety.private_reflection" if reflection else "safety.private"), style="italic")
        self._update("#safety-private", private)
        pos = Text(t("safety.position", n=self.index + 1, total=len(self.sections)), style="bold")
        if isinstance(step, ChecklistStep):
            ticked = sum(1 for i in step.items if (step.id, i.id) in self.form.ticks)
            pos.append("  ·  " + t("safety.counts", ticked=ticked, items=len(step.items)))
        notes = sum(1 for n in self.form.notes.values() if n.strip())
        if notes:
            key = "safety.notes_one" if notes == 1 else "safety.notes_many"
            pos.append("  ·  " + t(key, n=notes), style="dim")
        self._update("#safety-position", pos)

    def _update(self, selector: str, text: Text) -> None:
        """Change a line only when its text changes: typing a note must not re-lay the page."""
        line = self.query_one(selector, Static)
        if str(line.content) != text.plain:
            line.update(text)

    # ---------------------------------------------------------------- the form

    def on_tick_box_pressed(self, event: TickBox.Pressed) -> None:
        event.stop()
        event.box.ticked = self.form.toggle(event.box.key)
        self._refresh_chrome()

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, NoteInput):
            event.stop()
            self.form.set_note(event.input.key, event.value)
            self._refresh_chrome()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if isinstance(event.input, NoteInput):
            event.stop()
            self.action_field(1)

    def discard(self) -> None:
        """Forget every tick and note (the screen is about to go, or the form was cleared)."""
        self.form.clear()
        section = self.checklist
        if section is not None and section.is_mounted:
            section.reload()

    # ---------------------------------------------------------------- leaving

    def commit(self) -> None:
        """Hand a typed reflection to the store; the checklist itself is never handed on."""
        view = self.view
        if isinstance(view, StepView):
            view.commit()

    def action_back(self) -> None:
        def leave() -> None:
            self.commit()
            self.discard()
            self.tbp.save_now()
            self.dismiss()

        self.tbp.confirm_discard(leave)

    # ---------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While typing in a note or an answer, the letter keys are text: only ↑/↓ and Enter
        (which move between fields) and the field's own Esc are offered."""
        if typing(self):
            return action in ("back", "field", "activate")
        if action == "section":
            return bool(parameters) and int(str(parameters[0])) <= len(self.sections)
        return True

    async def action_next(self) -> None:
        if self.index < len(self.sections) - 1:
            await self.show(self.index + 1)

    async def action_prev(self) -> None:
        if self.index > 0:
            await self.show(self.index - 1)

    async def action_section(self, n: int) -> None:
        await self.show(int(n) - 1)

    def action_field(self, delta: int) -> None:
        """Down/j and up/k: the next or previous item or note; on a page without items, scroll."""
        content = self.query_one("#section", PageScroll)
        section = self.checklist
        fields = section.fields if section is not None else []
        if not fields:
            if int(delta) > 0:
                content.scroll_down()
            else:
                content.scroll_up()
            return
        focused = self.focused
        if focused in fields:
            i = fields.index(focused) + int(delta)
        else:
            i = 0 if int(delta) > 0 else len(fields) - 1
        if 0 <= i < len(fields):
            fields[i].focus()
        elif int(delta) > 0:
            content.scroll_end()
        else:
            content.scroll_home()

    def action_activate(self) -> None:
        view = self.view
        if isinstance(view, StepView):
            view.activate()
        elif isinstance(view, ChecklistSection) and view.fields:
            view.fields[0].focus()

    def action_export(self) -> None:
        when = self.tbp.clock.now()  # shown and named in local time by tbp_tui.clock
        home = Path.home()
        name = default_export_name(when)
        suggested = f"~/{name}" if home.is_dir() else str(Path.cwd() / name)
        def closed(path: Path | None) -> None:
            if path is not None:
                self.exported = (path, self._form_state())

        self.app.push_screen(ExportScreen(self.form, suggested, when), closed)

    def _form_state(self) -> object:
        return (frozenset(self.form.ticks), tuple(sorted(self.form.notes.items())))

    def leave_words(self) -> str:
        """The warning before the form is discarded: after an export it says what the file keeps."""
        t = self.t
        if self.exported is None:
            return t("discard.body")
        path, state = self.exported
        key = "discard.body_exported" if state == self._form_state() else "discard.body_changed"
        return t(key, path=str(path))

    def action_clear(self) -> None:
        t = self.t
        if self.form.is_empty and not self.form.notes:
            self.notify(t("safety.already_empty"), timeout=3)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.discard()
                self._refresh_chrome()
                self.notify(t("safety.cleared"), timeout=4)

        self.app.push_screen(
            ConfirmScreen(t("clear.title"), t("clear.body"), t("clear.yes"), t("clear.no"), deliberate=True),
            answered,
        )


class ExportScreen(ExportPathScreen):
    """Ask where to write the filled checklist, write it 0600, and say where it went."""

    def __init__(self, form: ChecklistForm, suggested: str, when: datetime) -> None:
        super().__init__(suggested, default_export_name(when))
        self.form = form
        self.when = when

    def __repr__(self) -> str:
        return "ExportScreen()"

    def export(self, target: Path) -> None:
        t = self.t
        try:
            result = export_form(self.form, target, self.when, replace=self.replacing == target)
        except OSError as error:
            self.failed(t("export.failed", reason=os_error_words(t, error)))
            return
        notes = [t("export.private")]
        if result.warning is not None:
            notes.append(t("export.folder_warning", folder=str(result.path.parent)))
        self.done(result.path, notes)
