"""What one participant's terminal receives for «go to step»: bytes and CPU, in a real 80×24 pty.

    .venv/bin/python bench/step_pty.py                       # this checkout, 20 step changes
    .venv/bin/python bench/step_pty.py --code /path/to/other/checkout --sends 10

One tbp joins a room (a personal room root in a temporary folder) and follows it; the
facilitator's commands are written from this process (a FacilitatorLink), so only the
participant runs in the pty. Measured, with the pty read at full speed:

- opening the module: the first «go to step» (from home to kort-intro's first step), bytes
  written until tbp has been quiet for 1.5 s, and its CPU (10 ms ticks);
- a step change: «go to step» between kort-intro's first two steps, `--sends` times, 1.5 s
  apart; bytes and CPU per send (median and range).

Bytes are what a slow link has to carry before the step is whole: at 64 kbit/s (8000 B/s) each
kB is 0.125 s. bench/room.py measures the same with 10 and 40 participants at once.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench

ROOM = "bench"
QUIET = 1.5
"""Seconds after a step shows that the output is still counted (the last paints of a change)."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, help="another checkout's tbp to measure")
    parser.add_argument("--sends", type=int, default=20)
    args = parser.parse_args()
    code: Path = (args.code or bench.ROOT).resolve()
    bench.ROOT = code  # sessions start in this folder, so `python -m tbp_tui` runs its code
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
        warm = pump.launch(bench.App("warm-up", [sys.executable, "-m", "tbp_tui"], bench.TBP_HOME_TEXT))
        pump.wait_for(warm, bench.TBP_HOME_TEXT, 0, 120)
        pump.close()
        argv = [sys.executable, "-m", "tbp_tui", "--room", ROOM, "--room-root", str(root)]
        s = pump.launch(bench.App("participant", argv, "Bli med i rommet"))
        pump.wait_for(s, "Bli med i rommet", 0, 60)
        mark = s.mark()
        s.send(b"y")
        pump.wait_for(s, "følger fasilitatoren", mark, 60)
        pump.run_for(8.0)  # the «you joined» notice goes away first

        def send(step: str, needle: str) -> tuple[int, float]:
            mark, cpu = s.mark(), bench.cpu_seconds([s.pid])
            lead.send_goto("kort-intro", step)
            pump.wait_for(s, needle, mark, 30)
            pump.run_for(QUIET)
            return s.mark() - mark, 1000 * (bench.cpu_seconds([s.pid]) - cpu)

        opened, opened_cpu = send(first, "Steg 1 av")
        sizes: list[int] = []
        cpus: list[float] = []
        for i in range(args.sends):
            size, cpu = send(*((second, "Steg 2 av") if i % 2 == 0 else (first, "Steg 1 av")))
            sizes.append(size)
            cpus.append(cpu)
    finally:
        pump.shutdown()
    print(f"Code: {bench.revision() or code}; one participant, 80×24 pty")
    print(f"  opening the module: {opened} B, {opened_cpu:.0f} ms CPU")
    print(f"  step change ({args.sends} sends): {statistics.median(sizes):.0f} B "
          f"({min(sizes)}–{max(sizes)}), CPU median {statistics.median(cpus):.0f} ms "
          f"({min(cpus):.0f}–{max(cpus):.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
