"""Keep learner text inert on screen.

Rich and Textual strip only a few control codes (BEL, BS, VT, FF, CR); an ESC or a C1 control in a
reflection would reach the terminal and be interpreted. A line filter removes every control
character from what is drawn, so nothing typed or pasted can move the cursor, change colours or
set the window title. The stored text is never touched. The rule (which characters) lives in
tbp_tui/textsafe.py, shared with plain mode and the commands; this is only its Textual face.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from tbp_tui.textsafe import CONTROL_RE, DROP

__all__ = ["ControlCharFilter"]


class ControlCharFilter(LineFilter):
    """Drop control characters from every drawn segment; they have zero width, so layout holds."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(CONTROL_RE.search(s.text) for s in segments if not s.control):
            return segments
        return [s if s.control else Segment(s.text.translate(DROP), s.style, None) for s in segments]
