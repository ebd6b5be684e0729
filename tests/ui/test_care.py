"""Care in the app itself (#7): pause from anywhere, help numbers in one key, Dine data, first start."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea

from tbp_tui.course import bundled_course_dir, load_course
from tbp_tui.options import AppOptions
from tbp_tui.progress.store import ProgressStore
from tbp_tui.session.learner import StoredCounts
from tbp_tui.ui.app import TbpApp
from tbp_tui.ui.screens.data import DataExportScreen, YourDataScreen
from tbp_tui.ui.screens.dialogs import ConfirmScreen, ListingScreen
from tbp_tui.ui.screens.home import HomeScreen
from tbp_tui.ui.screens.pause import PauseScreen
from tbp_tui.ui.screens.safety import SafetyScreen
from tbp_tui.ui.screens.welcome import WelcomeScreen, course_parts
from tbp_tui.ui.widgets.pacer import BREATHE_IN, BREATHE_OUT, BreathPacer, breath_phase

from .conftest import open_store
from .helpers import go_to, open_module, screen_text

ANSWER = "Jeg ble stille og trengte en pause."


async def press_all(pilot, keys: str) -> None:
    for ch in keys:
        await pilot.press(ch)
    await pilot.pause()


def static_text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).visual)


# ------------------------------------------------------------------ pause


async def test_f2_from_the_reader_and_back_keeps_step_and_scroll(data_dir, clock):
    # The bundled course: its steps are longer than 24 lines, so there is a scroll to keep.
    course = load_course(bundled_course_dir())
    app = TbpApp(course, open_store(data_dir, clock), AppOptions(data_dir=data_dir), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        module = next(m for m in course.modules if m.kind == "competency")
        reader = await open_module(pilot, module.id)
        content = reader.query_one("#content")
        for _ in range(len(reader.steps)):  # the first step long enough to scroll
            if isinstance(app.focused, TextArea):
                await pilot.press("escape")  # a reflection step starts in its answer field
            await pilot.press("n")
            await pilot.pause()
            if content.max_scroll_y > 3:
                break
        step = reader.step
        assert step is not None and content.max_scroll_y > 3
        for _ in range(3):
            await pilot.press("j")
        await pilot.pause()
        scrolled = content.scroll_y
        assert scrolled > 0
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        assert "Pust" in screen_text(app) and "5-4-3-2-1" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reader  # the same screen object: nothing was rebuilt
        assert reader.step is step
        assert content.scroll_y == scrolled


async def test_pausing_inside_a_reflection_keeps_the_typed_text(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_module(pilot, "kk-test")
        await go_to(pilot, "egen-erfaring")
        await press_all(pilot, "halvveis")
        area = reader.query_one(TextArea)
        assert app.screen.focused is area
        await pilot.press("f2")  # F2 is never typed into the field
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        await pilot.press("enter")  # Enter is "tilbake der jeg var" too
        await pilot.pause()
        assert app.screen is reader
        assert area.text == "halvveis"
        assert app.screen.focused is area
        await press_all(pilot, " ferdig")  # writing goes on where it stopped
        assert area.text == "halvveis ferdig"


async def test_f2_on_the_pause_screen_closes_it_and_nothing_moves_on_by_itself(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        pause = app.screen
        assert isinstance(pause, PauseScreen)
        await pilot.press("space")  # the optional timer starts only when asked
        clock.advance(30 * 60)
        pause.timer.tick()
        pause.pacer.tick()
        await pilot.pause()
        assert app.screen is pause
        assert "Tiden er ute" in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def test_breath_phase_counts_in_then_out():
    cycle = [breath_phase(s + 0.5) for s in range(BREATHE_IN + BREATHE_OUT + 1)]
    assert cycle[0] == ("in", 1, BREATHE_IN)
    assert cycle[BREATHE_IN - 1] == ("in", BREATHE_IN, BREATHE_IN)
    assert cycle[BREATHE_IN] == ("out", 1, BREATHE_OUT)
    assert cycle[BREATHE_IN + BREATHE_OUT - 1] == ("out", BREATHE_OUT, BREATHE_OUT)
    assert cycle[BREATHE_IN + BREATHE_OUT] == cycle[0]


async def test_the_pacer_follows_the_fake_clock_and_can_be_switched_off(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        pacer = app.screen.query_one(BreathPacer)
        first = str(pacer.visual)
        assert "Pust inn" in first and "1" in first
        clock.advance(1)
        pacer.tick()
        await pilot.pause()
        assert "Pust inn  2  ●●○○" in screen_text(app)
        clock.advance(BREATHE_IN - 1)
        pacer.tick()
        await pilot.pause()
        assert "Pust ut  1  ●○○○○○" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        off = screen_text(app)
        assert "Pusteguiden er slått av" in off and "Pust ut" not in off
        clock.advance(3)
        pacer.tick()
        await pilot.pause()
        assert screen_text(app) == off


# ------------------------------------------------------------------ help numbers, one key


async def _to_home(pilot) -> None:
    assert isinstance(pilot.app.screen, HomeScreen)


async def _to_reader(pilot) -> None:
    await open_module(pilot, "kk-test")
    await go_to(pilot, "egen-erfaring")  # inside the answer field: F3 must still work


async def _to_checklist(pilot) -> None:
    pilot.app.open_module("sikkerhetsplan")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SafetyScreen)


async def _to_your_data(pilot) -> None:
    await pilot.press("d")
    await pilot.pause()
    assert isinstance(pilot.app.screen, YourDataScreen)


async def _to_pause(pilot) -> None:
    await pilot.press("f2")
    await pilot.pause()


async def _to_glossary(pilot) -> None:
    await pilot.press("b")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ListingScreen)


@pytest.mark.parametrize("go", [_to_home, _to_reader, _to_checklist, _to_your_data, _to_pause, _to_glossary])
async def test_f3_shows_the_help_numbers_from_every_screen(make_app, course, go):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await go(pilot)
        await pilot.pause()
        before = app.screen
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, ListingScreen)
        shown = screen_text(app)
        assert course.help_numbers is not None
        first = course.help_numbers.numbers[0]
        assert "Hjelpenumre" in shown and first.contact in shown and first.name in shown
        await pilot.press("f3")  # a second F3 does not stack another copy
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is before


# ------------------------------------------------------------------ Dine data


async def _write_reflection(pilot, text: str) -> None:
    await open_module(pilot, "kk-test")
    await go_to(pilot, "egen-erfaring")
    await press_all(pilot, text)
    await pilot.press("escape")
    await pilot.pause()
    pilot.app.go_home()
    await pilot.pause()


async def test_your_data_names_the_real_progress_file_and_the_profile(make_app, data_dir):
    app = make_app(profile="standard")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, YourDataScreen)
        shown = screen_text(app)
        assert str(app.learner.paths["progress_file"]) in shown
        assert str(data_dir / "profiles" / "standard" / "progress.toml") in shown
        assert "Profil: standard" in shown
        assert "sjekklisten, lagres aldri" in shown
        assert "ferdig lest kopi" not in shown  # no copy of the course kept yet


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("nb", "1 steg sett · 1 refleksjon · 1 quizsvar", "2 steg sett · 2 refleksjoner · 2 quizsvar"),
    ("en", "1 step seen · 1 reflection · 1 quiz answer", "2 steps seen · 2 reflections · 2 quiz answers"),
])
async def test_your_data_counts_in_singular_and_plural(make_app, data_dir, clock, lang, one, two):
    for n, expected in ((1, one), (2, two)):
        store = open_store(data_dir, clock)
        for step in ("hva-er-et-traume", "egen-erfaring")[:n]:
            store.mark_seen("kk-test", step)
            store.set_reflection("kk-test", step, "svar")
            store.record_quiz("kk-test", "sjekk-forstaelsen", [1], False)
        assert store.save()
        app = make_app(lang=lang)
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.press("d")
            await pilot.pause()
            assert expected in screen_text(app)
        shutil.rmtree(data_dir / "profiles")


async def test_your_data_names_the_kept_copy_of_the_course(make_app, data_dir, course):
    from tbp_tui.course import cache

    key = cache.fingerprint(course.root)
    assert key is not None
    cache.save_cached(data_dir / "cache", course.root, key, course)
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        shown = screen_text(app)
        assert f"I {data_dir / 'cache'} ligger en ferdig lest kopi av kurset" in shown
        assert "bare kurstekst" in shown


async def test_your_data_in_guest_mode_says_nothing_is_stored(course, data_dir, clock):
    store = ProgressStore.open(data_dir, "standard", guest=True, clock=clock.now)
    app = TbpApp(course, store, AppOptions(data_dir=data_dir, guest=True), clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_your_data()
        await pilot.pause()
        assert "Gjestemodus: ingenting lagres på disk" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, YourDataScreen)  # no confirmation: there is nothing to delete


async def test_export_writes_a_private_file_with_an_earlier_reflection(make_app, tmp_path):
    app = make_app()
    target = tmp_path / "ut" / "mine-svar.md"
    target.parent.mkdir()  # an export never creates folders (tests/hostile/test_export_targets.py)
    async with app.run_test(size=(80, 24)) as pilot:
        await _write_reflection(pilot, ANSWER)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DataExportScreen)
        field = dialog.query_one(Input)
        assert field.value.endswith(".md")  # a suggestion, shown and editable first
        field.value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(target) in static_text(dialog, "#export-status")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, YourDataScreen)
    assert ANSWER in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


async def test_export_to_an_impossible_place_says_so_in_plain_words(make_app, tmp_path):
    blocker = tmp_path / "en-fil"
    blocker.write_text("x")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_your_data()
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one(Input).value = str(blocker / "svar.md")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = static_text(dialog, "#export-status")
        assert "Filen ble ikke skrevet" in status and "Traceback" not in status
        assert app.screen is dialog and not dialog.query_one(Input).disabled  # try again at once


async def test_delete_all_asks_first_and_a_no_keeps_everything(make_app, data_dir):
    app = make_app()
    file = data_dir / "profiles" / "standard" / "progress.toml"
    async with app.run_test(size=(80, 24)) as pilot:
        await _write_reflection(pilot, ANSWER)
        assert file.exists()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, YourDataScreen)
    assert ANSWER in file.read_text(encoding="utf-8")


async def test_delete_all_removes_the_profile_and_nothing_comes_back_this_session(make_app, data_dir):
    app = make_app()
    folder = data_dir / "profiles" / "standard"
    async with app.run_test(size=(120, 40)) as pilot:
        await _write_reflection(pilot, ANSWER)
        assert (folder / "progress.toml").exists()
        # An answer still open underneath must not bring anything back after the deletion.
        await open_module(pilot, "kk-test")
        await go_to(pilot, "ettertanke")
        await press_all(pilot, "uferdig")
        app.show_your_data()
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("j", "a", "enter")
        await pilot.pause()
        assert not folder.exists()
        assert "Lagring er slått av for resten av denne økten" in screen_text(app)
        assert "0 refleksjoner" in screen_text(app)
        await pilot.press("escape")  # back in the answer field, where the typing goes on
        await pilot.pause()
        await press_all(pilot, "mer")
        assert "Ikke lagret (lagring er slått av i denne økten)" in screen_text(app)
        assert "gjestemodus" not in screen_text(app) and "Lagres" not in screen_text(app)
        await pilot.press("escape")  # out of the field
        await pilot.pause()
        await pilot.press("n")  # move on in the reader: a step seen, the open answer handed over
        await pilot.pause()
        assert "Steg 8 av 8" in screen_text(app)
        app.go_home()
        await pilot.pause()
        app.save_now()
        await pilot.press("q")
        await pilot.pause()
    assert not folder.exists()
    again = make_app()
    nothing = StoredCounts(seen=0, skipped=0, reflections=0, quiz_attempts=0, seconds=0.0)
    assert again.learner.stored_counts() == nothing


# ------------------------------------------------------------------ the store's notices, in the UI language

DAMAGED = b'schema_version = 1\nfirst_run_done = "ja"\n'


def _damage(data_dir: Path) -> Path:
    folder = data_dir / "profiles" / "standard"
    folder.mkdir(parents=True, mode=0o700)
    (data_dir / "profiles").chmod(0o700)
    folder.chmod(0o700)
    (folder / "progress.toml").write_bytes(DAMAGED)
    return folder


@pytest.mark.parametrize("lang", ["en", "nb"])
async def test_a_damaged_progress_file_is_announced_in_the_learners_language(make_app, data_dir, lang):
    folder = _damage(data_dir)
    app = make_app(lang=lang)
    [aside] = folder.glob("progress.toml.corrupt-*")
    said = {"en": f"It has been moved aside, not deleted: {aside}. You start with a clean slate here.",
            "nb": f"Den er flyttet til side, ikke slettet: {aside}. Her begynner du med blanke ark."}[lang]
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        assert said in " ".join(screen_text(app).replace("│", " ").split())  # on a page (test_first_hour)
        assert not list(app._notifications)
    assert aside.read_bytes() == DAMAGED


async def test_a_failed_delete_in_your_data_says_why_in_english(make_app, data_dir, monkeypatch):
    from tbp_tui.progress import store as store_module

    def refuse(data_dir: Path | None, profile: str, seal: object = None) -> bool:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(store_module, "forget_profile", refuse)
    app = make_app(lang="en")
    folder = data_dir / "profiles" / "standard"
    async with app.run_test(size=(160, 50)) as pilot:
        await _write_reflection(pilot, ANSWER)
        app.show_your_data()
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("y", "e", "s", "enter")
        await pilot.pause()
        said = [n.message for n in app._notifications][-1].splitlines()
        assert said == [f"Could not delete everything in {folder}. Saving is switched off for the rest "
                        "of the session.", f"Could not delete {folder} (the folder is read-only)."]
    assert folder.is_dir()


def test_plain_mode_says_the_stores_notices_in_english(course, data_dir, clock):
    import io

    from tbp_tui.plain import PlainMode

    folder = _damage(data_dir)
    out = io.StringIO()
    store = open_store(data_dir, clock)
    PlainMode(course, store, AppOptions(lang="en"), io.StringIO(""), out, clock).run()
    [aside] = folder.glob("progress.toml.corrupt-*")
    assert ("The progress file was damaged (first_run_done should be true or false) and has been "
            f"moved to {aside}; you start with a clean slate.") in out.getvalue().splitlines()
    guest = ProgressStore.open(data_dir, "standard", guest=True, clock=clock.now)
    out = io.StringIO()
    PlainMode(course, guest, AppOptions(lang="en", guest=True), io.StringIO(""), out, clock).run()
    assert "Guest mode: nothing is saved." in out.getvalue().splitlines()
    assert "Gjestemodus" not in out.getvalue()


# ------------------------------------------------------------------ first start


async def test_first_start_is_shown_once_then_never_again(make_app, course):
    app = make_app(first_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        shown = screen_text(app)
        for module in course.modules:
            if module.kind in ("intro", "competency"):
                assert module.title in shown
                assert f"{module.minutes} min" in shown
        assert "F2" in shown and "F3" in shown and "F12" in shown and "Dine data (d)" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("q")
    again = make_app(first_start=True)
    async with again.run_test(size=(80, 24)) as pilot:
        assert isinstance(again.screen, HomeScreen)
        # ... unless asked for: the palette entry opens it again.
        about = next(c for c in again.get_system_commands(again.screen) if c.title == again.t("cmd.about"))
        about.callback()
        await pilot.pause()
        assert isinstance(again.screen, WelcomeScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)


async def test_first_start_is_offered_again_when_left_by_quitting(make_app):
    app = make_app(first_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("q")
    assert not make_app().learner.first_run_done


def test_course_parts_come_from_the_course(course):
    from tbp_tui.i18n import Catalog

    parts = course_parts(course, Catalog("nb"))
    expected = [m for m in course.modules if m.kind in ("intro", "competency")]
    assert [p for p, _ in parts] == [m.title for m in expected]
    assert [d for _, d in parts] == [f"{m.minutes} min" for m in expected]


def test_equal_competency_modules_share_one_row(course):
    from tbp_tui.i18n import Catalog
    from tbp_tui.record import replace

    kk = next(m for m in course.modules if m.kind == "competency")
    bigger = replace(course, modules=(*course.modules, replace(kk, id="kk-2", title="Andre")))
    rows = course_parts(bigger, Catalog("en"))
    assert ("2 core competency modules", f"{kk.minutes} min each") in rows


# ------------------------------------------------------------------ snapshots (80×24)


def _snap_app(course, clock, tmp_path: Path, monkeypatch, *, first_start: bool = False) -> TbpApp:
    """A relative data dir, so the paths on screen are the same on every machine and run."""
    monkeypatch.chdir(tmp_path)
    store = ProgressStore.open(Path("data"), "standard", clock=clock.now)
    return TbpApp(course, store, AppOptions(data_dir=Path("data")), clock, first_start=first_start)


def test_pause_80x24(snap_compare, course, clock, tmp_path, monkeypatch):
    async def run_before(pilot) -> None:
        await pilot.press("f2")
        clock.advance(5)
        await pilot.pause()
        pilot.app.screen.pacer.tick()
        await pilot.pause()

    app = _snap_app(course, clock, tmp_path, monkeypatch)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_your_data_80x24(snap_compare, course, clock, tmp_path, monkeypatch):
    async def run_before(pilot) -> None:
        await pilot.press("d")
        await pilot.pause()

    app = _snap_app(course, clock, tmp_path, monkeypatch)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_first_start_80x24(snap_compare, course, clock, tmp_path, monkeypatch):
    app = _snap_app(course, clock, tmp_path, monkeypatch, first_start=True)
    assert snap_compare(app, terminal_size=(80, 24))



async def test_f1_lists_pause_and_help_numbers_in_the_reader(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        rows = dict((does, keys) for keys, does in app.help_rows(app.screen))
        assert rows["Pause"].upper() == "F2"
        assert rows["Hjelpenumre"] == "h / F3"  # h means help numbers here too
