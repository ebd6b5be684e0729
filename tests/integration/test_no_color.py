"""NO_COLOR (issue 20): the terminal's own colours rule, with no 256-colour greys and no forced
background, checked in the bytes a real terminal receives."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .pty_driver import PtySession
from .tbp_pty import HOME_APPROACH, reach_home, tbp_argv

COLOUR = re.compile(r"\x1b\[[0-9;]*(?:38|48);[25];[0-9;]*m")
"""An SGR that sets a 256-colour or true-colour foreground or background."""


def test_no_color_sends_no_colours_of_its_own(tmp_path: Path) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "TERM": "xterm-256color",
           "LANG": "C.UTF-8", "NO_COLOR": "1"}
    with PtySession(tbp_argv(tmp_path / "data"), env, cols=80, rows=24) as app:
        reach_home(app, expect_welcome=True)
        app.wait_screen(HOME_APPROACH)
        raw = app.raw()
        app.send_keys("q")
        app.wait_exit()
    found = COLOUR.findall(raw)
    assert not found, found[:5]
