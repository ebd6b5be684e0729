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


HEADLESS_TBP = r"""

def headless(self, *args, **kwargs):
    return App.run(self, headless=True, auto_pilot=at_home, size=(80, 24))


ui_app.TbpApp.run = headless
sys.argv = ["tbp", *sys.argv[2:]]
from tbp_tui.cli import main

sys.exit(main())
"""
"""A probe's end: `tbp` with the probe's own arguments after `out`, headless, piloted by the
`at_home(pilot)` the probe defines (it has imported sys, App and `tbp_tui.ui.app as ui_app`)."""


def returning_learner(data: Path) -> Path:
    """`data` made a returning learner's data folder: a profile whose first-start page was seen."""
    profile = data / "profiles" / "standard"
    profile.mkdir(parents=True, mode=0o700)
    os.chmod(data, 0o700)
    (profile / "progress.toml").write_text("schema_version = 1\nfirst_run_done = true\n", encoding="utf-8")
    return data


def run_probe(probe: str, out: Path, env: dict[str, str], *args: str) -> None:
    """Run `probe` (python -c, with `out` and `args` as its arguments) on a pty; it must exit 0."""
    master, terminal = os.openpty()
    try:
        done = subprocess.run([sys.executable, "-c", probe, str(out), *args], env=env, stdin=terminal,
                              stdout=terminal, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(terminal)
        os.close(master)
    assert done.returncode == 0, done.stderr[-2000:]
