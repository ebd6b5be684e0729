"""A browser tab (`tbp serve`) starts as a guest and may open or make a personal profile, which
must have a passphrase: every tab runs as the server's one Unix user.

The app is the real TbpApp over a real guest store and a real data folder; the seals are real
(scrypt at its normal cost), so each passphrase takes as long as it does for a participant.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Static

from tbp_tui.clock import FakeClock
from tbp_tui.course.model import Course
from tbp_tui.options import AppOptions
from tbp_tui.progress.sealed import new_seal
from tbp_tui.progress.store import ProgressStore
from tbp_tui.ui.app import TbpApp
from tbp_tui.ui.screens.home import HomeScreen
from tbp_tui.ui.screens.profile import BrowserProfileScreen

from .helpers import footer_line, screen_text

CANARY = "KANARI-web-4c1d æøå"
PASSPHRASE = "blå hest om natta"
MODULE, STEP = "kk-test", "egen-erfaring"


def browser_app(course: Course, data_dir: Path, clock: FakeClock, **extra: object) -> TbpApp:
    """What `python -m tbp_tui.web.tab` builds: a guest store and browser options."""
    options = AppOptions(data_dir=data_dir, guest=True, profile="guest", browser=True, **extra)  # type: ignore[arg-type]
    return TbpApp(course, ProgressStore.open(data_dir, "guest", guest=True, clock=clock.now), options, clock)


def message(app: TbpApp) -> str:
    return str(app.screen.query_one("#picker-message", Static).visual)


async def settle(pilot, until: Callable[[], bool], what: str = "") -> None:  # type: ignore[no-untyped-def]
    for _ in range(600):
        if until():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"not settled: {what or screen_text(pilot.app)}")


async def type_name(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, BrowserProfileScreen)
    for ch in name:
        await pilot.press(ch)
    await pilot.press("enter")
    await pilot.pause()


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink())


async def test_a_guest_makes_a_protected_profile_warned_first_and_keeps_what_it_typed(
        course: Course, data_dir: Path, clock: FakeClock):
    app = browser_app(course, data_dir, clock)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        assert "p Profil" in footer_line(app) and "Personlig profil med passordfrase" in screen_text(app)
        app.learner.set_reflection(MODULE, STEP, CANARY)  # typed as a guest, before any profile
        await type_name(pilot, "kari")
        about = str(app.screen.query_one("#picker-about", Static).visual)
        assert "Glemmer du passordfrasen, kan ingen lese refleksjonene" in about
        assert not (data_dir / "profiles" / "kari").exists()  # warned before anything is made
        secret = app.screen.query_one("#picker-pass", Input)
        await pilot.press("enter")  # no passphrase: refused in a browser
        assert "minst 8 tegn" in message(app) and secret.has_focus
        secret.value = PASSPHRASE
        await pilot.press("enter")
        repeat = app.screen.query_one("#picker-repeat", Input)
        repeat.value = PASSPHRASE + "!"
        await pilot.press("enter")
        await pilot.pause()
        assert "ikke like" in message(app)
        repeat.value = PASSPHRASE
        await pilot.press("enter")
        await settle(pilot, lambda: not app.learner.guest)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.learner.profile == "kari" and app.learner.reflection(MODULE, STEP) == CANARY
        assert "Profil" not in footer_line(app)  # a profile is open: nothing to offer
        assert "Personlig profil" not in screen_text(app)
        app.learner.set_reflection(MODULE, "ettertanke", CANARY + " to")
        app.save_now()
    on_disk = all_bytes(data_dir)
    assert b"[seal]" in on_disk
    assert CANARY.encode() not in on_disk and b"KANARI" not in on_disk
    from tbp_tui.progress.sealed import unlock
    from tbp_tui.progress.store import protection

    seal = unlock(protection(data_dir, "kari"), PASSPHRASE)
    stored = ProgressStore.open(data_dir, "kari", seal=seal).progress.modules[MODULE].reflections
    assert stored[STEP].text == CANARY and stored["ettertanke"].text == CANARY + " to"


async def test_the_right_passphrase_opens_the_profile_in_a_new_tab(course: Course, data_dir: Path,
                                                                  clock: FakeClock):
    seal = new_seal(PASSPHRASE)
    store = ProgressStore.open(data_dir, "kari", seal=seal)
    store.set_reflection(MODULE, STEP, CANARY)
    assert store.save()
    app = browser_app(course, data_dir, clock, lang="en")
    async with app.run_test(size=(80, 30)) as pilot:
        assert app.learner.reflection(MODULE, STEP) == ""
        await type_name(pilot, "kari")
        app.screen.query_one("#picker-pass", Input).value = PASSPHRASE
        await pilot.press("enter")
        await settle(pilot, lambda: not app.learner.guest)
        assert app.learner.reflection(MODULE, STEP) == CANARY
        assert app.options.seal is not None and not app.options.guest


async def test_a_wrong_passphrase_opens_nothing_and_the_next_try_waits(course: Course, data_dir: Path,
                                                                      clock: FakeClock):
    store = ProgressStore.open(data_dir, "kari", seal=new_seal(PASSPHRASE))
    store.set_reflection(MODULE, STEP, CANARY)
    assert store.save()
    app = browser_app(course, data_dir, clock)
    async with app.run_test(size=(80, 30)) as pilot:
        await type_name(pilot, "kari")
        field = app.screen.query_one("#picker-pass", Input)
        for attempt, shown in (("feil en!", "Ingenting er åpnet"), ("feil to!", "Vent 1 s")):
            await settle(pilot, lambda: not field.disabled)
            field.value = attempt
            await pilot.press("enter")
            await settle(pilot, lambda: shown in message(app))  # noqa: B023 (awaited here)
        assert field.disabled  # the second wrong try waits, as on a shared SSH account
        assert app.learner.guest and app.learner.reflection(MODULE, STEP) == ""
        await pilot.press("escape")
        await pilot.press("escape")  # back to the course, still a guest
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.learner.guest


async def test_a_profile_without_a_passphrase_is_not_opened_in_a_browser(course: Course, data_dir: Path,
                                                                        clock: FakeClock):
    plain = ProgressStore.open(data_dir, "standard")  # the server account's own, unprotected
    plain.set_reflection(MODULE, STEP, CANARY)
    assert plain.save()
    app = browser_app(course, data_dir, clock)
    async with app.run_test(size=(80, 30)) as pilot:
        await type_name(pilot, "standard")
        assert "ingen passordfrase og kan ikke åpnes" in message(app)
        assert app.learner.guest and app.learner.reflection(MODULE, STEP) == ""
        assert not app.screen.query_one("#picker-pass", Input).display


async def test_outside_a_browser_home_offers_no_personal_profile(course: Course, data_dir: Path,
                                                                clock: FakeClock):
    options = AppOptions(data_dir=data_dir, guest=True, profile="guest")
    app = TbpApp(course, ProgressStore.open(data_dir, "guest", guest=True), options, clock)
    async with app.run_test(size=(80, 30)) as pilot:
        assert "Personlig profil" not in screen_text(app) and "Profil" not in footer_line(app)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
