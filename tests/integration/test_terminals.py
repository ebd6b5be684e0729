"""tbp in a real pseudo-terminal under each TERM a workshop participant may bring.

Each case starts the real program (no Pilot), passes the first-start page, opens and closes the
help with the F1 sequence that terminal really sends, resizes the window mid-session (larger,
the minimum, too small, back) and quits with q. What the terminal sends for F1 is taken from
its terminfo entry (`infocmp -1 TERM | grep kf1`), since Textual itself never reads terminfo.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from .pty_driver import PtySession
from .tbp_pty import HELP_TITLE, HOME_APPROACH, TOO_SMALL, reach_home, tbp_argv

F1 = {
    "xterm-256color": "\x1bOP",
    "xterm": "\x1bOP",
    "screen-256color": "\x1bOP",
    "tmux-256color": "\x1bOP",
    "linux": "\x1b[[A",  # the Linux console's own F1
    "vt100": "\x1bOP",  # PF1
}

CASES = [pytest.param(term, "C.UTF-8", id=term) for term in F1]
CASES.append(pytest.param("xterm-256color", "C", id="xterm-256color-LANG=C"))


def framed(cols: int) -> Callable[[list[str]], bool]:
    """The home page's frame drawn for a window `cols` wide: " ╭───…───╮" ends at cols - 2.

    Looking at the frame's corner, not just for a word, tells a redraw for the new size apart
    from the old screen's content that the terminal merely cropped.
    """

    def check(rows: list[str]) -> bool:
        return any(r.startswith(" ╭─") and r.endswith("╮") and len(r) == cols - 1 for r in rows)

    check.__name__ = f"framed({cols})"
    return check


@pytest.mark.parametrize(("term", "lang"), CASES)
def test_terminal(term: str, lang: str, tmp_path: Path) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "TERM": term,
           "LANG": lang, "LC_ALL": lang}
    with PtySession(tbp_argv(tmp_path / "data"), env, cols=80, rows=24) as app:
        assert reach_home(app, expect_welcome=True) == "Start kurset: "
        app.wait_screen(HOME_APPROACH)  # æ: Norwegian letters reach the terminal, even under LANG=C

        app.send_keys(F1[term])
        app.wait_screen(HELP_TITLE, "Esc, q eller F1 lukker hjelpen.")
        app.send_keys("\x1b")
        app.wait_screen(HOME_APPROACH, "Kort introduksjon", absent=[HELP_TITLE])

        app.wait_screen("Kort introduksjon", check=framed(80))
        app.resize(100, 30)
        app.wait_screen("Kort introduksjon", check=framed(100))
        app.resize(60, 20)  # the minimum: still the course, not the too-small message
        app.wait_screen("Kort introduksjon", absent=[TOO_SMALL], check=framed(60))
        app.resize(50, 15)
        app.wait_screen(TOO_SMALL, "Nå er det 50 × 15.", absent=["Kort introduksjon"])
        app.resize(80, 24)
        app.wait_screen("Kort introduksjon", absent=[TOO_SMALL], check=framed(80))

        app.send_keys("q")
        assert app.wait_exit() == 0, app.screen()
        assert "Traceback" not in app.text()
