"""Drive a real program in a pseudo-terminal, with the stdlib only (no pexpect, no tmux).

The child gets the pty as its controlling terminal, so window-size changes reach it the way
they do from a real terminal emulator. A thread reads the output. `text()` is everything the
program wrote with escape sequences stripped (cursor moves become line breaks, so words of
different rows are never glued); `screen()` is what the terminal shows now.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import re
import signal
import struct
import subprocess
import termios
import threading
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

DEFAULT_TIMEOUT = 20.0
"""Generous: a loaded 2-core CI machine may take several seconds to start a Textual app."""

_CURSOR_MOVE = re.compile(r"\x1b\[[0-9;]*[HfABCDEFGd]")
_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC … BEL/ST (titles, clipboard, colour queries)
    r"|\x1bP[^\x1b]*\x1b\\"  # DCS … ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI (colours, modes, erase)
    r"|\x1b[()][0-9A-Za-z]"  # charset designation
    r"|\x1b[@-Z\\-_=>78]"  # two-byte escapes
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def strip_ansi(raw: str) -> str:
    """Plain text of terminal output: cursor moves become newlines, other escapes vanish."""
    text = _CURSOR_MOVE.sub("\n", raw)
    text = _ESCAPES.sub("", text)
    return _CONTROL.sub("", text)


_TOKEN = re.compile(
    r"(?P<csi>\x1b\[(?P<params>[0-?]*)[ -/]*(?P<final>[@-~]))"
    r"|(?P<esc>\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[P_^X][^\x1b]*\x1b\\"  # DCS, APC, PM, SOS
    r"|\x1b[()*+][0-9A-Za-z])"  # charset designation
    # The start of one of those, cut off by the end of a read: kept until the rest arrives.
    r"|(?P<partial>\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*\x1b?|[P_^X][^\x1b]*\x1b?|[()*+])?\Z)"
    r"|(?P<esc2>\x1b[\s\S])"  # any other two-byte escape (save cursor, keypad mode, reset …)
    r"|(?P<ctl>[\x00-\x1f\x7f])"
    r"|(?P<text>[^\x00-\x1f\x7f]+)"
)


class TextGrid:
    """A tiny terminal screen: enough of VT100 for what Textual writes (cursor moves, erase,
    text, autowrap, scrolling). Colours are dropped. `lines()` is what a person would see now,
    so a test can ask "is the help still open?" rather than "was it ever drawn?".
    """

    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.grid = [[" "] * cols for _ in range(rows)]
        self.row = self.col = 0
        self._pending = ""

    def resize(self, cols: int, rows: int) -> None:
        """Keep what fits, top-left anchored, as most terminal emulators do."""
        grid = [[" "] * cols for _ in range(rows)]
        for r in range(min(rows, self.rows)):
            grid[r][: min(cols, self.cols)] = self.grid[r][: min(cols, self.cols)]
        self.grid, self.cols, self.rows = grid, cols, rows
        self.row, self.col = min(self.row, rows - 1), min(self.col, cols - 1)

    def feed(self, data: str) -> None:
        data = self._pending + data
        self._pending = ""
        for m in _TOKEN.finditer(data):
            if m.group("csi"):
                self._csi(m.group("params"), m.group("final"))
            elif m.group("partial") is not None:
                self._pending = m.group("partial")  # an escape cut in two by the read
            elif m.group("ctl"):
                self._control(m.group("ctl"))
            elif m.group("text"):
                for ch in m.group("text"):
                    self._put(ch)

    def lines(self) -> list[str]:
        return ["".join(c for c in row if c).rstrip() for row in self.grid]

    def text(self) -> str:
        return "\n".join(self.lines())

    def _put(self, ch: str) -> None:
        width = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if unicodedata.combining(ch) or width == 0:
            return
        if self.col + width > self.cols:  # autowrap
            self.col = 0
            self._linefeed()
        self.grid[self.row][self.col] = ch
        if width == 2 and self.col + 1 < self.cols:
            self.grid[self.row][self.col + 1] = ""
        self.col += width

    def _linefeed(self) -> None:
        if self.row == self.rows - 1:
            self.grid.pop(0)
            self.grid.append([" "] * self.cols)
        else:
            self.row += 1

    def _control(self, ch: str) -> None:
        if ch == "\r":
            self.col = 0
        elif ch == "\n":
            self._linefeed()
        elif ch == "\b":
            self.col = max(0, self.col - 1)

    def _csi(self, params: str, final: str) -> None:
        if params.startswith(("?", ">", "<", "=")):
            return  # private modes: mouse, alternate screen, sync output …
        nums = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []
        first = nums[0] if nums else 0
        n = max(first, 1)
        if final in "Hf":
            self.row = min(max(first, 1), self.rows) - 1
            self.col = min(max(nums[1] if len(nums) > 1 else 1, 1), self.cols) - 1
        elif final == "A":
            self.row = max(0, self.row - n)
        elif final == "B":
            self.row = min(self.rows - 1, self.row + n)
        elif final == "C":
            self.col = min(self.cols - 1, self.col + n)
        elif final == "D":
            self.col = max(0, self.col - n)
        elif final == "G":
            self.col = min(n, self.cols) - 1
        elif final == "d":
            self.row = min(n, self.rows) - 1
        elif final == "J":
            rows = {0: range(self.row + 1, self.rows), 1: range(self.row), 2: range(self.rows)}
            for r in rows.get(first, range(self.rows)):
                self.grid[r] = [" "] * self.cols
            if first == 0:
                self.grid[self.row][self.col :] = [" "] * (self.cols - self.col)
        elif final == "K":
            cols = {0: range(self.col, self.cols), 1: range(self.col + 1), 2: range(self.cols)}
            for c in cols.get(first, range(0)):
                self.grid[self.row][c] = " "


class PtyTimeout(AssertionError):
    """What was awaited did not show up; the message carries the tail of the screen text."""


class PtySession:
    """One child process on a pty of a given size; read, type, resize, kill."""

    def __init__(
        self,
        argv: Sequence[str | os.PathLike[str]],
        env: Mapping[str, str],
        cols: int = 80,
        rows: int = 24,
        cwd: Path | None = None,
    ) -> None:
        self.master, slave = os.openpty()
        _set_winsize(slave, cols, rows)
        self._buf = bytearray()
        self._lock = threading.Lock()
        self._grid = TextGrid(cols, rows)
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._reading = threading.Event()
        self._reading.set()
        self.bytes_per_s: float | None = None
        """Read no faster than this (a slow link); None reads all at once."""
        self.proc = subprocess.Popen(
            [os.fspath(a) for a in argv],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=dict(env),
            cwd=cwd,
            start_new_session=True,  # setsid(), then the pty becomes the controlling terminal:
            preexec_fn=_take_controlling_tty,
            close_fds=True,
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # ------------------------------------------------------------ output

    def _read(self) -> None:
        while True:
            self._reading.wait()
            rate = self.bytes_per_s
            if rate is not None:
                time.sleep(0.05)  # a slow link: 1/20 of the rate, 20 times a second
            try:
                chunk = os.read(self.master, 65536 if rate is None else max(int(rate / 20), 1))
            except OSError:  # EIO: every holder of the slave side has gone
                return
            if not chunk:
                return
            with self._lock:
                self._buf += chunk
                self._grid.feed(self._decoder.decode(chunk))

    def stall(self) -> None:
        """Stop reading the master, like a frozen link: the program's output backs up."""
        self._reading.clear()

    def resume(self) -> None:
        self._reading.set()

    def hang_up(self) -> None:
        """Close the master while the program still runs: the terminal is gone (SIGHUP, EOF, EIO)."""
        self._reading.clear()
        master, self.master = self.master, -1
        with contextlib.suppress(OSError):
            os.close(master)

    def mark(self) -> int:
        """A position in the output; `text(since=mark)` looks only at what came after it."""
        with self._lock:
            return len(self._buf)

    def raw(self, since: int = 0) -> str:
        with self._lock:
            data = bytes(self._buf[since:])
        return data.decode("utf-8", errors="replace")

    def text(self, since: int = 0) -> str:
        return strip_ansi(self.raw(since))

    def screen(self) -> str:
        """What the terminal shows now, row by row."""
        with self._lock:
            return self._grid.text()

    def wait_screen(
        self,
        *needles: str,
        absent: Sequence[str] = (),
        check: Callable[[list[str]], bool] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> str:
        """Wait until the screen shows every needle, none of `absent`, and passes `check` (given
        the screen's rows); return the screen.
        """
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if (
                all(n in screen for n in needles)
                and not any(a in screen for a in absent)
                and (check is None or check(screen.split("\n")))
            ):
                return screen
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise PtyTimeout(
                    f"the screen did not show {needles!r} without {tuple(absent)!r}"
                    f"{' passing ' + check.__name__ if check else ''} within {timeout:.0f} s; "
                    f"exit code {self.proc.poll()}; the screen:\n{screen}\n"
                    f"last output: {self.raw()[-400:]!r}"
                )
            time.sleep(0.05)

    def wait_for(self, *needles: str, since: int = 0, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Wait until every needle appears in the text after `since`; return that text."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.text(since)
            if all(n in text for n in needles):
                return text
            if time.monotonic() > deadline:
                missing = [n for n in needles if n not in text]
                raise PtyTimeout(
                    f"not seen within {timeout:.0f} s: {missing!r}; exit code {self.proc.poll()}; "
                    f"last text:\n{text[-1500:]}"
                )
            if self.proc.poll() is not None:
                time.sleep(0.2)  # let the reader drain what the child wrote before it exited
                text = self.text(since)
                if all(n in text for n in needles):
                    return text
                raise PtyTimeout(
                    f"the program exited ({self.proc.returncode}) before {needles!r} was shown; "
                    f"last text:\n{text[-1500:]}"
                )
            time.sleep(0.05)

    def wait_for_any(self, *needles: str, since: int = 0, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Wait until one of the needles appears after `since`; return the first one found."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.text(since)
            found = [n for n in needles if n in text]
            if found:
                return found[0]
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise PtyTimeout(
                    f"none of {needles!r} seen within {timeout:.0f} s; exit code {self.proc.poll()}; "
                    f"last text:\n{text[-1500:]}"
                )
            time.sleep(0.05)

    # ------------------------------------------------------------ input

    def send(self, data: str | bytes) -> None:
        os.write(self.master, data.encode("utf-8") if isinstance(data, str) else data)

    def send_keys(self, *keys: str | bytes, gap: float = 0.15) -> None:
        """Send keys one at a time, as a person types (an Esc needs a gap to stand alone)."""
        for key in keys:
            self.send(key)
            time.sleep(gap)

    def resize(self, cols: int, rows: int) -> None:
        """What a terminal emulator does on resize: set the size, signal the foreground group."""
        with self._lock:
            self._grid.resize(cols, rows)
        _set_winsize(self.master, cols, rows)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGWINCH)

    # ------------------------------------------------------------ ending

    def wait_exit(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise PtyTimeout(
                f"still running after {timeout:.0f} s; last text:\n{self.text()[-1500:]}"
            ) from None

    def kill(self) -> None:
        """SIGKILL the child, like a terminal window closed or a network cable pulled."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)

    def close(self) -> None:
        """Kill the child's whole session (anything it started) and release the pty."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        if self.master >= 0:
            with contextlib.suppress(OSError):
                os.close(self.master)
            self.master = -1
        self._reading.set()
        self._reader.join(2)

    def __enter__(self) -> PtySession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _set_winsize(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _take_controlling_tty() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
