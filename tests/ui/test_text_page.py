"""A text step drawn by the reader's page as lines (issue #17): a text step after a text step is
shown with no layout of the screen, and what is drawn is what a fresh reader draws."""

from __future__ import annotations

import re
from typing import Any

from textual import events

from tbp_tui.course import bundled_course_dir, load_course
from tbp_tui.options import AppOptions
from tbp_tui.ui.app import TbpApp
from tbp_tui.ui.screens.module import ModuleScreen, StepScroll

from .conftest import open_store
from .helpers import open_module, screen_text


def _app(data_dir: Any, clock: Any) -> TbpApp:
    return TbpApp(load_course(bundled_course_dir()), open_store(data_dir, clock),
                  AppOptions(data_dir=data_dir), clock)


async def _page(pilot: Any, step_id: str) -> tuple[ModuleScreen, StepScroll]:
    """kort-intro open at `step_id`, settled: the reader and its page."""
    screen = await open_module(pilot, "kort-intro", step_id)
    await pilot.pause()
    return screen, screen.query_one("#content", StepScroll)


async def test_a_text_step_after_a_text_step_is_shown_without_a_layout(data_dir, clock):
    app = _app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_module(pilot, "kort-intro", "velkommen")
        await pilot.pause()
        layouts: list[bool] = []
        relayout = screen._refresh_layout

        def counted(size: Any = None, scroll: bool = False) -> None:
            layouts.append(scroll)
            relayout(size, scroll)

        screen._refresh_layout = counted  # type: ignore[method-assign]
        moves = [("n", "traume-og-livsbelastning"), ("n", "hvor-vanlig"), ("n", "ace-studien"),
                 ("p", "hvor-vanlig")]
        for key, step_id in moves:
            await pilot.press(key)
            await pilot.pause()
            assert screen.step is not None and screen.step.id == step_id
            assert screen.step.title in screen_text(app)
        assert [scroll for scroll in layouts if not scroll] == []


async def test_a_resized_text_step_is_drawn_as_a_fresh_reader_draws_it(data_dir, clock, tmp_path):
    app = _app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kort-intro", "hvor-vanlig")
        await pilot.pause()
        for size in ((120, 40), (60, 20)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            resized = screen_text(app)
            fresh_app = _app(tmp_path / f"fresh{size[0]}", clock)
            async with fresh_app.run_test(size=size) as fresh_pilot:
                await open_module(fresh_pilot, "kort-intro", "hvor-vanlig")
                await fresh_pilot.pause()
                assert resized == screen_text(fresh_app)


async def test_scroll_keys_and_wheel_move_a_drawn_text_step(data_dir, clock):
    app = _app(data_dir, clock)
    async with app.run_test(size=(60, 20)) as pilot:
        screen, content = await _page(pilot, "hvor-vanlig")
        assert content.max_scroll_y > 5 and app.focused is content
        top = screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        assert content.scroll_y == content.max_scroll_y and screen_text(app) != top
        await pilot.press("home")
        await pilot.pause()
        assert content.scroll_y == 0 and screen_text(app) == top
        await pilot.press("pagedown")
        await pilot.pause()
        paged = content.scroll_y
        assert paged > 1
        await pilot.press("up")
        await pilot.pause()
        assert content.scroll_y == paged - 1
        region = content.region
        content.post_message(events.MouseScrollDown(content, 1, 1, 0, 0, 0, False, False, False,
                                                    screen_x=region.x + 2, screen_y=region.y + 2))
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        assert content.scroll_y > paged - 1
        await pilot.press("n")  # the next text step starts at its top
        await pilot.pause()
        assert content.scroll_y == 0 and screen.step is not None and screen.step.id == "ace-studien"


async def test_a_drawn_text_step_takes_a_new_theme_as_a_fresh_reader_does(data_dir, clock, tmp_path):
    async def screenshot(app: TbpApp, *, theme_first: bool) -> str:
        async with app.run_test(size=(80, 24)) as pilot:
            if theme_first:
                app.theme = "textual-light"
                await pilot.pause()
            await open_module(pilot, "kort-intro", "hvor-vanlig")
            await pilot.pause()
            if not theme_first:
                app.theme = "textual-light"
                await pilot.pause()
                await pilot.pause()
            return re.sub(r"terminal-\d+", "terminal", app.export_screenshot())

    switched = await screenshot(_app(data_dir, clock), theme_first=False)
    fresh = await screenshot(_app(tmp_path / "fresh", clock), theme_first=True)
    assert switched == fresh


def _cells(app: TbpApp) -> list[list[tuple[str, str, str, bool]]]:
    """Every cell on screen: character, colour, background and reverse."""
    return [[(ch, str(seg.style.color) if seg.style else "", str(seg.style.bgcolor) if seg.style else "",
              bool(seg.style and seg.style.reverse)) for seg in strip for ch in seg.text]
            for strip in app.screen._compositor.render_strips()]


async def test_the_pages_own_scroll_bar_looks_like_textuals_at_every_position(data_dir, clock, tmp_path,
                                                                              monkeypatch):
    """The page draws its bar in its lines (no bar widget to repaint on a step change): every cell
    on screen is what Textual's own bar widget drew, at the top, in between and at the end."""
    from tbp_tui.ui.widgets.textpage import TextPage

    async def walk(app: TbpApp, size: tuple[int, int]) -> list[Any]:
        seen = []
        async with app.run_test(size=size) as pilot:
            await open_module(pilot, "kort-intro", "hvor-vanlig")
            await pilot.pause()
            if not TextPage.DRAWS_BAR:  # Textual's bar widget keeps the thumb of its first layout
                # (a shorter one) until the screen is laid out again; the key line no longer
                # mounts widgets after the open, which did that. What it draws once laid out:
                await pilot.resize_terminal(size[0], size[1] + 1)
                await pilot.pause()
                await pilot.resize_terminal(*size)
                await pilot.pause()
            seen.append(_cells(app))
            for key in ("pagedown", "down", "end", "home", "n", "p", "k"):
                await pilot.press(key)
                await pilot.pause()
                await pilot.wait_for_scheduled_animations()
                await pilot.pause()
                seen.append(_cells(app))
        return seen

    for size in ((80, 24), (60, 20)):
        own = await walk(_app(data_dir / f"own{size[0]}", clock), size)
        monkeypatch.setattr(TextPage, "DRAWS_BAR", False)
        textuals = await walk(_app(tmp_path / f"textual{size[0]}", clock), size)
        monkeypatch.setattr(TextPage, "DRAWS_BAR", True)
        thumb_ends = [ch for rows in textuals for row in rows for ch, *_ in row if ch in "▁▂▃▄▅▆▇"]
        assert len(thumb_ends) >= len(textuals)  # a bar shows in every state compared
        assert own == textuals


async def test_a_step_change_repaints_no_scroll_bar_widget_and_looks_nothing_up(data_dir, clock,
                                                                                 monkeypatch):
    """What a step change costs every reader of a room at once: no scroll-bar widget repainted (its
    column went through the line filters and cut every row it crossed) and no query walking the
    screen's widgets to find the page, the position line or the room line."""
    from textual.dom import DOMNode
    from textual.scrollbar import ScrollBar

    app = _app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, content = await _page(pilot, "velkommen")
        work: list[str] = []
        paint, query, query_one = ScrollBar.render_lines, DOMNode.query, DOMNode.query_one
        monkeypatch.setattr(ScrollBar, "render_lines",
                            lambda self, crop: work.append("bar painted") or paint(self, crop))
        monkeypatch.setattr(DOMNode, "query", lambda self, *a: work.append("query") or query(self, *a))
        monkeypatch.setattr(DOMNode, "query_one",
                            lambda self, *a, **k: work.append("query_one") or query_one(self, *a, **k))
        moves = (("n", "traume-og-livsbelastning"), ("n", "hvor-vanlig"), ("p", "traume-og-livsbelastning"))
        for key, step_id in moves:
            await pilot.press(key)
            await pilot.pause()
            assert screen.step is not None and screen.step.id == step_id
            assert content.show_vertical_scrollbar  # a step with a bar: there was one to repaint
        assert work == []


async def test_a_step_change_draws_each_row_of_the_page_at_most_once(data_dir, clock, monkeypatch):
    """Which rows changed is found from what they are drawn from, not by drawing every row before
    and after the change (three drawings of each row per step change, 40 readers at once)."""
    app = _app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, content = await _page(pilot, "velkommen")
        drawn: list[int] = []
        real = StepScroll.render_line
        monkeypatch.setattr(StepScroll, "render_line", lambda self, y: drawn.append(y) or real(self, y))
        for key, step_id in (("n", "traume-og-livsbelastning"), ("n", "hvor-vanlig")):
            drawn.clear()
            await pilot.press(key)
            await pilot.pause()
            assert screen.step is not None and screen.step.id == step_id
            assert drawn, "the page was not repainted"
            assert len(drawn) == len(set(drawn)) <= content.scrollable_content_region.height, sorted(drawn)


async def test_a_click_on_the_drawn_scroll_bar_pages_towards_it(data_dir, clock):
    app = _app(data_dir, clock)
    async with app.run_test(size=(60, 20)) as pilot:
        _, content = await _page(pilot, "hvor-vanlig")
        region = content.scrollable_content_region
        bar = (region.right, region.bottom - 1)  # the bar's column, its lowest row (below the thumb)
        await pilot.click(offset=bar)
        await pilot.pause()
        assert content.scroll_y == min(region.height, content.max_scroll_y)
        await pilot.click(offset=(bar[0], region.y))  # its top row, above the thumb now
        await pilot.pause()
        assert content.scroll_y == 0
        await pilot.click(offset=(region.x + 1, region.bottom - 1))  # the text: nothing moves
        await pilot.pause()
        assert content.scroll_y == 0


async def test_dragging_the_drawn_scroll_bars_thumb_scrolls_as_textuals_bar_does(data_dir, clock, tmp_path,
                                                                                 monkeypatch):
    """Mouse users (a browser through `tbp serve`) drag the thumb: the page's own bar follows the
    drag as Textual's bar widget does, down and back up."""
    from tbp_tui.ui.widgets.textpage import TextPage

    async def drag(app: TbpApp) -> list[float]:
        seen = []
        async with app.run_test(size=(60, 20)) as pilot:
            _, content = await _page(pilot, "hvor-vanlig")
            region = content.scrollable_content_region
            x, top = region.right + content.scrollbar_size_vertical - 1, region.y  # on the thumb, at its top
            await pilot.mouse_down(offset=(x, top))
            for y in (top + 3, top + 6, top + 2):
                await pilot.hover(offset=(x, y))
                await pilot.pause()
                await pilot.wait_for_scheduled_animations()  # Textual's bar scrolls animated
                await pilot.pause()
                seen.append(content.scroll_y)
            await pilot.mouse_up(offset=(x, top + 2))
            await pilot.pause()
        return seen

    own = await drag(_app(data_dir, clock))
    monkeypatch.setattr(TextPage, "DRAWS_BAR", False)
    textuals = await drag(_app(tmp_path / "textual", clock))
    assert textuals[0] > 0 and textuals[1] > textuals[0] > textuals[2]  # the drag did scroll
    assert own == textuals


async def test_the_page_keeps_the_lines_of_the_step_shown_and_the_one_before(data_dir, clock):
    """Issue 22: the lines of every text step visited were kept. Now only the step shown and the
    one before stay, so going back one step still draws nothing."""
    from tbp_tui.ui.widgets.textpage import TextPage

    app = _app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_module(pilot, "kort-intro", "velkommen")
        page = screen.query_one(TextPage)
        for _ in range(3):
            await pilot.press("n")
            await pilot.pause()
        assert screen.step is not None and screen.step.id == "ace-studien"
        assert len(page._drawn) <= 4
        drawn: list[int] = []
        strips = page._strips
        page._strips = lambda *a: drawn.append(1) or strips(*a)  # type: ignore[method-assign]
        await pilot.press("p")
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "hvor-vanlig"
        assert drawn == []


async def test_every_step_change_starts_the_next_step_at_its_top(data_dir, clock):
    """Scrolled down on a step of any kind, the next step begins at its top: text to exercise,
    exercise to reflection to text, text to exercise. (A reflection itself opens with its answer
    field in view, so it is left, scrolled, but not checked for its top.)"""
    from tbp_tui.ui.widgets.reflection import ReflectionArea

    app = _app(data_dir, clock)
    async with app.run_test(size=(60, 16)) as pilot:
        screen, content = await _page(pilot, "ace-studien")
        checked = []
        for _ in range(6):  # ace-studien … hva-har-skjedd
            if isinstance(app.focused, ReflectionArea):
                await pilot.press("escape")  # out of the answer field, so keys scroll and move
            content.focus()
            await pilot.press("end")
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()
            assert content.max_scroll_y > 0 and content.scroll_y == content.max_scroll_y, screen.step
            await pilot.press("n")
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            step = screen.step
            assert step is not None
            if step.kind != "reflection":
                assert content.scroll_y == 0, step.id
                checked.append(step.kind)
        assert sorted(set(checked)) == ["exercise", "text"]
