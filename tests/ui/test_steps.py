"""Pilot tests of the step kinds: reflection, timer, quiz; and quitting without losing anything."""

from __future__ import annotations

import pytest

from tbp_tui.clock import mmss
from tbp_tui.ui.screens.dialogs import ConfirmQuitScreen
from tbp_tui.ui.widgets.countdown import Countdown
from tbp_tui.ui.widgets.reflection import ReflectionArea
from tbp_tui.ui.widgets.steps import SAVE_DELAY, ExerciseView, QuizView, ReflectionView

from .conftest import open_store
from .helpers import footer_line, go_to, module_screen, open_module, screen_text


async def test_reflection_written_then_quit_restart_finds_it_on_the_same_step(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, "egen-erfaring")
        assert isinstance(app.focused, ReflectionArea)  # a reflection step starts in its field
        for key in ["H", "e", "i", "space", "left_square_bracket", "b", "right_square_bracket", "x"]:
            await pilot.press(key)
        await pilot.press("escape")  # out of the field; page keys work again
        await pilot.pause()
        assert not isinstance(app.focused, ReflectionArea)
        assert screen.step is not None and screen.step.id == "egen-erfaring"
        await pilot.press("q")  # hands over the typed text and saves before quitting
        await pilot.pause()
    assert not app.is_running
    stored = open_store(data_dir, clock).progress.modules["kk-test"].reflections["egen-erfaring"]
    assert stored.text == "Hei [b]x"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        screen = module_screen(app)
        assert screen.step is not None and screen.step.id == "egen-erfaring"
        view = screen.view
        assert isinstance(view, ReflectionView)
        assert view.area.text == "Hei [b]x"
        assert "Hei [b]x" in screen_text(app)


async def test_reflection_saves_after_a_pause_in_typing(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, "egen-erfaring")
        await pilot.press("o", "k")
        await pilot.pause()
        assert "Lagres" in screen_text(app)
        found = open_store(data_dir, clock).progress.modules.get("kk-test")
        assert found is None or "egen-erfaring" not in found.reflections
        await pilot.pause(SAVE_DELAY + 0.4)
        disk = open_store(data_dir, clock).progress.modules["kk-test"].reflections
        assert disk["egen-erfaring"].text == "ok"
        assert "Lagret" in screen_text(app)
        # Leaving the step hands over at once, without waiting.
        await pilot.press("!", "escape", "n")
        await pilot.pause()
        assert screen.step is not None and screen.step.id != "egen-erfaring"
        disk = open_store(data_dir, clock).progress.modules["kk-test"].reflections
        assert disk["egen-erfaring"].text == "ok!"


async def test_empty_reflection_is_fine_and_deleting_an_answer_is_kept(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        await go_to(pilot, "egen-erfaring")
        await pilot.press("escape", "n", "p", "a", "escape", "n")  # untouched, then "a"
        await pilot.pause()
        await pilot.press("p", "backspace", "escape", "n")
        await pilot.pause()
    stored = open_store(data_dir, clock).progress.modules["kk-test"].reflections
    assert stored["egen-erfaring"].text == ""


async def test_timer_runs_to_zero_with_a_fake_clock_and_never_moves_on(make_app, clock):
    app = make_app()
    rang: list[bool] = []
    app.bell = lambda: rang.append(True)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, "droft-i-par")
        view = screen.view
        assert isinstance(view, ExerciseView) and view.timer is not None
        timer = view.timer
        assert "Igjen: 5:00" in screen_text(app) and "Klar" in screen_text(app)
        await pilot.press("space")
        clock.advance(61)
        timer.tick()
        await pilot.pause()
        text = screen_text(app)
        assert "Igjen: 3:59" in text and "Brukt: 1:01" in text and "Går" in text
        await pilot.press("space")  # pause
        clock.advance(100)
        timer.tick()
        await pilot.pause()
        assert "Igjen: 3:59" in screen_text(app) and "Pause" in screen_text(app)
        await pilot.press("space", "plus")  # resume, one more minute
        clock.advance(239)
        timer.tick()
        await pilot.pause()
        assert "Igjen: 1:00" in screen_text(app)
        clock.advance(60)
        timer.tick()
        await pilot.pause()
        text = screen_text(app)
        assert "Tiden er ute" in text and "Igjen: 0:00" in text
        assert timer.has_class("-done")
        assert rang == [True]
        clock.advance(600)
        timer.tick()
        await pilot.pause()
        assert rang == [True]  # once
        assert screen.step is not None and screen.step.id == "droft-i-par"  # no advance
        await pilot.press("r")
        await pilot.pause()
        assert "Igjen: 5:00" in screen_text(app) and "Tiden er ute" not in screen_text(app)
        await pilot.press("b")  # bell off, remembered
        await pilot.pause()
        assert app.learner.bell is False
        assert "Lyd ved slutt: av" in screen_text(app)
        await pilot.press("n")  # moving on is the learner's choice, always possible
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "sjekk-forstaelsen"


def test_countdown_arithmetic(clock):
    cd = Countdown(clock, 90)
    assert cd.remaining() == 90 and not cd.finished
    cd.start()
    clock.advance(30)
    assert cd.elapsed() == 30 and cd.remaining() == 60
    cd.pause()
    clock.advance(1000)
    assert cd.elapsed() == 30
    cd.toggle()
    cd.add_minute()
    clock.advance(120)
    assert cd.finished and cd.remaining() == 0
    cd.reset()
    assert cd.state == "ready" and cd.total == 90 and cd.elapsed() == 0
    assert mmss(59.2, up=True) == "1:00" and mmss(59.9) == "0:59" and mmss(3600) == "1:00:00"


def test_countdown_started_behind_counts_the_time_already_run_once(clock):
    cd = Countdown(clock, 300)
    cd.start(already=90)
    assert cd.remaining() == 210
    clock.advance(10)
    assert cd.remaining() == 200
    cd.pause()
    cd.start(already=90)  # resuming: the earlier time is not added again
    assert cd.remaining() == 200
    late = Countdown(clock, 300)
    late.start(already=999)
    assert late.remaining() == 0 and late.finished
    early = Countdown(clock, 300)
    early.start(already=-5)  # a clock a little behind the facilitator's never adds time
    assert early.remaining() == 300


async def test_quiz_wrong_then_right_with_words_symbols_and_explanation(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, "sjekk-forstaelsen")
        view = screen.view
        assert isinstance(view, QuizView)
        assert "Forklaring" not in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
        assert "✗ Ikke riktig: «Hendelsen». Prøv gjerne igjen" in text
        assert "Kurset skiller hendelsen fra skaden" not in text  # not given away after a wrong one
        await pilot.press("down", "enter")  # option 2 with arrows and Enter
        await pilot.pause()
        text = screen_text(app)
        assert "✓ Riktig: «Skaden som kan komme etter hendelsen»" in text
        assert "Ikke riktig" not in text
        await pilot.press("3")  # try again freely
        await pilot.pause()
        assert "✗ Ikke riktig: «Diagnosen»" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    attempts = open_store(data_dir, clock).progress.modules["kk-test"].quiz["sjekk-forstaelsen"]
    assert [(a.chosen, a.correct) for a in attempts] == [([1], False), ([2], True), ([3], False)]


class FailingStore:
    """A store whose disk has gone away: save() keeps failing but saving is still on."""

    def __init__(self, inner):
        self._inner = inner
        self.saving = True

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def save(self) -> bool:
        return False


async def test_quit_asks_only_when_something_would_be_lost(course, data_dir, clock):
    from tbp_tui.options import AppOptions
    from tbp_tui.ui.app import TbpApp

    store = FailingStore(open_store(data_dir, clock))
    app = TbpApp(course, store, AppOptions(), clock)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")  # nothing changed yet: quits at once
        await pilot.pause()
    assert not app.is_running

    app = TbpApp(course, FailingStore(open_store(data_dir, clock)), AppOptions(), clock)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        await pilot.press("n", "q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuitScreen)
        assert "Noe av framgangen din kunne ikke lagres" in screen_text(app)
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ConfirmQuitScreen)
        await pilot.press("q", "y")
        await pilot.pause()
    assert not app.is_running


async def test_guest_mode_quits_without_asking(course, clock):
    from tbp_tui.options import AppOptions
    from tbp_tui.progress.store import ProgressStore
    from tbp_tui.ui.app import TbpApp

    store = ProgressStore.open(None, "standard", guest=True, clock=clock.now)
    app = TbpApp(course, store, AppOptions(guest=True), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        await go_to(pilot, "egen-erfaring")
        await pilot.press("x", "escape")
        await pilot.pause()
        assert "Ikke lagret (gjestemodus)" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_step_list_marks_follow_the_learner_and_the_approach(make_app):
    """The list's rows are updated in place on each step change; they must still be right."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:  # wide: the list is on screen
        screen = await open_module(pilot, "kk-test")
        await pilot.press("n", "n", "escape", "p")
        await pilot.pause()
        text = screen_text(app)
        assert "▶ 1. Hva er et traume?" in text and "✓ 2. Din erfaring" in text
        assert "· 3. Drøft i par" in text and "  Om modulen" in text
        await pilot.press("a", "up", "enter")  # Erfaring: 5 steps, another list
        await pilot.pause()
        assert len(screen.steps) == 5
        text = screen_text(app)
        assert "▶ 1. Hva er et traume?" in text and "✓ 2. Din erfaring" in text
        assert "· 3. Sjekk forståelsen" in text and "Drøft i par" not in text
        await pilot.press("p")
        await pilot.pause()
        assert "▶ Om modulen" in screen_text(app) and "✓ 1. Hva er et traume?" in screen_text(app)


async def test_step_changes_leave_the_hidden_step_list_alone_and_t_shows_it_up_to_date(make_app, monkeypatch):
    """At 80 columns the step list is hidden: a step change (a room's «go to step», 40 readers
    at once) must not refresh it; `t` still shows the marks as they are now."""
    from textual.widgets import OptionList

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_module(pilot, "kk-test")
        assert not screen.step_list_visible
        touched: list[str] = []
        real = OptionList.refresh

        def counting(self: OptionList, *args: object, **kwargs: object) -> OptionList:
            touched.append(self.id or "")
            return real(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(OptionList, "refresh", counting)
        await pilot.press("n", "n", "escape", "p")
        await pilot.pause()
        assert "step-list" not in touched
        await pilot.press("t")
        await pilot.pause()
        assert screen.step_list_visible
        text = screen_text(app)
        assert "▶ 1. Hva er et traume?" in text and "✓ 2. Din erfaring" in text


async def test_home_builds_its_footer_once_at_start(make_app, monkeypatch):
    """Textual's own Footer was rebuilt on each of three binding signals before home painted."""
    from tbp_tui.ui.widgets.footer import KeyFooter

    rebuilt: list[str] = []
    real = KeyFooter._show

    def counting(self: KeyFooter, keys: tuple) -> None:  # type: ignore[type-arg]
        rebuilt.append(type(self.screen).__name__)
        real(self, keys)

    monkeypatch.setattr(KeyFooter, "_show", counting)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert rebuilt == ["HomeScreen"]
        assert "f Start" in screen_text(app) and "q Avslutt" in screen_text(app)


async def test_the_footer_is_rebuilt_only_when_the_usable_keys_change(make_app, monkeypatch):
    """Rebuilding the footer on every step was most of a key press's cost (issue #9)."""
    from tbp_tui.ui.widgets.footer import KeyFooter

    rebuilt: list[str] = []
    real = KeyFooter._show

    def counting(self: KeyFooter, keys: tuple) -> None:  # type: ignore[type-arg]
        step = getattr(self.screen, "step", None)
        rebuilt.append(step.id if step else type(self.screen).__name__)
        real(self, keys)

    monkeypatch.setattr(KeyFooter, "_show", counting)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        await pilot.press("n")  # overview → text step: the same keys
        await pilot.pause()
        rebuilt.clear()
        await pilot.press("p", "n", "p", "n")  # overview ↔ text: the same usable keys
        await pilot.pause()
        assert rebuilt == []
        # through a reflection (its field has the keys, then Esc gives them back) to a timer, whose
        # start key joins the footer
        screen = await go_to(pilot, "droft-i-par")
        await pilot.pause()
        assert set(rebuilt) == {"egen-erfaring", "droft-i-par"} and rebuilt[-1] == "droft-i-par"
        assert screen.check_action("timer_toggle", ()) is True
        await go_to(pilot, "ettertanke")  # in the answer field: the footer shows what Esc does there
        await pilot.pause()
        assert rebuilt and rebuilt[-1] == "ettertanke"
        assert "Ut av tekstfeltet" in screen_text(app)


@pytest.mark.parametrize(("lang", "timer_key", "quit_key"), [("nb", "␣ Tidtaker", "q Avslutt"),
                                                             ("en", "␣ Timer", "q Quit")])
async def test_a_timer_step_names_its_key_in_the_footer_and_the_line_still_fits(
        make_app, lang, timer_key, quit_key):
    """At 80×24 the timer is often below the fold: the footer is where a learner sees it exists."""
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test", "droft-i-par")
        await pilot.pause()
        footer = footer_line(app)
        assert timer_key in footer and footer.rstrip().endswith(quit_key)
        await pilot.press("n")  # the quiz after it has no timer
        await pilot.pause()
        assert timer_key not in footer_line(app)


async def test_at_the_narrowest_size_the_screens_keys_give_way_and_help_pause_quit_stay(make_app):
    """60 columns is the smallest size the app runs at; the way out must still show there."""
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        footer = footer_line(app)
        assert "f Start" in footer and "d Dine data" not in footer
        assert "F1 Hjelp" in footer and "F2 Pause" in footer and footer.rstrip().endswith("q Avslutt")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "d Dine data" in footer_line(app)
        await pilot.resize_terminal(60, 20)
        await open_module(pilot, "kk-test", "droft-i-par")
        await pilot.pause()
        footer = footer_line(app)
        assert "n/→ Neste" in footer and "␣ Tidtaker" not in footer
        assert "F1 Hjelp" in footer and "F2 Pause" in footer and footer.rstrip().endswith("q Avslutt")
        app.open_module("sikkerhetsplan")  # the clinician's checklist: its own keys, the same way out
        await pilot.pause()
        footer = footer_line(app)
        assert "␣ Kryss av" in footer and "F1 Hjelp" in footer and footer.rstrip().endswith("q Avslutt")


async def test_course_text_is_wrapped_again_for_a_new_width(make_app):
    """Drawn course text is kept per width: after a resize the body wraps to the new width (a
    cache keyed on the text alone would keep the old lines, cut off or too short)."""
    app = make_app()
    async with app.run_test(size=(160, 24)) as pilot:
        await open_module(pilot, "kk-test")
        await go_to(pilot, "fordypning")
        sentence = "Forskningen på belastende barndomserfaringer viser sammenhenger med helse senere i livet."
        assert sentence in screen_text(app)  # one line at 160 columns
        await pilot.resize_terminal(64, 24)
        await pilot.pause()
        text = screen_text(app)
        assert sentence not in text  # wrapped now …
        assert "senere i livet." in text and "Forskningen på" in text  # … and all of it shown
