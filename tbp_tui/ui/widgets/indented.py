"""A row drawn narrower behind a prefix: list items, quotes, and home's «▶ Fortsett» line.

Its own module, apart from the course-text renderer (prose.py, with its Markdown patterns and
reflow), because home needs only this: home paints without importing either (issue 22).
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text


class Indented:
    """`inner` drawn narrower, each line led by a prefix: list items (marker, then spaces) and
    quotes (a bar on every line)."""

    def __init__(self, inner: RenderableType, first: Text, rest: Text) -> None:
        self.inner = inner
        self.first = first
        self.rest = rest

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - self.first.cell_len)
        lines = console.render_lines(self.inner, options.update_width(width)) or [[]]
        newline = Segment.line()
        for number, line in enumerate(lines):
            yield from (self.first if number == 0 else self.rest).render(console)
            yield from line
            yield newline


def hanging(marker: str, text: Text) -> Indented:
    """A row led by a marker («▶ », «✓ 3. »): wrapped, it goes on under the text, not under the
    marker."""
    return Indented(text, Text(marker, style=text.style), Text(" " * Text(marker).cell_len))
