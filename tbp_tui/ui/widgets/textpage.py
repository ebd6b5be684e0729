"""The reader's page, which draws a plain text step itself: title, note line and body as lines.

A text step is the most common step, and changing it is the hot path of a room's «go to step»
(40 readers redraw at once on two cores). Drawn as nested widgets (title Static, note line, Prose
body) every change laid out and painted the page's every layer, about 20 ms of CPU per reader;
drawn here as lines made once per step and width, a change swaps the lines, sets the page's
virtual height without a layout and repaints only the page (issue #17). Other step kinds are
widgets on the same page, laid out as usual.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.cache import LRUCache
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style as VisualStyle

from tbp_tui.ui.base import catalog_of
from tbp_tui.ui.compat import LinePageScroll
from tbp_tui.ui.widgets.prose import draw, prose
from tbp_tui.ui.widgets.scroll import PageScroll
from tbp_tui.ui.widgets.steps import TextView, note_text, step_title

_Key = tuple[str, float | None, str, str, int, VisualStyle, VisualStyle]


class TextPage(LinePageScroll, PageScroll, inherit_bindings=False):
    """A scrolling page of step views that draws a `TextView` (made with `drawn_by_page`) itself."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"text-page--title"}
    DEFAULT_CSS = "TextPage > .text-page--title { color: $primary; }"
    KEPT: ClassVar[int] = 4
    """Drawings kept: the step shown and the one before, each at the two widths a long step is
    drawn at (without and with the scroll bar). Every step visited used to stay (up to 32
    drawings, about 16 KiB each; issue 22: memory)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._text: TextView | None = None
        self._lines: list[Strip] = []
        self._drawn: LRUCache[_Key, list[Strip]] = LRUCache(self.KEPT)
        """A step's lines by its text, width and styles: going back and forth draws nothing."""

    def show_text(self, view: TextView | None) -> None:
        """Draw `view`'s step on the page (None: lay out the page's widgets instead), from the top."""
        self._text = view
        if not self.draw_lines(view is not None) and view is not None and self.is_mounted:
            self.show_lines_of_height(self.line_page_size(self.container_size))
        self.scroll_to(0, 0, animate=False, immediate=True)

    def line_page_size(self, container: Size) -> Size:
        """The lines at the page's width, narrower by the scroll bar when they overflow."""
        width = max(1, container.width)
        self._lines = self._draw(width)
        bar = self.styles.scrollbar_size_vertical
        if len(self._lines) > container.height and self.styles.overflow_y == "auto" and width > bar:
            width -= bar
            self._lines = self._draw(width)
        return Size(width, len(self._lines))

    def _draw(self, width: int) -> list[Strip]:
        view = self._text
        if view is None:
            return []
        step = view.step
        t = catalog_of(self)
        title, note = step_title(t, step), note_text(t, step)
        style, title_style = self.visual_style, self.get_visual_style("text-page--title")
        body = view.step.body
        key = (step.title, step.minutes, step.innholdsnotis or "", body, width, style, title_style)
        lines = self._drawn.get(key)
        if lines is None:
            blank = Strip.blank(width, style.rich_style)
            lines = [*self._strips(title, width, title_style), blank]
            if note:
                lines += [*self._strips(note, width, style), blank]
            lines += [*self._strips(prose(body), width, style), blank]
            self._drawn[key] = lines
        return lines

    def _strips(self, content: Any, width: int, style: VisualStyle) -> list[Strip]:
        return draw(self, content, width, style)

    def render_line(self, y: int) -> Strip:
        if not self.drawing_lines:
            return super().render_line(y)
        width = self.scrollable_content_region.width
        y += self.scroll_offset.y
        if 0 <= y < len(self._lines):
            return self._lines[y].crop_extend(0, width, self.visual_style.rich_style)
        return Strip.blank(width, self.visual_style.rich_style)
