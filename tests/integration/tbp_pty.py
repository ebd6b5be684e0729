"""What the integration tests know about tbp's screens: a few exact strings and the first start.

The strings are the fixture course's and the bokmål catalog's (tbp_tui/i18n/__init__.py); a test that
waits for them fails with the screen text when they change.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .pty_driver import PtySession

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_COURSE = ROOT / "tests" / "ui" / "fixtures" / "course"
COURSE_TITLE = "Testkurs i traumebevisst praksis"
WELCOME_KEYS = "Enter eller Esc: til kurset"
"""The first-start page; Enter passes it."""
HOME_APPROACH = "Tilnærming: Alle"
"""Under the title on the home page; has a Norwegian letter."""
HELP_TITLE = "Taster på denne skjermen"
TOO_SMALL = "Vinduet er for lite"


def tbp_argv(data_dir: Path, *extra: str) -> list[str]:
    """This checkout's tbp on the fixture course, writing only under `data_dir`."""
    return [sys.executable, "-m", "tbp_tui", "--data-dir", os.fspath(data_dir),
            "--course", os.fspath(FIXTURE_COURSE), *extra]


def reach_home(session: PtySession, expect_welcome: bool) -> str:
    """Wait for the home page (past the first-start page); return the resume line's start."""
    session.wait_for(COURSE_TITLE)
    first = session.wait_for_any("Start kurset: ", "Fortsett: ", WELCOME_KEYS)
    assert (first == WELCOME_KEYS) == expect_welcome, session.text()[-800:]
    if first != WELCOME_KEYS:
        return first
    mark = session.mark()
    session.send_keys("\r")
    return session.wait_for_any("Start kurset: ", "Fortsett: ", since=mark)
