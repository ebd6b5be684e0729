"""How long one step change (n/p) takes in the module reader, headless, at 80×24.

    .venv/bin/python bench/step_keys.py                # 50 presses between two text steps
    .venv/bin/python bench/step_keys.py --presses 100 --profile   # and a pyinstrument profile
    .venv/bin/python bench/step_keys.py --room         # the same steps, sent as «go to step»

With `--room` the app is a participant following a room (its real follow loop on inotify) and
each step change is the facilitator's «go to step», written to the room folder from this
process: per send, the process's CPU (UI thread and follow loop, until both are quiet again:
the report of the new position included). As in bench/room.py the participant only follows
(no key is pressed). The time a send takes to reach 40 participants is measured by
bench/room.py.

The same steps as the benchmark's probe (bench/run.py): kort-intro's first two text steps of the
bundled course; had the second a content note, it is read once (Fortsett) first, so every
press after that shows a whole step, not the note view (today's course has none there). Per press it
reports wall time (pilot press + pause until the app is idle, so Textual's own waits are in it)
and this process's CPU time, median / p90 / min. Quick to run; not the benchmark (that one runs
the app in a pty with other sessions around it). Nothing is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _app(tmp: Path, room_root: Path | None = None) -> Any:
    from tbp_tui.course import validate_course
    from tbp_tui.options import AppOptions
    from tbp_tui.progress import ProgressStore
    from tbp_tui.ui.app import TbpApp

    course, problems = validate_course(ROOT / "course")
    assert course is not None, problems
    store = ProgressStore.open(tmp, "standard")
    room = {"room": ROOM, "room_root": room_root} if room_root is not None else {}
    return TbpApp(course, store, AppOptions(data_dir=tmp, course_dir=ROOT / "course", **room))


ROOM = "bench"


def _start_profile() -> Any:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001, async_mode="disabled")
    profiler.start()
    return profiler


def _print_profile(profiler: Any) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from profile_misses import _text

    print(_text(profiler, top=40))


def _stats(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"median {statistics.median(ordered):6.1f}  p90 {p90:6.1f}  min {ordered[0]:6.1f} ms"


async def measure(tmp: Path, presses: int, profile: bool) -> None:
    app = _app(tmp)
    async with app.run_test(size=(80, 24)) as pilot:
        # Fortsett → kort-intro's overview; step 1; step 2 (its note: read it, "1"); back to step 1.
        for key in ("enter", "n", "n", "1", "p"):
            await pilot.press(key)
            await pilot.pause()
        screen = app.screen
        assert getattr(screen, "index", None) == 0, "not on kort-intro's first step"
        profiler = _start_profile() if profile else None
        wall: list[float] = []
        cpu: list[float] = []
        for i in range(presses):
            t0, c0 = time.perf_counter(), time.process_time()
            await pilot.press("n" if i % 2 == 0 else "p")
            await pilot.pause()
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        if profiler is not None:
            profiler.stop()
        assert getattr(screen, "index", None) == presses % 2
        print(f"{presses} presses of n/p (kort-intro steps 1 ↔ 2), headless 80×24")
        print(f"  wall per press: {_stats(wall)}")
        print(f"  CPU  per press: {_stats(cpu)}")
        if profiler is not None:
            _print_profile(profiler)


async def measure_room(tmp: Path, sends: int, profile: bool) -> None:
    from datetime import UTC, datetime

    from tbp_tui.room import FacilitatorLink, open_room

    root = tmp / "rooms"
    root.mkdir(mode=0o755)  # a personal room root, as the room bench makes
    open_room(root, ROOM, group=None, now=datetime.now(UTC))
    lead = FacilitatorLink(root, ROOM, lambda: datetime.now(UTC))
    data = tmp / "data"
    data.mkdir(mode=0o700)
    app = _app(data, root)
    module = app.course.module("kort-intro")
    first, second = module.steps[0].id, module.steps[1].id

    async def shown(step_id: str) -> None:
        while not (getattr(app.screen, "step", None) is not None and app.screen.step.id == step_id):
            await asyncio.sleep(0.001)

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("y")  # join
        for _ in range(200):
            if app.room_ui.state == "joined":
                break
            await asyncio.sleep(0.01)
        lead.send_goto("kort-intro", second)  # opens the module (not counted)
        await shown(second)
        await pilot.pause()
        await asyncio.sleep(0.3)
        profiler = _start_profile() if profile else None
        cpu: list[float] = []
        for i in range(sends):
            target = first if i % 2 == 0 else second
            c0 = time.process_time()
            lead.send_goto("kort-intro", target)
            await shown(target)
            await pilot.pause()
            await asyncio.sleep(0.05)  # the follow loop reports the new position
            cpu.append((time.process_time() - c0) * 1000)
        if profiler is not None:
            profiler.stop()
        print(f"{sends} «go to step» sends (kort-intro steps 1 ↔ 2), headless 80×24, one participant")
        print(f"  CPU per send (the facilitator's write included): {_stats(cpu)}")
        if profiler is not None:
            _print_profile(profiler)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--presses", type=int, default=50)
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile of the presses")
    parser.add_argument("--room", action="store_true", help="«go to step» from a room instead of n/p")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.room:
            asyncio.run(measure_room(Path(tmp), args.presses, args.profile))
        else:
            asyncio.run(measure(Path(tmp), args.presses, args.profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
