"""A vertical scrollbar with a blank column on its inner side, so text never touches the bar.

Textual draws a scrollbar inside the padding, right against the content: a line that fills its
width runs straight into the thumb. With this renderer a bar `scrollbar-size-vertical: 2` wide
is one blank column in the content's own background, then the one-column bar itself. It is
installed once, through Textual's public `ScrollBar.renderer` hook, when the app is made.
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment, Segments
from textual.scrollbar import ScrollBar, ScrollBarRender

#: Blank columns between the content and the bar.
GUTTER = 1
_BACK, _BAR = Color.parse("#555555"), Color.parse("bright_magenta")  # Textual's own defaults


class GutterScrollBarRender(ScrollBarRender):
    """The usual bar, `GUTTER` columns narrower, after that many blank columns."""

    @classmethod
    def render_bar(
        cls,
        size: int = 25,
        virtual_size: float = 50,
        window_size: float = 20,
        position: float = 0,
        thickness: int = 1,
        vertical: bool = True,
        back_color: Color = _BACK,
        bar_color: Color = _BAR,
    ) -> Segments:
        if not vertical or thickness <= GUTTER:
            return super().render_bar(size, virtual_size, window_size, position, thickness, vertical,
                                      back_color, bar_color)
        bar = super().render_bar(size, virtual_size, window_size, position, thickness - GUTTER,
                                 vertical, back_color, bar_color)
        gap = Segment(" " * GUTTER)  # no style of its own: the widget's background shows
        rows: list[Segment] = []
        for cell in bar.segments:
            rows += [gap, cell, Segment.line()]
        return Segments(rows)


def use_gutter_scrollbars() -> None:
    """Every vertical scrollbar the app draws from now on keeps its gutter."""
    ScrollBar.renderer = GutterScrollBarRender
