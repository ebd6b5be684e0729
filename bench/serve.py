"""Benchmark `tbp serve`: N browser sessions through textual-serve on loopback, driven by a
WebSocket client (aiohttp's, as the page's script would be), beside N SSH-like sessions (tbp in
its own pty, as sshd would run it) in the same run.

Run from the project root (needs the `web` extra)::

    .venv/bin/python bench/serve.py                         # N = 10 and 40, 10 s windows
    .venv/bin/python bench/serve.py --sessions 3 --window 3 --presses 5      # smoke

Measured per N, for each kind (see bench/README.md, "Browser sessions"):

- memory: PSS summed over the process tree (the server and its tab processes; the ptys' tbp
  processes), and per session: for the browser, (total − the server alone before any tab) / N;
- idle CPU, % of one core summed over the tree, over the window, every session on the home page;
- bytes/s per idle session: what reached the WebSocket clients (the ptys), divided by N;
- key response: n and p in turn on kort-intro's first steps in one more session while the N sit
  idle; ms from sending the key until «Steg k av» has arrived; median and p95.
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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # the main benchmark's pty sessions, /proc readers and kort-intro keys

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.ports import free_port
from tests.web.served import READY, stop, wait_until_serving

ROOT = bench.ROOT
RESULTS = ROOT / "bench" / "serve-results.md"
WELCOME = "Enter eller Esc: til kurset"
HOME = "Start kurset"
MIB = 1024 * 1024


@dataclass
class Figures:
    kind: str
    n: int
    pss_total_mib: float
    pss_per_session_mib: float
    cpu_percent: float
    bytes_per_s_per_session: float
    key_ms: list[float]


def percentile(xs: Sequence[float], p: float) -> float:
    ordered = sorted(xs)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


def probe_keys() -> list[tuple[bytes, str]]:
    """From home: kort-intro's overview, step 1, step 2 (its content note read once), back to 1."""
    keys = [(bench.KEY_ENTER, "Oversikt"), (b"n", "Steg 1 av"), (b"n", "Steg 2 av")]
    if bench.STEP2_HAS_NOTE:
        keys.append((bench.KEY_READ_NOTE, bench.NOTE_READ_TEXT))
    return [*keys, (b"p", "Steg 1 av")]


# --------------------------------------------------------------------------- browser sessions


class Tab:
    """One WebSocket session; a reader task takes everything, as the page does."""

    def __init__(self, ws: object) -> None:
        self.ws = ws
        self.buf = bytearray()
        self.total = 0
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        import aiohttp

        async for message in self.ws:  # type: ignore[attr-defined]
            if message.type == aiohttp.WSMsgType.BINARY:
                self.buf += message.data
                self.total += len(message.data)
                if len(self.buf) > 1 << 20:
                    del self.buf[: len(self.buf) - (1 << 16)]

    async def send(self, data: bytes) -> None:
        await self.ws.send_str(json.dumps(["stdin", data.decode()]))  # type: ignore[attr-defined]

    async def wait(self, needle: str, since: int, timeout: float = 60) -> float:
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while loop.time() < end:
            if needle.encode() in bench.plain(bytes(self.buf[since:])):
                return loop.time()
            await asyncio.sleep(0.005)
        raise bench.BenchError(f"browser: {needle!r} not seen within {timeout:.0f} s")


def start_server(port: int, n: int, data_dir: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "TBP_"))}
    env.update({"TBP_DATA_DIR": str(data_dir), "LANG": "C.UTF-8"})
    process = subprocess.Popen(
        [sys.executable, "-m", "tbp_tui", "serve", "--port", str(port), "--max-sessions", str(n + 1),
         "--idle-minutes", "60"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
    said = wait_until_serving(process)
    if said and said[-1].startswith(READY):
        return process
    stop(process)
    raise bench.BenchError("tbp serve did not start:\n" + "".join(said))


async def browser_run(n: int, window: float, presses: int, settle: float) -> Figures:
    import aiohttp

    port = free_port()
    with tempfile.TemporaryDirectory(prefix="tbp-bench-serve-") as tmp:
        server = start_server(port, n, Path(tmp))
        try:
            time.sleep(1)
            alone = bench.pss_bytes([server.pid])
            url = f"http://127.0.0.1:{port}/ws?width={bench.COLS}&height={bench.ROWS}"
            async with aiohttp.ClientSession() as client:
                sockets = [await client.ws_connect(url, max_msg_size=0) for _ in range(n + 1)]
                tabs = [Tab(ws) for ws in sockets]
                for tab in tabs:  # every tab is a guest: the first-start page, then home
                    await tab.wait(WELCOME, 0, 60 + 3 * n)
                    mark = len(tab.buf)
                    await tab.send(b"\r")
                    await tab.wait(HOME, mark, 60)
                probe, idle = tabs[0], tabs[1:]
                for key, needle in probe_keys():
                    mark = len(probe.buf)
                    await probe.send(key)
                    await probe.wait(needle, mark)
                await asyncio.sleep(settle)
                pids = [server.pid]
                pss = bench.pss_bytes(pids)
                b0, c0, t0 = sum(t.total for t in idle), bench.cpu_seconds(pids), time.monotonic()
                await asyncio.sleep(window)
                wall = time.monotonic() - t0
                b1, c1 = sum(t.total for t in idle), bench.cpu_seconds(pids)
                loop = asyncio.get_running_loop()
                key_ms: list[float] = []
                for i in range(presses):
                    await asyncio.sleep(0.3)
                    key, needle = (b"n", "Steg 2 av") if i % 2 == 0 else (b"p", "Steg 1 av")
                    mark = len(probe.buf)
                    start = loop.time()
                    await probe.send(key)
                    key_ms.append((await probe.wait(needle, mark, 10) - start) * 1000)
                for ws in sockets:
                    await ws.close()
        finally:
            stop(server, timeout=30)
    return Figures("browser", n, pss / MIB, (pss - alone) / MIB / (n + 1), 100 * (c1 - c0) / wall,
                   (b1 - b0) / wall / n, key_ms)


# --------------------------------------------------------------------------- pty sessions


def pty_run(n: int, window: float, presses: int, settle: float) -> Figures:
    pump = bench.Pump()
    app = bench.App("tbp", [sys.executable, "-m", "tbp_tui"], bench.TBP_HOME_TEXT)
    try:
        warm = pump.launch(app, returning=False)  # fills the bytecode cache and the course copy
        pump.wait_for(warm, app.home_text, 0, 120)
        pump.close([warm])
        sessions = [pump.launch(app) for _ in range(n + 1)]
        pump.wait_all(sessions, app.home_text, [0] * len(sessions), 60 + 3 * n)
        probe, idle = sessions[0], sessions[1:]
        bench.open_first_step(pump, probe, 30)
        pump.run_for(settle)
        pss = bench.pss_bytes([s.pid for s in sessions])
        b0, t0 = sum(s.total for s in idle), time.monotonic()
        w = bench.measure_window(pump, sessions, window)  # CPU over all, as the server's whole tree
        bytes_per_s = (sum(s.total for s in idle) - b0) / (time.monotonic() - t0) / n
        done, _first = bench.key_response(pump, probe, True, presses, [0])
    finally:
        pump.shutdown()
    return Figures("SSH-like pty", n, pss / MIB, pss / MIB / (n + 1), w.cpu_percent, bytes_per_s, done)


# --------------------------------------------------------------------------- report


def render(results: Sequence[Figures], window: float, presses: int, load: list[tuple[float, ...]]) -> str:
    lines = [
        "# tbp serve: browser sessions beside SSH-like sessions",
        "",
        f"Run: `bench/serve.py`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; idle window "
        f"{window:g} s; {presses} key presses; {bench.COLS}×{bench.ROWS}; load average "
        + " → ".join("/".join(f"{x:.2f}" for x in la) for la in load)
        + f" on {os.cpu_count()} cores.",
        "",
        "| N | kind | PSS total, MiB | PSS per session, MiB | idle CPU, % of a core (all N) | "
        "idle bytes/s per session | key median, ms | key p95, ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for f in results:
        lines.append(f"| {f.n} | {f.kind} | {f.pss_total_mib:.0f} | {f.pss_per_session_mib:.1f} | "
                     f"{f.cpu_percent:.1f} | {f.bytes_per_s_per_session:.1f} | "
                     f"{statistics.median(f.key_ms):.0f} | {percentile(f.key_ms, 95):.0f} |")
    lines += ["", "Ratios, browser ÷ SSH-like, same N, same run:", "",
              "| N | PSS per session | idle CPU | key median | key p95 |", "|---|---|---|---|---|"]
    for n in sorted({f.n for f in results}):
        web = next(f for f in results if f.n == n and f.kind == "browser")
        pty = next(f for f in results if f.n == n and f.kind != "browser")

        def ratio(a: float, b: float) -> str:
            return f"{a / b:.2f}×" if b > 0 else "—"

        lines.append(f"| {n} | {ratio(web.pss_per_session_mib, pty.pss_per_session_mib)} | "
                     f"{ratio(web.cpu_percent, pty.cpu_percent)} | "
                     f"{ratio(statistics.median(web.key_ms), statistics.median(pty.key_ms))} | "
                     f"{ratio(percentile(web.key_ms, 95), percentile(pty.key_ms, 95))} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 40])
    parser.add_argument("--window", type=float, default=10.0)
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--settle", type=float, default=12.0,
                        help="seconds on home before the idle window (the start-up notice lasts 10 s)")
    parser.add_argument("-o", "--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    load = [os.getloadavg()]
    results: list[Figures] = []
    for n in args.sessions:
        for run in ("browser", "pty"):
            t0 = time.monotonic()
            if run == "browser":
                figures = asyncio.run(browser_run(n, args.window, args.presses, args.settle))
            else:
                figures = pty_run(n, args.window, args.presses, args.settle)
            results.append(figures)
            print(f"N={n} {figures.kind}: PSS {figures.pss_total_mib:.0f} MiB "
                  f"({figures.pss_per_session_mib:.1f}/session), CPU {figures.cpu_percent:.1f} %, "
                  f"{figures.bytes_per_s_per_session:.1f} B/s/session, key "
                  f"{statistics.median(figures.key_ms):.0f}/{percentile(figures.key_ms, 95):.0f} ms "
                  f"({time.monotonic() - t0:.0f} s)", flush=True)
    load.append(os.getloadavg())
    text = render(results, args.window, args.presses, load)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
