"""Fixtures for the room tests: a private room root and a clock that moves only when told."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tbp_tui.clock import FakeClock

IS_ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(not IS_ROOT, reason="needs root to chown files to another uid "
                                "(simulating a second user on the machine)")


@pytest.fixture(autouse=True)
def _isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never touch the machine's real room root or the developer's progress."""
    monkeypatch.setenv("TBP_ROOM_ROOT", str(tmp_path / "env-rooms"))
    monkeypatch.setenv("TBP_DATA_DIR", str(tmp_path / "env-data"))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A personal room root (0755, ours): tbp never makes one itself; IT makes the shared one."""
    path = tmp_path / "rooms"
    path.mkdir()
    os.chmod(path, 0o755)
    return path


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
