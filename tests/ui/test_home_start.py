"""Home at start: its list is built once for the first frame, and is still fresh after a page that
covered it before it was ever shown (issue 22)."""

from __future__ import annotations

import pytest
from textual.design import ColorSystem
from textual.widgets import OptionList

from tbp_tui.ui.screens.home import HomeScreen
from tbp_tui.ui.screens.welcome import WelcomeScreen
from tests.ui.conftest import MakeApp
from tests.ui.helpers import screen_text


async def test_home_builds_its_list_once_at_start(make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    builds: list[HomeScreen] = []
    build = HomeScreen.refresh_menu

    def counted(self: HomeScreen) -> None:
        builds.append(self)
        build(self)

    monkeypatch.setattr(HomeScreen, "refresh_menu", counted)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#menu", OptionList).option_count > len(app.course.modules)
        assert len(builds) == 1


async def test_home_is_built_again_after_a_page_that_covered_it_from_the_start(make_app: MakeApp) -> None:
    app = make_app(first_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        app.learner.set_approach("praksis")  # changed while home is covered
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.t("home.approach", name=app.t.approach("praksis")) in screen_text(app)


async def test_home_paints_without_textuals_option_list_and_footer_styles(make_app: MakeApp) -> None:
    """Home's list and key line carry only the styles they use: Textual's own (compact variants,
    binding groups, a border and padding home.tcss replaces) were parsed at every start (issue 22)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#menu", OptionList).has_focus
        sources = {class_var for _path, class_var in app.stylesheet.source}
        assert "OptionList.DEFAULT_CSS" not in sources
        assert "ScrollView.DEFAULT_CSS" not in sources
        assert "Footer.DEFAULT_CSS" not in sources
        assert "ScrollableContainer.DEFAULT_CSS" not in sources



async def test_home_counts_its_rows_lines_without_drawing_them(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each module row was drawn twice before the first frame: once only to count its lines
    (Textual's RichVisual.get_height renders it), once to show it (issue 22)."""
    from textual.visual import RichVisual

    counted: list[object] = []
    get_height = RichVisual.get_height

    def drawn_to_count(self: RichVisual, rules: object, width: int) -> int:
        counted.append(self._renderable)
        return get_height(self, rules, width)  # type: ignore[arg-type]

    monkeypatch.setattr(RichVisual, "get_height", drawn_to_count)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert app.course.modules and all(module.title in text for module in app.course.modules)
        assert counted == []


async def test_home_rows_counted_height_is_the_drawn_height(make_app: MakeApp) -> None:
    """The counted height of every row, the resume row too, is what drawing it gives, at widths
    where its line fits and where it wraps."""
    from rich.text import Text
    from textual.visual import RichVisual

    from tbp_tui.ui.widgets.homemenu import Row
    from tbp_tui.ui.widgets.indented import hanging

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu", OptionList)
        rows = [option.prompt for option in menu.options if isinstance(option.prompt, Row)]
        assert len(rows) == len(app.course.modules) + 1
        for odd in ("a\tb\tc", "a\nb"):  # drawn wider, or on more lines, than they count
            body = Text(odd)
            rows.append(Row(menu, hanging("   ", body), 0, body, 3))
        for row in rows:
            for width in range(8, 90):
                drawn = RichVisual.get_height(row, menu.styles, width)
                assert row.get_height(menu.styles, width) == drawn, (row.body.plain, width)


@pytest.mark.parametrize("theme", [None, "light", "ansi"])
async def test_only_the_chosen_themes_colours_are_worked_out_before_home(
        make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, theme: str | None) -> None:
    """Textual's __init__ made its default theme's whole colour system, replaced at once by tbp's."""
    made: list[ColorSystem] = []
    generate = ColorSystem.generate

    def counted(self: ColorSystem) -> dict[str, str]:
        made.append(self)
        return generate(self)

    monkeypatch.setattr(ColorSystem, "generate", counted)
    app = make_app(theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert len(made) == 1
        assert app.stylesheet._variables["background"] == app.current_theme.background
