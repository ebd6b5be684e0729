"""Facilitator mode (`tbp --facilitator`): manus, session plan and a large timer beside the step.

The clock is a FakeClock: time moves only when a test advances it, and the panel is redrawn by
calling its once-a-second tick directly.
"""

from __future__ import annotations

from textual.widgets import Digits

from tbp_tui.clock import FakeClock
from tbp_tui.course.model import Course
from tbp_tui.options import AppOptions
from tbp_tui.progress.store import ProgressStore
from tbp_tui.ui.app import TbpApp
from tbp_tui.ui.screens.facilitator import FacilitatorScreen
from tbp_tui.ui.widgets.bigtimer import BigTimer
from tbp_tui.ui.widgets.sessionplan import SessionPlan

from .helpers import go_to, open_module, screen_text

WIDE = (120, 40)
SMALL = (80, 24)


def _fac(app: TbpApp) -> FacilitatorScreen:
    screen = app.screen
    assert isinstance(screen, FacilitatorScreen), type(screen).__name__
    return screen


async def _open(pilot, step_id: str) -> FacilitatorScreen:
    await open_module(pilot, "kk-test")
    await go_to(pilot, step_id)
    await pilot.pause()
    return _fac(pilot.app)


def _row_for(screen: FacilitatorScreen, title: str) -> tuple[str, str, str, str]:
    rows = [line for line in screen.query_one(SessionPlan).lines() if line[1].endswith(title)]
    assert len(rows) == 1, rows
    return rows[0]


async def test_the_reader_is_the_facilitator_screen_only_when_asked(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_module(pilot, "kk-test")
        assert not isinstance(app.screen, FacilitatorScreen)
        assert "Manus" not in screen_text(app)
        assert "f4" not in app.screen.active_bindings  # the room key only in a room


async def test_manus_of_the_current_step_is_shown(make_app, course):
    module = course.module("kk-test")
    manus = module.step("hva-er-et-traume").manus
    assert manus and module.step("egen-erfaring").manus is None
    app = make_app(facilitator=True)
    async with app.run_test(size=WIDE) as pilot:
        await _open(pilot, "hva-er-et-traume")
        text = screen_text(app)
        assert "Manus" in text
        assert "Hva tenker dere" in text  # from the step's manus (Markdown, shown as text)
        assert "(ingen manus)" not in text
        await pilot.press("n")  # Din erfaring: no manus
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "(ingen manus)" in text
        assert "Hva tenker dere" not in text


async def test_session_plan_lists_the_chosen_approach_with_minutes_total_and_elapsed(make_app, course, clock):
    module = course.module("kk-test")
    app = make_app(facilitator=True)
    async with app.run_test(size=WIDE) as pilot:
        app.learner.set_approach("kunnskap")
        screen = await _open(pilot, "hva-er-et-traume")
        shown = module.steps_for("kunnskap")
        lines = screen.query_one(SessionPlan).lines()
        assert [line[1] for line in lines[:-1]] == [f"{i}. {s.title}" for i, s in enumerate(shown, 1)]
        assert not any("Din erfaring" in line[1] for line in lines)  # an erfaring-only step
        for step, line in zip(shown, lines, strict=False):
            assert line[2] == f"{step.minutes:g} min"
        assert lines[-1][2] == f"{module.minutes_for('kunnskap'):g} min"
        assert lines[0][0] == "▶" and all(line[0] == " " for line in lines[1:-1])
        assert lines[1][3] == "–"  # not visited yet

        clock.advance(75)
        screen.refresh_panel()
        await pilot.pause()
        assert _row_for(screen, shown[0].title)[3] == "1:15"
        assert "1:15" in screen_text(app)

        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        clock.advance(30)
        screen.refresh_panel()
        assert _row_for(screen, shown[0].title)[3] == "1:15"  # left: its time stops
        second = _row_for(screen, shown[1].title)
        assert second[0] == "▶" and second[3] == "0:30"
        assert screen.query_one(SessionPlan).lines()[-1][3] == "1:45"


async def test_big_timer_counts_down_the_exercise_and_nothing_moves_on(make_app, course, clock):
    step = course.module("kk-test").step("droft-i-par")
    app = make_app(facilitator=True)
    async with app.run_test(size=WIDE) as pilot:
        screen = await _open(pilot, "droft-i-par")
        big = screen.query_one(BigTimer)
        assert big.value == f"{step.timer_seconds // 60}:00"
        assert "Klar" in big.label
        await pilot.press("space")
        clock.advance(61)
        screen.refresh_panel()
        await pilot.pause()
        remaining = step.timer_seconds - 61
        assert big.value == f"{remaining // 60}:{remaining % 60:02d}"
        assert screen.query_one(".big-digits", Digits).value == big.value
        assert "Går" in big.label
        clock.advance(step.timer_seconds)
        screen.refresh_panel()
        await pilot.pause()
        assert big.value == "0:00" and "Tiden er ute" in big.label
        assert screen.step is not None and screen.step.id == "droft-i-par"


async def test_big_timer_shows_time_on_a_step_without_timer_against_its_plan(make_app, clock):
    app = make_app(facilitator=True)
    async with app.run_test(size=WIDE) as pilot:
        screen = await _open(pilot, "hva-er-et-traume")
        big = screen.query_one(BigTimer)
        clock.advance(42)
        screen.refresh_panel()
        assert big.value == "0:42"
        assert "planlagt 5 min" in big.label
        clock.advance(5 * 60)
        screen.refresh_panel()
        assert "over planlagte 5 min" in big.label


async def test_narrow_terminal_says_how_to_see_the_panel_and_v_shows_it(make_app, clock):
    app = make_app(facilitator=True)
    async with app.run_test(size=SMALL) as pilot:
        screen = await _open(pilot, "hva-er-et-traume")
        text = screen_text(app)
        assert "v: manus, plan og tidtaker" in text
        assert "Hva tenker dere" not in text
        assert "Et traume er" in text  # the step itself
        await pilot.press("v")
        await pilot.pause()
        text = screen_text(app)
        assert "Plan for økta" in text and "Et traume er" not in text
        for _ in range(12):  # j scrolls the panel down to the manus
            await pilot.press("j")
        await pilot.pause()
        assert "Hva tenker dere" in screen_text(app)
        await pilot.press("v")
        await pilot.pause()
        assert "Et traume er" in screen_text(app)
        assert screen.step is not None and screen.step.id == "hva-er-et-traume"


async def test_send_keys_without_a_room_say_so_calmly(make_app):
    app = make_app(facilitator=True)
    async with app.run_test(size=WIDE) as pilot:
        await _open(pilot, "hva-er-et-traume")
        await pilot.press("g")
        await pilot.pause()
        assert any("Ingen rom er i bruk" in n.message for n in app._notifications)


# ---------------------------------------------------------------- snapshots


def _app(course: Course, data_dir, clock: FakeClock) -> TbpApp:
    store = ProgressStore.open(data_dir, "standard", clock=clock.now)
    return TbpApp(course, store, AppOptions(data_dir=data_dir, facilitator=True), clock)


async def _session(pilot, clock: FakeClock) -> None:
    """Two minutes on the first step, then the exercise with its timer running for 83 s."""
    await open_module(pilot, "kk-test")
    await go_to(pilot, "hva-er-et-traume")
    clock.advance(125)
    await go_to(pilot, "droft-i-par")
    await pilot.press("space")
    clock.advance(83)
    screen = _fac(pilot.app)
    view = screen.view
    view.timer.tick()  # type: ignore[union-attr]
    screen.refresh_panel()
    await pilot.pause()


def test_facilitator_120x40(snap_compare, course, data_dir, clock):
    async def run_before(pilot) -> None:
        await _session(pilot, clock)

    assert snap_compare(_app(course, data_dir, clock), terminal_size=WIDE, run_before=run_before)


def test_facilitator_80x24(snap_compare, course, data_dir, clock):
    async def run_before(pilot) -> None:
        await _session(pilot, clock)

    assert snap_compare(_app(course, data_dir, clock), terminal_size=SMALL, run_before=run_before)
