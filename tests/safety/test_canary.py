"""Canary: what a clinician types into the checklist reaches no file unless they export it.

A unique string is typed into notes of the real course's checklist, items are ticked, the
screen is left and the app quit; then every file under the data dir, the temp dir, the working
dir and the home dir used by the test is read. The string must be nowhere. With an export, it
must be in the export file only, and that file must be 0600.
"""

from __future__ import annotations

import os
import stat
import tempfile
import uuid
from pathlib import Path

import pytest
import textual.constants

from tbp_tui.clock import FakeClock
from tbp_tui.course import load_course
from tbp_tui.options import AppOptions
from tbp_tui.progress.paths import resolve_data_dir
from tbp_tui.progress.store import ProgressStore
from tbp_tui.ui.app import TbpApp
from tbp_tui.ui.screens.dialogs import ConfirmScreen
from tbp_tui.ui.screens.home import HomeScreen
from tbp_tui.ui.screens.safety import ExportScreen, SafetyScreen

ROOT = Path(__file__).resolve().parents[2]
COURSE = load_course(ROOT / "course")
REFLECTION = "min-egen-refleksjon-om-praksis"


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """HOME, TMPDIR, TBP_DATA_DIR and the working dir, each its own private folder."""
    found = {name: tmp_path / name for name in ("home", "tmp", "data", "work")}
    for path in found.values():
        path.mkdir(mode=0o700)
        os.chmod(path, 0o700)
    monkeypatch.setenv("HOME", str(found["home"]))
    monkeypatch.setenv("TMPDIR", str(found["tmp"]))
    monkeypatch.setenv("TBP_DATA_DIR", str(found["data"]))
    monkeypatch.setattr(tempfile, "tempdir", str(found["tmp"]))
    monkeypatch.chdir(found["work"])
    # If Textual's log were on, it would record every key; the app must switch it off.
    monkeypatch.setattr(textual.constants, "LOG_FILE", str(found["work"] / "textual.log"))
    return found


def _app() -> TbpApp:
    clock = FakeClock()
    data_dir = resolve_data_dir(None, os.environ)  # as `tbp` finds it
    store = ProgressStore.open(data_dir, "standard", clock=clock.now)
    return TbpApp(COURSE, store, AppOptions(data_dir=data_dir), clock)


def _files(places: dict[str, Path]) -> dict[Path, bytes]:
    out: dict[Path, bytes] = {}
    for root in places.values():
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                out[path] = path.read_bytes()
    return out


def _holding(files: dict[Path, bytes], secret: str) -> set[Path]:
    encoded = {secret.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le")}
    return {p for p, data in files.items() if secret in str(p) or any(e in data for e in encoded)}


async def _type(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch)
    await pilot.pause()


async def _fill(pilot, secret: str) -> SafetyScreen:
    """Open the checklist, tick items and write the secret into notes in two parts."""
    app = pilot.app
    app.open_module("sikkerhetsplan")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SafetyScreen)
    await pilot.press("space", "down")
    await _type(pilot, secret)
    await pilot.press("enter", "space", "n", "space", "down")
    await _type(pilot, secret)
    await pilot.press("escape")
    await pilot.pause()
    assert len(screen.form.ticks) == 3 and len(screen.form.notes) == 2
    return screen


async def _write_reflection(pilot) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, SafetyScreen)
    n = next(i for i, s in enumerate(screen.sections, 1) if s.kind == "reflection")
    await pilot.press(str(n))  # a reflection part starts in its answer field
    await _type(pilot, REFLECTION)
    await pilot.press("escape")
    await pilot.pause()


async def _leave_and_quit(pilot) -> None:
    app = pilot.app
    await pilot.press("escape")  # leave the checklist: asks first
    await pilot.pause()
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("j", "a", "enter")  # discarding is answered with the word
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)


async def test_canary_never_reaches_a_file(places):
    secret = uuid.uuid4().hex
    app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _fill(pilot, secret)
        await _write_reflection(pilot)
        await _leave_and_quit(pilot)
        await _fill(pilot, secret)  # again, and quit from inside the checklist this time
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("j", "a", "enter")
        await pilot.pause()
    assert not app.is_running
    app.learner.save()  # what `run_app` does after the app ends
    files = _files(places)
    progress = [p for p in files if p.name == "progress.toml"]
    assert progress and REFLECTION.encode() in files[progress[0]]  # the scan sees what is stored
    assert _holding(files, secret) == set()
    assert not (places["work"] / "textual.log").exists()


async def test_canary_is_only_in_the_export_file(places):
    secret = uuid.uuid4().hex
    app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _fill(pilot, secret)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        await pilot.press("enter")  # the suggested place: ~/sikkerhetsplan-<time>.md
        await pilot.pause()
        exported = dialog.written
        assert exported is not None
        await pilot.press("enter")
        await pilot.pause()
        await _write_reflection(pilot)
        await _leave_and_quit(pilot)
        await pilot.press("q")
        await pilot.pause()
    app.learner.save()
    assert exported.parent == places["home"].resolve()
    assert secret not in exported.name
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    files = _files(places)
    assert _holding(files, secret) == {exported}
    assert files[exported].count(secret.encode()) == 2
