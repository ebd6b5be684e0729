"""The picker on a shared account never shows who attended (#17, «Shared accounts»).

Both front-ends are run as real processes: plain mode through a pipe, the full app on a pty.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tbp_tui.progress.store import ProgressStore
from tests.integration.pty_driver import PtySession
from tests.integration.tbp_pty import tbp_argv

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_COURSE = ROOT / "tests" / "ui" / "fixtures" / "course"
NAMES = ("annelise-holm", "bjarte-vik")


@pytest.fixture
def attended(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    for name in NAMES:
        store = ProgressStore.open(data, name)
        store.set_reflection("kk-test", "egen-erfaring", f"svar fra {name}")
        assert store.save()
    return data


def test_plain_picker_prints_no_profile_name(attended: Path) -> None:
    env = {**os.environ, "TBP_DATA_DIR": str(attended), "TERM": "dumb"}
    result = subprocess.run(
        [sys.executable, "-m", "tbp_tui", "--course", str(FIXTURE_COURSE), "--plain", "--choose-profile"],
        input="q\n", capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Velg profil" in result.stdout
    for name in NAMES:
        assert name not in result.stdout + result.stderr


def test_full_picker_shows_no_profile_name(attended: Path) -> None:
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    with PtySession(tbp_argv(attended, "--choose-profile"), env, cwd=ROOT) as session:
        session.wait_for("Velg profil")
        screen = session.wait_screen("Esc")  # the whole picker is drawn
        screen += session.text()
        session.send_keys("\x1b")
        session.wait_exit()
    for name in NAMES:
        assert name not in screen
