"""One part of the safety-plan checklist: items to tick, each with an optional note field.

The widgets only show the form and report what the clinician did; the screen owns the
`ChecklistForm` and is the only thing that changes it. Nothing here is ever handed to the
progress store, logged or written anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static

from tbp_tui.course.model import ChecklistStep
from tbp_tui.safety.form import ChecklistForm, ItemKey
from tbp_tui.ui.base import catalog_of, localize_bindings
from tbp_tui.ui.widgets.prose import Prose


class TickBox(Widget, can_focus=True):
    """An item of the checklist: its state as a symbol and a word, never by colour alone."""

    DEFAULT_CSS = """
    TickBox {
        height: auto;
        width: 1fr;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "flip", "b.tick", id="tick", key_display="␣"),
    ]

    ticked: reactive[bool] = reactive(False)

    class Pressed(Message):
        """The clinician asked to flip this item; the screen decides and sets `ticked`."""

        def __init__(self, box: TickBox) -> None:
            super().__init__()
            self.box = box

    def __init__(self, key: ItemKey, text: str, *, ticked: bool = False) -> None:
        super().__init__(classes="tick")
        self.key = key
        self.text = text
        self.set_reactive(TickBox.ticked, ticked)
        localize_bindings(self, catalog_of(self))

    def __repr__(self) -> str:
        return f"TickBox({self.key!r}, ticked={self.ticked})"

    @staticmethod
    def _marks(t: Callable[[str], str]) -> tuple[str, str, int]:
        on, off = "[✓] " + t("safety.ticked"), "[ ] " + t("safety.open")
        return on, off, max(cell_len(on), cell_len(off))

    @classmethod
    def text_column(cls, t: Callable[[str], str]) -> int:
        """Where the item's words start: the focus mark, the state's words (as long as this
        language makes them) and a space either side. What is under an item starts there too."""
        return 1 + 1 + cls._marks(t)[2] + 1

    def render(self) -> RenderableType:
        on, off, width = self._marks(catalog_of(self))
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=1, no_wrap=True)
        grid.add_column(width=width, no_wrap=True)
        grid.add_column(ratio=1)
        mark = Text(on, style="bold") if self.ticked else Text(off)
        grid.add_row(Text("›" if self.has_focus else " ", style="bold"), mark, Text(self.text))
        return grid

    def action_flip(self) -> None:
        self.post_message(self.Pressed(self))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.post_message(self.Pressed(self))

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        self.refresh()


class NoteInput(Input):
    """A one-line note under an item. Esc goes back to the item; Enter moves on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "b.leave_note", id="leave-note", key_display="Esc"),
    ]

    def __init__(self, key: ItemKey, value: str, box: TickBox) -> None:
        super().__init__(
            value=value,
            placeholder=catalog_of(box)("checklist.note"),
            compact=True,
            select_on_focus=False,  # typing must never replace a whole note by surprise
            classes="note",
        )
        self.key = key
        self.box = box
        localize_bindings(self, catalog_of(self))

    def __repr__(self) -> str:
        return f"NoteInput({self.key!r})"  # never the note itself

    def action_leave(self) -> None:
        self.box.focus()


class ChecklistSection(Vertical):
    """Title, guidance and every item of one checklist step, filled from the form."""

    DEFAULT_CLASSES = "step checklist"

    def __init__(self, step: ChecklistStep, form: ChecklistForm) -> None:
        super().__init__()
        self.step = step
        self.form = form

    def __repr__(self) -> str:
        return f"ChecklistSection({self.step.id!r})"

    def compose(self) -> ComposeResult:
        step = self.step
        yield Static(Text(step.title, style="bold"), classes="step-title", markup=False)
        if step.innholdsnotis:
            # A quiet line, as in the reader once a note is read: in a conversation with a
            # patient the clinician needs the part at once, but should know what it touches.
            note = Text(catalog_of(self)("reader.note_line", note=step.innholdsnotis), style="dim italic")
            yield Static(note, classes="note-line", markup=False)
        if step.body:
            yield Prose(step.body, classes="body")
        under = TickBox.text_column(catalog_of(self))
        for item in step.items:
            key = (step.id, item.id)
            box = TickBox(key, item.text, ticked=key in self.form.ticks)
            yield box
            if item.detail:
                detail = Static(Text(item.detail, style="dim"), classes="detail", markup=False)
                detail.styles.margin = (0, 0, 0, under)
                yield detail
            if item.note:
                field = NoteInput(key, self.form.notes.get(key, ""), box)
                field.styles.margin = (0, 0, 0, under)
                yield field

    @property
    def fields(self) -> list[Widget]:
        """Tick boxes and note fields, in reading order."""
        return [w for w in self.children if isinstance(w, TickBox | NoteInput)]

    def reload(self) -> None:
        """Show the form again (after it was cleared)."""
        for widget in self.fields:
            if isinstance(widget, TickBox):
                widget.ticked = widget.key in self.form.ticks
            elif isinstance(widget, NoteInput):
                with widget.prevent(Input.Changed):
                    widget.value = self.form.notes.get(widget.key, "")
