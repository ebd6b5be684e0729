"""Help from the bindings, key rules, too-small guard, colours off, languages."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from textual.binding import Binding
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.filter import Monochrome, NoColor

import tbp_tui.ui
from tbp_tui.i18n import EN, NB
from tbp_tui.ui.screens.dialogs import HelpScreen, TooSmallScreen
from tbp_tui.ui.screens.home import HomeScreen
from tbp_tui.ui.themes import CALM, LIGHT

from .helpers import go_to, module_screen, open_module, screen_text

UI_DIR = Path(tbp_tui.ui.__file__).parent


def _our_node_classes() -> list[type[DOMNode]]:
    for info in pkgutil.walk_packages([str(UI_DIR)], "tbp_tui.ui."):
        importlib.import_module(info.name)
    found: list[type[DOMNode]] = []
    stack: list[type] = [DOMNode]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("tbp_tui.ui") and "BINDINGS" in cls.__dict__:
            found.append(cls)
    return found


def test_every_binding_has_an_id_and_a_plain_key():
    classes = _our_node_classes()
    assert len(classes) >= 8
    actions: dict[tuple[str, str], list[str]] = {}
    for cls in classes:
        for b in cls.__dict__["BINDINGS"]:
            assert isinstance(b, Binding), (cls, b)
            assert b.id, f"{cls.__name__}: binding {b.key} -> {b.action} has no id"
            assert b.description, f"{cls.__name__}: {b.key} has no description"
            actions.setdefault((cls.__name__, b.action), []).extend(b.key.split(","))
    for (name, action), keys in actions.items():
        plain = [k for k in keys if not k.startswith(("ctrl+", "alt+", "super+", "shift+"))]
        assert plain, f"{name}.{action} needs a key without a chord: {keys}"
        assert set(keys) - {"ctrl+s", "ctrl+j", "ctrl+h"}, (name, action)


async def test_help_lists_every_binding_of_the_current_screen(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, "sjekk-forstaelsen")
        expected = {ab.binding.description for ab in screen.active_bindings.values() if ab.binding.id}
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {does for _, does in app.screen.rows}
        assert expected <= described
        for does in ("Neste", "Forrige", "Tilbake", "Hjelp", "Avslutt", "Tilnærming", "Stegliste"):
            assert does in described
        keys = dict((does, k) for k, does in app.screen.rows)
        assert keys["Neste"] == "n/→"  # as the footer names it
        await pilot.press("escape")
        await pilot.pause()
        assert module_screen(app) is screen
        await pilot.press("question_mark")  # ? works too, and F1 closes again
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert module_screen(app) is screen


async def test_help_on_home_differs_from_module(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        described = {does for _, does in app.screen.rows}
        assert {"Start", "Begreper", "Hjelpenumre"} <= described  # f: «Start» until there is a place
        assert "Neste" not in described


async def test_too_small_says_so_in_norwegian_and_recovers(make_app):
    app = make_app()
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        text = screen_text(app)
        assert "Vinduet er for lite" in text and "60 × 20" in text and "50 × 15" in text
        await pilot.resize_terminal(59, 30)
        await pilot.pause(0.6)
        assert isinstance(app.screen, TooSmallScreen)
        assert "59 × 30" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.6)
        assert isinstance(app.screen, HomeScreen)
        await pilot.resize_terminal(60, 20)  # the minimum itself works
        await pilot.pause(0.6)
        assert isinstance(app.screen, HomeScreen)


async def test_no_color_keeps_meaning_in_words_and_symbols(make_app):
    app = make_app(no_color=True)
    async with app.run_test(size=(80, 24)) as pilot:
        # the terminal's own colours (tests/integration/test_no_color.py checks the bytes)
        assert any(isinstance(f, NoColor) for f in app._filters)
        assert not any(isinstance(f, Monochrome) for f in app._filters)
        await open_module(pilot, "kk-test")
        await go_to(pilot, "sjekk-forstaelsen")
        await pilot.press("1")
        await pilot.pause()
        assert "✗ Ikke riktig" in screen_text(app)
        await pilot.press("2")
        await pilot.pause()
        assert "✓ Riktig" in screen_text(app)


async def test_themes_calm_light_ansi(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert app.theme == "tbp-calm"
        app.set_theme("light")
        assert app.theme == "tbp-light" and app.learner.theme == "light"
        app.set_theme("ansi")
        assert app.theme == "ansi-dark"
    app = make_app(theme="lys")
    async with app.run_test(size=(80, 24)):
        assert app.theme == "tbp-light"


async def test_c_on_home_steps_through_the_themes_says_which_and_keeps_the_choice(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        seen = []
        for _ in range(4):
            await pilot.press("c")
            await pilot.pause(0.1)
            seen.append(app.theme)
        assert seen == ["tbp-light", "ansi-dark", "tbp-calm", "tbp-light"]
        assert "Tema: lyst" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    app = make_app()  # a restart keeps the last choice
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "tbp-light"
        await pilot.press("f1")
        await pilot.pause()
        assert "Farger (tema)" in screen_text(app)


async def test_the_theme_chosen_at_start_colours_the_first_screen(make_app, monkeypatch):
    """The app skips Textual's extra CSS parse before the first screen; the colours must still come."""
    reparses: list[Stylesheet] = []
    real = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: (reparses.append(self), real(self))[1])
    app = make_app(theme="lys")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.styles.background == Color.parse(LIGHT.background)
        assert reparses == []
        app.set_theme("standard")
        await pilot.pause()
        assert app.screen.styles.background == Color.parse(CALM.background)
        assert len(reparses) == 1


async def test_english_ui(make_app):
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        text = screen_text(app)
        assert "Start the course" in text and "Approach: All" in text and "Help" in text
        assert "0 of 1 step seen" in text and "0 of 8 steps seen" in text and "1 steps" not in text
        assert "Fortsett" not in text and "Hjelp" not in text
        await open_module(pilot, "kk-test")
        await pilot.press("n")
        await pilot.pause()
        assert "Step 1 of 8" in screen_text(app)


def test_catalogs_have_the_same_keys_and_every_used_key_exists():
    assert NB.keys() == EN.keys()
    used: set[str] = set()
    pattern = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""")
    binding = re.compile(r"""Binding\([^)]*?,\s*"[^"]+",\s*"([a-z]+\.[a-z_]+)\"""")
    for path in UI_DIR.rglob("*.py"):
        source = path.read_text()
        used |= set(pattern.findall(source)) | set(binding.findall(source))
    assert used, "the scan found nothing"
    missing = sorted(k for k in used if k not in NB)
    assert not missing
