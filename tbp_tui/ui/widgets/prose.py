"""Course text on screen: the small part of Markdown the course is written in, drawn with Rich.

Textual's Markdown widget imports markdown-it, pygments and linkify (about 3 MiB per session) and
mounts a widget for every paragraph and list item, which made opening a module and changing step
the heaviest things the app did. The course needs paragraphs, `#` headings, bullet and numbered
lists (nested by indentation), `>` quotes, **bold**, *italic*, `code` and [links](url); this draws
exactly that as one Static per body. Anything else is shown as the text it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual, visualize
from textual.widget import Widget
from textual.widgets import Static

from tbp_tui.course.limits import MAX_NESTING
from tbp_tui.reflow import STAND_IN, glued
from tbp_tui.ui.widgets.indented import Indented as Indented  # re-exported: the reader draws with both
from tbp_tui.ui.widgets.indented import hanging as hanging

_ITEM = re.compile(r"( *)([-*+]|\d{1,9}[.)])(?: +(.*)|$)")
_QUOTE = re.compile(r" {0,3}> ?(.*)")
_HEADING = re.compile(r" {0,3}(#{1,6})(?: +(.*?))?(?: +#+)? *$")
_RULE = re.compile(r" {0,3}([-*_])(?: *\1){2,} *$")
#: The longest emphasis, code or link span: every pattern below looks at most this far ahead, so
#: a body with openers and no closers (300 kB of "*a ") takes linear time, not quadratic.
SPAN = 200
_INLINE = re.compile(
    r"\\(?P<escaped>[!-/:-@\[-`{-~])"
    rf"|\*\*(?P<strong>.{{1,{SPAN}}}?)\*\*"
    rf"|__(?P<strong_>.{{1,{SPAN}}}?)__"
    rf"|(?<![\w*])\*(?P<em>[^\s*](?:.{{0,{SPAN}}}?[^\s\\*])?)\*(?![\w*])"
    rf"|(?<![\w_])_(?P<em_>[^\s_](?:.{{0,{SPAN}}}?[^\s\\_])?)_(?![\w_])"
    rf"|`(?P<code>[^`]{{1,{SPAN}}})`"
    rf"|\[(?P<label>[^\]]{{1,{SPAN}}})\]\((?P<url>[^)\s]{{1,{SPAN}}})\)"
    r"|(?P<hard> {2,}|\\)\n",
    re.DOTALL,
)
_STYLES = {"strong": "bold", "strong_": "bold", "em": "italic", "em_": "italic"}

BULLETS = ("•", "◦", "▪")
QUOTE_BAR = "▌ "


def draw(widget: Widget, content: RenderableType, width: int, style: VisualStyle) -> list[Strip]:
    """Course text as lines `width` cells wide, each glued space (`reflow.glued`) a space again."""
    strips = Visual.to_strips(widget, visualize(widget, content, markup=False), width, None, style)
    return [_unglued(strip) for strip in strips]


def _unglued(strip: Strip) -> Strip:
    if not any(STAND_IN in segment.text for segment in strip):
        return strip
    return Strip([Segment(segment.text.replace(STAND_IN, " "), segment.style, segment.control)
                  for segment in strip], strip.cell_length)


def inline(source: str, style: str = "") -> Text:
    """One paragraph's text with its emphasis; soft line breaks become spaces."""
    out = Text(style=style)
    at = 0
    for match in _INLINE.finditer(source):
        out.append(_soft(source[at : match.start()]))
        kind = match.lastgroup
        if kind == "escaped":
            out.append(match["escaped"])
        elif kind in _STYLES:
            out.append_text(inline(match[kind], _STYLES[kind]))
        elif kind == "code":
            out.append(match["code"], style="reverse")
        elif kind == "url":
            out.append_text(inline(match["label"], "underline"))
            out.append(f" ({match['url']})", style="dim")
        else:
            out.append("\n")
        at = match.end()
    out.append(_soft(source[at:]))
    return out


def _soft(text: str) -> str:
    return glued(text.replace("\n", " "))


def prose(markdown: str, depth: int = 0) -> RenderableType:
    """The whole body as one renderable, blocks separated by a blank line."""
    return _joined(_blocks(markdown.expandtabs(4).splitlines(), depth), spaced=True)


def _joined(blocks: Iterable[RenderableType], *, spaced: bool) -> RenderableType:
    parts: list[RenderableType] = []
    for block in blocks:
        if parts and spaced:
            parts.append(Text())
        parts.append(block)
    return Group(*parts) if len(parts) != 1 else parts[0]


def _blocks(lines: list[str], depth: int = 0) -> Iterable[RenderableType]:
    if depth >= MAX_NESTING:  # the validator refuses deeper text; drawn as it is, never recursed
        yield Text("\n".join(lines))
        return
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif heading := _HEADING.match(line):
            yield inline(heading[2] or "", "bold")
            i += 1
        elif _RULE.match(line):
            yield Text("─" * 20, style="dim")
            i += 1
        elif _QUOTE.match(line):
            inner = []
            while i < len(lines) and (quoted := _QUOTE.match(lines[i])):
                inner.append(quoted[1])
                i += 1
            bar = Text(QUOTE_BAR, style="dim")
            yield Indented(prose("\n".join(inner), depth + 1), bar, bar)
        elif _ITEM.match(line):
            i, block = _list(lines, i, depth)
            yield block
        else:
            start = i
            i += 1
            while i < len(lines) and lines[i].strip() and not _interrupts(lines[i]):
                i += 1
            yield inline("\n".join(s.lstrip() for s in lines[start:i]).rstrip())


def _interrupts(line: str) -> bool:
    """Lines that end a paragraph. As in CommonMark, a number other than 1 does not start a list
    inside a paragraph, so a wrapped line beginning "14. mars" stays text."""
    if _HEADING.match(line) or _QUOTE.match(line) or _RULE.match(line):
        return True
    item = _ITEM.match(line)
    return bool(item and item[3] and (not item[2][0].isdigit() or item[2][:-1] == "1"))


def _list(lines: list[str], i: int, depth: int) -> tuple[int, RenderableType]:
    """Consecutive items from line i; an item owns the lines indented past its marker, and a blank
    line ends the list unless an item or an indented line follows it."""
    first = _ITEM.match(lines[i])
    assert first is not None
    base, kind = len(first[1]), _kind(first)

    def sibling(line: str) -> re.Match[str] | None:
        item = _ITEM.match(line)
        ok = item and base <= len(item[1]) <= base + 3 and _kind(item) == kind
        return item if ok else None

    items: list[RenderableType] = []
    while i < len(lines) and (item := sibling(lines[i])):
        marker = item[2] if item[2][0].isdigit() else BULLETS[depth % len(BULLETS)]
        own = len(item[1]) + len(item[2]) + 1
        body = [item[3] or ""]
        i += 1
        while i < len(lines):
            line = lines[i]
            indent = len(line) - len(line.lstrip(" "))
            if not line.strip():
                after = next((s for s in lines[i + 1 :] if s.strip()), "")
                if len(after) - len(after.lstrip(" ")) < own:
                    break
                body.append("")
            elif indent < own and (_ITEM.match(line) or not body[-1].strip() or _interrupts(line)):
                break
            else:
                body.append(line[min(indent, own) :])
            i += 1
        lead = Text(marker + " ", style="bold")
        # an item's blocks (its text, a nested list) are spaced only where the source has a blank line
        inner = _joined(_blocks(body, depth + 1), spaced="" in body)
        items.append(Indented(inner, lead, Text(" " * lead.cell_len)))
        nxt = next((j for j in range(i, len(lines)) if lines[j].strip()), len(lines))
        if nxt < len(lines) and sibling(lines[nxt]):
            i = nxt
    return i, Group(*items)


def _kind(item: re.Match[str]) -> str:
    """A list's kind: its bullet, or the character after its numbers; another kind starts a new list."""
    return item[2][-1]



class Prose(Static):
    """A body of course text (trusted Markdown, the subset above).

    The course does not change while the app runs, so a body is drawn once per width and style
    and its lines are kept (shared by every Prose showing the same text): a step change or a «go
    to step» in a room then measures and paints lines already made, instead of wrapping the
    Markdown again twice (once for the height, once for the paint). In a room of 40 on two cores
    that drawing was most of each participant's CPU per step change.
    """

    DEFAULT_CSS = "Prose { height: auto; }"

    def __init__(self, markdown: str, *, classes: str | None = None, id: str | None = None) -> None:
        super().__init__(markup=False, classes=classes, id=id)
        self._source = markdown

    def show(self, markdown: str) -> None:
        if markdown != self._source:
            self._source = markdown
            self.clear_cached_dimensions()
            self.refresh(layout=True)

    def render(self) -> RenderableType:
        return prose(self._source)

    def lines(self, width: int) -> list[Strip]:
        """The body drawn at `width` cells, from the shared cache when it was drawn before."""
        style = self.visual_style
        key = (self._source, width, style)
        cached = None if self.text_selection is not None else _DRAWN.get(key)
        if cached is None:
            cached = draw(self, self.render(), width, style)
            if self.text_selection is None:
                _DRAWN[key] = cached
        return cached

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """Selected text as drawn: glued spaces are copied as spaces."""
        found = super().get_selection(selection)
        return None if found is None else (found[0].replace(STAND_IN, " "), found[1])

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width)) if width > 0 else 0

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self.lines(width)
        return lines[y] if 0 <= y < len(lines) else Strip.blank(width, self.visual_style.rich_style)


_DRAWN: LRUCache[tuple[str, int, VisualStyle], list[Strip]] = LRUCache(64)
"""Drawn bodies by (text, width, style): the steps a session goes back and forth between (a
module is at most 30 steps), not the whole course, so memory stays small."""


__all__ = ["Prose", "draw", "inline", "prose"]
