"""First paint and memory of two checkouts of tbp and the baseline, in one sitting (issue 22).

The full benchmark (run.py) takes minutes and measures one checkout; a change to start-up needs
its before and after under the same load. This runs the single-session part of run.py, with its
own Session and Pump, for the baseline, another checkout (`--old`, e.g. made with
`git archive main | tar -x -C /tmp/old`) and this one, launched in turn (order rotating):

    .venv/bin/python bench/start_ab.py --old /tmp/old --launches 15

Per app: first paint of home (ms; median, and the minimum), the app's CPU time until then
(ms), RSS on home 1 s after (MiB), and — with `--timer` — RSS with kort-intro's first timer
running (run.py's «module open + timer»), or — with `--first-step` — RSS with kort-intro's first
text step open (no field, no timer: where a learner who opens a module is first). `--first-ever`
starts tbp without the kept copy of the course (a learner's first start ever: the course is read
from its files). Both tbp checkouts run as `python -m tbp_tui` from their folder, so each
imports its own code.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # bench/run.py, next to this file


def cpu_ms(pid: int) -> float:
    """CPU time the process has used, in ms (/proc/PID/schedstat, nanoseconds): the part of first
    paint that other helpers' load on the machine moves least."""
    with open(f"/proc/{pid}/schedstat", encoding="ascii") as fh:
        return int(fh.read().split()[0]) / 1e6


def launch(pump: run.Pump, app: run.App, code: Path, *, returning: bool = True) -> run.Session:
    run.ROOT = code  # Session.__init__ starts the app in run.ROOT: `-m tbp_tui` imports that code
    return pump.launch(app, returning=returning)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", type=Path, required=True, help="the other checkout (before)")
    parser.add_argument("--launches", type=int, default=15)
    parser.add_argument("--timer", action="store_true",
                        help="also RSS with a module open and its timer running")
    parser.add_argument("--first-step", action="store_true",
                        help="instead RSS with a module's first text step open")
    parser.add_argument("--first-ever", action="store_true",
                        help="tbp's first start ever: no kept copy of the course, read from its files")
    args = parser.parse_args()
    if args.timer and args.first_step:
        parser.error("--timer and --first-step each start from home: choose one")
    here = Path(__file__).resolve().parent.parent
    old = args.old.resolve()
    apps = [
        ("baseline", run.App("baseline", [sys.executable, str(here / "bench" / "baseline_app.py")],
                             run.BASE_HOME_TEXT), here),
        ("old", run.App("tbp", [sys.executable, "-m", "tbp_tui"], run.TBP_HOME_TEXT), old),
        ("new", run.App("tbp", [sys.executable, "-m", "tbp_tui"], run.TBP_HOME_TEXT), here),
    ]
    pumps = {name: run.Pump() for name, _, _ in apps}
    paint: dict[str, list[float]] = {name: [] for name, _, _ in apps}
    rss: dict[str, list[float]] = {name: [] for name, _, _ in apps}
    cpu: dict[str, list[float]] = {name: [] for name, _, _ in apps}
    timer: dict[str, list[float]] = {name: [] for name, _, _ in apps}
    load0 = os.getloadavg()
    try:
        for name, app, code in apps:  # warm-up: bytecode caches, the kept course copy
            run.ROOT = code
            run.warm_up(pumps[name], app)
        for i in range(args.launches):
            turn = apps[i % 3:] + apps[: i % 3]
            for name, app, code in turn:
                pump = pumps[name]
                s = launch(pump, app, code, returning=not args.first_ever)
                try:
                    painted = pump.wait_for(s, app.home_text, 0, 60)
                    cpu[name].append(cpu_ms(s.pid))
                    paint[name].append((painted - s.t0) * 1000)
                    pump.run_for(1.0)
                    rss[name].append(run.rss_bytes([s.pid]) / run.MIB)
                    if args.timer and name != "baseline":
                        run.start_timer(pump, [s], 30)
                        pump.run_for(1.0)
                        timer[name].append(run.rss_bytes([s.pid]) / run.MIB)
                    if args.first_step and name != "baseline":
                        run.open_first_step(pump, s, 30)
                        pump.run_for(1.0)
                        timer[name].append(run.rss_bytes([s.pid]) / run.MIB)
                finally:
                    pump.close([s])
    finally:
        for pump in pumps.values():
            pump.shutdown()
    load1 = os.getloadavg()
    b_paint, b_rss, b_cpu = (statistics.median(x["baseline"]) for x in (paint, rss, cpu))
    b_min = min(paint["baseline"])
    print(f"load at start {load0[0]:.2f}/{load0[1]:.2f}, at end {load1[0]:.2f}/{load1[1]:.2f}; "
          f"{args.launches} launches each, medians (ratio to baseline)"
          f"{'; tbp: first start ever' if args.first_ever else ''}")
    for name, _, _ in apps:
        p, r, c = (statistics.median(x[name]) for x in (paint, rss, cpu))
        low = min(paint[name])
        line = (f"{name:8} first paint {p:6.0f} ms ({p / b_paint:.2f}×, min {low:.0f} ms "
                f"{low / b_min:.2f}×), "
                f"CPU {c:4.0f} ms ({c / b_cpu:.2f}×)   "
                f"RSS home {r:5.1f} MiB ({r / b_rss:.2f}×)")
        if timer[name]:
            m = statistics.median(timer[name])
            what = "module+timer" if args.timer else "first step"
            line += f"   RSS {what} {m:5.1f} MiB ({m / b_rss:.2f}×)"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
