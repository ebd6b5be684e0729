"""The first hour of a new learner and a clinician (issue 20): keys that mean one thing, typing
that lands in the box, endings, deletes that need a deliberate answer, a cover page that covers."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tbp_tui.course import bundled_course_dir, load_course
from tbp_tui.options import AppOptions
from tbp_tui.ui.app import TbpApp
from tbp_tui.ui.screens.damaged import DamagedScreen
from tbp_tui.ui.screens.data import DataExportScreen, YourDataScreen
from tbp_tui.ui.screens.dialogs import ConfirmScreen, ListingScreen
from tbp_tui.ui.screens.hidden import HiddenScreen
from tbp_tui.ui.screens.home import HomeScreen
from tbp_tui.ui.screens.module import ModuleScreen
from tbp_tui.ui.screens.safety import SafetyScreen
from tbp_tui.ui.screens.welcome import WelcomeScreen
from tbp_tui.ui.widgets.checklist import TickBox
from tbp_tui.ui.widgets.content_note import ContentNote
from tbp_tui.ui.widgets.ending import ModuleEnd
from tbp_tui.ui.widgets.reflection import ReflectionArea
from tbp_tui.ui.widgets.steps import ExerciseView, QuizView, ReflectionView

from .conftest import open_store
from .helpers import footer_line, go_to, module_screen, open_module, screen_text


async def test_typing_on_a_reflection_step_lands_in_the_box(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, "egen-erfaring")
        for ch in "Det var nå":
            await pilot.press("space" if ch == " " else ch)
        await pilot.pause()
        view = screen.view
        assert isinstance(view, ReflectionView)
        assert view.area.text == "Det var nå"
        assert module_screen(app) is screen and screen.step is not None
        assert screen.step.id == "egen-erfaring"
        assert not screen.step_list_visible
        # the footer says how to leave the box, and offers no key the box would swallow
        line = footer_line(app)
        assert "Esc Ut av tekstfeltet" in line, line
        assert "Neste" not in line and "Avslutt" not in line, line
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.focused, ReflectionArea)
        assert "Neste" in footer_line(app)


async def test_n_pressed_in_a_burst_past_a_reflection_moves_on_and_writes_nothing(make_app, clock):
    """A learner paging with n (a held key, or n n n) lands on a reflection whose box has the
    focus: the n's of the same burst still mean «next», not the first letters of an answer."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, "hva-er-et-traume")
        await pilot.press("n")
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "egen-erfaring"
        await pilot.press("n", "p", "n")  # the same burst: next, back, next again
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "droft-i-par"
    assert app.learner.reflection("kk-test", "egen-erfaring") == ""


async def test_after_a_moment_on_the_reflection_n_is_a_letter_again(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, "egen-erfaring")
        clock.advance(2)  # reading the question
        await pilot.press("n", "å")
        await pilot.pause()
        view = screen.view
        assert isinstance(view, ReflectionView) and view.area.text == "nå"
        assert screen.step is not None and screen.step.id == "egen-erfaring"


# ------------------------------------------------------------------ the cover page (F12)


async def test_the_cover_page_says_nothing_about_hiding_or_keys(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_module("sikkerhetsplan")
        await pilot.pause()
        await pilot.press("space", "f12")
        await pilot.pause()
        assert isinstance(app.screen, HiddenScreen)
        text = screen_text(app)
        assert "Notater" in text
        for giveaway in ("Skjult", "slettet", "F12", "Esc", "igjen", "Hidden", "Sikkerhetsplan"):
            assert giveaway not in text, giveaway
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)


@pytest.mark.parametrize("where", ["welcome", "help", "data"])
async def test_f12_is_explained_beforehand(make_app, where):
    app = make_app(first_start=where == "welcome")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if where == "help":
            await pilot.press("f1")
        elif where == "data":
            await pilot.press("d")
        await pilot.pause()
        text = " ".join(screen_text(app).replace("│", " ").split())
        assert "F12 legger en nøytral side" in text, text
        assert "F12 eller Esc viser deg det som var åpent igjen" in text


# ------------------------------------------------------------------ deliberate deletes


async def _filled_checklist(pilot) -> SafetyScreen:
    app = pilot.app
    app.open_module("sikkerhetsplan")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SafetyScreen)
    await pilot.press("space")
    await pilot.pause()
    assert not screen.form.is_empty
    return screen


async def test_clearing_the_checklist_needs_the_word_not_a_navigation_key(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _filled_checklist(pilot)
        await pilot.press("t")  # t is the step list elsewhere: here it clears nothing
        await pilot.pause()
        assert app.screen is screen and not screen.form.is_empty
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        for key in ("j", "y", "enter"):  # habit keys do nothing
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and not screen.form.is_empty
        assert "Det står ikke «ja»" in screen_text(app)
        await pilot.press("escape")  # cancelled: everything is still there
        await pilot.pause()
        assert app.screen is screen and not screen.form.is_empty
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("j", "a", "enter")
        await pilot.pause()
        assert app.screen is screen and screen.form.is_empty


async def test_deleting_everything_needs_the_word(make_app, data_dir):
    app = make_app()
    folder = data_dir / "profiles" / "standard"
    async with app.run_test(size=(80, 24)) as pilot:
        app.learner.set_approach("praksis")
        app.save_now()
        assert folder.exists()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()
        assert folder.exists() and isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert folder.exists() and isinstance(app.screen, YourDataScreen)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("J", "a", "enter")
        await pilot.pause()
        assert not folder.exists()


async def test_leaving_a_filled_checklist_is_not_confirmed_by_j(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _filled_checklist(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("j", "y")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and not screen.form.is_empty
        await pilot.press("backspace", "backspace", "j", "a", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


# ------------------------------------------------------------------ endings


async def _read_through(pilot, module_id: str) -> ModuleScreen:
    """Open a module and press n (leaving answer fields with Esc) until its ending shows."""
    app = pilot.app
    screen = await open_module(pilot, module_id)
    for _ in range(len(screen.steps) + 3):
        if isinstance(screen.view, ModuleEnd):
            return screen
        if isinstance(app.focused, ReflectionArea):
            await pilot.press("escape")
        if isinstance(screen.view, ContentNote):
            await pilot.press("enter")  # Fortsett: read it
        else:
            await pilot.press("n")
        await pilot.pause()
    raise AssertionError("no ending")


async def test_a_module_ends_with_what_was_done_a_pause_and_what_comes_next(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _read_through(pilot, "kort-intro")
        text = " ".join(screen_text(app).replace("│", " ").split())
        assert "Slutten av modulen" in text
        assert "2 av 2 steg sett" in text
        assert "refleksjon" not in text  # the introduction asks for none
        assert "føttene mot gulvet" in text
        assert "Neste modul: Kjernekompetanse T" in text, text
        assert "Enter Neste modul" in footer_line(app)
        await pilot.press("n")  # n does not run on into the next module
        await pilot.pause()
        assert app.screen is screen and isinstance(screen.view, ModuleEnd)
        await pilot.press("p")  # back to the last step, and forward to the end again
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "om-kurset"
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        nxt = module_screen(app)
        assert nxt.module.id == "kk-test" and nxt.step is None


async def test_home_offers_what_comes_next_after_a_finished_module(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _read_through(pilot, "kort-intro")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "Neste: Kjernekompetanse T" in text and "Fortsett: Kort introduksjon" not in text
        await pilot.press("f")
        await pilot.pause()
        assert module_screen(app).module.id == "kk-test"


async def test_the_end_of_the_course_says_so_and_offers_the_export(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _read_through(pilot, "kort-intro")
        screen = await _read_through(pilot, "kk-test")
        text = " ".join(screen_text(app).replace("│", " ").split())
        assert "Du har vært gjennom hele kurset" in text
        assert "e Eksporter" in footer_line(app) and "Neste modul" not in footer_line(app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, DataExportScreen)
        app.pop_screen()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert screen is not app.screen and "Du har vært gjennom kurset" in screen_text(app)


# ------------------------------------------------------------------ one meaning per key, ways out


@pytest.mark.parametrize("where", ["module", "checklist"])
async def test_h_is_the_help_numbers_everywhere_never_previous_step(make_app, where):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        if where == "module":
            screen = await open_module(pilot, "kk-test", "droft-i-par")
        else:
            app.open_module("sikkerhetsplan", "planen")
            await pilot.pause()
            screen = app.screen
        before = screen.index
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ListingScreen) and "Hjelpenumre" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.index == before


async def test_esc_in_the_step_list_closes_the_list(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_module(pilot, "kk-test", "droft-i-par")
        await pilot.press("t")
        await pilot.pause()
        assert screen.step_list_visible
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and not screen.step_list_visible
        assert screen.step is not None and screen.step.id == "droft-i-par"
        await pilot.press("escape")  # the second Esc leaves the module
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_too_small_screen_has_a_way_out(make_app):
    app = make_app()
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        assert "q avslutter" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_the_command_palette_names_each_command_once(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.pause(0.3)
        text = "\n".join(screen_text(app).splitlines()[:-1])  # the palette, not the key line below
        for title in ("Til forsiden", "Velg tilnærming", "Vis begrepslisten", "Avslutt"):
            assert text.count(title) == 1, (title, text)


async def test_help_numbers_stand_in_one_column_and_are_never_broken(data_dir, clock):
    course = load_course(bundled_course_dir())
    app = TbpApp(course, open_store(data_dir, clock), AppOptions(data_dir=data_dir), clock)
    async with app.run_test(size=(80, 120)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert course.help_numbers is not None
        starts = set()
        for number in course.help_numbers.numbers:
            found = [line for line in lines if line.strip(" │").startswith(number.contact)]
            assert found, number.contact  # whole, on one line, at the start of its row
            starts.add(found[0].index(number.contact))
        assert len(starts) == 1, starts
        assert not any("dinutvei.no: dinutvei.no" in line or "dinutvei.no  dinutvei.no" in line
                       for line in lines)


async def test_a_step_skipped_then_read_is_read_everywhere(make_app):

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_module(pilot, "kk-test", "et-tilfelle")
        assert isinstance(screen.view, ContentNote)
        await pilot.press("down", "enter")  # Hopp over
        await pilot.pause()
        assert "et-tilfelle" in app.learner.skipped("kk-test")
        await pilot.press("p")  # back to it, and read it this time
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "et-tilfelle" not in app.learner.skipped("kk-test")
        app.go_home()
        await pilot.pause()
        assert "hoppet over" not in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert "1 hoppet over" not in screen_text(app)
        text = app.learner.export_markdown(app.course, app.t)
        assert "Steg du hoppet over" not in text, text


async def test_the_checklist_shows_its_parts_content_notes(data_dir, clock):
    course = load_course(bundled_course_dir())
    app = TbpApp(course, open_store(data_dir, clock), AppOptions(data_dir=data_dir), clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_module("sikkerhetsplan")
        await pilot.pause()
        module = course.module("sikkerhetsplan")
        assert module is not None and module.steps[0].innholdsnotis
        text = " ".join(screen_text(app).replace("│", " ").split())
        note = " ".join(module.steps[0].innholdsnotis.split())
        assert f"Innholdsnotis: {note[:60]}" in text, text


async def test_f_says_start_until_something_can_be_continued(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "f Start" in footer_line(app) and "Fortsett" not in footer_line(app)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("n", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "f Fortsett" in footer_line(app)


@pytest.mark.parametrize(("lang", "words"), [("nb", "p slår den på igjen."),
                                             ("en", "p turns it on again.")])
async def test_the_pause_screen_says_its_whole_line_at_80_columns(make_app, lang, words):
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "p")
        await pilot.pause()
        # the breathing box is the left column: read it alone
        left = [line.split("│")[1] for line in screen_text(app).splitlines() if line.count("│") >= 2]
        text = " ".join(" ".join(left).split())
        assert words in text, text


# ------------------------------------------------------------------ timers


async def test_a_timer_keeps_running_while_the_learner_looks_at_another_step(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_module(pilot, "kk-test", "droft-i-par")
        await pilot.press("space")
        clock.advance(61)
        await pilot.press("n", "p")  # away and back
        await pilot.pause()
        view = screen.view
        assert isinstance(view, ExerciseView) and view.timer is not None
        view.timer.tick()
        await pilot.pause()
        text = screen_text(app)
        assert "Brukt: 1:01" in text and "Går" in text, text


async def test_space_after_the_time_is_up_stops_the_used_time(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_module(pilot, "kk-test", "droft-i-par")
        await pilot.press("space")
        clock.advance(301)
        view = screen.view
        assert isinstance(view, ExerciseView) and view.timer is not None
        view.timer.tick()
        await pilot.pause()
        assert "Tiden er ute" in screen_text(app)
        await pilot.press("space")
        clock.advance(120)
        view.timer.tick()
        await pilot.pause()
        assert "Brukt: 5:01" in screen_text(app)


async def test_starting_a_timer_below_the_fold_brings_it_into_view(data_dir, clock):
    course = load_course(bundled_course_dir())
    app = TbpApp(course, open_store(data_dir, clock), AppOptions(data_dir=data_dir), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_module(pilot, "kk1", "case-tre-e")
        if isinstance(screen.view, ContentNote):
            await pilot.press("enter")  # Fortsett: read it
            await pilot.pause()
        view = screen.view
        assert isinstance(view, ExerciseView) and view.timer is not None
        content = screen.query_one("#content")
        assert "Igjen:" not in screen_text(app)  # below the fold at 60×20
        await pilot.press("space")
        await pilot.pause()
        assert "Igjen:" in screen_text(app) and "Går" in screen_text(app)
        assert content.scroll_y > 0


# ------------------------------------------------------------------ the quiz at 80×24


async def test_a_wrong_answer_does_not_give_the_answer_away_and_i_explains(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_module(pilot, "kk-test", "sjekk-forstaelsen")
        await pilot.press("1")
        await pilot.pause()
        assert "Ikke riktig" in screen_text(app)
        assert "Forklaring" not in screen_text(app)
        await pilot.press("i")
        await pilot.pause()
        await pilot.pause()
        assert "Forklaring" in screen_text(app)
        assert isinstance(screen.view, QuizView)


async def test_a_right_answer_shows_the_whole_explanation_at_80x24_and_pagedown_scrolls(
    data_dir, clock
):
    course = load_course(bundled_course_dir())
    app = TbpApp(course, open_store(data_dir, clock), AppOptions(data_dir=data_dir), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_module(pilot, "kk1", "quiz-traume")
        await pilot.press("3")
        await pilot.pause()
        await pilot.pause()
        text = " ".join(screen_text(app).replace("│", " ").split())
        assert "Riktig" in text
        assert "hendelsen i seg selv." in text, text  # the explanation's last words are in view
        content = screen.query_one("#content")
        content.scroll_home(animate=False)
        await pilot.pause()
        options = screen.query_one("#options")
        before = options.highlighted
        assert app.focused is options
        await pilot.press("pagedown")
        await pilot.pause(0.5)
        assert content.scroll_y > 0 and options.highlighted == before


async def test_after_an_export_the_leave_warning_says_what_the_file_keeps(make_app, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("HOME", str(home))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _filled_checklist(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")  # write to the suggested file
        await pilot.pause()
        await pilot.press("enter")  # close
        await pilot.pause()
        assert app.screen is screen
        written = next(home.iterdir())
        await pilot.press("escape")
        await pilot.pause()
        text = " ".join(screen_text(app).replace("│", " ").split())
        assert "eksportert skjemaet til" in text and written.name in text, text
        assert "ikke lagret noe sted" not in text
        await pilot.press("escape")  # stay, change it, and the warning says so
        await pilot.pause()
        section = screen.checklist
        assert section is not None
        [f for f in section.fields if isinstance(f, TickBox)][1].focus()
        await pilot.press("space", "escape")  # one more tick
        await pilot.pause()
        text = " ".join(screen_text(app).replace("│", " ").split())
        assert "har endret det siden" in text, text


async def test_a_damaged_progress_file_is_said_on_a_page_in_plain_words(make_app, data_dir, clock):
    folder = data_dir / "profiles" / "standard"
    folder.mkdir(parents=True, mode=0o700)
    (folder / "progress.toml").write_bytes(b"schema_version = 1\n[[[ broken\n")
    app = make_app(first_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DamagedScreen)
        clock.advance(60)
        await pilot.pause(0.2)
        text = " ".join(screen_text(app).replace("│", " ").split())
        assert "Framgangen din kunne ikke leses" in text
        assert "ikke slettet" in text and "Expected" not in text and "TOML" not in text, text
        assert not list(app._notifications)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)  # then the first-start page, as always


@pytest.mark.parametrize("include", [False, True])
async def test_wrong_quiz_answers_stay_out_of_the_export_unless_asked_for(make_app, tmp_path, include):
    app = make_app()
    target = tmp_path / "mine.md"
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test", "sjekk-forstaelsen")
        await pilot.press("1", "2")  # wrong, then right
        await pilot.pause()
        app.go_home()
        await pilot.pause()
        await pilot.press("d", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DataExportScreen)
        dialog.query_one("#export-path", Input).value = str(target)
        if include:
            await pilot.press("tab", "space", "shift+tab")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    text = target.read_text(encoding="utf-8")
    assert "valgte 2 (Skaden som kan komme etter hendelsen)" in text
    assert ("valgte 1 (Hendelsen)" in text) is include


async def test_an_exercise_has_a_place_to_write_for_a_learner_alone(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_module(pilot, "kk-test", "droft-i-par")
        assert "Dine notater" in screen_text(app)
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, ReflectionArea)
        for ch in "alene i dag":
            await pilot.press("space" if ch == " " else ch)
        await pilot.press("escape", "n")
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "sjekk-forstaelsen"
        app.save_now()
    stored = open_store(data_dir, clock).progress.modules["kk-test"].reflections["droft-i-par"]
    assert stored.text == "alene i dag"


async def test_home_offers_the_next_module_after_the_last_step_even_with_a_step_left(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_module(pilot, "kk-test", "fordypning")  # the note step before it unread
        for _ in range(4):
            if isinstance(app.focused, ReflectionArea):
                await pilot.press("escape")
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(screen.view, ModuleEnd)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Fortsett:" not in screen_text(app)


async def test_the_help_dialog_at_120x40_has_no_run_of_empty_rows(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        rows = [line for line in screen_text(app).splitlines() if "│" in line]
        empty = [not line.replace("│", "").strip() for line in rows]
        longest = run = 0
        for blank in empty:
            run = run + 1 if blank else 0
            longest = max(longest, run)
        assert longest <= 1, "\n".join(rows)


async def test_a_burst_of_down_keys_in_one_write_scrolls_as_many_lines(data_dir, clock):
    from textual import events

    course = load_course(bundled_course_dir())
    app = TbpApp(course, open_store(data_dir, clock), AppOptions(data_dir=data_dir), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_module(pilot, "kk1", "velkommen")
        if isinstance(screen.view, ContentNote):
            await pilot.press("enter")  # Fortsett: read it
            await pilot.pause()
        content = screen.query_one("#content")
        assert content.max_scroll_y >= 5 and content.scroll_y == 0
        for _ in range(5):  # as the driver posts keys parsed from one read: no refresh between
            app.post_message(events.Key("down", None))
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.3)
        assert content.scroll_y == 5


async def test_a_wrapped_quiz_answer_hangs_clear_of_its_number(data_dir, clock):
    course = load_course(bundled_course_dir())
    app = TbpApp(course, open_store(data_dir, clock), AppOptions(data_dir=data_dir), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk1", "quiz-traume")
        lines = screen_text(app).splitlines()
        [i] = [n for n, line in enumerate(lines) if "3. Opplevelsen" in line]
        column = lines[i].index("Opplevelsen")
        follow = lines[i + 1]
        assert follow[:column].replace("│", " ").strip() == "" and follow[column] != " ", (lines[i], follow)


async def test_help_in_the_answer_field_does_not_offer_n_and_p(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await open_module(pilot, "kk-test")
        await go_to(pilot, "egen-erfaring")
        clock.advance(2)
        assert isinstance(app.focused, ReflectionArea)
        rows = dict((does, keys) for keys, does in app.help_rows(app.screen))
        assert "Neste" not in rows and "Forrige" not in rows, rows


async def test_an_answer_arriving_in_one_packet_lands_whole_in_the_box(make_app):
    """Over SSH a pasted or fast-typed answer arrives in one read: every key is queued before
    the field has taken the first, so its n and p must not be taken for paging."""
    from textual import events

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, "hva-er-et-traume")
        await pilot.press("n")
        await pilot.pause()
        answer = "Skrevet mens lenka frøs"
        for ch in answer:
            app.post_message(events.Key("space" if ch == " " else ch, ch))
        await pilot.pause()
        view = screen.view
        assert screen.step is not None and screen.step.id == "egen-erfaring"
        assert isinstance(view, ReflectionView) and view.area.text == answer
