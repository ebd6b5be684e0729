"""The key line (ui/widgets/footer.py): one widget that draws the screen's keys as Textual's
footer did, and answers clicks and the pointer as its key widgets did (issue 22: memory)."""

from __future__ import annotations

from tbp_tui.ui.widgets.footer import KeyFooter

from .helpers import footer_line, module_screen, open_module


async def _on_second_step(pilot):  # type: ignore[no-untyped-def]
    """kk-test's second step: «Forrige» and «Neste» are both on the key line."""
    screen = await open_module(pilot, "kk-test")
    await pilot.press("n")
    await pilot.pause()
    return screen


async def test_the_module_screens_key_line_is_one_widget_with_three_style_nodes(make_app):
    """Textual's footer kept a widget per key and two style nodes per key widget: 13 widgets and
    26 nodes for the module screen's keys, in every session of a room."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _on_second_step(pilot)
        footer = app.screen.query_one(KeyFooter)
        assert not footer.children
        assert len(footer.shown) >= 5 and "Forrige" in footer_line(app)
        styles = [n for n in footer.walk_children(with_self=True) for _ in n._component_styles]
        assert len(styles) == len(KeyFooter.COMPONENT_CLASSES) == 3


async def test_a_click_on_a_key_runs_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _on_second_step(pilot)
        before = module_screen(app).index
        line = footer_line(app)
        await pilot.click(KeyFooter, offset=(line.index("Forrige"), 0))
        await pilot.pause()
        assert screen.index == before - 1
        line = footer_line(app)
        await pilot.click(KeyFooter, offset=(line.index("Neste") + 2, 0))
        await pilot.pause()
        assert screen.index == before


async def test_the_key_under_the_pointer_is_highlighted_and_no_other(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _on_second_step(pilot)
        footer = app.screen.query_one(KeyFooter)
        line = footer_line(app)
        plain = footer.render()
        await pilot.hover(KeyFooter, offset=(line.index("Forrige"), 0))
        await pilot.pause()
        hovered = footer.render()
        assert hovered.plain == plain.plain
        start, end = line.index(" p/"), line.index("Forrige") + len("Forrige ")
        hover_bg = footer.get_component_rich_style("footer-key--hover").bgcolor
        console = app.console
        changed = [x for x in range(len(plain.plain))
                   if plain.get_style_at_offset(console, x) != hovered.get_style_at_offset(console, x)]
        assert changed == list(range(start, end))
        assert hovered.get_style_at_offset(console, start).bgcolor == hover_bg


async def test_a_hand_over_a_key_that_can_be_pressed_and_only_there(make_app):
    """Textual's footer keys showed a hand (pointer shape) in a browser under `tbp serve`."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _on_second_step(pilot)
        line = footer_line(app)
        over_the_line = ((line.index("Forrige"), "pointer"), (len(line.rstrip()) + 1, "default"),
                         (line.index("Neste"), "pointer"))  # the middle one: past the last key
        for column, shape in over_the_line:
            await pilot.hover(KeyFooter, offset=(column, 0))
            await pilot.pause()
            assert app.screen.query_one(KeyFooter).styles.pointer == shape, column
        await pilot.hover(None, offset=(1, 1))  # off the key line: the screen's body
        await pilot.pause()
        assert app.screen.query_one(KeyFooter).styles.pointer == "default"
