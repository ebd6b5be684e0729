"""Prototype, measured only (not the app): a text step drawn by one fixed-size line-API page
against today's nested widgets, in two small Textual apps laid out like the reader at 80×24.

    .venv/bin/python bench/text_page_probe.py

«Old» is the reader's page today: a scrolling container, a step view, a title Static and the
Prose body; a step change updates the title, the body and the position line, and Textual lays
out and repaints the page. «New» is one ScrollView (`TextPage`) whose lines (title, blank, body)
are drawn once per step and width; a step change swaps its lines, sets its virtual height without
a layout and repaints only its own region, and the position line is updated without a layout.
Both show kort-intro's first two steps by turns; CPU per change, median of 60, both apps in one
run, twice each. Private Textual API is used here (``_scroll_update``); in the app it would go
through tbp_tui/ui/compat.py.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget
from textual.widgets import Footer, OptionList, Static

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tbp_tui.course import bundled_course_dir, load_course
from tbp_tui.ui.widgets.prose import Prose, prose

MODULE = load_course(bundled_course_dir()).module("kort-intro")
assert MODULE is not None
STEPS = [MODULE.steps[0], MODULE.steps[1]]
CSS = """
#title, #position { height: 1; padding: 0 2; }
#body { height: 1fr; }
#list { width: 32; display: none; }
#content {
    height: 1fr; padding: 0 2; border: round $primary 30%;
    scrollbar-size-vertical: 2; scrollbar-gutter: stable;
}
.step { height: auto; }
.step-title { margin: 0 0 1 0; color: $primary; }
"""


class TextPage(ScrollView):
    """A text step's lines, drawn once per step and width; a step change swaps them."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"text-page--title"}
    DEFAULT_CSS = "TextPage .text-page--title { color: $primary; text-style: bold; }"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._lines: list[Strip] = []
        self._drawn: dict[tuple[str, int], list[Strip]] = {}

    def show(self, step: Any) -> None:
        width = self.scrollable_content_region.width
        lines = self._drawn.get((step.id, width))
        if lines is None:
            style = self.visual_style
            title_style = self.get_component_rich_style("text-page--title")
            title = Visual.to_strips(self, visualize(self, Text(step.title, style=title_style)),
                                     width, None, style)
            body = Visual.to_strips(self, visualize(self, prose(step.body)), width, None, style)
            lines = self._drawn[(step.id, width)] = [*title, Strip.blank(width), *body]
        self._lines = lines
        size = Size(width, len(lines))
        self.set_reactive(Widget.virtual_size, size)  # no layout: the page keeps its size
        self._scroll_update(size)
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        y += self.scroll_offset.y
        width = self.scrollable_content_region.width
        if 0 <= y < len(self._lines):
            return self._lines[y].crop_extend(0, width, None)
        return Strip.blank(width)


class Old(App[None]):
    """Today's structure."""

    CSS = CSS

    def compose(self) -> ComposeResult:
        yield Static("Kort intro", id="title")
        yield Static("", id="position")
        with Horizontal(id="body"):
            yield OptionList(id="list")
            with VerticalScroll(id="content"), Vertical(classes="step"):
                yield Static(classes="step-title")
                yield Prose("", classes="body")
        yield Footer()

    def swap(self, i: int) -> None:
        step = STEPS[i % 2]
        with self.batch_update():
            self.query_one(".step-title", Static).update(Text(step.title, style="bold"))
            self.query_one(Prose).show(step.body)
            self.query_one("#position", Static).update(f"Steg {i % 2 + 1} av 14")
            self.query_one("#content", VerticalScroll).scroll_home(animate=False)


class New(Old):
    """One fixed-size page for the text step."""

    def compose(self) -> ComposeResult:
        yield Static("Kort intro", id="title")
        yield Static("", id="position")
        with Horizontal(id="body"):
            yield OptionList(id="list")
            yield TextPage(id="content")
        yield Footer()

    def swap(self, i: int) -> None:
        self.query_one(TextPage).show(STEPS[i % 2])
        self.query_one("#position", Static).update(f"Steg {i % 2 + 1} av 14", layout=False)


async def cpu_per_change(cls: type[Old], changes: int) -> float:
    app = cls()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for i in range(4):
            app.swap(i)
            await pilot.pause()
        cpu: list[float] = []
        for i in range(changes):
            c0 = time.process_time()
            app.swap(i)
            await pilot.pause()
            await asyncio.sleep(0.01)
            cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(cpu)


def main() -> int:
    for cls in (Old, New, Old, New):
        print(f"{cls.__name__}: {asyncio.run(cpu_per_change(cls, 60)):.1f} ms CPU per step change")
    return 0


if __name__ == "__main__":
    sys.exit(main())
