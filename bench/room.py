"""Benchmark a workshop room: N participants and a facilitator, each a real tbp in its own pty.

Run from the project root::

    .venv/bin/python bench/room.py                      # N = 10 and 40, 10 s windows
    .venv/bin/python bench/room.py --sessions 5 --window 5 --gotos 5     # smoke
    .venv/bin/python bench/room.py --code /path/to/other/checkout -o /tmp/before.md

`--code` measures another checkout's tbp (for a before/after in one session): the apps run as
``python -m tbp_tui`` from that folder. Measured, per N (see bench/README.md, "Room"):

- bytes/s and CPU % per participant, idle on the home page in the room, and following a running
  timer; the same for the facilitator (its reader with the panel and the room table);
- «go to step» latency: from writing `g` to the facilitator's pty until the step's position line
  (``Steg k av``) has arrived on each participant's pty; median, p95 and max over every
  participant and every send;
- one more participant whose pty is read at 64 kbit/s (8000 B/s, a slow mobile link): how long
  «go to step» takes to reach it (capped at the time-out).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # the main benchmark's pty sessions and pump

ROOM = "bench"
SLOW_BYTES_PER_S = 8000
"""64 kbit/s."""
SLOW_TIMEOUT = 30.0


def _timer_step() -> int:
    """kort-intro's last exercise with a timer and no content note, as its step number (read from
    the bundled course, so a rewrite of the course does not silently point at a text step)."""
    from tbp_tui.course import bundled_course_dir, load_course

    module = load_course(bundled_course_dir()).module("kort-intro")
    assert module is not None
    return max(i for i, s in enumerate(module.steps, 1)
               if getattr(s, "timer_seconds", None) and not s.innholdsnotis)


TIMER_STEP = _timer_step()
JOIN_TEXT = "Bli med i rommet"
FOLLOWING_TEXT = "følger fasilitatoren"


@dataclass
class Phase:
    participant_bytes: list[float] = field(default_factory=list)
    participant_cpu: list[float] = field(default_factory=list)
    facilitator_bytes: float = 0.0
    facilitator_cpu: float = 0.0


@dataclass
class Result:
    n: int
    idle: Phase
    timer: Phase
    goto_ms: list[float]
    slow_goto_s: list[float]
    join_s: float
    timer_missing: int = 0
    """Participants whose timer was not seen running after the facilitator's `s`."""
    goto_cpu_ms: float = 0.0
    """CPU ms per participant per «go to step» (the pauses between sends included)."""


class SlowReader:
    """Reads one session's pty at SLOW_BYTES_PER_S, like the far end of a 64 kbit/s link."""

    def __init__(self, session: bench.Session) -> None:
        self.session = session
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        chunk = SLOW_BYTES_PER_S // 20
        while not self.stop.is_set() and self.session.fd >= 0:
            try:
                data = os.read(self.session.fd, chunk)
            except BlockingIOError:
                data = None
            except OSError:
                return
            if data == b"":
                return
            if data:
                with self.lock:
                    self.session.feed(data)
            self.stop.wait(0.05)

    def wait_for(self, needle: str, since: int, timeout: float) -> float | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if self.session.has(needle, since):
                    return time.monotonic()
            time.sleep(0.05)
        return None

    def mark(self) -> int:
        with self.lock:
            return self.session.mark()


def percentile(xs: Sequence[float], p: float) -> float:
    if not xs:
        return float("nan")
    ordered = sorted(xs)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def measure(pump: bench.Pump, people: Sequence[bench.Session], lead: bench.Session, seconds: float) -> Phase:
    """Per-session bytes/s and CPU % of a core over one window, everyone's pty read at full speed."""
    sessions = [*people, lead]
    b0 = {s.pid: s.total for s in sessions}
    c0 = {s.pid: bench.cpu_seconds([s.pid]) for s in sessions}
    t0 = time.monotonic()
    pump.run_for(seconds)
    wall = time.monotonic() - t0
    phase = Phase()
    for s in people:
        phase.participant_bytes.append((s.total - b0[s.pid]) / wall)
        phase.participant_cpu.append(100 * (bench.cpu_seconds([s.pid]) - c0[s.pid]) / wall)
    phase.facilitator_bytes = (lead.total - b0[lead.pid]) / wall
    phase.facilitator_cpu = 100 * (bench.cpu_seconds([lead.pid]) - c0[lead.pid]) / wall
    return phase


def key(pump: bench.Pump, session: bench.Session, data: bytes, needle: str, timeout: float = 20) -> None:
    mark = session.mark()
    session.send(data)
    pump.wait_for(session, needle, mark, timeout)


def one_room(pump: bench.Pump, code: Path, n: int, window: float, gotos: int, log: object) -> Result:
    say = log if callable(log) else print
    root = pump._tmp / f"rooms-{n}"
    env = bench.make_env(pump._tmp, pump.pycache)
    root.mkdir(mode=0o755, exist_ok=True)  # a personal room root: tbp never makes one (IT does)
    subprocess.run([sys.executable, "-m", "tbp_tui", "room", "open", ROOM, "--room-root", str(root)],
                   cwd=code, env=env, check=True, capture_output=True, timeout=60)
    argv = [sys.executable, "-m", "tbp_tui", "--room", ROOM, "--room-root", str(root)]
    lead = pump.launch(bench.App("facilitator", [*argv, "--facilitator"], bench.TBP_HOME_TEXT))
    pump.wait_for(lead, bench.TBP_HOME_TEXT, 0, 120)
    key(pump, lead, bench.KEY_ENTER, "Oversikt")
    key(pump, lead, b"n", "Steg 1 av")

    t0 = time.monotonic()
    people = [pump.launch(bench.App(f"p{i}", argv, JOIN_TEXT)) for i in range(n)]
    pump.wait_all(people, JOIN_TEXT, [0] * n, 60 + 5 * n)
    marks = [s.mark() for s in people]
    for s in people:
        s.send(b"y")
    pump.wait_all(people, FOLLOWING_TEXT, marks, 60 + n)
    slow = pump.launch(bench.App("slow", argv, JOIN_TEXT))
    pump.sessions.remove(slow)  # read by its own slow reader, not the pump
    reader = SlowReader(slow)
    if reader.wait_for(JOIN_TEXT, 0, 120) is None:
        raise bench.BenchError("the slow participant never showed the join question")
    mark = reader.mark()
    slow.send(b"y")
    if reader.wait_for(FOLLOWING_TEXT, mark, 120) is None:
        raise bench.BenchError("the slow participant never joined")
    join_s = time.monotonic() - t0
    say(f"  N={n}: {n} + 1 slow participants joined in {join_s:.1f} s")

    pump.run_for(8.0)  # the «you joined» notices (6 s) go away first
    idle = measure(pump, people, lead, window)
    say(f"  idle: participant {statistics.median(idle.participant_bytes):.0f} B/s, "
        f"facilitator {idle.facilitator_bytes:.0f} B/s")

    # The first «go to step» opens the module everywhere: not counted.
    marks = [s.mark() for s in people]
    lead.send(b"g")
    pump.wait_all(people, "Steg 1 av", marks, 60)
    reader.wait_for("Steg 1 av", 0, SLOW_TIMEOUT)
    goto_ms: list[float] = []
    slow_s: list[float] = []
    step = 1
    cpu_before = bench.cpu_seconds([s.pid for s in people])
    for i in range(gotos):
        step = 2 if step == 1 else 1
        key(pump, lead, b"n" if step == 2 else b"p", f"Steg {step} av")
        pump.run_for(0.5)
        needle = f"Steg {step} av"
        marks = [s.mark() for s in people]
        slow_mark = reader.mark()
        sent = time.monotonic()
        lead.send(b"g")
        pending = dict(zip(range(n), marks, strict=True))
        deadline = sent + 20
        while pending and time.monotonic() < deadline:
            for s_, at in pump.poll(0.2):
                idx = people.index(s_) if s_ in people else -1
                if idx in pending and s_.has(needle, pending[idx]):
                    goto_ms.append((at - sent) * 1000)
                    del pending[idx]
        if pending:
            raise bench.BenchError(f"«go to step» did not reach {len(pending)} participants in 20 s")
        if i < 3:  # the slow link: a few sends only, each may take its whole time-out
            arrived = reader.wait_for(needle, slow_mark, SLOW_TIMEOUT)
            slow_s.append((arrived - sent) if arrived is not None else float("inf"))
    goto_cpu_ms = 1000 * (bench.cpu_seconds([s.pid for s in people]) - cpu_before) / gotos / n
    say(f"  go to step: {goto_cpu_ms:.0f} ms CPU per participant per send; "
        f"median {statistics.median(goto_ms):.0f} ms, p95 {percentile(goto_ms, 95):.0f} ms, "
        f"max {max(goto_ms):.0f} ms; 64 kbit/s: {', '.join(f'{s:.1f} s' for s in slow_s)}")

    # Following a timer: everyone to kort-intro's second exercise (no content note), timer in view.
    for k in range(step + 1, TIMER_STEP + 1):
        key(pump, lead, b"n", f"Steg {k} av")
    marks = [s.mark() for s in people]
    lead.send(b"g")
    try:
        pump.wait_all(people, f"Steg {TIMER_STEP} av", marks, 60)
    except bench.BenchError:  # measured anyway; the table says how many had no timer
        lost = [f"{s.app.name} ({'running' if s.alive else 'gone'})"
                for s, m in zip(people, marks, strict=True) if not s.has(f"Steg {TIMER_STEP} av", m)]
        say(f"  «go to step {TIMER_STEP}» did not reach: {', '.join(lost)}")
    for s in people:
        s.send(bench.KEY_END)
    pump.run_for(1.0)
    marks = [s.mark() for s in people]
    lead.send(b"s")
    try:
        pump.wait_all(people, "Går", marks, 30)
    except bench.BenchError as exc:  # measured anyway; the table says so
        say(f"  the timer did not show as running everywhere: {exc}")
        timer_missing = sum(1 for s, m in zip(people, marks, strict=True) if not s.has("Går", m))
    else:
        timer_missing = 0
    pump.run_for(2.0)
    timer = measure(pump, people, lead, window)
    say(f"  timer: participant {statistics.median(timer.participant_bytes):.0f} B/s, "
        f"facilitator {timer.facilitator_bytes:.0f} B/s")
    reader.stop.set()
    pump.sessions.append(slow)
    pump.close()
    return Result(n, idle, timer, goto_ms, slow_s, join_s, timer_missing, goto_cpu_ms)


def render(results: Sequence[Result], code: Path, window: float, load: tuple[tuple[float, ...], ...],
           elapsed: float) -> str:
    import platform

    lines = [
        "# Room benchmark",
        "",
        f"Code measured: `{bench.revision() or code}`; "
        f"{os.cpu_count()} cores; Python {platform.python_version()}; {window:.0f} s windows; "
        f"load average at start {load[0][0]:.2f} / {load[0][1]:.2f} / {load[0][2]:.2f}, at end "
        f"{load[1][0]:.2f} / {load[1][1]:.2f} / {load[1][2]:.2f}; {elapsed:.0f} s in all.",
        "",
        "Per participant: median / max over the participants. CPU in % of one core.",
        "",
        "| N | participant idle B/s | participant idle CPU % | participant timer B/s | "
        "participant timer CPU % | facilitator idle B/s / CPU % | facilitator timer B/s / CPU % | "
        "go to step ms median / p95 / max | CPU ms per participant per go to step | "
        "64 kbit/s go to step s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        def mm(xs: Sequence[float], d: int = 0) -> str:
            return f"{statistics.median(xs):,.{d}f} / {max(xs):,.{d}f}"

        slow = ", ".join(f"> {SLOW_TIMEOUT:.0f}" if s == float("inf") else f"{s:.1f}" for s in r.slow_goto_s)
        lines.append(
            f"| {r.n} | {mm(r.idle.participant_bytes)} | {mm(r.idle.participant_cpu, 2)} | "
            f"{mm(r.timer.participant_bytes)}"
            f"{f' ({r.timer_missing} without a running timer)' if r.timer_missing else ''} | "
            f"{mm(r.timer.participant_cpu, 2)} | "
            f"{r.idle.facilitator_bytes:,.0f} / {r.idle.facilitator_cpu:.1f} | "
            f"{r.timer.facilitator_bytes:,.0f} / {r.timer.facilitator_cpu:.1f} | "
            f"{statistics.median(r.goto_ms):.0f} / {percentile(r.goto_ms, 95):.0f} / {max(r.goto_ms):.0f} | "
            f"{r.goto_cpu_ms:.0f} | {slow} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=lambda s: [int(x) for x in s.split(",")], default=[10, 40])
    parser.add_argument("--window", type=float, default=10.0)
    parser.add_argument("--gotos", type=int, default=10)
    parser.add_argument("--code", type=Path, help="another checkout's tbp to measure")
    parser.add_argument("-o", "--output", type=Path, default=bench.ROOT / "bench" / "room-results.md")
    args = parser.parse_args(argv)
    code: Path = (args.code or bench.ROOT).resolve()
    bench.ROOT = code  # Session starts every app in this folder, so `python -m tbp_tui` runs its code
    started = time.monotonic()
    load0 = os.getloadavg()

    def log(msg: str) -> None:
        print(f"[{time.monotonic() - started:6.1f} s] {msg}", flush=True)

    pump = bench.Pump()
    results: list[Result] = []
    try:
        warm = pump.launch(bench.App("warm-up", [sys.executable, "-m", "tbp_tui"], bench.TBP_HOME_TEXT))
        pump.wait_for(warm, bench.TBP_HOME_TEXT, 0, 120)
        pump.close()
        for n in args.sessions:
            results.append(one_room(pump, code, n, args.window, args.gotos, log))
    finally:
        pump.shutdown()
    text = render(results, code, args.window, (load0, os.getloadavg()), time.monotonic() - started)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
