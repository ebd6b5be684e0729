"""The same flows through both front-ends, the full app and plain mode, with the same outcome.

Each scenario runs twice (`front` = app or plain) and checks what a learner sees and what ends
up on disk the same way: both front-ends stand on one session layer (tbp_tui/session), so the
approach, the steps shown, the content-note rule and «what may be stored» cannot drift apart.
"""

from __future__ import annotations

import io
import os
import re
import stat
from pathlib import Path

import pytest
from textual.widgets import Input

from tbp_tui.options import AppOptions
from tbp_tui.plain import PlainMode
from tbp_tui.ui.screens.data import DataExportScreen, YourDataScreen
from tbp_tui.ui.screens.dialogs import ListingScreen
from tbp_tui.ui.screens.pause import PauseScreen
from tbp_tui.ui.screens.safety import SafetyScreen
from tbp_tui.ui.widgets.checklist import TickBox
from tbp_tui.ui.widgets.content_note import ContentNote
from tbp_tui.ui.widgets.steps import ExerciseView, TextView

from .conftest import open_store
from .helpers import go_to, module_screen, open_module, screen_text

FRONTS = ["app", "plain"]
NOTED = "et-tilfelle"  # kk-test's noted step, 5th of 8
NOTE = "Tilfellet handler om en bruker som er sint, uten vold."
BODY = "En bruker kommer for sent og er sint."
KK = "2"  # kk-test's number on plain mode's menu
PLAN = "5"  # the safety plan's


def plain(course, data_dir: Path, clock, *lines: str, **kwargs) -> str:
    """Run plain mode over the typed lines (input then ends, which quits) and return its output."""
    out = io.StringIO()
    inp = io.StringIO("".join(f"{line}\n" for line in lines))
    PlainMode(course, open_store(data_dir, clock), AppOptions(data_dir=data_dir), inp, out, clock,
              **kwargs).run()
    return out.getvalue()


def stored(data_dir: Path, clock):
    return open_store(data_dir, clock).progress


# Plain mode, kk-test from its start: the overview and step 1, then Enter steps on. Step 2 is a
# reflection (lines until an empty one), step 4 a quiz (numbers until Enter).
TO_STEP_3 = (KK, "", "", "")
TO_NOTE = (*TO_STEP_3, "", "", "")  # step 3 → 4 (quiz: Enter leaves it) → 5


@pytest.mark.parametrize("front", FRONTS)
async def test_resume_leads_back_to_the_step(front, make_app, course, data_dir, clock):
    if front == "app":
        async with make_app().run_test(size=(80, 24)) as pilot:
            await open_module(pilot, "kk-test")
            await go_to(pilot, "droft-i-par")
            await pilot.press("q")
    else:
        plain(course, data_dir, clock, *TO_STEP_3)
    assert stored(data_dir, clock).current.step == "droft-i-par"
    if front == "app":
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")  # Fortsett
            await pilot.pause()
            assert module_screen(app).step.id == "droft-i-par"
    else:
        out = plain(course, data_dir, clock, "")  # an empty Enter at the menu resumes
        assert "Steg 3 av 8: Drøft i par" in out and "Steg 1 av 8" not in out


@pytest.mark.parametrize("front", FRONTS)
async def test_the_approach_is_stored_and_decides_the_steps(front, make_app, course, data_dir, clock):
    if front == "app":
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("a", "up", "enter")  # from Alle up to Erfaring
            await pilot.pause()
            assert "0 av 5 steg sett" in screen_text(app)
            await open_module(pilot, "kk-test")
            await pilot.press("n")
            await pilot.pause()
            assert "Steg 1 av 5" in screen_text(app)
    else:
        out = plain(course, data_dir, clock, "a", "3", KK, "")
        assert "Tilnærming: Erfaring." in out and "0 av 5 steg sett" in out
        assert "Steg 1 av 5" in out
    assert stored(data_dir, clock).approach == "erfaring"


@pytest.mark.parametrize("front", FRONTS)
async def test_a_reflection_is_stored_and_shown_again(front, make_app, course, data_dir, clock):
    if front == "app":
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_module(pilot, "kk-test")
            await go_to(pilot, "egen-erfaring")
            await pilot.press(*"To linjer", "escape")  # a reflection step opens in its answer box
            await pilot.press("q")
    else:
        plain(course, data_dir, clock, KK, "", "To linjer", "")
    assert stored(data_dir, clock).modules["kk-test"].reflections["egen-erfaring"].text == "To linjer"
    if front == "app":
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_module(pilot, "kk-test")
            await go_to(pilot, "egen-erfaring")
            assert "To linjer" in screen_text(app)
    else:
        out = plain(course, data_dir, clock, KK, "")
        assert "Svaret ditt fra før:\n  To linjer" in out


@pytest.mark.parametrize("front", FRONTS)
async def test_quiz_answers_are_stored_right_or_not(front, make_app, course, data_dir, clock):
    quiz = course.module("kk-test").step("sjekk-forstaelsen")
    wrong = next(n for n in range(1, len(quiz.options) + 1) if not quiz.is_correct(n))
    right = min(quiz.correct)
    if front == "app":
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_module(pilot, "kk-test")
            await go_to(pilot, "sjekk-forstaelsen")
            await pilot.press(str(wrong), str(right))
            await pilot.pause()
            assert "✓ Riktig" in screen_text(app)
            await pilot.press("q")
    else:
        out = plain(course, data_dir, clock, *TO_STEP_3, "", str(wrong), str(right))
        assert out.index("Ikke riktig") < out.index("Riktig.")
    attempts = stored(data_dir, clock).modules["kk-test"].quiz["sjekk-forstaelsen"]
    assert [(a.chosen, a.correct) for a in attempts] == [([wrong], False), ([right], True)]


class _Alarms:
    """plain mode's scheduler in tests: the call is kept and made when the test says so."""

    def __init__(self) -> None:
        self.calls: list[tuple[float, object]] = []

    def __call__(self, seconds, call):
        self.calls.append((seconds, call))
        return lambda: None


class _SlowInput(io.StringIO):
    """Input whose next line waits until the fake clock has passed the timer and the alarm rang."""

    def __init__(self, text: str, clock, alarms: _Alarms) -> None:
        super().__init__(text)
        self.clock, self.alarms = clock, alarms

    def readline(self, size: int = -1) -> str:  # type: ignore[override]
        if self.alarms.calls:
            seconds, call = self.alarms.calls.pop()
            self.clock.advance(seconds)
            call()  # time is up while the learner reads: said at once, not when they type t
        return super().readline(size)


@pytest.mark.parametrize("front", FRONTS)
async def test_the_timer_says_time_is_up_and_never_moves_on(front, make_app, course, data_dir, clock):
    if front == "app":
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_module(pilot, "kk-test")
            screen = await go_to(pilot, "droft-i-par")
            view = screen.view
            assert isinstance(view, ExerciseView) and view.timer is not None
            await pilot.press("space")
            clock.advance(300)
            view.timer.tick()
            await pilot.pause()
            assert "Tiden er ute" in screen_text(app)
            assert screen.step.id == "droft-i-par"
    else:
        alarms = _Alarms()
        out = io.StringIO()
        inp = _SlowInput("".join(f"{x}\n" for x in (*TO_STEP_3, "t", "x")), clock, alarms)
        PlainMode(course, open_store(data_dir, clock), AppOptions(), inp, out, clock, schedule=alarms).run()
        text = out.getvalue()
        assert alarms.calls == []  # the alarm was set, and rang
        started = text.index("Tidtakeren går: 5 min.")
        assert text.index("Tiden er ute.", started) < text.index("«x» kjenner jeg ikke igjen her.")
        assert text.count("Tiden er ute.") == 1 and "Steg 4 av 8" not in text
        assert "hjelpenumre: \nTiden er ute.\nEnter = neste" in text  # its own line, then the prompt again


@pytest.mark.parametrize("front", FRONTS)
async def test_content_note_continue_shows_the_step_and_counts_it_seen(front, make_app, course, data_dir,
                                                                       clock):
    if front == "app":
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_module(pilot, "kk-test")
            screen = await go_to(pilot, NOTED)
            assert isinstance(screen.view, ContentNote) and BODY not in screen_text(app)
            await pilot.press("1")
            await pilot.pause()
            assert BODY in screen_text(app)
            await pilot.press("q")
    else:
        out = plain(course, data_dir, clock, *TO_NOTE, "F")
        assert out.index(NOTE) < out.index(BODY)
    assert NOTED in stored(data_dir, clock).modules["kk-test"].seen


@pytest.mark.parametrize(("front", "answer"),  # plain mode takes a typed word in any case too
                         [("app", "2"), ("app", "s"), ("plain", "2"), ("plain", "s"), ("plain", "S")])
async def test_content_note_skip_is_stored_and_the_step_not_shown(front, answer, make_app, course, data_dir,
                                                                  clock):
    if front == "app":
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_module(pilot, "kk-test")
            screen = await go_to(pilot, NOTED)
            await pilot.press(answer)
            await pilot.pause()
            assert screen.step.id == "fordypning" and BODY not in screen_text(app)
            await pilot.press("q")
    else:
        out = plain(course, data_dir, clock, *TO_NOTE, answer)
        assert BODY not in out and "Steg 6 av 8" in out
    module = stored(data_dir, clock).modules["kk-test"]
    assert NOTED in module.skipped and NOTED not in module.seen


@pytest.mark.parametrize("front", FRONTS)
async def test_content_note_pause_comes_back_to_the_same_choice(front, make_app, course, data_dir, clock):
    if front == "app":
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_module(pilot, "kk-test")
            screen = await go_to(pilot, NOTED)
            await pilot.press("3")
            await pilot.pause()
            assert isinstance(app.screen, PauseScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(screen.view, ContentNote) and BODY not in screen_text(app)
            await pilot.press("2")
            await pilot.pause()
            await pilot.press("q")
    else:
        # After the pause, Enter only ends the pause; the same choice is offered, and an
        # unknown answer asks again instead of showing the step.
        out = plain(course, data_dir, clock, *TO_NOTE, "P", "", "hopp", "3", "", "2")
        after = out[out.index("Trykk Enter når du vil tilbake"):]
        assert "1, f eller Enter = fortsett" in after and "«hopp» kjenner jeg ikke igjen her." in after
        assert BODY not in out
    module = stored(data_dir, clock).modules["kk-test"]
    assert NOTED in module.skipped and NOTED not in module.seen


@pytest.mark.parametrize("front", FRONTS)
async def test_the_safety_checklist_is_never_stored(front, make_app, course, data_dir, clock):
    if front == "app":
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            app.open_module("sikkerhetsplan")
            await pilot.pause()
            assert isinstance(app.screen, SafetyScreen)
            app.screen.query(TickBox).first().focus()
            await pilot.press("space", "n")
            await pilot.pause()
            app.save_now()
        app.learner.add_time("sikkerhetsplan", 60)  # even a forgotten guard in a screen stores nothing
        app.learner.record_quiz("sikkerhetsplan", "planen", 1, True)
        app.save_now()
    else:
        out = plain(course, data_dir, clock, PLAN, "", "", "m")
        assert "Hvilke instanser er allerede inne i saken?" in out and "Sjekklisten lagrer ingenting" in out
    progress = stored(data_dir, clock)
    assert "sikkerhetsplan" not in progress.modules
    assert progress.current is None or progress.current.module != "sikkerhetsplan"


@pytest.mark.parametrize("front", FRONTS)
async def test_help_numbers_are_one_key_away(front, make_app, course, data_dir, clock):
    numbers = course.help_numbers.numbers
    if front == "app":
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_module(pilot, "kk-test")
            await pilot.press("f3")
            await pilot.pause()
            assert isinstance(app.screen, ListingScreen)
            text = screen_text(app)
    else:
        text = plain(course, data_dir, clock, KK, "h")
    assert "Hjelpenumre" in text
    assert all(n.name in text and n.contact in text for n in numbers)


@pytest.mark.parametrize("front", FRONTS)
async def test_a_pause_returns_to_the_same_step(front, make_app, course, data_dir, clock):
    if front == "app":
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_module(pilot, "kk-test")
            screen = await go_to(pilot, "hva-er-et-traume")
            await pilot.press("f2")
            await pilot.pause()
            assert isinstance(app.screen, PauseScreen)
            clock.advance(3600)  # nothing moves on by itself
            await pilot.press("escape")
            await pilot.pause()
            assert module_screen(app) is screen and isinstance(screen.view, TextView)
            assert screen.step.id == "hva-er-et-traume"
            await pilot.press("q")
    else:
        out = plain(course, data_dir, clock, KK, "p", "")
        after = out[out.index("Pause. Pust rolig"):]
        assert "Steg 2 av 8" not in after and after.count("Enter = neste") == 1
    assert stored(data_dir, clock).current.step == "hva-er-et-traume"


@pytest.mark.parametrize("front", FRONTS)
async def test_your_data_exports_a_private_file(front, make_app, course, data_dir, clock, tmp_path):
    target = tmp_path / "ut" / "mine-svar.md"
    target.parent.mkdir()  # an export never creates folders (tests/hostile/test_export_targets.py)
    plain(course, data_dir, clock, KK, "", "Mitt svar", "", "m")  # a reflection to export
    if front == "app":
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, YourDataScreen)
            shown = screen_text(app)
            await pilot.press("e")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, DataExportScreen)
            dialog.query_one(Input).value = str(target)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
    else:
        shown = plain(course, data_dir, clock, "d", "e", str(target))
        assert f"Skrevet til {target}" in shown
    assert "Profil: standard" in shown and "sjekklisten, lagres aldri" in shown
    assert "Mitt svar" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


@pytest.mark.parametrize("front", FRONTS)
async def test_your_data_deletes_everything_after_a_yes(front, make_app, course, data_dir, clock):
    plain(course, data_dir, clock, KK, "", "Mitt svar", "", "m")
    folder = data_dir / "profiles" / "standard"
    assert folder.is_dir()
    if front == "app":
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("d")
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            await pilot.press(*"ja", "enter")  # a delete needs the word typed (tests/ui/test_first_hour.py)
            await pilot.pause()
            await pilot.press("escape", "q")
            await pilot.pause()
    else:
        out = plain(course, data_dir, clock, "d", "s", "nei", "d", "s", "JA", "2", "")
        assert "Slettet:" in out
    assert not folder.exists()  # and nothing started the profile again afterwards


@pytest.mark.parametrize("front", FRONTS)
async def test_home_offers_the_next_module_once_one_is_read_through(front, make_app, course, data_dir, clock):
    """One rule for where «Fortsett» leads: after a module's last step, the next module, not
    that last step again (the full app said «Neste», plain mode «Fortsett der du var»)."""
    from tbp_tui.session.learner import Learner

    learner = Learner(open_store(data_dir, clock), course)
    intro, following = course.module("kort-intro"), course.module("kk-test")
    assert intro is not None and following is not None
    for step in intro.steps:
        learner.visit(intro.id, step.id)
    assert learner.save()
    if front == "app":
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            home = screen_text(app)
            await pilot.press("f")
            await pilot.pause()
            assert module_screen(app).module is following
    else:
        out = plain(course, data_dir, clock, "f", "q")
        home, opened = out.split("Velg:", 1)
        assert f"\n{following.title}\n---" in opened  # its overview: the module was opened
    assert f"Neste: {following.title}" in home
    assert f"Fortsett der du var: {intro.title}" not in home


@pytest.mark.parametrize("front", FRONTS)
async def test_home_names_reflections_only_once_there_are_some(front, make_app, course, data_dir, clock):
    """A row of «refleksjoner skrevet: 0» under every module is a count to feel behind on (and
    ten lines of noise for a screen reader); the app never said it, plain mode did."""

    async def home_text() -> str:
        if front == "plain":
            return plain(course, data_dir, clock, "q")
        app = make_app()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            if "til kurset" in screen_text(app):  # the first start's welcome
                await pilot.press("enter")
                await pilot.pause()
            return screen_text(app)

    counts = re.compile(r"refleksjoner skrevet|\d+ refleksjon")
    before = " ".join((await home_text()).split())
    assert "0 av 8 steg sett" in before and not counts.search(before)
    plain(course, data_dir, clock, KK, "", "To linjer", "")
    after = " ".join((await home_text()).split())
    assert counts.findall(after) == ["1 refleksjon"], after
