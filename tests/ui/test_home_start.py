"""Home at start: its list is built once for the first frame, and is still fresh after a page that
covered it before it was ever shown (issue 22)."""

from __future__ import annotations

import pytest
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


async def test_home_paints_without_textuals_option_list_styles(make_app: MakeApp) -> None:
    """Home's list carries only the option-list styles it uses: Textual's own (a compact variant,
    a border and padding home.tcss replaces) were parsed at every start (issue 22)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#menu", OptionList).has_focus
        sources = {class_var for _path, class_var in app.stylesheet.source}
        assert "OptionList.DEFAULT_CSS" not in sources
        assert "ScrollView.DEFAULT_CSS" not in sources
