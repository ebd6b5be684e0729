"""The full-screen picker with protected profiles: a passphrase opens, a wrong one opens nothing."""

from __future__ import annotations

from textual.widgets import Input, Static

from tbp_tui.options import AppOptions
from tbp_tui.progress.sealed import new_seal
from tbp_tui.progress.store import ProgressStore
from tbp_tui.ui.profiles import ProfilePickerApp

from .conftest import CANARY, MODULE, PASSPHRASE, STEP, every_byte, protected_profile


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch)


async def settle(app, pilot, until) -> None:
    """Let the key derivation's worker finish: poll (bounded) until ``until()`` holds."""
    for _ in range(400):
        if until():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"not settled: {message(app)!r}")


def message(app) -> str:
    return str(app.query_one("#picker-message", Static).visual)


async def test_a_wrong_passphrase_opens_nothing_and_the_next_try_waits(data):
    protected_profile(data, seal=new_seal(PASSPHRASE))
    app = ProfilePickerApp(AppOptions(data_dir=data))
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "anna")
        await pilot.press("enter")
        await pilot.pause()
        field = app.query_one("#picker-pass", Input)
        assert field.has_focus and field.password
        for attempt, shown in (("feil en", "Ingenting er åpnet"), ("feil to", "Vent 1 s")):
            await settle(app, pilot, lambda: not field.disabled)
            field.value = attempt
            await pilot.press("enter")
            await settle(app, pilot, lambda: shown in message(app))  # noqa: B023 (awaited here)
        assert app.is_running and app.return_value is None
        assert "Vent 1 s" in message(app) and field.disabled  # the second wrong try waits
        await pilot.press("escape")  # back to the name, then out
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value is None


async def test_the_right_passphrase_returns_a_seal_that_opens_the_store(data):
    protected_profile(data, seal=new_seal(PASSPHRASE))
    app = ProfilePickerApp(AppOptions(data_dir=data))
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "anna")
        await pilot.press("enter")
        await pilot.pause()
        app.query_one("#picker-pass", Input).value = PASSPHRASE
        await pilot.press("enter")
        await settle(app, pilot, lambda: app.return_value is not None)
    assert app.return_value is not None
    name, seal = app.return_value
    assert name == "anna" and seal is not None
    store = ProgressStore.open(data, name, seal=seal)
    assert store.progress.modules[MODULE].reflections[STEP].text == CANARY


async def test_a_new_protected_profile_is_warned_about_then_sealed(data):
    app = ProfilePickerApp(AppOptions(data_dir=data, lang="en"))
    async with app.run_test(size=(80, 40)) as pilot:
        await type_text(pilot, "kari")
        await pilot.press("enter")
        await pilot.pause()
        about = str(app.query_one("#picker-about", Static).visual)
        assert "if you forget the passphrase, nobody can read your reflections again" in about
        app.query_one("#picker-pass", Input).value = PASSPHRASE
        await pilot.press("enter")
        assert app.query_one("#picker-repeat", Input).has_focus
        app.query_one("#picker-repeat", Input).value = PASSPHRASE + "!"
        await pilot.press("enter")
        await pilot.pause()
        assert "differ" in message(app) and app.is_running
        app.query_one("#picker-repeat", Input).value = PASSPHRASE
        await pilot.press("enter")
        await settle(app, pilot, lambda: app.return_value is not None)
    assert app.return_value is not None
    name, seal = app.return_value
    assert name == "kari" and seal is not None
    store = ProgressStore.open(data, name, seal=seal)
    store.set_reflection(MODULE, STEP, CANARY)
    assert store.save()
    assert CANARY.encode() not in every_byte(data)
    assert "[seal]" in (data / "profiles" / "kari" / "progress.toml").read_text()
