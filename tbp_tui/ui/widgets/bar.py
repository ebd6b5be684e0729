"""A text bar for amounts explored: block characters keep their meaning without colour."""

from __future__ import annotations

FULL = "█"
EMPTY = "░"


def bar(done: int, total: int, width: int = 10) -> str:
    """`done` of `total` as `width` cells; any progress shows at least one full cell."""
    if total <= 0 or width <= 0:
        return EMPTY * max(width, 0)
    done = max(0, min(done, total))
    cells = round(width * done / total)
    if done and not cells:
        cells = 1
    return FULL * cells + EMPTY * (width - cells)
