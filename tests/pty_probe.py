"""Run a probe script as `tbp` runs: in a fresh process on a real terminal (a pty), so the app
starts as it does for a learner (`tbp` chooses plain mode without one)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def start_env(data: Path, **extra: str) -> dict[str, str]:
    """The environment of a learner's start: no TBP_ or TEXTUAL settings from the test run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TBP_", "TEXTUAL"))}
    env.update(TBP_DATA_DIR=str(data), TERM="xterm-256color", LANG="C.UTF-8", **extra)
    return env


def run_probe(probe: str, out: Path, env: dict[str, str]) -> None:
    """Run `probe` (python -c, with `out` as its argument) on a pty; it must exit 0."""
    master, terminal = os.openpty()
    try:
        done = subprocess.run([sys.executable, "-c", probe, str(out)], env=env, stdin=terminal,
                              stdout=terminal, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(terminal)
        os.close(master)
    assert done.returncode == 0, done.stderr[-2000:]
