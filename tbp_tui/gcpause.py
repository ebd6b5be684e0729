"""No cyclic garbage collection while tbp starts, and none of it again over what start-up made.

Importing Textual and tbp allocates about 75 000 long-lived objects (modules, classes,
functions). Python's collector, counting allocations, walks them again and again on the way to
the first paint: about 100 collections, 25-30 ms of CPU time in a start of about 300 ms
(issue 22), all of it before home is on screen.

So `hold` turns the collector off when the app starts, and `release(settle=True)`, called
as soon as the first frame has been handed to the terminal, collects once what start-up left as
cyclic garbage (about 1 000 objects) and then moves everything still alive to the permanent
generation (`gc.freeze`), so later collections never walk the start-up objects again. Settled
later (0.3 s after), RSS on home was 0.4 MiB larger: what the collection frees is reused by
what the app allocates next. The one collection costs CPU, but after the first frame instead
of before it. Reference counting frees everything else at once, as always.
"""

from __future__ import annotations

import gc

__all__ = ["hold", "release"]

_held = False


def hold() -> None:
    """Turn the collector off until `release`; nothing when it was off already."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release(*, settle: bool = False) -> None:
    """Turn it back on if `hold` turned it off; `settle`: collect once, then freeze what is alive."""
    global _held
    if _held:
        _held = False
        if settle:
            gc.collect()
            gc.freeze()
        gc.enable()
