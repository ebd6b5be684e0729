"""Keep learner text inert on screen.

Rich and Textual strip only a few control codes (BEL, BS, VT, FF, CR); an ESC or a C1 control in a
reflection would reach the terminal and be interpreted. A line filter removes every control
character from what is drawn, so nothing typed or pasted can move the cursor, change colours or
set the window title. The stored text is never touched.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

_CONTROL = "".join(
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n"]
    + [chr(0x7F)]
    + [chr(c) for c in range(0x80, 0xA0)]
    # Bidi embeddings, overrides and isolates: invisible and able to reorder a whole line.
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
_CONTROL_RE = re.compile(f"[{re.escape(_CONTROL)}]")
_DROP = {ord(c): None for c in _CONTROL}
_PICTURE = {
    **{c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\t\n"},
    0x7F: "\u2421",
    **{c: "\ufffd" for c in range(0x80, 0xA0)},
    **{c: "\ufffd" for c in range(0x202A, 0x202F)},
    **{c: "\ufffd" for c in range(0x2066, 0x206A)},
}


def has_controls(text: str) -> bool:
    return _CONTROL_RE.search(text) is not None


def count_controls(text: str) -> int:
    return len(_CONTROL_RE.findall(text))


def visible(text: str) -> str:
    """Control characters as visible symbols (␛ for ESC), for read-only views of learner text."""
    return text.translate(_PICTURE)


def strip_controls(text: str) -> str:
    return text.translate(_DROP)


class ControlCharFilter(LineFilter):
    """Drop control characters from every drawn segment; they have zero width, so layout holds."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(_CONTROL_RE.search(s.text) for s in segments if not s.control):
            return segments
        return [s if s.control else Segment(s.text.translate(_DROP), s.style, None) for s in segments]
