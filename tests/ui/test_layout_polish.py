"""Layout polish at 80×24 and 60×20 (issue 20): wrapped rows hang under their text, text keeps a
gutter from the scrollbar, and toasts stay inside the panels' frames."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import OptionList

from tbp_tui.course import bundled_course_dir, load_course
from tbp_tui.course.model import Course
from tbp_tui.options import AppOptions
from tbp_tui.ui.app import TbpApp
from tbp_tui.ui.screens.home import HomeScreen

from .conftest import open_store
from .helpers import open_module, screen_text

MARKERS = "▶✓·"


def _grid(app: TbpApp) -> list[list[str]]:
    """The screen as rows of cells: a wide character (🔒) takes two, the second one empty."""
    rows = []
    for line in screen_text(app).splitlines():
        cells: list[str] = []
        for ch in line:
            cells += [ch, ""] if cell_len(ch) == 2 else [ch]
        rows.append(cells)
    return rows


@pytest.fixture(scope="module")
def bundled() -> Course:
    return load_course(bundled_course_dir())


def _app(course, data_dir, clock, **options) -> TbpApp:
    return TbpApp(course, open_store(data_dir, clock), AppOptions(data_dir=data_dir, **options), clock)


def _inside(line: str) -> str:
    """A menu row without the frame: what stands between «│» and «│»."""
    return line.split("│")[1] if line.count("│") >= 2 else line


def _continues_under(lines: list[str], start: str) -> tuple[int, int]:
    """(column where the text after the marker starts, column where the next line's text starts)
    for the row that begins with `start`; the row must wrap."""
    row = next(i for i, line in enumerate(lines) if start in line)
    marker_end = lines[row].index(start) + len(start.split(" ")[0]) + 1
    follow = lines[row + 1]
    inner = _inside(follow)
    assert inner.strip() and inner.strip()[0] not in MARKERS + "─", (lines[row], follow)
    return marker_end, follow.index(inner.strip())


async def test_the_resume_row_wraps_under_its_text(bundled, data_dir, clock):
    app = _app(bundled, data_dir, clock)
    async with app.run_test(size=(60, 20)) as pilot:
        kk1 = bundled.module("kk1")
        step = max(kk1.steps, key=lambda s: len(s.title))
        app.learner.visit("kk1", step.id)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        screen.refresh_menu()
        await pilot.pause()
        lines = screen_text(app).splitlines()
        text_at, next_at = _continues_under(lines, "▶ Fortsett:")
        assert next_at == text_at, "\n".join(lines)


async def test_the_next_module_row_wraps_under_its_text(bundled, data_dir, clock):
    app = _app(bundled, data_dir, clock)
    async with app.run_test(size=(60, 20)) as pilot:
        kk1 = bundled.module("kk1")
        for step in kk1.steps_for(app.learner.approach):
            app.learner.visit("kk1", step.id)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        screen.refresh_menu()
        await pilot.pause()
        lines = screen_text(app).splitlines()
        text_at, next_at = _continues_under(lines, "▶ Neste:")
        assert next_at == text_at, "\n".join(lines)


async def test_step_list_rows_wrap_under_the_title(bundled, data_dir, clock):
    app = _app(bundled, data_dir, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_module(pilot, "kk1")
        steps = screen.query_one("#step-list", OptionList)
        region = steps.content_region
        lines = screen_text(app).splitlines()
        rows = [lines[y][region.x : region.right] for y in range(region.y, region.bottom)]
        wrapped = 0
        title_at = 0
        for row in rows:
            if not row.strip():
                continue
            if row.lstrip()[0] in MARKERS:  # «· 12. Title»: the title starts after the number
                marker, number, _ = row.lstrip().split(" ", 2)
                title_at = row.index(marker) + len(marker) + 1 + len(number) + 1
            elif row.startswith("  Om modulen"):
                title_at = 2
            else:
                wrapped += 1
                assert len(row) - len(row.lstrip()) == title_at, "\n".join(rows)
        assert wrapped >= 2, "\n".join(rows)


def _scrollers(app: TbpApp) -> list[Widget]:
    return [w for w in app.screen.query("*") if w.show_vertical_scrollbar and w.region.area]


def _gutter_kept(app: TbpApp) -> None:
    """Every vertical scrollbar on screen has a blank column between the text and its bar."""
    lines = _grid(app)
    shown = _scrollers(app)
    assert shown, "nothing scrolls here"
    for widget in shown:
        bar = widget.vertical_scrollbar.region
        if not bar.area:  # the reader's page draws its own bar in the columns after its text
            text = widget.scrollable_content_region
            bar = Region(text.right, text.y, widget.scrollbar_size_vertical, text.height)
        bar_at = bar.right - 1
        column = [lines[y][bar_at - 1] for y in range(bar.y, bar.bottom)]
        assert set(column) == {" "}, (type(widget).__name__, screen_text(app))


async def test_text_keeps_a_gutter_from_the_scrollbar_in_a_step(bundled, data_dir, clock):
    app = _app(bundled, data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_module(pilot, "kort-intro")
        for _ in range(4):
            _gutter_kept(app)
            await pilot.press("n")
            await pilot.pause()
        assert screen.index >= 2


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_text_keeps_a_gutter_from_the_scrollbar_at_home_and_in_your_data(size, bundled,
                                                                                 data_dir, clock):
    app = _app(bundled, data_dir, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        _gutter_kept(app)
        await pilot.press("d")
        await pilot.pause()
        _gutter_kept(app)


def _frame_intact(app: TbpApp, panel: Widget) -> None:
    lines = _grid(app)
    box = panel.region
    bottom = "".join(lines[box.bottom - 1][box.x : box.right])
    assert bottom == "╰" + "─" * (box.width - 2) + "╯", screen_text(app)
    right = [lines[y][box.right - 1] for y in range(box.y + 1, box.bottom - 1)]
    assert set(right) == {"│"}, screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)])
async def test_a_toast_leaves_the_panel_frame_alone(size, bundled, data_dir, clock):
    app = _app(bundled, data_dir, clock)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        app.notify("Tema: terminalens farger", timeout=60)
        await pilot.pause()
        assert "Tema: terminalens farger" in screen_text(app)
        _frame_intact(app, app.screen.query_one("#menu"))
        screen = await open_module(pilot, "kort-intro")
        app.notify("Eksportert til /tmp/et/sted/som/er/langt/nok/til/to/linjer.md", timeout=60)
        await pilot.pause()
        _frame_intact(app, screen.query_one("#content"))


@pytest.mark.parametrize("width", [80, 60])
def test_plain_mode_menu_rows_wrap_under_their_text(bundled, data_dir, clock, width):
    import io

    from tbp_tui.plain import PlainMode

    out = io.StringIO()
    PlainMode(bundled, open_store(data_dir, clock), AppOptions(data_dir=data_dir), io.StringIO("q\n"),
              out, clock, width=width).run()
    lines = out.getvalue().splitlines()
    rows = [i for i, line in enumerate(lines) if line.startswith("3. Kjernekompetanse 1")]
    assert rows, out.getvalue()
    follow = lines[rows[0] + 1]
    assert follow.startswith("   ") and follow[3] != " ", out.getvalue()
    assert all(len(line) <= width or " " not in line.strip() for line in lines)  # a path stays whole


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_plain_mode_key_lines_break_between_choices_at_60_columns(bundled, data_dir, clock, lang):
    import io

    from tbp_tui.plain import PlainMode

    out = io.StringIO()
    PlainMode(bundled, open_store(data_dir, clock), AppOptions(data_dir=data_dir, lang=lang),
              io.StringIO("\n\nq\n"), out, clock, width=60).run()
    lines = out.getvalue().splitlines()
    too_long = [line for line in lines if len(line) > 60 and " " in line.strip()]  # a path stays whole
    assert too_long == []
    said = {"nb": "h = hjelpenumre", "en": "h = help numbers"}[lang]
    assert any(said in line for line in lines), out.getvalue()


def test_plain_mode_ends_a_module_and_home_offers_what_comes_next(bundled, data_dir, clock):
    """As in the full app (issue 20, item «No ending»): the end says what was done, gives a moment
    to land and names what comes next; home then offers that module, not the finished one again."""
    import io

    from tbp_tui.plain import PlainMode

    store = open_store(data_dir, clock)
    kort = bundled.module("kort-intro")
    shown = kort.steps_for(None)
    for step in shown[:-1]:
        store.mark_seen("kort-intro", step.id)
    store.set_position("kort-intro", shown[-1].id)  # on the last step, not read yet
    assert store.save()
    # Enter: Fortsett (the last step, a reflection); Enter leaves the answer empty, Enter goes on.
    out = io.StringIO()
    PlainMode(bundled, open_store(data_dir, clock), AppOptions(data_dir=data_dir),
              io.StringIO("\n\n\nq\n"), out, clock, width=80).run()
    text = " ".join(out.getvalue().split())
    end = text.index("Du har vært gjennom «Kort introduksjon».")
    home = text.index("Moduler", end)
    ending = text[end:home]
    assert f"{len(shown)} av {len(shown)} steg sett" in ending
    assert "kjenn etter hvordan du har det nå" in ending and "p gir deg en pause" in ending
    following = bundled.module("kk1")
    assert f"Neste modul: {following.title}" in ending
    assert f"f eller Enter. Neste: {following.title}" in text[home:]
    assert "Fortsett der du var: Kort introduksjon" not in text[home:]


def test_plain_mode_shows_no_stray_asterisks_where_emphasis_crosses_a_line_break(bundled):
    """Kort introduksjon writes «**«Hva har skjedd med\\ndeg?»**»: a screen reader read «star»."""
    from tbp_tui.reflow import markdown_as_text

    step = next(s for s in bundled.module("kort-intro").steps
                if "skjedd med\ndeg?»**" in getattr(s, "body", ""))
    text = markdown_as_text(step.body)
    assert "*" not in text, text
    assert "«Hva har skjedd med\ndeg?» i stedet for «Hva er galt med deg?»" in text
    assert markdown_as_text("a **b\n\nc** d") == "a **b\n\nc** d"  # never across a blank line
