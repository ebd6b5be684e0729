"""Pilot tests of the main flow: home → module → every step → back, resume, approach."""

from __future__ import annotations

from tbp_tui.ui.screens.dialogs import ApproachScreen, ListingScreen
from tbp_tui.ui.screens.home import HomeScreen
from tbp_tui.ui.screens.module import INTRO
from tbp_tui.ui.screens.safety import SafetyScreen
from tbp_tui.ui.widgets.content_note import ContentNote
from tbp_tui.ui.widgets.ending import ModuleEnd
from tbp_tui.ui.widgets.reflection import ReflectionArea

from .conftest import open_store
from .helpers import go_to, module_screen, screen_text


async def test_walk_a_whole_module_from_home_to_last_step(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("down", "down", "enter")  # Fortsett, Kort intro, KK-test
        await pilot.pause()
        screen = module_screen(app)
        assert screen.module.id == "kk-test"
        assert screen.index == INTRO
        text = screen_text(app)
        assert "Læringsmål" in text and "Oversikt · 8 steg" in text
        total = len(screen.steps)
        for n in range(1, total + 1):
            if isinstance(app.focused, ReflectionArea):
                await pilot.press("escape")  # a reflection step starts in its answer field
            await pilot.press("n")
            await pilot.pause()
            assert screen.index == n - 1
            assert f"Steg {n} av {total}" in screen_text(app)
            if isinstance(screen.view, ContentNote):  # the fixture's one noted step: read it
                assert screen.step is not None and screen.step.id == "et-tilfelle"
                await pilot.press("enter")
                await pilot.pause()
                assert not isinstance(screen.view, ContentNote)
        await pilot.press("n")  # past the last step: the module's ending
        await pilot.pause()
        assert isinstance(screen.view, ModuleEnd) and "Slutten av modulen" in screen_text(app)
        await pilot.press("p", "left")  # the last step, then the one before
        await pilot.pause()
        assert screen.index == total - 2
        await pilot.press("escape", "escape")  # out of the answer field, then home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "8 av 8 steg sett" in screen_text(app)
    seen = open_store(data_dir, clock).progress.modules["kk-test"].seen
    assert len(seen) == 8


async def test_fortsett_resumes_exactly_after_restart(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_module("kk-test")
        await pilot.pause()
        await go_to(pilot, "sjekk-forstaelsen")
        await pilot.press("escape")
        await pilot.pause()
        assert "Fortsett: Kjernekompetanse T: Et testmodul – Sjekk forståelsen" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Sjekk forståelsen" in screen_text(app)
        await pilot.press("enter")  # the highlighted first entry is Fortsett
        await pilot.pause()
        screen = module_screen(app)
        assert screen.step is not None and screen.step.id == "sjekk-forstaelsen"


async def test_change_approach_mid_module_keeps_the_step_and_is_remembered(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_module("kk-test")
        await pilot.pause()
        screen = await go_to(pilot, "sjekk-forstaelsen")
        assert len(screen.steps) == 8
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ApproachScreen)
        await pilot.press("up", "enter")  # from "Alle" up to "Erfaring"
        await pilot.pause()
        screen = module_screen(app)
        assert app.learner.approach == "erfaring"
        assert [s.id for s in screen.steps] == [
            "hva-er-et-traume",
            "egen-erfaring",
            "sjekk-forstaelsen",
            "ettertanke",
            "oppsummering",
        ]
        assert screen.step is not None and screen.step.id == "sjekk-forstaelsen"
        assert "Steg 3 av 5" in screen_text(app)
        assert "Erfaring" in screen_text(app)
        # A step not shown for the new approach: move on to the next shown one.
        await pilot.press("a", "up", "up", "enter")  # Kunnskap
        await pilot.pause()
        screen = module_screen(app)
        await pilot.press("p")
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "droft-i-par"
        await pilot.press("a", "down", "enter")  # Praksis: droft-i-par still shown
        await pilot.pause()
        assert module_screen(app).step.id == "droft-i-par"
        await pilot.press("a", "down", "enter")  # Erfaring: not shown → next shown step
        await pilot.pause()
        assert module_screen(app).step.id == "sjekk-forstaelsen"
        await pilot.press("q")
        await pilot.pause()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.learner.approach == "erfaring"
        assert "Tilnærming: Erfaring" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")  # cancel changes nothing
        await pilot.pause()
        assert app.learner.approach == "erfaring"


async def test_approach_all_is_a_choice_too(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "up", "enter")  # Erfaring
        await pilot.pause()
        assert app.learner.approach == "erfaring"
        assert "0 av 5 steg sett" in screen_text(app)
        await pilot.press("a", "down", "enter")  # Alle
        await pilot.pause()
        assert app.learner.approach is None
        assert "0 av 8 steg sett" in screen_text(app)


async def test_glossary_help_numbers_references_and_guide(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ListingScreen)
        assert "Traumebevisst praksis" in screen_text(app)
        await pilot.press("escape", "h")
        await pilot.pause()
        text = screen_text(app)
        assert any("112" in line and "Politi, nød" in line for line in text.splitlines())
        assert "Testnumre for testene" in text
        await pilot.press("escape")
        await pilot.pause()
        app.open_module("referanser")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert "Substance Abuse and Mental Health Services Administration (2014)" in " ".join(
            line.strip(" │") for line in lines)
        first = next(i for i, line in enumerate(lines) if "• Substance Abuse and Mental Health" in line)
        bullet = lines[first].index("•")
        wrapped = lines[first + 1]  # the citation wraps at 80 columns: under its text, not its bullet
        assert len(wrapped) - len(wrapped.lstrip(" │")) == bullet + 2
        await pilot.press("escape")
        await pilot.pause()
        app.open_module("brukerveiledning")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert "F1" in screen_text(app)


async def test_step_list_opens_a_step_and_collapses_on_narrow(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_module("kk-test")
        await pilot.pause()
        screen = module_screen(app)
        assert not screen.step_list_visible
        await pilot.press("t")
        await pilot.pause()
        assert screen.step_list_visible
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "droft-i-par"
        assert not screen.step_list_visible
    async with make_app().run_test(size=(120, 40)) as pilot:
        pilot.app.open_module("kk-test")
        await pilot.pause()
        assert module_screen(pilot.app).step_list_visible
        assert "Steg" in screen_text(pilot.app)


async def test_checklist_module_stores_nothing(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_module("kk-test")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        app.open_module("sikkerhetsplan")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        assert "lagres ikke – bare hvis du" in screen_text(app)
        await pilot.press("space", "down")  # tick the first item, go to its note
        await pilot.pause()
        for ch in "hemmelig":
            await pilot.press(ch)
        await pilot.press("escape", "escape")  # out of the note, then leave: asks first
        await pilot.pause()
        await pilot.press("y", "q")
        await pilot.pause()
    progress = open_store(data_dir, clock).progress
    assert "sikkerhetsplan" not in progress.modules
    assert progress.current is not None and progress.current.module == "kk-test"
    raw = (data_dir / "profiles" / "standard" / "progress.toml").read_text()
    assert "hemmelig" not in raw and "sikkerhetsplan" not in raw


async def test_palette_opens_any_module(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "brukerv":
            await pilot.press(ch)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert module_screen(app).module.id == "brukerveiledning"
        # From inside a module too; the first module screen is left properly.
        await pilot.press("o")
        await pilot.pause()
        for ch in "kjerne":
            await pilot.press(ch)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert module_screen(app).module.id == "kk-test"
        assert len(app.screen_stack) == 2


async def test_module_commands_provider_lists_every_module(make_app, course):
    from tbp_tui.ui.commands import ModuleCommands

    app = make_app()
    async with app.run_test(size=(80, 24)):
        provider = ModuleCommands(app.screen)
        found = [hit.text async for hit in provider.discover()]
        assert found == [m.title for m in course.modules]



async def test_keys_before_the_reader_has_composed_do_not_crash(make_app):
    """Over a slow link keys arrive in a burst; one can be checked before the reader composed."""
    from tbp_tui.ui.screens.module import ModuleScreen

    app = make_app()
    async with app.run_test(size=(80, 24)):
        screen = ModuleScreen(app.course.module("kk-test"), None)
        assert screen.view is None
        assert screen.check_action("timer_toggle", ()) is False


async def test_a_notice_said_again_is_shown_once_and_other_notices_still_stack(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # toasts drawn, as in a terminal
        app.open_module("sikkerhetsplan")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        for _ in range(4):
            await pilot.press("x")  # an empty form: says so each time
            await pilot.pause()
        await pilot.pause(0.1)  # the toast rack is updated after the notice arrives
        hint = "Skjemaet er allerede tomt"
        assert [n.message for n in app._notifications if hint in n.message] == [app.t("safety.already_empty")]
        assert screen_text(app).count(hint) == 1
        app.notify("En annen melding")
        await pilot.pause()
        assert len(list(app._notifications)) == 2
