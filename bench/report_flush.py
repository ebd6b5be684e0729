"""Completion reporting under load: flushing 10 000 queued statements to a local Ralph LRS.

    .venv/bin/python bench/report_flush.py                   # 10 000 statements, 3 runs
    .venv/bin/python bench/report_flush.py --statements 2000 --runs 1

Needs the Ralph LRS that `python3 tasks.py test` installs in .venv-ralph (or TBP_RALPH_PYTHON).
Per run, against a fresh Ralph on 127.0.0.1:
- `tbp report flush` of N queued statements as its own process: wall time and peak RSS, beside
  a baseline in the same run: bare stdlib urllib POSTing the same statements in the same batches
  (no outbox, no locking) from a process of its own;
- key response in the app (n/p between two text steps, headless, as bench/step_keys.py) while
  its reporting thread flushes N statements, beside the same presses with reporting off.
Reports medians over the runs and the load average. Nothing is written outside a temp folder.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ports import free_port  # noqa: E402
from tests.report.conftest import write_config  # noqa: E402
from tests.report.lrs_server import PASSWORD, USER, Lrs, ralph_python  # noqa: E402

BASELINE = r"""
import base64, json, sys, urllib.request
url, user, password, path, batch = sys.argv[1:6]
statements = json.load(open(path))
token = base64.b64encode(f"{user}:{password}".encode()).decode()
for i in range(0, len(statements), int(batch)):
    body = json.dumps(statements[i:i + int(batch)]).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3",
        "Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=30).read()
"""


def fill(outbox_dir: Path, n: int) -> list[dict[str, object]]:
    from tbp_tui.course import bundled_course_dir, load_course
    from tbp_tui.report.derive import Reporting
    from tbp_tui.report.outbox import Outbox
    from tbp_tui.report.statements import Actor

    course = load_course(bundled_course_dir())
    actor = Actor("https://id.example.test", f"bench{os.getpid()}")
    reporting = Reporting(course, actor, "urn:tbp-tui", "nb")
    entries = [reporting.session("initialized", f"s{i}-{time.time_ns()}", "2026-12-03T08:00:00Z")
               for i in range(n)]
    Outbox(outbox_dir).add(entries)
    return [e.statement for e in entries]


def _hwm_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return 0


def timed_child(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak RSS MiB) of one child process.

    The peak is the child's own VmHWM, read every 20 ms until it exits: rusage's ru_maxrss would
    include this (large) benchmark process's RSS, which Linux carries into a child at fork.
    """
    started = time.perf_counter()
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _hwm_kib(process.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    assert process.returncode == 0, cmd
    return seconds, peak / 1024


async def presses(data_dir: Path, n_presses: int, reporting: bool, n: int, lrs: Lrs) -> list[float]:
    from tbp_tui.course import bundled_course_dir, load_course
    from tbp_tui.options import AppOptions
    from tbp_tui.progress import ProgressStore
    from tbp_tui.report.config import load_config
    from tbp_tui.report.reporter import start_reporting
    from tbp_tui.ui.app import TbpApp

    course = load_course(bundled_course_dir())
    store = ProgressStore.open(data_dir, "standard")
    reporter = None
    if reporting:
        write_config(data_dir, lrs.endpoint)
        fill(data_dir / "profiles" / "standard", n)
        config = load_config(data_dir)
        assert config is not None
        reporter = start_reporting(config, course, store, "nb")
        store.saved_listeners.clear()  # the presses measure the flush, not extra derivations
    app = TbpApp(course, store, AppOptions(data_dir=data_dir))
    times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_module("kort-intro")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        for i in range(n_presses):
            started = time.perf_counter()
            await pilot.press("n" if i % 2 == 0 else "p")
            await pilot.pause()
            times.append((time.perf_counter() - started) * 1000)
    if reporter is not None:
        pending = len(reporter.outbox.read().pending)
        reporter.stop(timeout=60)
        print(f"    (statements still waiting when the presses ended: {pending} of {n})")
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--presses", type=int, default=40)
    args = parser.parse_args()
    python = ralph_python()
    if python is None:
        print("no Ralph LRS: run python3 tasks.py test once (it installs .venv-ralph)")
        return 2
    rows: dict[str, list[float]] = {k: [] for k in ("tbp_s", "base_s", "tbp_mib", "base_mib",
                                                   "keys_off", "keys_on")}
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            lrs = Lrs(python, tmp / "lrs", free_port())
            lrs.start()
            try:
                data_dir = tmp / "data"
                write_config(data_dir, lrs.endpoint, batch=100, timeout=30)
                statements = fill(data_dir / "profiles" / "standard", args.statements)
                env = {**os.environ, "TBP_DATA_DIR": str(data_dir), "TBP_SYSTEM_CONFIG_DIR": str(tmp / "etc")}
                seconds, mib = timed_child([sys.executable, "-m", "tbp_tui", "report", "flush"], env)
                rows["tbp_s"].append(seconds)
                rows["tbp_mib"].append(mib)
                # the baseline sends the same statements to a fresh Ralph of its own, so both
                # meet an empty LRS (its file backend grows slower as it fills)
                (tmp / "s.json").write_text(json.dumps(statements))
                fresh = Lrs(python, tmp / "lrs-baseline", free_port())
                fresh.start()
                try:
                    seconds, mib = timed_child([sys.executable, "-c", BASELINE,
                                                f"{fresh.endpoint}/statements", USER, PASSWORD,
                                                str(tmp / "s.json"), "100"], env)
                finally:
                    fresh.remove()
                rows["base_s"].append(seconds)
                rows["base_mib"].append(mib)
                rows["keys_off"] += asyncio.run(presses(tmp / "off", args.presses, False, 0, lrs))
                rows["keys_on"] += asyncio.run(presses(tmp / "on", args.presses, True, args.statements, lrs))
            finally:
                lrs.remove()
        print(f"run {run + 1}: flush {rows['tbp_s'][-1]:.1f} s vs baseline {rows['base_s'][-1]:.1f} s")
    med = statistics.median

    def p95(xs: list[float]) -> float:
        return sorted(xs)[min(len(xs) - 1, int(0.95 * len(xs)))]

    print(f"\nload average at the end: {os.getloadavg()[0]:.2f} (2 cores)")
    print(f"| metric ({args.statements} statements, {args.runs} runs, medians) | tbp | baseline | ratio |")
    print("|---|---|---|---|")
    print(f"| flush wall time (s) | {med(rows['tbp_s']):.1f} | {med(rows['base_s']):.1f} | "
          f"{med(rows['tbp_s']) / med(rows['base_s']):.2f}× |")
    print(f"| flush peak RSS of the process (MiB) | {med(rows['tbp_mib']):.1f} | "
          f"{med(rows['base_mib']):.1f} | {med(rows['tbp_mib']) / med(rows['base_mib']):.2f}× |")
    print(f"| key response, median (ms): flushing vs reporting off | {med(rows['keys_on']):.1f} | "
          f"{med(rows['keys_off']):.1f} | {med(rows['keys_on']) / med(rows['keys_off']):.2f}× |")
    print(f"| key response, p95 (ms) | {p95(rows['keys_on']):.1f} | {p95(rows['keys_off']):.1f} | "
          f"{p95(rows['keys_on']) / p95(rows['keys_off']):.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
