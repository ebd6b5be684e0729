"""Benchmark tbp against a bare Textual baseline; writes bench/results.md.

Run from the project root::

    .venv/bin/python bench/run.py            # full run (5 runs, 10 s windows, N = 10/20/40)
    .venv/bin/python bench/run.py --quick    # smoke run (2 runs, 5 s windows, N = 5)

Every app runs in its own pseudo-terminal (80×24, TERM=xterm-256color) as a session leader;
the benchmark reads every master fd all the time (a full pty would stall the app) and kills
every process group it started when it ends, also on Ctrl+C and on errors. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import platform
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.md"
COLS, ROWS = 80, 24
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")

TBP_HOME_TEXT = "Livet skjer med oss alle"
BASE_HOME_TEXT = "Baseline ready"
# kort-intro opens on its overview; its first exercise with a timer is found in the bundled course
# (a rewrite of the course must not silently point the bench at a text step): Enter (start the
# course), n × its number, 1 (read its content note: Fortsett, only where it has one), End (scroll
# the timer into view), space.
TIMER_MODULE = "kort-intro"


def _kort_intro() -> tuple[int, bool, bool]:
    """(number of the first exercise with a timer, whether it has a content note, whether step 2 has one)."""
    sys.path.insert(0, str(ROOT))
    from tbp_tui.course import bundled_course_dir, load_course

    module = load_course(bundled_course_dir()).module(TIMER_MODULE)
    assert module is not None
    n = min(i for i, s in enumerate(module.steps, 1) if getattr(s, "timer_seconds", None))
    return n, bool(module.steps[n - 1].innholdsnotis), bool(module.steps[1].innholdsnotis)


STEPS_TO_TIMER, TIMER_HAS_NOTE, STEP2_HAS_NOTE = _kort_intro()
KEY_ENTER, KEY_END, KEY_SPACE, KEY_READ_NOTE = b"\r", b"\x1b[F", b" ", b"1"
NOTE_READ_TEXT = "Innholdsnotis:"
"""A step whose content note has been read shows the note as a line starting so (the note view
itself has the word alone on its line)."""
# Every session starts as a returning learner: the one-off first-start page is not what is measured.
PROGRESS_SEEDED = "schema_version = 1\nfirst_run_done = true\n"

ANSI = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1b[PX^_][^\x1b]*\x1b\\"  # DCS, SOS, PM, APC
    rb"|\x1b[()][0-9A-Za-z]"  # charset
    rb"|\x1b[@-Z\\-_0-9=<>]"  # other two-byte escapes
)


def plain(data: bytes) -> bytes:
    """The text of a terminal stream with escape sequences removed."""
    return ANSI.sub(b"", data)


class BenchError(RuntimeError):
    """A measurement could not be made (an app did not show what was expected in time)."""


# --------------------------------------------------------------------------- /proc


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                rest = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        kids.setdefault(int(rest[1]), []).append(int(entry))
    return kids


def process_tree(pids: Sequence[int]) -> list[int]:
    """The given pids and all their descendants."""
    kids = _children()
    out: list[int] = []
    todo = list(pids)
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def rss_bytes(pids: Sequence[int]) -> int:
    """Sum of VmRSS over the process trees of `pids`."""
    total = 0
    for pid in process_tree(pids):
        with contextlib.suppress(OSError), open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
                    break
    return total


def pss_bytes(pids: Sequence[int]) -> int:
    """Sum of Pss (shared pages divided among their users) over the process trees of `pids`."""
    total = 0
    for pid in process_tree(pids):
        with contextlib.suppress(OSError), open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
    return total


def cpu_seconds(pids: Sequence[int]) -> float:
    """utime + stime over the process trees of `pids`, in seconds."""
    ticks = 0
    for pid in process_tree(pids):
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                rest = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        ticks += int(rest[11]) + int(rest[12])  # fields 14 and 15 of stat(5)
    return ticks / CLK_TCK


# --------------------------------------------------------------------------- sessions


@dataclass
class App:
    """How to launch one of the two apps and what its home screen says."""

    name: str
    argv: list[str]
    home_text: str


def make_env(data_dir: Path, pycache: Path) -> dict[str, str]:
    """The same environment for both apps: the caller's, pinned where it changes the output.

    Bytecode goes to a private cache (``PYTHONPYCACHEPREFIX``) that the warm-up launches fill:
    an installed app has its .pyc files, and with PYTHONDONTWRITEBYTECODE set (as in some dev
    shells) every launch would otherwise compile tbp's own modules again.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "TBP_"))}
    for var in ("COLORTERM", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE"):
        env.pop(var, None)
    env["TERM"] = "xterm-256color"
    env["TBP_DATA_DIR"] = str(data_dir)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.setdefault("LANG", "C.UTF-8")
    return env


class Session:
    """One app in its own pty; all output is kept (with arrival times) for searching."""

    def __init__(self, app: App, env: dict[str, str]) -> None:
        self.app = app
        argv = app.argv
        self.t0 = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:  # child: size the terminal, then become the app
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.chdir(ROOT)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        os.set_blocking(fd, False)
        self.buf = bytearray()
        self.total = 0
        self.alive = True
        self.status: int | None = None
        self.data_dir: Path | None = None

    def feed(self, data: bytes) -> None:
        self.buf += data
        self.total += len(data)

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def mark(self) -> int:
        return len(self.buf)

    def has(self, needle: str, since: int) -> bool:
        return needle.encode() in plain(bytes(self.buf[since:]))

    def trim(self) -> None:
        """Drop old output (searches only ever look after a fresh mark)."""
        if len(self.buf) > 1 << 20:
            del self.buf[: len(self.buf) - (1 << 16)]

    def kill(self) -> None:
        if self.status is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                _, self.status = os.waitpid(self.pid, 0)
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1
        self.alive = False


class Pump:
    """Reads every live session's pty; all waiting in the benchmark goes through here."""

    def __init__(self) -> None:
        self.sessions: list[Session] = []
        self._tmp = Path(tempfile.mkdtemp(prefix="tbp-bench-"))
        self.pycache = self._tmp / "pycache"
        self.kept_course = self._tmp / "kept-course"
        """tbp's copy of the read course (its data folder's cache/), taken from the warm-up launch."""
        self._count = 0

    def launch(self, app: App, *, returning: bool = True) -> Session:
        """A session with its own data folder; `returning` gives it the kept course copy, as a
        learner's second start has (the first start ever reads the course from its files)."""
        return self.start(app, self.prepare(returning=returning))

    def launch_many(self, app: App, n: int) -> tuple[float, list[Session]]:
        """n sessions started one right after another, their data folders made first (copying
        the kept course is not the apps' start-up); returns the time just before the first fork."""
        folders = [self.prepare() for _ in range(n)]
        t0 = time.monotonic()
        return t0, [self.start(app, folder) for folder in folders]

    def prepare(self, *, returning: bool = True) -> Path:
        """A fresh data folder as a returning learner has it (see `launch`)."""
        self._count += 1
        data_dir = self._tmp / f"s{self._count}"
        data_dir.mkdir(mode=0o700)
        profile = data_dir / "profiles" / "standard"
        profile.mkdir(mode=0o700, parents=True)
        (profile / "progress.toml").write_text(PROGRESS_SEEDED)
        if returning and self.kept_course.is_dir():
            shutil.copytree(self.kept_course, data_dir / "cache")
        return data_dir

    def start(self, app: App, data_dir: Path) -> Session:
        session = Session(app, make_env(data_dir, self.pycache))
        session.data_dir = data_dir
        self.sessions.append(session)
        return session

    def poll(self, timeout: float) -> list[tuple[Session, float]]:
        """Wait up to `timeout` s for output; read it all. Returns (session, arrival time)."""
        live = {s.fd: s for s in self.sessions if s.alive}
        if not live:
            time.sleep(max(timeout, 0.0))
            return []
        poller = select.poll()
        for fd in live:
            poller.register(fd, select.POLLIN)
        got: list[tuple[Session, float]] = []
        for fd, _event in poller.poll(max(timeout, 0.0) * 1000):
            session = live[fd]
            now = time.monotonic()
            while True:
                try:
                    data = os.read(fd, 65536)
                except BlockingIOError:
                    break
                except OSError:  # EIO: the app closed its terminal (exited)
                    data = b""
                if not data:
                    session.alive = False
                    break
                session.feed(data)
            session.trim()
            got.append((session, now))
        return got

    def run_for(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self.poll(left)

    def wait_for(self, session: Session, needle: str, since: int, timeout: float) -> float:
        """Pump until `needle` shows in `session`'s output after `since`; its arrival time."""
        if session.has(needle, since):
            return time.monotonic()
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            for s, at in self.poll(min(left, 0.5)):
                if s is session and session.has(needle, since):
                    return at
            if not session.alive:
                break
        tail = plain(bytes(session.buf[since:]))[-600:].decode(errors="replace")
        raise BenchError(
            f"{session.app.name}: {needle!r} not seen within {timeout:.0f} s; last text: {tail!r}"
        )

    def wait_all(
        self, sessions: Sequence[Session], needle: str, marks: Sequence[int], timeout: float
    ) -> None:
        pending = dict(zip((id(s) for s in sessions), zip(sessions, marks, strict=True), strict=True))
        deadline = time.monotonic() + timeout
        while pending:
            for key, (s, since) in list(pending.items()):
                if s.has(needle, since):
                    del pending[key]
            if not pending:
                return
            left = deadline - time.monotonic()
            if left <= 0:
                s, since = next(iter(pending.values()))
                self.wait_for(s, needle, since, 0.01)  # raises with the tail of the output
            self.poll(min(left, 0.2))

    def close(self, sessions: Sequence[Session] | None = None) -> None:
        for s in list(self.sessions if sessions is None else sessions):
            s.kill()
            self.sessions.remove(s)

    def shutdown(self) -> None:
        self.close()
        shutil.rmtree(self._tmp, ignore_errors=True)


# --------------------------------------------------------------------------- navigation


def start_timer(pump: Pump, sessions: Sequence[Session], timeout: float) -> None:
    """From tbp's home screen: open kort-intro, go to its first exercise, start the timer."""
    marks = [s.mark() for s in sessions]
    for s in sessions:
        s.send(KEY_ENTER)
    pump.wait_all(sessions, "Oversikt", marks, timeout)
    for n in range(1, STEPS_TO_TIMER + 1):
        marks = [s.mark() for s in sessions]
        for s in sessions:
            s.send(b"n")
        pump.wait_all(sessions, f"Steg {n} av", marks, timeout)
    if TIMER_HAS_NOTE:
        marks = [s.mark() for s in sessions]
        for s in sessions:
            s.send(KEY_READ_NOTE)
        pump.wait_all(sessions, NOTE_READ_TEXT, marks, timeout)
    marks = [s.mark() for s in sessions]
    for s in sessions:
        s.send(KEY_END)
    pump.wait_all(sessions, "Igjen:", marks, timeout)
    marks = [s.mark() for s in sessions]
    for s in sessions:
        s.send(KEY_SPACE)
    pump.wait_all(sessions, "Går", marks, timeout)


def open_first_step(pump: Pump, session: Session, timeout: float) -> None:
    """tbp: open kort-intro and show its first (text) step; no timer runs there.

    Where its second step has a content note, the note is read once here, so that each `n`
    afterwards shows the whole step (as for a learner going back and forth), not the short note view.
    """
    keys = [(KEY_ENTER, "Oversikt"), (b"n", "Steg 1 av"), (b"n", "Steg 2 av")]
    if STEP2_HAS_NOTE:
        keys.append((KEY_READ_NOTE, NOTE_READ_TEXT))
    for key, needle in (*keys, (b"p", "Steg 1 av")):
        mark = session.mark()
        session.send(key)
        pump.wait_for(session, needle, mark, timeout)


@dataclass
class Window:
    bytes_per_s: float
    cpu_percent: float


def measure_window(pump: Pump, sessions: Sequence[Session], seconds: float) -> Window:
    """Bytes/s written to the ptys and CPU % of a core, summed over `sessions`."""
    pids = [s.pid for s in sessions]
    b0 = sum(s.total for s in sessions)
    c0 = cpu_seconds(pids)
    t0 = time.monotonic()
    pump.run_for(seconds)
    wall = time.monotonic() - t0
    c1 = cpu_seconds(pids)
    b1 = sum(s.total for s in sessions)
    return Window((b1 - b0) / wall, 100.0 * (c1 - c0) / wall)


# --------------------------------------------------------------------------- single session


@dataclass
class Single:
    first_paint_ms: list[float] = field(default_factory=list)
    first_start_paint_ms: list[float] = field(default_factory=list)
    rss_home: list[float] = field(default_factory=list)
    rss_timer: list[float] = field(default_factory=list)
    bytes_idle: list[float] = field(default_factory=list)
    bytes_timer: list[float] = field(default_factory=list)
    cpu_idle: list[float] = field(default_factory=list)
    cpu_timer: list[float] = field(default_factory=list)


MIB = 1024 * 1024


def single_run(pump: Pump, app: App, out: Single, window: float, settle: float, is_tbp: bool) -> None:
    s = pump.launch(app)
    try:
        painted = pump.wait_for(s, app.home_text, 0, 60)
        out.first_paint_ms.append((painted - s.t0) * 1000)
        pump.run_for(settle)
        out.rss_home.append(rss_bytes([s.pid]) / MIB)
        idle = measure_window(pump, [s], window)
        out.bytes_idle.append(idle.bytes_per_s)
        out.cpu_idle.append(idle.cpu_percent)
        if is_tbp:
            start_timer(pump, [s], 30)
            pump.run_for(settle)
            out.rss_timer.append(rss_bytes([s.pid]) / MIB)
            running = measure_window(pump, [s], window)
        else:  # the baseline's timer runs from the start: its home window is its timer window
            out.rss_timer.append(rss_bytes([s.pid]) / MIB)
            running = idle
        out.bytes_timer.append(running.bytes_per_s)
        out.cpu_timer.append(running.cpu_percent)
    finally:
        pump.close([s])


def warm_up(pump: Pump, app: App) -> None:
    """One launch to first paint, not counted: fills the page cache, writes .pyc files and (tbp)
    the kept copy of the course that later launches start with."""
    s = pump.launch(app)
    kept = s.data_dir / "cache" if s.data_dir else None
    try:
        pump.wait_for(s, app.home_text, 0, 120)
        # tbp keeps Textual's parsed styles in a thread once home is out (ui/stylecache.py): let
        # it finish, so later launches start as a returning learner's does, with that copy.
        styles = ROOT / "tbp_tui" / "ui" / "stylecache.py"
        deadline = time.monotonic() + 10
        while (kept is not None and styles.exists() and not (kept / "styles.pickle").exists()
               and time.monotonic() < deadline):
            pump.poll(0.05)
    finally:
        pump.close([s])
    if kept is not None and kept.is_dir() and not pump.kept_course.exists():
        shutil.copytree(kept, pump.kept_course)


def launch_to_paint(pump: Pump, app: App, *, returning: bool = True) -> float:
    """ms from launch to the home screen's first paint; `returning=False` is tbp's first start
    ever (no kept course copy yet)."""
    s = pump.launch(app, returning=returning)
    try:
        return (pump.wait_for(s, app.home_text, 0, 60) - s.t0) * 1000
    finally:
        pump.close([s])


# --------------------------------------------------------------------------- concurrent sessions


@dataclass
class Crowd:
    n: int
    rss_mib: float
    pss_mib: float
    cpu_percent: float
    bytes_per_s: float
    key_ms: list[float]
    key_first_byte_ms: list[float]
    key_cpu_ms: float
    launch_s: float
    home_s: float = 0.0
    """Launch of the N to the last of their homes painted (before any timer is started)."""


def key_response(pump: Pump, probe: Session, is_tbp: bool, presses: int, counter: list[int]) -> tuple[
    list[float], list[float]
]:
    """Press a screen-changing key `presses` times; ms until the first byte and until the change shows."""
    done: list[float] = []
    first: list[float] = []
    for i in range(presses):
        pump.run_for(0.3)
        if is_tbp:
            key, needle = (b"n", "Steg 2 av") if i % 2 == 0 else (b"p", "Steg 1 av")
        else:
            counter[0] += 1
            key, needle = b"n", f"key {counter[0]}"
        mark = probe.mark()
        t0 = time.monotonic()
        probe.send(key)
        first_at: float | None = None
        deadline = t0 + 10
        while True:
            got = pump.poll(min(0.5, deadline - time.monotonic()))
            for s, at in got:
                if s is probe and first_at is None:
                    first_at = at
            if probe.has(needle, mark):
                done_at = time.monotonic()
                break
            if time.monotonic() > deadline:
                raise BenchError(f"{probe.app.name}: no response to a key within 10 s")
        done.append((done_at - t0) * 1000)
        first.append(((first_at or done_at) - t0) * 1000)
    return done, first


def crowd(pump: Pump, app: App, ns: Sequence[int], window: float, settle: float, presses: int,
          is_tbp: bool, log: Callable[[str], None]) -> list[Crowd]:
    """Grow to each N of sessions (each with a running timer) and measure them plus one probe."""
    results: list[Crowd] = []
    sessions: list[Session] = []
    counter = [0]
    try:
        probe = pump.launch(app)
        pump.wait_for(probe, app.home_text, 0, 60)
        if is_tbp:
            open_first_step(pump, probe, 30)
        for n in ns:
            t0, new = pump.launch_many(app, n - len(sessions))
            sessions.extend(new)
            pump.wait_all(new, app.home_text, [0] * len(new), 60 + 3 * len(new))
            home_s = time.monotonic() - t0
            if is_tbp:
                start_timer(pump, new, 60 + 2 * len(new))
            launch_s = time.monotonic() - t0
            pump.run_for(settle)
            pids = [s.pid for s in sessions]
            rss = rss_bytes(pids) / MIB
            pss = pss_bytes(pids) / MIB
            w = measure_window(pump, sessions, window)
            cpu0 = cpu_seconds([probe.pid])
            done, first = key_response(pump, probe, is_tbp, presses, counter)
            # includes the probe's own idle/timer work during the pauses between keys
            key_cpu = 1000 * (cpu_seconds([probe.pid]) - cpu0) / presses
            results.append(Crowd(n, rss, pss, w.cpu_percent, w.bytes_per_s, done, first, key_cpu, launch_s,
                                 home_s))
            log(f"  {app.name} N={n}: RSS {rss:.0f} MiB, PSS {pss:.0f} MiB, CPU {w.cpu_percent:.1f} %, "
                f"key {statistics.median(done):.0f} ms, p95 {p95(done):.0f} ms "
                f"(launch to homes {home_s:.1f} s, +timers {launch_s:.1f} s)")
    finally:
        pump.close([s for s in pump.sessions if s.app is app])
    return results


def burst(pump: Pump, apps: Sequence[App], n: int, rounds: int,
          log: Callable[[str], None]) -> dict[str, list[float]]:
    """n sessions of one app launched at once with nothing else running (a workshop logging in):
    seconds from the first launch to the last home painted, per round; rounds alternate the apps."""
    out: dict[str, list[float]] = {app.name: [] for app in apps}
    for i in range(rounds):
        for app in apps if i % 2 == 0 else list(reversed(apps)):
            t0, new = pump.launch_many(app, n)
            try:
                pump.wait_all(new, app.home_text, [0] * n, 60 + 3 * n)
                out[app.name].append(time.monotonic() - t0)
            finally:
                pump.close(new)
            log(f"  {n} {app.name} at once: every home after {out[app.name][-1]:.2f} s")
    return out


# --------------------------------------------------------------------------- in-process


FIRST_VALIDATE = """
import time
t = time.perf_counter()
from pathlib import Path
from tbp_tui.course import validate_course
course, problems = validate_course(Path("course"))
assert course is not None, problems
print((time.perf_counter() - t) * 1000)
"""


def bench_validate(repeats: int, env: dict[str, str]) -> tuple[list[float], list[float], float]:
    """ms per validate_course of the whole course, and per bare tomllib parse of the same files.

    The parse is the floor any loader reading TOML with the stdlib stands on, so it is the
    same-run baseline: the two are timed in turn, so both see the same load on a shared machine.
    Also the first validate in a fresh process, which runs twice (the first fills the bytecode
    cache); the second counts.
    """
    first = 0.0
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", FIRST_VALIDATE], cwd=ROOT, capture_output=True,
                             text=True, timeout=60, check=True, env=env)
        first = float(out.stdout.strip())
    sys.path.insert(0, str(ROOT))
    from tbp_tui.course import validate_course

    course_dir = ROOT / "course"
    course, problems = validate_course(course_dir)
    if course is None:
        raise BenchError(f"the course does not validate: {problems[:3]}")
    files = sorted(course_dir.glob("*.toml"))
    times: list[float] = []
    parse_times: list[float] = []
    for _ in range(repeats):
        t = time.perf_counter()
        validate_course(course_dir)
        times.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        for file in files:
            tomllib.loads(file.read_bytes().decode("utf-8"))
        parse_times.append((time.perf_counter() - t) * 1000)
    return times, parse_times, first


def full_profile(store: object) -> None:
    """15 modules × 20 seen steps, 40 reflections of about 2 kB."""
    from tbp_tui.progress import ProgressStore

    assert isinstance(store, ProgressStore)
    text = ("Jeg la merke til at ventetiden og de trange rommene gjør det utrygt for noen. " * 30)[:2000]
    for m in range(15):
        for st in range(20):
            store.mark_seen(f"m{m:02d}", f"s{st:02d}")
    for r in range(40):
        store.set_reflection(f"m{r % 15:02d}", f"s{r // 15:02d}", f"{r} {text}")
    store.set_position("m00", "s00")
    store.add_time("m00", 600.0)


def bench_save(repeats: int) -> tuple[list[float], int]:
    """ms per ProgressStore.save() of a full profile, one reflection changed between saves."""
    sys.path.insert(0, str(ROOT))
    from tbp_tui.progress import ProgressStore

    with tempfile.TemporaryDirectory(prefix="tbp-bench-save-") as tmp:
        store = ProgressStore.open(Path(tmp), "standard")
        full_profile(store)
        if not store.save():
            raise BenchError(f"the progress store did not save: {store.notices}")
        size = store.paths["progress_file"].stat().st_size
        times = []
        for i in range(repeats):
            store.set_reflection("m00", "s00", f"endret {i} " + "x" * 1990)
            t = time.perf_counter()
            ok = store.save()
            times.append((time.perf_counter() - t) * 1000)
            if not ok:
                raise BenchError("a save failed")
    return times, size


# --------------------------------------------------------------------------- report


def med(xs: Sequence[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def p95(xs: Sequence[float]) -> float:
    """The 95th percentile, nearest rank (of 20 presses: the 19th fastest)."""
    if not xs:
        return float("nan")
    ordered = sorted(xs)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def fmt(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}"


def cell(xs: Sequence[float], digits: int = 1) -> str:
    return f"{fmt(med(xs), digits)} / {fmt(min(xs), digits)}"


def ratio(a: float, b: float) -> float:
    return b / a if a else float("inf")


def yes(ok: bool) -> str:
    return "yes" if ok else "**NO**"


@dataclass
class Report:
    quick: bool
    runs: int
    window: float
    base: Single
    tbp: Single
    validate_ms: list[float]
    parse_ms: list[float]
    validate_first_ms: float
    save_ms: list[float]
    save_size: int
    crowd_tbp: list[Crowd]
    crowd_base: list[Crowd]
    bursts: dict[str, list[float]] = field(default_factory=dict)
    burst_n: int = 0
    elapsed_s: float = 0.0
    load_start: tuple[float, float, float] = (0.0, 0.0, 0.0)
    load_end: tuple[float, float, float] = (0.0, 0.0, 0.0)
    revision: str = ""


def render(r: Report) -> str:
    import textual

    lines: list[str] = []
    add = lines.append
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    add("# tbp benchmark results")
    add("")
    add(f"- Date: {now}{' (--quick smoke run)' if r.quick else ''}")
    add(f"- Machine: {os.cpu_count()} cores, {platform.machine()}, Linux {platform.release()}, "
        f"{os.sysconf('SC_PHYS_PAGES') * PAGE / 1024**3:.1f} GiB RAM")
    add(f"- Python {platform.python_version()}, Textual {textual.__version__}")
    add(f"- Single-session runs: {r.runs} per app (cells: median / min); windows of {r.window:g} s; "
        f"pty {COLS}×{ROWS}, TERM=xterm-256color. First paint of home: "
        f"{len(r.tbp.first_paint_ms)} launches per app (those runs plus launches that only paint, "
        f"with tbp's first start ever, order rotating); tbp's first start ever: "
        f"{len(r.tbp.first_start_paint_ms)} (one per run, the rest with those launches)")
    add(f"- Benchmark took {r.elapsed_s:.0f} s; load average (1/5/15 min) at start "
        f"{'/'.join(f'{x:.2f}' for x in r.load_start)}, at end {'/'.join(f'{x:.2f}' for x in r.load_end)}")
    if r.revision:
        add(f"- Code: {r.revision}")
    add("- Ratio = tbp ÷ baseline (medians, same run). Baseline: `bench/baseline_app.py` "
        "(one Label, 1-s timer, always running).")
    add("")
    b, t = r.base, r.tbp
    add("## One session")
    add("")
    add("| metric | baseline | tbp | ratio | target | met? |")
    add("|---|---:|---:|---:|---|---|")

    def row(name: str, bx: Sequence[float], tx: Sequence[float], target: str,
            ok: bool | None, digits: int = 1) -> None:
        rt = ratio(med(bx), med(tx))
        add(f"| {name} | {cell(bx, digits)} | {cell(tx, digits)} | {rt:.2f}× | {target} | "
            f"{'—' if ok is None else yes(ok)} |")

    fp = ratio(med(b.first_paint_ms), med(t.first_paint_ms))
    row("first paint of home, ms", b.first_paint_ms, t.first_paint_ms, "≤ 1.15× baseline", fp <= 1.15, 0)
    if t.first_start_paint_ms:
        fs = ratio(med(b.first_paint_ms), med(t.first_start_paint_ms))
        row("… tbp's first start ever (course read from its files, no kept copy)", b.first_paint_ms,
            t.first_start_paint_ms, "≤ 1.25× baseline", fs <= 1.25, 0)
    rh = ratio(med(b.rss_home), med(t.rss_home))
    row("RSS on home, MiB", b.rss_home, t.rss_home, "≤ 1.1× baseline", rh <= 1.1)
    rt_ = ratio(med(b.rss_timer), med(t.rss_timer))
    row("RSS with module open + timer running, MiB", b.rss_timer, t.rss_timer, "≤ 1.2× baseline",
        rt_ <= 1.2)
    row("bytes/s idle on home", b.bytes_idle, t.bytes_idle, "0 (baseline's timer ticks)",
        med(t.bytes_idle) == 0, 0)
    row("bytes/s with timer running", b.bytes_timer, t.bytes_timer, "≤ 250 B/s",
        med(t.bytes_timer) <= 250, 0)
    row("CPU % of a core, idle on home", b.cpu_idle, t.cpu_idle, "< 0.2 % per session",
        med(t.cpu_idle) < 0.2, 2)
    row("CPU % of a core, timer running", b.cpu_timer, t.cpu_timer, "(informational)", None, 2)
    add("")
    add("## In-process")
    add("")
    add("The baseline of load + validate is stdlib tomllib parsing the same files alone, timed in "
        "turn with it; save has an absolute target.")
    add("")
    add("| metric | baseline | tbp | ratio | target | met? |")
    add("|---|---:|---:|---:|---|---|")
    vm = med(r.validate_ms)
    vr = ratio(med(r.parse_ms), vm)
    add(f"| load + validate whole course, ms (median / min of {len(r.validate_ms)}) | "
        f"{fmt(med(r.parse_ms), 2)} / {fmt(min(r.parse_ms), 2)} | "
        f"{fmt(vm, 2)} / {fmt(min(r.validate_ms), 2)} | {vr:.2f}× | ≤ 1.4× tomllib alone | "
        f"{yes(vr <= 1.4)} |")
    add(f"| … first call in a fresh process (with imports), ms | — | {fmt(r.validate_first_ms, 1)} | — | "
        f"(informational) | — |")
    sm = med(r.save_ms)
    p90 = sorted(r.save_ms)[int(0.9 * (len(r.save_ms) - 1))]
    add(f"| progress save, full profile ({r.save_size // 1024} kB), ms (median / min of {len(r.save_ms)}; "
        f"p90 {fmt(p90, 2)}) | — | {fmt(sm, 2)} / {fmt(min(r.save_ms), 2)} | — | < 2 ms median | "
        f"{yes(sm < 2)} |")
    add("")
    add("## Concurrent sessions")
    add("")
    add("N sessions, each with a timer running (tbp: kort-intro's first exercise; baseline: its "
        "1-s timer), plus one extra probe session that gets the keys (tbp: `n`/`p` between two "
        "text steps). Key time: median / 95th percentile / max of "
        f"{len(r.crowd_tbp[0].key_ms) if r.crowd_tbp else 0} "
        "presses until the changed text has arrived (first byte in brackets). Launch to homes: from "
        "launching the N to the last of their homes painted, before any timer starts. Memory: sum over the "
        "N sessions (RSS counts shared pages once per process; PSS splits them).")
    add("")
    add("| metric | baseline | tbp | ratio | target | met? |")
    add("|---|---:|---:|---:|---|---|")
    if r.bursts:
        bb, tb = r.bursts.get("baseline", []), r.bursts.get("tbp", [])
        br_ = ratio(med(bb), med(tb))
        add(f"| {r.burst_n} sessions launched at once (nothing else running): launch to the last home "
            f"painted, s (median / min of {len(tb)}) | {cell(bb, 2)} | {cell(tb, 2)} | {br_:.2f}× | "
            f"≤ 2× baseline | {yes(br_ <= 2)} |")
    by_n = {c.n: c for c in r.crowd_base}
    machine_mib = os.sysconf("SC_PHYS_PAGES") * PAGE / MIB
    for c in r.crowd_tbp:
        bc = by_n.get(c.n)

        def bval(get: Callable[[Crowd], float], digits: int = 0, _bc: Crowd | None = bc) -> str:
            return fmt(get(_bc), digits) if _bc else "—"

        def rat(get: Callable[[Crowd], float], _bc: Crowd | None = bc, _c: Crowd = c) -> str:
            return f"{ratio(get(_bc), get(_c)):.2f}×" if _bc else "—"

        n = c.n
        add(f"| N={n}: total RSS, MiB | {bval(lambda x: x.rss_mib)} | {fmt(c.rss_mib, 0)} | "
            f"{rat(lambda x: x.rss_mib)} | fits in {machine_mib / 1024:.0f} GiB | "
            f"{yes(c.rss_mib < machine_mib)} |")
        add(f"| N={n}: total PSS, MiB | {bval(lambda x: x.pss_mib)} | {fmt(c.pss_mib, 0)} | "
            f"{rat(lambda x: x.pss_mib)} | — | — |")
        per = c.cpu_percent / n
        add(f"| N={n}: total CPU % of a core (per session) | "
            f"{bval(lambda x: x.cpu_percent, 1)} ({bval(lambda x: x.cpu_percent / x.n, 2)}) | "
            f"{fmt(c.cpu_percent, 1)} ({fmt(per, 2)}) | {rat(lambda x: x.cpu_percent)} | "
            f"(timers running; informational) | — |")
        add(f"| N={n}: total bytes/s | {bval(lambda x: x.bytes_per_s)} | {fmt(c.bytes_per_s, 0)} | "
            f"{rat(lambda x: x.bytes_per_s)} | — | — |")
        kp = p95(c.key_ms)
        target = "p95 < 50 ms" if n >= 40 else "(p95 < 50 ms at N=40)"
        bkey = (f"{fmt(med(bc.key_ms), 0)} / {fmt(p95(bc.key_ms), 0)} / {fmt(max(bc.key_ms), 0)} "
                f"[{fmt(med(bc.key_first_byte_ms), 0)}]" if bc else "—")
        add(f"| N={n}: key response, ms | {bkey} | {fmt(med(c.key_ms), 0)} / {fmt(kp, 0)} / "
            f"{fmt(max(c.key_ms), 0)} [{fmt(med(c.key_first_byte_ms), 0)}] | "
            f"{rat(lambda x: med(x.key_ms))} | {target} | {yes(kp < 50) if n >= 40 else '—'} |")
        add(f"| N={n}: probe's CPU per key, ms | {bval(lambda x: x.key_cpu_ms)} | {fmt(c.key_cpu_ms, 0)} | "
            f"{rat(lambda x: x.key_cpu_ms)} | — | — |")
        hr = ratio(bc.home_s, c.home_s) if bc else float("nan")
        add(f"| N={n}: launch to every home painted, s | {bval(lambda x: x.home_s, 2)} | "
            f"{fmt(c.home_s, 2)} | {rat(lambda x: x.home_s)} | ≤ 2× baseline | "
            f"{yes(hr <= 2) if bc else '—'} |")
        add(f"| N={n}: time to launch N and start their timers, s | {bval(lambda x: x.launch_s, 1)} | "
            f"{fmt(c.launch_s, 1)} | {rat(lambda x: x.launch_s)} | — | — |")
    add("")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def revision() -> str:
    """The commit measured, and whether the app's files differ from it (read-only git calls)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "tbp_tui", "course"], cwd=ROOT,
                               capture_output=True, timeout=10).returncode != 0
    except (OSError, subprocess.SubprocessError):
        return ""
    return f"{head}{' + uncommitted changes in tbp_tui/ or course/' if dirty else ''}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="short smoke run (2 runs, 5 s, N=5)")
    parser.add_argument("--runs", type=int, help="single-session runs per app")
    parser.add_argument("--window", type=float, help="seconds per bytes/CPU window")
    parser.add_argument("--paints", type=int,
                        help="extra launches per app that measure only first paint (it varies most)")
    parser.add_argument("--sessions", type=lambda s: [int(x) for x in s.split(",")],
                        help="comma-separated N for concurrent sessions, e.g. 10,20,40")
    parser.add_argument("-o", "--output", type=Path, default=RESULTS, help="where to write the Markdown")
    args = parser.parse_args(argv)
    quick: bool = args.quick
    runs = args.runs or (2 if quick else 5)
    paints = args.paints if args.paints is not None else (3 if quick else 15)
    window = args.window or (5.0 if quick else 10.0)
    ns: list[int] = args.sessions or ([5] if quick else [10, 20, 40])
    settle = 1.0
    presses = 20

    started = time.monotonic()
    load_start = os.getloadavg()

    def log(msg: str) -> None:
        print(f"[{time.monotonic() - started:6.1f} s] {msg}", flush=True)

    # the `tbp` command a learner types (README), as the baseline is its script; else `python -m tbp_tui`
    script = Path(sys.executable).parent / "tbp"
    tbp = App("tbp", [str(script)] if script.is_file() else [sys.executable, "-m", "tbp_tui"], TBP_HOME_TEXT)
    base = App("baseline", [sys.executable, str(ROOT / "bench" / "baseline_app.py")], BASE_HOME_TEXT)

    def on_term(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGHUP, on_term)

    pump = Pump()
    try:
        log("in-process: validate_course and progress save")
        validate_ms, parse_ms, validate_first = bench_validate(30, make_env(pump.pycache, pump.pycache))
        save_ms, save_size = bench_save(200)
        log(f"  validate {med(validate_ms):.2f} ms (tomllib alone {med(parse_ms):.2f} ms; "
            f"first {validate_first:.1f} ms), save {med(save_ms):.2f} ms")
        warm_up(pump, base)
        warm_up(pump, tbp)
        b_single, t_single = Single(), Single()
        for i in range(runs):
            order = [(base, b_single, False), (tbp, t_single, True)]
            if i % 2:
                order.reverse()
            for app, out, is_tbp in order:
                single_run(pump, app, out, window, settle, is_tbp)
            t_single.first_start_paint_ms.append(launch_to_paint(pump, tbp, returning=False))
            log(f"run {i + 1}/{runs}: first paint baseline {b_single.first_paint_ms[-1]:.0f} ms, "
                f"tbp {t_single.first_paint_ms[-1]:.0f} ms; tbp timer {t_single.bytes_timer[-1]:.0f} B/s")
        for i in range(paints):  # first paint alone, baseline, tbp and tbp's first start ever in turn
            trio = [(base, b_single.first_paint_ms, True), (tbp, t_single.first_paint_ms, True),
                    (tbp, t_single.first_start_paint_ms, False)]
            trio = trio[i % 3:] + trio[:i % 3]
            for app, out, returning in trio:
                out.append(launch_to_paint(pump, app, returning=returning))
        log(f"first paint over {len(t_single.first_paint_ms)} launches each: baseline "
            f"{med(b_single.first_paint_ms):.0f} ms, tbp {med(t_single.first_paint_ms):.0f} ms, tbp's "
            f"first start ever {med(t_single.first_start_paint_ms):.0f} ms (medians)")
        log(f"concurrent sessions N={ns}")
        crowd_t = crowd(pump, tbp, ns, window, 2.0, presses, True, log)
        crowd_b = crowd(pump, base, ns, window, 2.0, presses, False, log)
        burst_n = max(ns)
        log(f"{burst_n} sessions launched at once")
        bursts = burst(pump, [base, tbp], burst_n, 2 if quick else 4, log)
    finally:
        pump.shutdown()

    report = Report(quick, runs, window, b_single, t_single, validate_ms, parse_ms, validate_first,
                    save_ms, save_size, crowd_t, crowd_b, bursts, burst_n)
    report.elapsed_s = time.monotonic() - started
    report.load_start, report.load_end = load_start, os.getloadavg()
    report.revision = revision()
    text = render(report)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    log(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
