"""An idle tbp sleeps: no thread wakes while nobody types and nothing changes (issue 22's idle CPU).

Textual's input thread woke every 100 ms to look at its stop flag: ten wake-ups a second in each
of 40 idle sessions on a 2-core machine. Counted here as the voluntary context switches of every
thread of a real tbp on a real pty, idle on home; then `q` must still end it at once.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from .pty_driver import PtySession
from .tbp_pty import reach_home, tbp_argv

IDLE_SECONDS = 3.0


def _wakeups(pid: int) -> int:
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        for line in (task / "status").read_text().splitlines():
            if line.startswith("voluntary_ctxt_switches:"):
                total += int(line.split()[1])
    return total


def test_tbp_idle_on_home_does_not_wake_and_still_quits_at_once(tmp_path: Path) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path),
           "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    with PtySession(tbp_argv(tmp_path / "data"), env) as session:
        reach_home(session, expect_welcome=True)
        time.sleep(1.0)  # the first paint's work done
        before = _wakeups(session.proc.pid)
        time.sleep(IDLE_SECONDS)
        woke = _wakeups(session.proc.pid) - before
        assert woke <= 3, f"{woke} wake-ups in {IDLE_SECONDS:g} s idle on home"
        asked = time.monotonic()
        session.send_keys("q")
        session.proc.wait(timeout=10)
        assert time.monotonic() - asked < 2.0
