"""Profiles behind the benchmark's missed targets (needs pyinstrument; not a project dependency).

    .venv/bin/pip install pyinstrument
    .venv/bin/python bench/profile_misses.py startup    # launch → home screen, in a pty (pyinstrument)
    .venv/bin/python bench/profile_misses.py validate   # validate_course of the whole course ×20
    .venv/bin/python bench/profile_misses.py key        # n/p between two steps ×20, headless app
    .venv/bin/python bench/profile_misses.py timer      # what a running timer writes: frames/s, bytes/frame
    .venv/bin/python bench/profile_misses.py memory     # modules and allocations added by opening a module

Each prints a report to stdout; nothing is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import run  # bench/run.py, next to this file

ROOT = run.ROOT


def _profiler() -> Any:
    try:
        from pyinstrument import Profiler
    except ImportError:
        sys.exit("pyinstrument is needed: .venv/bin/pip install pyinstrument")
    return Profiler(interval=0.001, async_mode="disabled")


def _text(profiler: Any, top: int = 30) -> str:
    """Top functions by own time and by total time (flat), then the call tree of our own code."""
    from pyinstrument.renderers import ConsoleRenderer

    session = profiler if not hasattr(profiler, "last_session") else profiler.last_session
    parts = []
    for mode in ("self", "total"):
        flat = ConsoleRenderer(unicode=True, flat=True, flat_time=mode, show_all=True).render(session)
        lines = [ln for ln in flat.splitlines() if ln.strip()]
        head = [ln for ln in lines if not ln[:1].isdigit()]
        # pyinstrument's flat "[self]" rows lump whole files together; they mislead, so leave them out
        body = [ln for ln in lines if ln[:1].isdigit() and "[self]" not in ln][:top]
        parts.append(f"--- top {top} by {mode} time\n" + "\n".join(head[-3:] + body))
    parts.append("--- call tree\n" + ConsoleRenderer(unicode=True).render(session))
    return "\n\n".join(parts)


def startup() -> None:
    """tbp and the baseline under pyinstrument in a pty, quit (Ctrl+Q) as soon as home shows."""
    pump = run.Pump()
    try:
        for name, target, text in (
            ("baseline", [str(ROOT / "bench" / "baseline_app.py")], run.BASE_HOME_TEXT),
            ("tbp", ["-m", "tbp_tui"], run.TBP_HOME_TEXT),
        ):
            out = pump.pycache.parent / f"{name}.pyisession"
            argv = [sys.executable, "-m", "pyinstrument", "-i", "0.0005", "-r", "pyisession", "-o", str(out),
                    *target]
            run.warm_up(pump, run.App(name, argv, text))  # bytecode cache; tbp: the kept course copy
            s = pump.launch(run.App(name, argv, text))
            painted = pump.wait_for(s, text, 0, 60)
            s.send(b"\x11")  # ctrl+q
            deadline = time.monotonic() + 15
            while s.alive and time.monotonic() < deadline:
                pump.poll(0.2)
            pump.close([s])
            from pyinstrument.session import Session as ProfileSession

            print(f"===== {name}: first paint {1000 * (painted - s.t0):.0f} ms under the profiler")
            print(_text(ProfileSession.load(str(out))))
    finally:
        pump.shutdown()


def validate() -> None:
    from tbp_tui.course import validate_course

    course = ROOT / "course"
    validate_course(course)
    profiler = _profiler()
    profiler.start()
    for _ in range(20):
        validate_course(course)
    profiler.stop()
    print(_text(profiler))


def _headless_app(tmp: Path) -> Any:
    from tbp_tui.course import validate_course
    from tbp_tui.options import AppOptions
    from tbp_tui.progress import ProgressStore
    from tbp_tui.ui.app import TbpApp

    course, problems = validate_course(ROOT / "course")
    assert course is not None, problems
    store = ProgressStore.open(tmp, "standard")
    return TbpApp(course, store, AppOptions(data_dir=tmp, course_dir=ROOT / "course"))


def key() -> None:
    """The probe's key in the benchmark: n/p between kort-intro's first two steps (the note read)."""

    async def go(tmp: Path) -> None:
        app = _headless_app(tmp)
        async with app.run_test(size=(run.COLS, run.ROWS)) as pilot:
            await pilot.press("enter", "n", "n", "1", "p")
            await pilot.pause()
            profiler = _profiler()
            times = []
            profiler.start()
            for i in range(20):
                t = time.perf_counter()
                await pilot.press("n" if i % 2 == 0 else "p")
                await pilot.pause()
                times.append((time.perf_counter() - t) * 1000)
            profiler.stop()
            print(f"headless n/p: median {sorted(times)[10]:.0f} ms per key under the profiler "
                  "(pilot waits included; bench/run.py has the real times)")
            print(_text(profiler))

    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(go(Path(tmp)))


def timer(seconds: float = 5.0) -> None:
    """Frames per second and bytes per frame of a running tbp timer, and one frame as text."""
    pump = run.Pump()
    try:
        tbp = run.App("tbp", [sys.executable, "-m", "tbp_tui"], run.TBP_HOME_TEXT)
        s = pump.launch(tbp)
        pump.wait_for(s, tbp.home_text, 0, 60)
        run.start_timer(pump, [s], 30)
        pump.run_for(1.0)
        mark = s.mark()
        t0 = time.monotonic()
        pump.run_for(seconds)
        wall = time.monotonic() - t0
        data = bytes(s.buf[mark:])
    finally:
        pump.shutdown()
    frames = len(re.findall(rb"Igjen: ", data))
    escapes = len(run.ANSI.findall(data))
    text = run.plain(data)
    per = max(frames, 1)
    print(f"{len(data) / wall:.0f} B/s; {frames / wall:.1f} frames/s with the timer line; "
          f"{len(data) / per:.0f} B per frame; {escapes / per:.0f} escape sequences and "
          f"{len(text.decode(errors='replace')) / per:.0f} visible characters per frame")
    # Textual ends each update by homing the cursor; show the last whole update with the timer.
    updates = [u for u in data.split(b"\x1b[1;1H") if b"Igjen: " in u]
    frame = updates[-2] if len(updates) > 1 else data[:2000]
    print("one update (escape sequences shown as ⟨…⟩):")
    print(re.sub(rb"\x1b(\[[0-?]*[ -/]*[@-~])", lambda m: b"\xe2\x9f\xa8" + m.group(1) + b"\xe2\x9f\xa9",
                 frame).decode(errors="replace"))


def memory() -> None:
    """What opening kort-intro's first exercise and starting its timer adds, headless."""

    async def go(tmp: Path) -> None:
        app = _headless_app(tmp)
        async with app.run_test(size=(run.COLS, run.ROWS)) as pilot:
            await pilot.pause()
            before = set(sys.modules)
            snap0 = tracemalloc.take_snapshot()
            await pilot.press("enter", *["n"] * run.STEPS_TO_TIMER, "1", "end", "space")
            await pilot.pause(0.5)
            snap1 = tracemalloc.take_snapshot()
            added = sorted(set(sys.modules) - before)
            print(f"{len(added)} modules imported by opening the module and starting the timer:")
            tops: dict[str, int] = {}
            for name in added:
                top = name.split(".")[0] if not name.startswith("textual") else ".".join(name.split(".")[:2])
                tops[top] = tops.get(top, 0) + 1
            for top, count in sorted(tops.items(), key=lambda kv: -kv[1]):
                print(f"  {count:4d}  {top}")
            stats = snap1.compare_to(snap0, "filename")
            total = sum(st.size_diff for st in stats)
            print(f"Python allocations grew by {total / 1024 / 1024:.1f} MiB; top files:")
            for st in stats[:15]:
                print(f"  {st.size_diff / 1024:8.0f} KiB  {st.traceback[0].filename}")

    tracemalloc.start()
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(go(Path(tmp)))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=("startup", "validate", "key", "timer", "memory"))
    args = parser.parse_args()
    {"startup": startup, "validate": validate, "key": key, "timer": timer, "memory": memory}[args.what]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
