"""Keep learner text inert wherever it is shown: no control character may reach a terminal.

Plain Python, shared by the full-screen app (through a Textual line filter) and plain mode.
The stored text is never touched; only what is drawn or printed.
"""

from __future__ import annotations

import re

_CONTROL = "".join(
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n"]
    + [chr(0x7F)]
    + [chr(c) for c in range(0x80, 0xA0)]
    # Bidi embeddings, overrides and isolates: invisible and able to reorder a whole line.
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
CONTROL_RE = re.compile(f"[{re.escape(_CONTROL)}]")
DROP = {ord(c): None for c in _CONTROL}
_PICTURE = {
    **{c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\t\n"},
    0x7F: "\u2421",
    **{c: "\ufffd" for c in range(0x80, 0xA0)},
    **{c: "\ufffd" for c in range(0x202A, 0x202F)},
    **{c: "\ufffd" for c in range(0x2066, 0x206A)},
}


def has_controls(text: str) -> bool:
    return CONTROL_RE.search(text) is not None


def count_controls(text: str) -> int:
    return len(CONTROL_RE.findall(text))


def visible(text: str) -> str:
    """Control characters as visible symbols (␛ for ESC), for read-only views of learner text."""
    return text.translate(_PICTURE)


def strip_controls(text: str) -> str:
    return text.translate(DROP)
