"""Home's one list: an OptionList that brings only the styles home uses.

Textual's OptionList styles (and ScrollView's, which nothing else on home has) were parsed at
every start before home painted, though home.tcss replaces their border and padding and home
never uses the compact variant or disabled options. `inherit_css=False` (Textual's own switch
for a subclass) leaves them out, and ScrollableContainer's; what they gave home is kept here.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.css.styles import RulesMap
from textual.visual import RichVisual
from textual.widget import Widget
from textual.widgets import OptionList


class HomeMenu(OptionList, inherit_css=False):
    # Textual finds component classes along the same chain that inherit_css cuts: named again.
    COMPONENT_CLASSES = OptionList.COMPONENT_CLASSES
    DEFAULT_CSS = """
    HomeMenu {
        width: 1fr;
        max-height: 100%;
        color: $foreground;
        overflow: hidden auto;
        background: $surface;
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .option-list--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .option-list--separator {
            color: $foreground 15%;
        }
        & > .option-list--option-hover {
            background: $block-hover-background;
        }
    }
    """


class Row(RichVisual):
    """A row whose height is known without drawing it: `head` lines that never wrap, then
    `body` behind an `indent`. While the body fits on one line (nearly always) the height is
    counted, not drawn: Textual drew every row once to count its lines and again to show it."""

    def __init__(
        self, widget: Widget, renderable: RenderableType, head: int, body: Text, indent: int
    ) -> None:
        super().__init__(widget, renderable)
        self.head = head
        self.body = body
        self.indent = indent

    def get_height(self, rules: RulesMap, width: int) -> int:
        body = self.body
        plain = body.plain
        if "\n" not in plain and "\t" not in plain and body.cell_len <= width - self.indent:
            return self.head + 1  # a newline or a tab (drawn wider) is left to the drawing
        return super().get_height(rules, width)
