"""Both front-ends: a canary typed in the app never reaches a statement or the outbox, and Dine
data says plainly whether reporting is on, to whom, and shows what waits."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

from textual.widgets import TextArea

from tbp_tui.clock import FakeClock
from tbp_tui.course.model import Course, ReflectionStep
from tbp_tui.options import AppOptions
from tbp_tui.plain import PlainMode
from tbp_tui.progress import ProgressStore
from tbp_tui.report.config import load_config
from tbp_tui.report.reporter import start_reporting
from tbp_tui.ui.app import TbpApp
from tbp_tui.ui.screens.data import YourDataScreen
from tbp_tui.ui.screens.dialogs import ListingScreen
from tests.ports import free_port

from .conftest import write_config

DEAD = f"http://127.0.0.1:{free_port()}/xAPI"  # nothing listens: statements stay in the outbox


def reporting_on(data_dir: Path) -> None:
    write_config(data_dir, DEAD, timeout=1)


async def test_a_canary_typed_in_a_reflection_reaches_no_statement_and_no_outbox(
        bundled: Course, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    reporting_on(data_dir)
    config = load_config(data_dir)
    assert config is not None
    store = ProgressStore.open(data_dir, "standard")
    reporter = start_reporting(config, bundled, store, "nb")
    canary = uuid.uuid4().hex
    module = bundled.module("kort-intro")
    assert module is not None
    reflection = next(s for s in module.steps if isinstance(s, ReflectionStep))
    app = TbpApp(bundled, store, AppOptions(data_dir=data_dir), FakeClock())
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_module("kort-intro", reflection.id)
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        area.focus()
        for ch in canary:
            await pilot.press(ch)
        await pilot.pause()
        app.commit_all()  # as leaving the step does
        for step in module.steps:  # every step seen: a completion is queued too
            app.learner.visit("kort-intro", step.id)
        assert app.learner.save()
    reporter.stop(timeout=5)
    profile = data_dir / "profiles" / "standard"
    assert canary.encode() in (profile / "progress.toml").read_bytes()  # it was typed and kept
    outbox = (profile / "report-outbox.json").read_bytes()
    assert b'"completed"' in outbox and canary.encode() not in outbox


async def test_dine_data_says_reporting_is_off_and_where_it_is_turned_on(
        bundled: Course, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = ProgressStore.open(data_dir, "standard")
    app = TbpApp(bundled, store, AppOptions(data_dir=data_dir), FakeClock())
    async with app.run_test(size=(100, 60)) as pilot:
        app.push_screen(YourDataScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, YourDataScreen) and screen.report is not None
        text = str(screen.query_one("#data-text").render())
        assert "Rapportering er av" in text and str(data_dir / "report.toml") in text


async def test_dine_data_shows_the_statements_waiting_in_both_front_ends(
        bundled: Course, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    reporting_on(data_dir)
    config = load_config(data_dir)
    assert config is not None
    store = ProgressStore.open(data_dir, "standard")
    reporter = start_reporting(config, bundled, store, "nb")
    reporter.stop(timeout=5)  # initialized and terminated wait: nothing listens at DEAD
    app = TbpApp(bundled, store, AppOptions(data_dir=data_dir), FakeClock())
    async with app.run_test(size=(100, 60)) as pilot:
        app.push_screen(YourDataScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#data-text").render())
        assert DEAD in text and "Venter: 2." in text
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ListingScreen)
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "initialized" in shown and "terminated" in shown
    out = io.StringIO()
    PlainMode(bundled, ProgressStore.open(data_dir, "standard"), AppOptions(data_dir=data_dir),
              io.StringIO("d\nr\nq\n"), out, FakeClock()).run()
    said = out.getvalue()
    assert "Venter: 2." in said and DEAD in said
    assert '"http://adlnet.gov/expapi/verbs/terminated"' in said
