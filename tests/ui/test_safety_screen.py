"""The safety-plan checklist screen: tick, note, clear, hide, export, and the discard prompt.

The fixture checklist has two checklist parts (kartlegging: 3 items, 2 with a note; planen: 2
items with notes), a text part with help numbers and a reflection.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tbp_tui.ui.app import TbpApp
from tbp_tui.ui.screens.dialogs import ConfirmScreen, HelpScreen
from tbp_tui.ui.screens.hidden import HiddenScreen
from tbp_tui.ui.screens.home import HomeScreen
from tbp_tui.ui.screens.module import ModuleScreen
from tbp_tui.ui.screens.safety import ExportScreen, SafetyScreen
from tbp_tui.ui.widgets.checklist import NoteInput, TickBox
from tbp_tui.ui.widgets.reflection import ReflectionArea

from .conftest import open_store
from .helpers import go_to, open_module, screen_text

FIRST = ("kartlegging", "instanser")
SECOND = ("kartlegging", "tiltak")
THIRD = ("kartlegging", "tidligere")


async def open_safety(pilot) -> SafetyScreen:
    app = pilot.app
    app.open_module("sikkerhetsplan")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SafetyScreen), type(screen).__name__
    return screen


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch)
    await pilot.pause()


def focused(app: TbpApp) -> object:
    return app.screen.focused


# ------------------------------------------------------------------ opening and layout


async def test_checklist_modules_open_the_safety_screen_from_home(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        menu_ids = [o.id for o in app.screen.query_one("#menu").options]
        for _ in range(menu_ids.index("m:sikkerhetsplan")):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SafetyScreen)
        text = screen_text(app)
        assert "Sikkerhetsplan – sjekkliste" in text
        assert "lagres ikke – bare hvis du" in text and "eksporterer (e)" in text
        assert "Del 1 av 4" in text and "0 av 3 krysset av her" in text
        assert "[ ] Åpen" in text and "Notat (lagres ikke)" in text
        assert "F12 skjuler skjermen" in text and "q Avslutt" in text
        assert isinstance(focused(app), TickBox) and focused(app).key == FIRST


async def test_help_lists_the_checklist_keys(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_safety(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {does for _, does in app.screen.rows}
        assert {"Kryss av", "Eksporter", "Tøm", "Skjul", "Neste del", "Forrige del"} <= described


# ------------------------------------------------------------------ tick and note


async def test_space_and_enter_tick_with_a_symbol_and_a_word(make_app):
    app = make_app(no_color=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_safety(pilot)
        await pilot.press("space")
        await pilot.pause()
        assert screen.form.ticks == {FIRST}
        text = screen_text(app)
        assert "[✓] Gjort" in text and "1 av 3 krysset av her" in text
        await pilot.press("enter")
        await pilot.pause()
        assert screen.form.ticks == set()
        assert "[✓] Gjort" not in screen_text(app)
        await pilot.press("down", "down", "enter")  # past the note, to the second item
        await pilot.pause()
        assert screen.form.ticks == {SECOND}


async def test_note_goes_to_the_form_and_keys_stay_in_the_field(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_safety(pilot)
        await pilot.press("down")
        await pilot.pause()
        note = focused(app)
        assert isinstance(note, NoteInput) and note.key == FIRST
        await type_text(pilot, "ten q e t n 1 p")  # command keys are typed, not obeyed
        assert screen.form.notes == {FIRST: "ten q e t n 1 p"}
        assert app.screen is screen and screen.index == 0
        assert "1 notat i skjemaet" in screen_text(app)
        await pilot.press("escape")  # out of the note, back to its item
        await pilot.pause()
        assert isinstance(focused(app), TickBox) and focused(app).key == FIRST
        await pilot.press("down", "enter")  # Enter in a note moves on to the next item
        await pilot.pause()
        assert isinstance(focused(app), TickBox) and focused(app).key == SECOND
        assert screen.form.ticks == set()


async def test_keyboard_moves_through_items_and_parts(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_safety(pilot)
        keys = []
        for key in ("j", "down", "tab", "k", "up"):
            await pilot.press(key)
            await pilot.pause()
            w = focused(app)
            keys.append((type(w).__name__, getattr(w, "key", None)))
        assert keys == [
            ("NoteInput", FIRST),
            ("TickBox", SECOND),
            ("TickBox", THIRD),
            ("TickBox", SECOND),
            ("NoteInput", FIRST),
        ]
        await pilot.press("escape", "n")
        await pilot.pause()
        assert screen.index == 1 and "Del 2 av 4" in screen_text(app)
        await pilot.press("right")
        await pilot.pause()
        assert screen.index == 2 and "116 006" in screen_text(app)  # the help numbers
        await pilot.press("p", "left")
        await pilot.pause()
        assert screen.index == 0
        await pilot.press("4")
        await pilot.pause()
        assert screen.index == 3 and "Hva har du selv erfart" in screen_text(app)
        await pilot.press("9")  # no part 9: nothing happens
        await pilot.pause()
        assert screen.index == 3


async def test_ticks_and_notes_survive_moving_between_parts(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_safety(pilot)
        await pilot.press("space", "down")
        await type_text(pilot, "abc")
        await pilot.press("escape", "n", "space")
        await pilot.press("p")
        await pilot.pause()
        assert screen.form.ticks == {FIRST, ("planen", "kodeord")}
        note = screen.query(NoteInput).first()
        assert note.value == "abc"
        assert "[✓] Gjort" in screen_text(app)


# ------------------------------------------------------------------ clear


async def test_clear_asks_first_then_clears_every_tick_and_note(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_safety(pilot)
        await pilot.press("space", "down")
        await type_text(pilot, "notat")
        await pilot.press("escape", "x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Tømme skjemaet?" in screen_text(app)
        await pilot.press("escape")  # no: nothing changes
        await pilot.pause()
        assert app.screen is screen and screen.form.ticks == {FIRST}
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("j", "a", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.form.is_empty and screen.form.notes == {}
        assert all(n.value == "" for n in screen.query(NoteInput))
        assert not any(b.ticked for b in screen.query(TickBox))
        assert "[✓]" not in screen_text(app)
        await pilot.press("x")  # already empty: says so, asks nothing
        await pilot.pause()
        assert app.screen is screen


# ------------------------------------------------------------------ Skjul


async def test_hide_from_the_checklist_and_back(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_safety(pilot)
        await pilot.press("space", "down")
        await type_text(pilot, "topphemmelig")
        await pilot.press("escape")
        await pilot.pause()
        box = focused(app)
        await pilot.press("f12")
        assert isinstance(app.screen, HiddenScreen)  # at once, without waiting
        await pilot.pause()
        text = screen_text(app)
        assert "Notater" in text and "Ingen notater ennå" in text
        revealing = ("Sikkerhetsplan", "topphemmelig", "Traumebevisst", "Testkurs", "Gjort", "F12 Skjul")
        for word in revealing:
            assert word not in text
        for key in ("q", "t", "e", "f1", "ctrl+p", "space", "n"):  # nothing works but F12/Esc
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HiddenScreen) and app.is_running
        await pilot.press("f12")
        await pilot.pause()
        assert app.screen is screen and focused(app) is box
        assert screen.form.notes == {FIRST: "topphemmelig"} and screen.form.ticks == {FIRST}
        await pilot.press("f12")
        await pilot.pause()
        await pilot.press("escape")  # Esc brings it back too
        await pilot.pause()
        assert app.screen is screen


async def test_hide_while_typing_a_note(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_safety(pilot)
        await pilot.press("down")
        await type_text(pilot, "halvferdig")
        note = focused(app)
        assert isinstance(note, NoteInput)
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, HiddenScreen)
        await pilot.press("f12")
        await pilot.pause()
        assert app.screen is screen and focused(app) is note
        assert note.value == "halvferdig" and note.cursor_position == len("halvferdig")
        await type_text(pilot, "!")
        assert screen.form.notes[FIRST] == "halvferdig!"


async def test_hide_from_any_screen(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, HiddenScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # A module, with the answer field of a reflection focused.
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, "egen-erfaring")
        await type_text(pilot, "svar")
        assert isinstance(focused(app), ReflectionArea)
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, HiddenScreen)
        await pilot.press("f12")
        await pilot.pause()
        assert app.screen is screen and isinstance(focused(app), ReflectionArea)
        assert focused(app).text == "svar"
        # The help screen, and the export dialog over the checklist.
        await pilot.press("escape", "f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, HiddenScreen)
        await pilot.press("f12")
        await pilot.pause()
        assert app.screen is help_screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ModuleScreen)


async def test_hide_over_the_export_dialog_keeps_the_typed_path(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_safety(pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        field = dialog.query_one("#export-path", Input)
        await type_text(pilot, "-x")
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, HiddenScreen)
        assert "Eksporter" not in screen_text(app)
        await pilot.press("f12")
        await pilot.pause()
        assert app.screen is dialog and field.value.endswith(".md-x")


async def test_notices_wait_while_hidden(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f12")
        await pilot.pause()
        app.notify("Synlig melding om sikkerhetsplan")
        await pilot.pause()
        assert [n.message for n in app._notifications] == []
        await pilot.press("f12")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Synlig melding om sikkerhetsplan"]


async def test_a_small_window_while_hidden_stays_neutral(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_safety(pilot)
        await pilot.press("f12")
        await pilot.resize_terminal(50, 15)
        await pilot.pause(0.3)
        assert isinstance(app.screen, HiddenScreen)
        await pilot.press("f12")
        await pilot.pause()
        assert "Vinduet er for lite" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.3)
        assert isinstance(app.screen, SafetyScreen)


# ------------------------------------------------------------------ export


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    path.mkdir(mode=0o700)
    os.chmod(path, 0o700)
    monkeypatch.setenv("HOME", str(path))
    return path


async def _fill(pilot, note: str) -> SafetyScreen:
    screen = await open_safety(pilot)
    await pilot.press("space", "down")
    await type_text(pilot, note)
    await pilot.press("escape")
    await pilot.pause()
    return screen


def status(dialog: ExportScreen) -> str:
    return " ".join(str(dialog.query_one("#export-status", Static).content).split())


async def _export_to(pilot, path: str) -> ExportScreen:
    app = pilot.app
    if not isinstance(app.screen, ExportScreen):
        await pilot.press("e")
        await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, ExportScreen)
    field = dialog.query_one("#export-path", Input)
    field.value = path
    field.cursor_position = len(path)
    await pilot.press("enter")
    await pilot.pause()
    return dialog


async def test_export_writes_a_private_file_and_says_where(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _fill(pilot, "kodeord: blåbær")
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        field = dialog.query_one("#export-path", Input)
        name = f"sikkerhetsplan-{clock.now().astimezone():%Y%m%d-%H%M}.md"
        assert field.value == f"~/{name}"
        await pilot.press("enter")
        await pilot.pause()
        written = home / name
        assert written.is_file() and stat.S_IMODE(written.stat().st_mode) == 0o600
        content = written.read_text()
        assert "- [x] Hvilke instanser er allerede inne i saken?" in content
        assert "Notat: kodeord: blåbær" in content
        said = status(dialog)
        assert f"Skrevet til {written}" in said and "Bare du kan lese filen" in said
        assert "kan åpnes av andre" not in said  # home is 0700
        await pilot.press("enter")  # closes
        await pilot.pause()
        assert app.screen is screen
        assert screen.form.notes == {FIRST: "kodeord: blåbær"}  # exporting keeps the form
    assert list(home.iterdir()) == [written]  # no temp file left behind


async def test_export_error_is_in_plain_words_and_nothing_is_lost(make_app, home, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _fill(pilot, "viktig")
        dialog = await _export_to(pilot, str(tmp_path / "finnes-ikke" / "plan.md"))
        assert app.screen is dialog
        said = status(dialog)
        assert f"Filen ble ikke skrevet: mappa {tmp_path / 'finnes-ikke'} finnes ikke" in said
        assert "Ingenting i skjemaet er tapt" in said
        assert "Traceback" not in said and "Errno" not in said
        locked = tmp_path / "låst"
        locked.mkdir()
        os.chmod(locked, 0o500)
        if os.geteuid() != 0:  # root may write anywhere
            await _export_to(pilot, str(locked / "plan.md"))
            assert "du har ikke lov til å skrive der" in status(dialog)
        await _export_to(pilot, str(home))  # a folder: the default name goes in it
        assert dialog.written is not None and dialog.written.parent == home
        assert "viktig" in dialog.written.read_text()
        assert screen.form.notes == {FIRST: "viktig"}


async def test_export_warns_about_a_folder_others_can_open(make_app, home, tmp_path):
    shared = tmp_path / "delt"
    shared.mkdir()
    os.chmod(shared, 0o755)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _fill(pilot, "x")
        dialog = await _export_to(pilot, str(shared / "plan.md"))
        assert dialog.written == (shared / "plan.md").resolve()
        assert stat.S_IMODE(dialog.written.stat().st_mode) == 0o600
        assert f"Mappa {shared.resolve()} kan åpnes av andre brukere" in status(dialog)


async def test_export_asks_before_replacing_a_file(make_app, home):
    existing = home / "plan.md"
    existing.write_text("gammel")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _fill(pilot, "ny")
        dialog = await _export_to(pilot, "~/plan.md")
        assert dialog.written is None and existing.read_text() == "gammel"
        assert "finnes allerede" in status(dialog)
        await pilot.press("enter")  # again: replace
        await pilot.pause()
        assert dialog.written == existing.resolve() and "ny" in existing.read_text()


async def test_export_can_be_cancelled(make_app, home):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _fill(pilot, "x")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
    assert list(home.iterdir()) == []


# ------------------------------------------------------------------ leaving and quitting


async def test_leaving_with_notes_asks_first(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _fill(pilot, "notat")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Forkaste sjekklisten?" in screen_text(app)
        await pilot.press("escape")  # Esc means stay
        await pilot.pause()
        assert app.screen is screen and screen.form.notes == {FIRST: "notat"}
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("j", "a", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert screen.form.is_empty and screen.form.notes == {}


async def test_leaving_an_empty_checklist_asks_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_safety(pilot)
        await pilot.press("n", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_quitting_with_ticks_asks_first(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_safety(pilot)
        await pilot.press("space", "q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.is_running
        await pilot.press("down")  # ctrl+q works inside a note field too
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("j", "a", "enter")
        await pilot.pause()
    assert not app.is_running
    assert screen.form.is_empty


async def test_opening_another_module_from_the_palette_asks_first(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_safety(pilot)
        await pilot.press("space")
        app.open_module("kk-test")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        app.go_home()
        await pilot.pause()
        await pilot.press("j", "a", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and screen.form.is_empty


async def test_the_reflection_is_stored_but_the_checklist_is_not(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _fill(pilot, "pasientnotat")
        await pilot.press("4")
        await pilot.pause()
        assert "Refleksjonen er din egen og lagres" in screen_text(app)
        await type_text(pilot, "min egen praksis")  # the answer field has the keys at once
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("j", "a", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "1 refleksjon" in screen_text(app)
        assert screen.form.is_empty
    progress = open_store(data_dir, clock).progress
    module = progress.modules["sikkerhetsplan"]
    assert module.reflections["egen-praksis"].text == "min egen praksis"
    assert module.seen == [] or not module.seen
    assert progress.current is None
    raw = (data_dir / "profiles" / "standard" / "progress.toml").read_text()
    assert "pasientnotat" not in raw and "instanser" not in raw


async def test_english_checklist(make_app):
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_safety(pilot)
        await pilot.press("space")
        await pilot.pause()
        text = screen_text(app)
        assert "What you tick and write in this checklist is not stored" in text
        assert "[✓] Done" in text and "Part 1 of 4" in text and "F12 hides the screen" in text
        await pilot.press("f12")
        await pilot.pause()
        assert "No notes yet" in screen_text(app) and "Hidden" not in screen_text(app)


# ------------------------------------------------------------------ crash privacy


async def test_a_crash_report_holds_no_locals_and_no_note_text(make_app, monkeypatch):
    from rich.segment import Segments

    from tbp_tui.safety.form import ChecklistForm

    secret = "KRASJ-7f3a9c-notat"

    def broken_toggle(self: ChecklistForm, key: tuple[str, str]) -> bool:
        note_in_a_local = self.notes.get(key, "")
        raise RuntimeError(f"toggle failed for {note_in_a_local}")

    monkeypatch.setattr(ChecklistForm, "toggle", broken_toggle)
    shown: list[str] = []
    fatal = TbpApp._fatal_error

    def spy(self: TbpApp) -> None:
        fatal(self)
        for renderable in self._exit_renderables:
            assert isinstance(renderable, Segments)
            shown.append("".join(seg.text for seg in renderable.segments))

    monkeypatch.setattr(TbpApp, "_fatal_error", spy)
    app = make_app()
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await open_safety(pilot)
            await pilot.press("down")
            await type_text(pilot, secret)
            await pilot.press("escape", "space")  # ticking crashes
            await pilot.pause()
    report = "\n".join(shown)
    assert "RuntimeError" in report and "broken_toggle" in report  # a useful traceback…
    assert secret not in report  # …without the note, in a local or in the message
    assert "note_in_a_local =" not in report.replace("note_in_a_local = self.notes", "")
    assert "hidden: the safety-plan checklist was open" in report


def test_textual_log_and_key_log_are_switched_off(make_app, monkeypatch, tmp_path):
    import textual.constants

    monkeypatch.setattr(textual.constants, "LOG_FILE", str(tmp_path / "textual.log"))
    monkeypatch.setattr(textual.constants, "DEBUG", True)
    app = make_app()
    assert textual.constants.LOG_FILE is None and textual.constants.DEBUG is False
    assert app.devtools is None


async def test_no_command_writes_a_screenshot(make_app):
    """Textual's own "save screenshot" command would write the screen, notes and all, to disk."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_safety(pilot)
        titles = [c.title.lower() for c in app.get_system_commands(screen)]
        assert titles and not any("screenshot" in t or "skjermbilde" in t for t in titles)
        assert not any(b.binding.action.endswith("screenshot") for b in screen.active_bindings.values())


@pytest.mark.parametrize("typed", ["~nosuchuser/plan.md", "x" * 300 + ".md"],
                         ids=["unknown user", "name over 255"])
async def test_export_to_an_impossible_path_says_why_and_keeps_the_form(make_app, typed):
    """Both crashed the app before (RuntimeError, OSError ENAMETOOLONG) and lost the checklist."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _fill(pilot, "viktig")
        dialog = await _export_to(pilot, typed)
        assert app.is_running and app.screen is dialog
        assert "Filen ble ikke skrevet" in status(dialog)
        assert screen.form.notes == {FIRST: "viktig"}
    assert app.return_code in (0, None)


def test_a_crash_in_the_app_exits_non_zero(course, data_dir, clock, monkeypatch):
    from textual.app import App

    from tbp_tui.options import AppOptions
    from tbp_tui.ui import app as app_module

    def boom(self):  # type: ignore[no-untyped-def]
        raise RuntimeError("an unexpected fault")

    monkeypatch.setattr(app_module.TbpApp, "on_mount", boom)
    monkeypatch.setattr(app_module.TbpApp, "run",
                        lambda self, **kw: App.run(self, headless=True))
    store = open_store(data_dir, clock)
    status_code = app_module.run_app(course, store, AppOptions(lang="nb", data_dir=data_dir), clock)
    assert status_code != 0


def _dumpable() -> int | None:
    from tbp_tui.safety.nodump import dumpable

    return dumpable()


async def test_the_process_is_not_dumpable_while_the_checklist_is_open(make_app):
    """A core dump would hold the notes in clear text (tests/safety/test_nodump.py: the mechanism)."""
    assert _dumpable() == 1
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _fill(pilot, "viktig")
        assert _dumpable() == 0
        app.pop_screen()
        await pilot.pause()
        assert _dumpable() == 1


@pytest.mark.parametrize("lang", ["nb", "en"])
async def test_an_items_note_and_detail_start_under_its_text(make_app, lang):
    """The note field and an item's detail line up with the item's words, not a column beside them."""
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_safety(pilot)
        box = screen.query(TickBox).first()
        note = screen.query(NoteInput).first()
        lines = screen_text(app).splitlines()
        text_column = box.region.x + lines[box.region.y][box.region.x:].index(box.text[:12])
        note_line = lines[note.region.y]
        assert note_line.index(note.placeholder) == text_column, (note_line, text_column)
        detail = next(w for w in screen.query(".detail").results(Static) if w.region.height)
        words = str(detail.render())[:12]
        detail_line = lines[detail.region.y]
        assert detail_line.index(words) == text_column, (detail_line, text_column)
