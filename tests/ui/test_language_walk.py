"""Walk every screen in one language and find no UI string of the other (course text aside)."""

from __future__ import annotations

import re

import pytest

from tbp_tui.i18n import EN, NB
from tbp_tui.record import Record, fields

from .helpers import go_to, open_module, screen_text

STEPS = ["hva-er-et-traume", "egen-erfaring", "droft-i-par", "sjekk-forstaelsen"]


def _fragments(catalog: dict[str, str], other: dict[str, str]) -> set[str]:
    """Literal pieces (≥ 8 characters) of strings that differ between the two languages."""
    out: set[str] = set()
    for key, text in catalog.items():
        if text == other.get(key):
            continue
        for piece in re.split(r"\{[^}]*\}|\n", text):
            piece = piece.strip(" .,:;·()–-")
            if len(piece) >= 8 and piece not in other.get(key, ""):
                out.add(piece)
    # Words the two languages share (names, symbols) cannot tell them apart.
    return {p for p in out if not any(p in v for v in other.values())}


async def _walk(pilot, app) -> list[str]:
    seen = [screen_text(app)]
    for key in ("f1", "escape", "a", "escape", "b", "escape", "h", "escape", "f3", "escape",
                "f2", "p", "escape", "d", "e", "escape", "s", "escape", "escape"):
        await pilot.press(key)
        await pilot.pause()
        seen.append(screen_text(app))
    app.show_welcome()  # the first-start page, as the palette entry opens it
    await pilot.pause()
    seen.append(screen_text(app))
    await pilot.press("escape")
    await open_module(pilot, "kk-test")
    seen.append(screen_text(app))
    for step in STEPS:
        await go_to(pilot, step)
        seen.append(screen_text(app))
    await pilot.press("2")  # answer the quiz
    await pilot.pause()
    seen.append(screen_text(app))
    await pilot.press("f2")
    await pilot.pause()
    seen.append(screen_text(app))
    await pilot.press("escape")
    await pilot.press("f1")
    await pilot.pause()
    seen.append(screen_text(app))
    await pilot.press("escape")
    await pilot.resize_terminal(40, 12)
    await pilot.pause()
    seen.append(screen_text(app))
    return seen


def _course_text(course) -> str:
    """Everything the course itself says; it stays in bokmål whatever the UI language."""
    parts: list[str] = []

    def add(obj: object) -> None:
        if isinstance(obj, str):
            parts.append(obj)
        elif isinstance(obj, tuple | list | frozenset):
            for x in obj:
                add(x)
        elif isinstance(obj, Record):
            for name in fields(obj):
                add(getattr(obj, name))

    add(course)
    return "\n".join(parts)


@pytest.mark.parametrize(("lang", "foreign"), [("en", NB), ("nb", EN)])
async def test_no_string_of_the_other_language_on_any_screen(make_app, course, lang, foreign):
    own = EN if lang == "en" else NB
    course_text = _course_text(course)
    fragments = {f for f in _fragments(foreign, own) if f not in course_text}
    assert len(fragments) > 50  # the check has teeth
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screens = await _walk(pilot, app)
    leaks = {(i, f) for i, text in enumerate(screens) for f in fragments if f in text}
    assert leaks == set()
