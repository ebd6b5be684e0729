"""How the screens look: SVG snapshots at fixed sizes with the fixture course and a fake clock.

Update with `pytest tests/ui/test_snapshots.py --snapshot-update` and look at the SVGs in
`tests/ui/__snapshots__/` before committing them.
"""

from __future__ import annotations

from tbp_tui.clock import FakeClock
from tbp_tui.options import AppOptions
from tbp_tui.progress.store import ProgressStore
from tbp_tui.ui.app import TbpApp
from tbp_tui.ui.widgets.reflection import ReflectionArea
from tbp_tui.ui.widgets.steps import ExerciseView

SMALL = (80, 24)
WIDE = (120, 40)


def _app(course, data_dir, clock: FakeClock, theme: str | None = None) -> TbpApp:
    store = ProgressStore.open(data_dir, "standard", clock=clock.now)
    return TbpApp(course, store, AppOptions(data_dir=data_dir, theme=theme), clock)


async def _to_step(pilot, step_id: str) -> None:
    app = pilot.app
    app.open_module("kk-test")
    await pilot.pause()
    for _ in range(10):
        step = app.screen.step
        if step is not None and step.id == step_id:
            break
        if isinstance(app.focused, ReflectionArea):
            await pilot.press("escape")  # a reflection step starts in its answer field
        await pilot.press("n")
        await pilot.pause()


def test_home_80x24(snap_compare, course, data_dir, clock):
    assert snap_compare(_app(course, data_dir, clock), terminal_size=SMALL)


def test_text_step_80x24(snap_compare, course, data_dir, clock):
    async def run_before(pilot) -> None:
        await _to_step(pilot, "hva-er-et-traume")

    assert snap_compare(_app(course, data_dir, clock), terminal_size=SMALL, run_before=run_before)


async def _write_reflection(pilot) -> None:
    await _to_step(pilot, "egen-erfaring")
    for ch in "En kollega [bold]ble[/] sint.":
        await pilot.press(ch)
    await pilot.press("escape")
    pilot.app.screen.view.commit()
    await pilot.pause()


def test_reflection_80x24(snap_compare, course, data_dir, clock):
    assert snap_compare(_app(course, data_dir, clock), terminal_size=SMALL, run_before=_write_reflection)


def test_reflection_light_theme_80x24(snap_compare, course, data_dir, clock):
    assert snap_compare(_app(course, data_dir, clock, theme="light"), terminal_size=SMALL,
                        run_before=_write_reflection)


def test_home_terminal_colours_80x24(snap_compare, course, data_dir, clock):
    assert snap_compare(_app(course, data_dir, clock, theme="ansi"), terminal_size=SMALL)


def test_running_timer_80x24(snap_compare, course, data_dir, clock):
    async def run_before(pilot) -> None:
        await _to_step(pilot, "droft-i-par")
        await pilot.press("space")
        clock.advance(83)
        view = pilot.app.screen.view
        assert isinstance(view, ExerciseView) and view.timer is not None
        view.timer.tick()
        await pilot.pause()

    assert snap_compare(_app(course, data_dir, clock), terminal_size=SMALL, run_before=run_before)


def test_quiz_answer_80x24(snap_compare, course, data_dir, clock):
    async def run_before(pilot) -> None:
        await _to_step(pilot, "sjekk-forstaelsen")
        await pilot.press("1")
        await pilot.pause()

    assert snap_compare(_app(course, data_dir, clock), terminal_size=SMALL, run_before=run_before)


def test_help_80x24(snap_compare, course, data_dir, clock):
    async def run_before(pilot) -> None:
        await _to_step(pilot, "hva-er-et-traume")
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(_app(course, data_dir, clock), terminal_size=SMALL, run_before=run_before)


def test_too_small(snap_compare, course, data_dir, clock):
    assert snap_compare(_app(course, data_dir, clock), terminal_size=(50, 15))


def test_home_120x40(snap_compare, course, data_dir, clock):
    async def run_before(pilot) -> None:
        await _to_step(pilot, "sjekk-forstaelsen")
        await pilot.press("escape")
        await pilot.pause()

    assert snap_compare(_app(course, data_dir, clock), terminal_size=WIDE, run_before=run_before)


def test_module_120x40(snap_compare, course, data_dir, clock):
    async def run_before(pilot) -> None:
        await _to_step(pilot, "egen-erfaring")

    assert snap_compare(_app(course, data_dir, clock), terminal_size=WIDE, run_before=run_before)


async def _fill_checklist(pilot) -> None:
    pilot.app.open_module("sikkerhetsplan")
    await pilot.pause()
    await pilot.press("space", "down")
    for ch in "Politi og fastlege":
        await pilot.press(ch)
    await pilot.press("enter", "down", "space", "down")
    for ch in "Har [b]ringt[/b] før":
        await pilot.press(ch)
    await pilot.press("escape")
    await pilot.pause()


def test_safety_checklist_80x24(snap_compare, course, data_dir, clock):
    assert snap_compare(_app(course, data_dir, clock), terminal_size=SMALL, run_before=_fill_checklist)


def test_hidden_80x24(snap_compare, course, data_dir, clock):
    async def run_before(pilot) -> None:
        await _fill_checklist(pilot)
        await pilot.press("down")  # into a note field: Skjul works from there too
        await pilot.press("f12")
        await pilot.pause()

    assert snap_compare(_app(course, data_dir, clock), terminal_size=SMALL, run_before=run_before)


def test_module_end_80x24(snap_compare, course, data_dir, clock):
    async def run_before(pilot) -> None:
        app = pilot.app
        app.open_module("kort-intro")
        await pilot.pause()
        await pilot.press("n", "n", "n")
        await pilot.pause()

    assert snap_compare(_app(course, data_dir, clock), terminal_size=SMALL, run_before=run_before)
