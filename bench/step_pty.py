"""What one participant's terminal receives for «go to step»: bytes and CPU, in a real 80×24 pty.

    .venv/bin/python bench/step_pty.py                       # this checkout, 20 step changes
    .venv/bin/python bench/step_pty.py --code /path/to/other/checkout --sends 10
    .venv/bin/python bench/step_pty.py --against /path/to/other/checkout   # both in one room, same sends

One tbp joins a room (a personal room root in a temporary folder) and follows it; the
facilitator's commands are written from this process (a FacilitatorLink), so only the
participant runs in the pty. Measured, with the pty read at full speed:

- opening the module: the first «go to step» (from home to kort-intro's first step), bytes
  written until tbp has been quiet for 1.5 s, and its CPU (its threads' /proc schedstat, in ms);
- a step change: «go to step» between kort-intro's first two steps, `--sends` times, 1.5 s
  apart; bytes and CPU per send (median and range).

Bytes are what a slow link has to carry before the step is whole: at 64 kbit/s (8000 B/s) each
kB is 0.125 s. bench/room.py measures the same with 10 and 40 participants at once.
"""

from __future__ import annotations

import argparse
import signal
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench

ROOM = "bench"
QUIET = 1.5
"""Seconds after a step shows that the output is still counted (the last paints of a change)."""


def cpu_ms(pid: int, *, main_only: bool = False) -> float:
    """CPU time of `pid`'s live threads (or its main thread alone) in ms, from their /proc
    schedstat (nanoseconds: the 10 ms ticks of /proc/PID/stat are too coarse for one step change)."""
    total = 0
    for task in [Path(f"/proc/{pid}/task/{pid}")] if main_only else Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, IndexError, ValueError):
            continue  # a thread that ended meanwhile
    return total / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, help="another checkout's tbp to measure")
    parser.add_argument("--against", type=Path,
                        help="also run this checkout's tbp in the same room, fed the same sends")
    parser.add_argument("--sends", type=int, default=20)
    parser.add_argument("--py-spy", type=Path, metavar="FILE",
                        help="record the (first) participant's step changes with py-spy into FILE "
                             "(collapsed stacks; needs `.venv/bin/pip install py-spy`, not a dependency)")
    args = parser.parse_args()
    code: Path = (args.code or bench.ROOT).resolve()
    codes = [code] + ([args.against.resolve()] if args.against else [])
    sys.path.insert(0, str(code))
    from tbp_tui.course import bundled_course_dir, load_course
    from tbp_tui.room import FacilitatorLink, open_room

    module = load_course(bundled_course_dir()).module("kort-intro")
    assert module is not None
    first, second = module.steps[0].id, module.steps[1].id
    pump = bench.Pump()
    try:
        root = pump._tmp / "rooms"
        root.mkdir(mode=0o755)  # a personal room root: tbp never makes one (IT does)
        open_room(root, ROOM, group=None, now=datetime.now(UTC))
        lead = FacilitatorLink(root, ROOM, lambda: datetime.now(UTC))
        people = []
        for folder in codes:
            bench.ROOT = folder  # sessions start in this folder, so `python -m tbp_tui` runs its code
            warm = pump.launch(bench.App("warm-up", [sys.executable, "-m", "tbp_tui"], bench.TBP_HOME_TEXT))
            pump.wait_for(warm, bench.TBP_HOME_TEXT, 0, 120)
            pump.close([warm])
            argv = [sys.executable, "-m", "tbp_tui", "--room", ROOM, "--room-root", str(root)]
            s = pump.launch(bench.App("participant", argv, "Bli med i rommet"))
            pump.wait_for(s, "Bli med i rommet", 0, 60)
            mark = s.mark()
            s.send(b"y")
            pump.wait_for(s, "følger fasilitatoren", mark, 60)
            people.append(s)
        pump.run_for(8.0)  # the «you joined» notice goes away first

        def send(step: str, needle: str) -> list[tuple[int, float, float]]:
            marks, cpus = [s.mark() for s in people], [cpu_ms(s.pid) for s in people]
            mains = [cpu_ms(s.pid, main_only=True) for s in people]
            lead.send_goto("kort-intro", step)
            for s, mark in zip(people, marks, strict=True):
                pump.wait_for(s, needle, mark, 30)
            pump.run_for(QUIET)
            return [(s.mark() - mark, cpu_ms(s.pid) - cpu, cpu_ms(s.pid, main_only=True) - main)
                    for s, mark, cpu, main in zip(people, marks, cpus, mains, strict=True)]

        opened = send(first, "Steg 1 av")
        spy = None
        if args.py_spy:
            spy = subprocess.Popen([str(Path(sys.executable).parent / "py-spy"), "record", "--pid",
                                    str(people[0].pid), "--rate", "1000", "--format", "raw", "--threads",
                                    "--gil", "-o", str(args.py_spy)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            pump.run_for(2.0)  # py-spy attaches
        changes = [send(*((second, "Steg 2 av") if i % 2 == 0 else (first, "Steg 1 av")))
                   for i in range(args.sends)]
        if spy is not None:
            spy.send_signal(signal.SIGINT)
            spy.wait(30)
    finally:
        pump.shutdown()
    for i, folder in enumerate(codes):
        bench.ROOT = folder
        sizes, cpus = [c[i][0] for c in changes], [c[i][1] for c in changes]
        mains = [c[i][2] for c in changes]
        print(f"Code: {bench.revision() or folder}; one participant, 80×24 pty")
        print(f"  opening the module: {opened[i][0]} B, {opened[i][1]:.1f} ms CPU")
        print(f"  step change ({args.sends} sends): {statistics.median(sizes):.0f} B "
              f"({min(sizes)}–{max(sizes)}), CPU median {statistics.median(cpus):.1f} ms "
              f"({min(cpus):.1f}–{max(cpus):.1f}); main thread {statistics.median(mains):.1f} ms, "
              f"other threads {statistics.median(c - m for c, m in zip(cpus, mains, strict=True)):.1f} ms")
    if len(codes) == 2:
        ratios = [c[0][1] / c[1][1] for c in changes if c[1][1] > 0]
        print(f"  CPU per step change, first ÷ second, send by send: median {statistics.median(ratios):.2f} "
              f"({min(ratios):.2f}–{max(ratios):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
