"""Whether the full-screen app can run where `tbp` was started.

Apart from plain mode (tbp_tui/plain.py) so that the start of the full app can ask without
importing plain mode itself.
"""

from __future__ import annotations

from typing import TextIO

__all__ = ["needs_plain"]


def needs_plain(stdin: TextIO, stdout: TextIO, term: str | None) -> str | None:
    """Why the full-screen app cannot run here, or None when it can."""
    if not stdout.isatty() or not stdin.isatty():
        return "not-a-terminal"
    if term in (None, "", "dumb", "unknown"):
        return "dumb-terminal"
    return None
