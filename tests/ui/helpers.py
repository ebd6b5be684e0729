"""Test helpers: read what is on screen as plain text, move to a step, find widgets."""

from __future__ import annotations

import io

from rich.console import Console
from textual.pilot import Pilot

from tbp_tui.ui.app import TbpApp
from tbp_tui.ui.screens.module import ModuleScreen
from tbp_tui.ui.widgets.reflection import ReflectionArea


def screen_text(app: TbpApp) -> str:
    """The screen as the terminal would get it (line filters applied), without styles."""
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system=None,
        record=True,
        legacy_windows=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens, simplify=True)
    )
    return console.export_text()


def footer_line(app: TbpApp) -> str:
    """The key line at the bottom of the screen, as the terminal shows it."""
    return screen_text(app).splitlines()[-1]


def module_screen(app: TbpApp) -> ModuleScreen:
    screen = app.screen
    assert isinstance(screen, ModuleScreen), type(screen).__name__
    return screen


async def open_module(pilot: Pilot[int], module_id: str, step_id: str | None = None) -> ModuleScreen:
    app = pilot.app
    assert isinstance(app, TbpApp)
    app.open_module(module_id, step_id)
    await pilot.pause()
    return module_screen(app)


async def go_to(pilot: Pilot[int], step_id: str) -> ModuleScreen:
    """Press n until the given step is shown (fails if the module ends first)."""
    app = pilot.app
    assert isinstance(app, TbpApp)
    screen = module_screen(app)
    for _ in range(len(screen.steps) + 2):
        if screen.step is not None and screen.step.id == step_id:
            return screen
        if isinstance(app.focused, ReflectionArea):
            await pilot.press("escape")  # a reflection step starts in its answer field
        await pilot.press("n")
        await pilot.pause()
    raise AssertionError(f"step {step_id} not reached")
