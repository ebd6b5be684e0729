"""Course Markdown as plain lines for plain mode: reflowed, never split inside a word.

The course files break their lines at about 95–100 columns. Printed as they are, an 80-column
terminal or a braille line splits words («gå m / ed»). So paragraphs, list items, quotes and
headings are first joined into logical lines, then wrapped at word boundaries to the width
given; with no width (a pipe, a screen reader's own wrapping) each stays one logical line.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

#: Emphasis may run over the course files' line breaks (not over a blank line): «**Hva har skjedd
#: med\ndeg?»**» is one span. Spans are bounded, so openers without closers take linear time.
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)((?:(?!\n[ \t]*\n).){1,200}?)(?<=\S)\1", re.DOTALL)
_ITEM = re.compile(r"( *)([-*+]|\d{1,9}[.)]) +(.*)")
_QUOTE = re.compile(r" {0,3}> ?(.*)")
_HEADING = re.compile(r" {0,3}#{1,6} +(.*?)(?: +#+)? *$")


#: A space that joins a number to its unit or its next digit group («20 %», «5 minutter», «116 123»):
#: Norwegian typesetting never breaks a line there. Line breakers break at any whitespace (Rich
#: and Textual at a no-break space too), so such a space is wrapped as a one-cell stand-in that is
#: not whitespace and turned back into a space in the lines made.
_GLUED_SPACE = re.compile(
    r"(?<=\d) (?=[%‰]|\d|(?:år|prosent|kr|minutter|minutt|min|sekunder|timer|time|dager|døgn|uker"
    r"|måneder|ganger)\b)|(?<=§) (?=\d)"
)
STAND_IN = "\ue000"  # private use: one cell wide, never sent to the terminal


def glued(text: str) -> str:
    """The text with each glued space as the stand-in, ready to wrap."""
    return _GLUED_SPACE.sub(STAND_IN, text)


def markdown_as_text(markdown: str) -> str:
    """Drop emphasis markers, which a screen reader would spell out; keep lists and paragraphs."""
    return _EMPHASIS.sub(r"\2", markdown).strip()


@dataclass
class _Block:
    first: str  # what the first line starts with ("- ", "> ", "  1. ")
    rest: str  # what the following lines start with (the same width in spaces, or "> ")
    words: list[str] = field(default_factory=list)
    quote: bool = False


def _blocks(markdown: str) -> list[_Block | None]:
    """Logical lines in order; None stands for a blank line between them."""
    out: list[_Block | None] = []
    current: _Block | None = None
    for raw in markdown.strip("\n").splitlines():
        line = raw.rstrip()
        if not line.strip():
            if current is not None or (out and out[-1] is not None):
                out.append(None)
            current = None
            continue
        if heading := _HEADING.fullmatch(line):
            out.append(_Block("", "", heading[1].split()))
            current = None
            continue
        if quote := _QUOTE.fullmatch(line):
            if current is None or not current.quote:
                current = _Block("> ", "> ", quote=True)
                out.append(current)
            current.words += quote[1].split()
            continue
        if item := _ITEM.fullmatch(line):
            indent, marker, text = item.groups()
            first = f"{indent}{marker} "
            current = _Block(first, " " * len(first), text.split())
            out.append(current)
            continue
        if current is None or current.quote:
            current = _Block("", "")
            out.append(current)
        current.words += line.split()
    while out and out[-1] is None:
        out.pop()
    return out


def reflow(markdown: str, width: int | None) -> list[str]:
    """The text as lines no wider than `width` (None: one line per paragraph or item)."""
    lines: list[str] = []
    for block in _blocks(markdown_as_text(markdown)):
        if block is None:
            lines.append("")
            continue
        text = " ".join(block.words)
        if width is None:
            lines.append(block.first + text)
        else:
            lines += wrap(text, width, block.first, block.rest)
    return lines


_LEAD = re.compile(r" *(?:\d{1,3}[.)]|[-•▶✓·]) +")


def wrap_hanging(line: str, width: int | None) -> list[str]:
    """A line wrapped like `wrap`; one that starts with a marker («3. », «- ») goes on under its
    text, not under the marker, as the list items of `reflow` do."""
    lead = _LEAD.match(line)
    if lead is None:
        return wrap(line, width)
    marker = lead.group(0)
    return wrap(line[len(marker):], width, marker, " " * len(marker))


def wrap_choices(text: str, width: int | None) -> list[str]:
    """A key line («Enter = next · b = back · …») broken only between its choices, so a choice
    («h = help numbers») is never split; other text is wrapped like `wrap`."""
    if width is None or len(text) <= width or " · " not in text:
        return wrap(text, width)
    lines = [""]
    for choice in text.split(" · "):
        joined = f"{lines[-1]} · {choice}" if lines[-1] else choice
        if len(joined) <= width or not lines[-1]:
            lines[-1] = joined
        else:
            lines[-1] += " ·"
            lines.append(choice)
    return lines


def wrap(text: str, width: int | None, first: str = "", rest: str = "") -> list[str]:
    """One line of text wrapped at spaces only; a word longer than the line stays whole."""
    if width is None or len(first) + len(text) <= width:
        return [first + text]
    lines = textwrap.wrap(glued(text), max(width, len(rest) + 1), initial_indent=first,
                          subsequent_indent=rest, break_long_words=False, break_on_hyphens=False)
    return [line.replace(STAND_IN, " ") for line in lines] or [first]
