"""CPU time and instructions until the first frame, per checkout, load-independent (issue 22).

Wall-clock first paint on a shared 2-core machine moves by tens of milliseconds between
launches; what a change to start-up removes is CPU work. This launches the baseline and one or
more tbp checkouts in turn in run.py's ptys (80×24, the same environment, a returning learner's
data folder), each through a probe that stops the process the moment the app hands its first
frame with the home text to the terminal, and reports:

- CPU ms until then (`time.process_time` in the app: user + system of the whole process),
  median and minimum over `--launches` launches;
- with `--callgrind`, instructions until then under valgrind's callgrind (one launch each,
  PYTHONHASHSEED=0): the same count from run to run within about 0.1 %, whatever the load;
- with `--profile DIR`, a cProfile of one launch each (DIR/NAME.prof).

With `--first-ever` tbp's data folder has no kept copies (course, styles): a learner's first
start. Its course may then be read in a child process (course/aside.py), whose CPU the probe's
`process_time` does not count: compare wall time (bench/run.py) as well.

    .venv/bin/python bench/first_frame.py --old /tmp/old --launches 15 --callgrind

Every app's own stdout goes to its pty; the probe's figure goes to a file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent


def probe(kind: str, needle: str, out: str, profile: str | None) -> None:
    """Run one app (this process) and stop it at its first frame with the home text.

    It must not import bench/run.py, which reads the course with this checkout's tbp_tui.
    """
    import re

    sys.path.insert(0, os.getcwd())  # the checkout run.py started us in
    from textual.app import App

    ansi = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
                      rb"|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[()][0-9A-Za-z]|\x1b[@-Z\\-_0-9=<>]")  # run.ANSI
    profiler: Any = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    display = App._display
    seen = bytearray()  # all output so far: the home text may span writes

    def found(data: str) -> None:
        seen.extend(data.encode())
        if needle.encode() in ansi.sub(b"", bytes(seen)):
            cpu = time.process_time()
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(profile)
            code = getattr(sys.modules.get("tbp_tui"), "__file__", "-")
            Path(out).write_text(f"{cpu * 1000:.3f}\n{code}\n", encoding="utf-8")
            os._exit(0)

    def watch(self: App[Any], screen: Any, renderable: Any) -> None:
        """Whatever driver the app has (tbp's is its own), look at what it is given to write."""
        driver: Any = self._driver
        if driver is not None and "write" not in vars(driver):
            write = driver.write
            driver.write = lambda data: (write(data), found(data))
        display(self, screen, renderable)

    App._display = watch  # type: ignore[method-assign]
    if profiler is not None:
        profiler.enable()
    sys.argv = sys.argv[:1]  # the app sees no arguments, as `tbp` typed alone
    if kind == "tbp":
        import runpy

        runpy.run_module("tbp_tui", run_name="__main__", alter_sys=True)
    else:
        import baseline_app

        baseline_app.BaselineApp().run()


def _instructions(path: Path) -> int:
    for line in path.read_text(encoding="ascii", errors="replace").splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise RuntimeError(f"no totals in {path}")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--probe":
        probe(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5] if len(sys.argv) > 5 else None)
        return 1  # the app ended without a first frame

    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", type=Path, action="append", default=[],
                        help="another checkout (repeatable)")
    parser.add_argument("--new", type=Path, default=BENCH.parent,
                        help="the checkout to compare (default: this one)")
    parser.add_argument("--launches", type=int, default=15)
    parser.add_argument("--callgrind", action="store_true", help="also count instructions")
    parser.add_argument("--profile", type=Path, help="write a cProfile of each app here")
    parser.add_argument("--first-ever", action="store_true",
                        help="tbp without the kept course and style copies, as on a learner's first start")
    args = parser.parse_args()
    sys.path.insert(0, str(BENCH))
    import run

    here = BENCH.parent
    apps = [("baseline", here), *((f"old{i or ''}", p.resolve()) for i, p in enumerate(args.old)),
            ("new", args.new.resolve())]
    tmp = Path(tempfile.mkdtemp(prefix="tbp-first-frame-"))
    pumps = {name: run.Pump() for name, _ in apps}  # each its own bytecode cache and kept course

    def once(name: str, code: Path, pre: list[str], extra: list[str]) -> Path:
        kind = "baseline" if name == "baseline" else "tbp"
        text = run.BASE_HOME_TEXT if kind == "baseline" else run.TBP_HOME_TEXT
        out = tmp / f"{name}-{time.monotonic_ns()}.txt"
        argv = [*pre, sys.executable, str(BENCH / "first_frame.py"), "--probe", kind, text, str(out), *extra]
        run.ROOT = code
        pump = pumps[name]
        s = pump.launch(run.App(kind, argv, text), returning=not args.first_ever)
        deadline = time.monotonic() + 600
        while s.alive and time.monotonic() < deadline:
            pump.poll(0.2)
        pump.close([s])
        if not out.exists():
            raise RuntimeError(f"{name}: no first frame: {run.plain(bytes(s.buf))[-800:]!r}")
        return out

    cpu: dict[str, list[float]] = {name: [] for name, _ in apps}
    load0 = os.getloadavg()
    try:
        for name, code in apps:  # warm-up: bytecode cache, the kept course copy
            run.ROOT = code
            run.warm_up(pumps[name], run.App("x", [sys.executable, "-m", "tbp_tui"] if name != "baseline"
                                      else [sys.executable, str(BENCH / "baseline_app.py")],
                                      run.TBP_HOME_TEXT if name != "baseline" else run.BASE_HOME_TEXT))
        for i in range(args.launches):
            turn = apps[i % len(apps):] + apps[: i % len(apps)]
            for name, code in turn:
                figure, ran = once(name, code, [], []).read_text().split("\n")[:2]
                if name != "baseline" and not ran.startswith(str(code)):
                    raise RuntimeError(f"{name} ran {ran}, not the code in {code}")
                cpu[name].append(float(figure))
        counts: dict[str, int] = {}
        if args.callgrind:
            for name, code in apps:
                cg = tmp / f"{name}.callgrind"
                os.environ["PYTHONHASHSEED"] = "0"
                once(name, code, ["/usr/bin/valgrind", "--tool=callgrind", "--quiet",
                                  f"--callgrind-out-file={cg}"], [])
                counts[name] = _instructions(cg)
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
            for name, code in apps:
                once(name, code, [], [str(args.profile / f"{name}.prof")])
    finally:
        for pump in pumps.values():
            pump.shutdown()
        subprocess.run(["rm", "-rf", str(tmp)], check=False)
    load1 = os.getloadavg()
    print(f"load at start {load0[0]:.2f}/{load0[1]:.2f}, at end {load1[0]:.2f}/{load1[1]:.2f}; "
          f"{args.launches} launches each; CPU until the first frame, median / min (ratio to baseline)")
    b_med, b_min = statistics.median(cpu["baseline"]), min(cpu["baseline"])
    for name, _ in apps:
        m, lo = statistics.median(cpu[name]), min(cpu[name])
        line = f"{name:8} CPU {m:6.1f} / {lo:6.1f} ms ({m / b_med:.3f}× / {lo / b_min:.3f}×)"
        if name in counts:
            line += f"   instructions {counts[name] / 1e6:8.1f} M ({counts[name] / counts['baseline']:.3f}×)"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
