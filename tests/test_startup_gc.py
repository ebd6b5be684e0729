"""No garbage collection on the way to home, and the collector back (once settled) after it.

tbp_tui/gcpause.py: `tbp` turns Python's cyclic collector off when the app starts and the app
turns it back on a moment after its first frame, after one collection and a freeze. Checked
in a real start (a fresh interpreter through `tbp_tui.cli.main`, headless, in a pty) and in
the ways out that never reach the app.
"""

from __future__ import annotations

import ast
import gc
from pathlib import Path

import pytest

from tbp_tui.cli import main

from .pty_probe import returning_learner, run_probe, start_env

PROBE = r"""
import gc, sys
from textual.app import App

from tbp_tui import gcpause
from tbp_tui.ui import app as ui_app
from tbp_tui.ui.screens.home import HomeScreen

out = sys.argv[1]
seen = {"collections": 0}
apps = []
compose = HomeScreen.compose


def watched(self):
    seen["enabled in compose"] = gc.isenabled()
    apps.append(self.app)
    return compose(self)


HomeScreen.compose = watched
release = gcpause.release


def released(**kwargs):
    if "collections before release" not in seen:  # the first call: the app's, after its first frame
        seen["collections before release"] = seen["collections"]
        seen["home before release"] = isinstance(apps[0].screen, HomeScreen)
    return release(**kwargs)


gcpause.release = released


async def at_home(pilot):
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen), pilot.app.screen
    await pilot.pause(0.5)
    seen["enabled after"] = gc.isenabled()
    seen["frozen after"] = gc.get_freeze_count()
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(repr(seen))
    pilot.app.exit(0)


def headless(self, *args, **kwargs):
    return App.run(self, headless=True, auto_pilot=at_home, size=(80, 24))


ui_app.TbpApp.run = headless
sys.argv = ["tbp"]
from tbp_tui.cli import main



def count(phase, info):
    if phase == "start":
        seen["collections"] += 1


gc.callbacks.append(count)
sys.exit(main())
"""




def test_no_collection_before_home_and_the_collector_back_after(tmp_path: Path) -> None:
    data = returning_learner(tmp_path / "data")
    out = tmp_path / "gc.txt"
    run_probe(PROBE, out, start_env(data))
    seen = ast.literal_eval(out.read_text(encoding="utf-8"))  # a dict of bools and ints from the probe
    assert seen["enabled in compose"] is False
    assert seen["collections before release"] == 0
    assert seen["home before release"] is True
    assert seen["enabled after"] is True
    assert seen["frozen after"] > 10_000  # Textual's and tbp's modules, classes and functions


def test_a_start_that_fails_leaves_the_collector_on(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert gc.isenabled()
    data = returning_learner(tmp_path / "data")
    assert main(["--course", str(tmp_path / "no-such-course"), "--data-dir", str(data)]) != 0
    assert gc.isenabled()
    assert "no-such-course" in capsys.readouterr().err


def test_a_collector_turned_off_by_the_caller_stays_off(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    gc.disable()
    try:
        main(["--course", str(tmp_path / "no-such-course"), "--data-dir",
              str(returning_learner(tmp_path / "data"))])
        assert not gc.isenabled()
    finally:
        gc.enable()
    capsys.readouterr()


def test_plain_mode_runs_with_the_collector_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tbp_tui.plain

    seen: list[bool] = []
    monkeypatch.setattr(tbp_tui.plain, "run_plain", lambda *args: seen.append(gc.isenabled()) or 0)
    assert main(["--plain", "--data-dir", str(returning_learner(tmp_path / "data"))]) == 0
    assert seen == [True]
    assert gc.isenabled()
