"""Hostile files and faults: every case runs in a temporary folder, never against real /dev or /etc."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_COURSE = ROOT / "tests" / "course" / "fixtures" / "good"

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME, XDG and TBP_DATA_DIR in a temporary folder; bokmål."""
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("TBP_DATA_DIR", str(home / "data"))
    for var in ("TBP_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture
def tbp(home: Path) -> Run:
    """Run the real `tbp` command in a child process (stdin is not a terminal)."""

    def run(*args: str, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "tbp_tui", *args], input=stdin,
                              capture_output=True, text=True, cwd=home, timeout=timeout,
                              env={**os.environ, "COLUMNS": "200"})

    return run


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
