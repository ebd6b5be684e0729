"""The reader's page, which draws a plain text step itself: title, note line and body as lines.

A text step is the most common step, and changing it is the hot path of a room's «go to step»
(40 readers redraw at once on two cores). Drawn as nested widgets (title Static, note line, Prose
body) every change laid out and painted the page's every layer, about 20 ms of CPU per reader;
drawn here as lines made once per step and width, a change swaps the lines, sets the page's
virtual height without a layout and repaints only the page (issue #17). Other step kinds are
widgets on the same page, laid out as usual.

While it draws lines the page also draws its scroll bar, as the last cells of each line, with
the same renderer and colours as Textual's bar (`scrollbar.py`), which is hidden meanwhile:
Textual's bar is a widget of its own that repainted its whole column (through the line filters)
on every step change and cut every screen row it crossed into more pieces to compose, about a
quarter of a step change's compositing.
"""

from __future__ import annotations

from math import ceil
from typing import Any, ClassVar

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.style import Style as VisualStyle

from tbp_tui.ui.base import catalog_of
from tbp_tui.ui.compat import LinePageScroll
from tbp_tui.ui.widgets.prose import draw, prose
from tbp_tui.ui.widgets.scroll import PageScroll
from tbp_tui.ui.widgets.scrollbar import GUTTER, GutterScrollBarRender
from tbp_tui.ui.widgets.steps import TextView, note_text, step_title

_Key = tuple[str, float | None, str, str, int, VisualStyle, VisualStyle]
_BarKey = tuple[int, int, int, int, int, RichStyle]


class TextPage(LinePageScroll, PageScroll, inherit_bindings=False):
    """A scrolling page of step views that draws a `TextView` (made with `drawn_by_page`) itself."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"text-page--title"}
    DEFAULT_CSS = "TextPage > .text-page--title { color: $primary; }"
    DRAWS_BAR: ClassVar[bool] = True
    """While it draws lines, the page draws its scroll bar too (Textual's is hidden meanwhile)."""
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
        self._bars: LRUCache[_BarKey, tuple[list[Strip], frozenset[int]]] = LRUCache(16)
        """The scroll bar's rows, and which of them the thumb is on, by size, position and colours."""
        self._thumb: frozenset[int] = frozenset()
        self._grab: tuple[int, int] | None = None
        """Where a drag of the thumb began: the pointer's screen row and the page's position."""
        self._frame: tuple[int, RichStyle, list[Strip]] | None = None
        """Width, style and bar rows of the lines being drawn (see `render_lines`)."""

    def show_text(self, view: TextView | None) -> None:
        """Draw `view`'s step on the page (None: lay out the page's widgets instead), from the top."""
        self._text = view
        drawing = view is not None
        visibility = "hidden" if drawing and self.DRAWS_BAR else "visible"
        if self.styles.scrollbar_visibility != visibility:
            self.styles.scrollbar_visibility = visibility
        if self.draw_lines(drawing) or view is None or not self.is_mounted:
            self.scroll_to(0, 0, animate=False, immediate=True)
            return
        before = self._rows()
        self.show_lines_of_height(self.line_page_size(self.container_size), repaint=False)
        self.scroll_to(0, 0, animate=False, immediate=True)
        after = self._rows()
        self._frame = None
        if before[0] != after[0] or len(before[1]) != len(after[1]):
            self.refresh()
        else:  # only the rows that changed: the border and rows alike in both steps keep their paint
            width = self.content_region.width
            self.refresh(*[Region(0, y, width, 1)
                           for y, (a, b) in enumerate(zip(before[1], after[1], strict=True)) if a != b])

    def _rows(self) -> tuple[tuple[int, RichStyle], list[tuple[Strip | None, Strip | None]]]:
        """The page's width and style, and what each visible row is drawn from: its line of the
        drawing and its row of the bar. Rows drawn from equal parts look the same; comparing
        the parts is cheaper than drawing every row twice (before and after) to compare."""
        width, style, bar = self._look_up_frame()
        top, lines = self.scroll_offset.y, self._lines
        rows = [(lines[top + y] if 0 <= top + y < len(lines) else None, bar[y] if y < len(bar) else None)
                for y in range(self.scrollable_content_region.height)]
        return (width, style), rows

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

    def render_lines(self, crop: Region) -> list[Strip]:
        """Look up the width, style and scroll bar once for all the lines drawn now, not per line."""
        if self.drawing_lines:
            self._frame = self._look_up_frame()
        return super().render_lines(crop)

    def _look_up_frame(self) -> tuple[int, RichStyle, list[Strip]]:
        region = self.scrollable_content_region
        return region.width, self.visual_style.rich_style, self._bar(region.height)

    def render_line(self, y: int) -> Strip:
        if not self.drawing_lines:
            return super().render_line(y)
        if self._frame is None:
            self._frame = self._look_up_frame()
        width, style, bar = self._frame
        row = y + self.scroll_offset.y
        if 0 <= row < len(self._lines):
            line = self._lines[row].crop_extend(0, width, style)
        else:
            line = Strip.blank(width, style)
        if y >= len(bar):
            return line
        return Strip([segment for segment in (*line, *bar[y]) if segment.text],
                     line.cell_length + bar[y].cell_length)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """On the drawn bar, as on Textual's: the thumb is grabbed to drag, a click above or below
        it pages towards the click."""
        offset = event.get_content_offset(self)
        region = self.scrollable_content_region
        if not self._frame or not self._frame[2] or offset is None or offset.x < region.width:
            return
        event.stop()
        gutter = GUTTER if self.scrollbar_size_vertical > GUTTER else 0
        if offset.x >= region.width + gutter and offset.y in self._thumb:
            self._grab = (event.screen_y, self.scroll_offset.y)
            self.capture_mouse()
            return
        thumb = (self.scroll_offset.y + region.height / 2) * region.height / max(1, self.virtual_size.height)
        self.scroll_to(y=self.scroll_offset.y + (region.height if offset.y >= thumb else -region.height),
                       animate=False, immediate=True)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """A grabbed thumb follows the pointer, by the page's lines per row of bar."""
        if self._grab is None:
            return
        event.stop()
        start_y, start_position = self._grab
        window = self.container_size.height - self.scrollbar_size_horizontal
        y = start_position + (event.screen_y - start_y) * self.virtual_size.height / max(1, window)
        self.scroll_to(y=round(y), animate=False, immediate=True)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._grab is not None:
            event.stop()
            self.release_mouse()

    def on_mouse_release(self, _event: events.MouseRelease) -> None:
        self._grab = None

    def _bar(self, height: int) -> list[Strip]:
        """The scroll bar's rows (none when it is not shown), drawn as Textual's `ScrollBar.render`
        and `_render_bar` draw it when the pointer is not on it; `on_mouse_*` give its mouse actions."""
        thickness = self.scrollbar_size_vertical
        if not self.DRAWS_BAR or not thickness or not self.show_vertical_scrollbar or height <= 0:
            return []
        styles = self.styles
        background = styles.scrollbar_background
        if background.a < 1:
            background = self.background_colors[0] + background
        color = background + styles.scrollbar_color
        style = RichStyle.from_color(color.rich_color, background.rich_color)
        window = self.container_size.height - self.scrollbar_size_horizontal
        virtual = self.virtual_size.height
        position = self.scroll_offset.y  # whole lines, as the text: at rest a page is never between two
        key = (height, virtual, window, position, thickness, style)
        cached = self._bars.get(key)
        if cached is not None:
            self._thumb = cached[1]
            return cached[0]
        bar = GutterScrollBarRender.render_bar(
            size=height, virtual_size=ceil(virtual), window_size=ceil(window) if window < virtual else 0,
            position=position, thickness=thickness, vertical=True,
            back_color=style.bgcolor or RichColor.parse("#555555"),
            bar_color=style.color or RichColor.parse("bright_magenta"),
        )
        page = self.visual_style.rich_style
        under = RichStyle(color=page.color, bgcolor=page.bgcolor)  # as Textual's bar widget fills in
        rows: list[Strip] = []
        thumb: set[int] = set()  # rows Textual's bar grabs on (its thumb's cells carry that action)
        cells: list[Segment] = []
        for segment in bar.segments:
            if segment.text == "\n":
                rows.append(Strip(cells))
                cells = []
            else:
                own = segment.style
                if own is not None and own.meta.get("@mouse.down") == "grab":
                    thumb.add(len(rows))
                cells.append(Segment(segment.text, under + own.clear_meta_and_links() if own else page))
        self._thumb = frozenset(thumb)
        self._bars[key] = (rows, self._thumb)
        return rows
