"""A text area that keeps exactly what the learner typed or pasted.

Textual's Document splits lines with `str.splitlines`, which also breaks on VT, FF, FS, GS, RS,
NEL, U+2028 and U+2029 and turns CR and CRLF into LF. A learner's answer must come back
byte-for-byte, so this document splits on LF only; everything else stays inside the line (and
the app's control-character filter keeps it inert on screen).
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import TextArea

from tbp_tui.ui.base import catalog_of, clock_of, localize_bindings
from tbp_tui.ui.compat import Document, DocumentNavigator, EditResult, Location, WrappedDocument


class LiteralDocument(Document):
    """A document whose only line separator is LF."""

    def __init__(self, text: str) -> None:
        self._newline = "\n"
        self._lines: list[str] = text.split("\n")

    def replace_range(self, start: Location, end: Location, text: str) -> EditResult:
        top, bottom = sorted((start, end))
        top_row, top_column = top
        bottom_row, bottom_column = bottom
        insert_lines = text.split("\n")
        lines = self._lines
        replaced_text = self.get_text_range(top, bottom)
        after = lines[bottom_row][bottom_column:] if bottom_row < len(lines) else ""
        before = lines[top_row][:top_column] if top_row < len(lines) else ""
        insert_lines[0] = before + insert_lines[0]
        destination_column = len(insert_lines[-1])
        insert_lines[-1] = insert_lines[-1] + after
        lines[top_row : bottom_row + 1] = insert_lines
        destination_row = top_row + len(insert_lines) - 1
        return EditResult((destination_row, destination_column), replaced_text)


ARRIVAL_BURST = 0.8
"""Seconds after arriving on a reflection by n or p in which an n or p that is the field's whole
text still means next or previous: it belongs to the learner's paging (a held key, or n n n),
since nobody starts an answer before reading the question. It is judged on the field's text, as
the field takes its keys in order: an answer arriving in one read («Skrevet mens …») over SSH is
queued whole before the field takes its first letter, and must land whole."""


class ReflectionArea(TextArea):
    """The answer field: soft-wrapped, Tab leaves the field, Esc hands the keys back to the page."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "leave", "b.leave_text", id="leave-text")]

    class Paged(Message):
        """n or p pressed in the same burst that paged onto the step: the page moves on."""

        def __init__(self, forward: bool) -> None:
            super().__init__()
            self.forward = forward

    def __init__(self, text: str, **kwargs: object) -> None:
        super().__init__(
            text,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            **kwargs,  # type: ignore[arg-type]
        )
        self.cursor_blink = False  # calm, and stable in snapshots
        localize_bindings(self, catalog_of(self))
        self._arrived: float | None = None

    def arrived(self) -> None:
        """The learner paged onto this step and the field took the focus (see ARRIVAL_BURST)."""
        self._arrived = clock_of(self).monotonic()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """An n or p alone in the field within the burst pages instead (and is never stored)."""
        text = self.text
        if (text in ("n", "p") and self._arrived is not None
                and clock_of(self).monotonic() - self._arrived < ARRIVAL_BURST):
            event.stop()  # the step's view never sees it, so nothing is saved
            self.clear()
            self.post_message(self.Paged(text == "n"))

    def _set_document(self, text: str, language: str | None) -> None:
        self._highlight_query = None
        document = LiteralDocument(text)
        self.document = document
        self.wrapped_document = WrappedDocument(document, tab_width=self.indent_width)
        self.navigator = DocumentNavigator(self.wrapped_document)
        self._build_highlight_map()
        self.move_cursor((0, 0))
        self._rewrap_and_refresh_virtual_size()

    def action_leave(self) -> None:
        """Move focus to the page around the field so n/p and the other page keys work again."""
        for node in self.ancestors:
            if isinstance(node, Widget) and node.can_focus:
                node.focus()
                return
        self.blur()
