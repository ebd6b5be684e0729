"""Learner text is data: stored byte-for-byte, shown literally, never interpreted.

Each string goes into a reflection by typing (short printable ones) or pasting (the rest),
is handed to the store, survives a save and a reload from disk unchanged, and the screen shows
no raw control character and no trace of markup being applied.
"""

from __future__ import annotations

import pytest
from textual import events

from tbp_tui.textsafe import strip_controls, visible
from tbp_tui.ui.textsafe import ControlCharFilter
from tbp_tui.ui.widgets.steps import ReflectionView

from .conftest import open_store
from .helpers import go_to, open_module, screen_text

HOSTILE: list[str] = [
    # Rich and Textual markup
    "[bold]x[/]",
    "[bold red]alarm[/bold red]",
    "[link=http://e]x",
    "[link=http://e.example/?q=1]klikk[/link]",
    "[/]",
    "[@click=app.quit]avslutt[/]",
    "[@click=app.bell]",
    "[on red]bakgrunn[/]",
    "[reverse blink]x[/]",
    "\\[escaped]",
    "[b]uavsluttet",
    "[[dobbel]]",
    ":smile: :warning:",
    "$primary $accent",
    "{x} {0} %s %(name)s",
    "<b>html</b> &amp; &lt;",
    "**fet** _kursiv_ `kode` # overskrift",
    "```\nkodeblokk\n```",
    # ANSI and other escapes
    "\x1b[31mrød\x1b[0m",
    "\x1b[2J\x1b[H tømt skjerm",
    "\x1b]0;tittel\x07",
    "\x1b]8;;http://e\x1b\\lenke\x1b]8;;\x1b\\",
    "\x1b]52;c;aGVp\x07",
    "\x1bP+q544e\x1b\\",
    "\x1b[6n",
    "\x1b[?1049h",
    "\x1b[?25l skjult markør",
    "\x9b31m C1 CSI",
    "\x9d0;tittel\x9c",
    "\x1bc reset",
    # control characters
    "\x00nul",
    "bell\x07",
    "back\x08space",
    "tab\there",
    "vertical\x0btab",
    "form\x0cfeed",
    "carriage\rreturn",
    "windows\r\nlinje",
    "\x1c\x1d\x1e\x1f",
    "del\x7f",
    "nel\x85linje",
    "linje\u2028skille\u2029avsnitt",
    "ende med linjeskift\n",
    "\n\n\nflere tomme linjer\n\n",
    # direction, combining, wide and odd characters
    "\u202eesrever\u202c",
    "\u2066isolert\u2069 \u200f\u200e",
    "שלום עולם",
    "مرحبا بالعالم",
    "e\u0301 a\u0308 Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357",
    "\u200b\u200c\u200d\ufeff null-bredde",
    "👩‍👩‍👧‍👦 🏳️‍🌈 🇳🇴",
    "漢字かなカナ 全角",
    "æøå ÆØÅ ß ﬁ",
    "\ufffd erstatning",
    " ",
    "",
    # a lot of text
    "x" * 100_000,
    ("[bold]ord[/] \x1b[1m" * 5000)[:100_000],
]


def test_there_are_enough_hostile_strings():
    assert len(HOSTILE) >= 50
    assert any(len(s) >= 100_000 for s in HOSTILE)


async def _enter(pilot, view: ReflectionView, text: str) -> None:
    """Clear the answer field, then type (short printable text) or paste (anything else)."""
    area = view.area
    area.focus()
    area.load_text("")
    await pilot.pause()
    if text and len(text) <= 20 and text.isascii() and text.isprintable():
        for ch in text:
            await pilot.press(ch)
    elif text:
        pilot.app.post_message(events.Paste(text))  # as the terminal driver does
    await pilot.pause()
    view.commit()


@pytest.mark.parametrize("size", [(80, 24)])
async def test_hostile_text_is_stored_byte_for_byte_and_shown_inert(make_app, data_dir, clock, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, "egen-erfaring")
        view = screen.view
        assert isinstance(view, ReflectionView)
        for text in HOSTILE:
            await _enter(pilot, view, text)
            assert view.area.text == text, repr(text[:40])
            assert app.learner.reflection("kk-test", "egen-erfaring") == text
            shown = screen_text(app)
            assert not any(c in shown for c in "\x1b\x07\x00\x9b\x9d\x08"), repr(text[:40])
            assert "\r" not in shown
            if text.startswith("[bold]x[/]"):
                assert "[bold]x[/]" in shown
            if text.startswith("[link="):
                assert "[link=" in shown
            # Persisted exactly: save, reload from disk, compare.
            assert app.save_now()
            reloaded = open_store(data_dir, clock).progress
            assert reloaded.modules["kk-test"].reflections["egen-erfaring"].text == text, repr(text[:40])


async def test_hostile_text_comes_back_in_the_field_after_restart(make_app):
    tricky = "[bold]x[/] \x1b[31mrød\x1b[0m\x0bVT\r\nCRLF\u2028LS [link=http://e]x"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        view = (await go_to(pilot, "egen-erfaring")).view
        assert isinstance(view, ReflectionView)
        await _enter(pilot, view, tricky)
        await pilot.press("escape", "q")
        await pilot.pause()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        view = app.screen.view
        assert isinstance(view, ReflectionView)
        assert view.area.text == tricky
        shown = screen_text(app)
        assert "[bold]x[/]" in shown and "[link=http://e]x" in shown
        assert "\x1b" not in shown
        assert "kontrolltegn" in shown  # says that invisible characters are kept


def test_visible_and_strip_helpers():
    assert visible("a\x1bb\x07") == "a\u241bb\u2407"
    assert strip_controls("a\x1b[31mb\u202e") == "a[31mb"
    from rich.segment import Segment
    from textual.color import Color

    out = ControlCharFilter().apply([Segment("x\x1b]0;t\x07y")], Color(0, 0, 0))
    assert out[0].text == "x]0;ty"
