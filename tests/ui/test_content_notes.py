"""Content notes in the reader: the note before an unread step, Fortsett, Hopp over, pause, later."""

from __future__ import annotations

from tbp_tui.ui.screens.home import HomeScreen
from tbp_tui.ui.screens.pause import PauseScreen
from tbp_tui.ui.widgets.content_note import ContentNote
from tbp_tui.ui.widgets.steps import TextView

from .conftest import open_store
from .helpers import go_to, module_screen, open_module, screen_text

NOTED = "et-tilfelle"  # the fixture's noted step, 5th of 8 with every approach
NOTE = "Tilfellet handler om en bruker som er sint, uten vold."
BODY = "En bruker kommer for sent og er sint."


async def test_the_note_comes_first_and_fortsett_shows_the_step(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, NOTED)
        assert isinstance(screen.view, ContentNote)
        text = screen_text(app)
        assert "Innholdsnotis" in text and "Tilfellet handler om" in text
        assert "1. Fortsett" in text and "2. Hopp over" in text and "3. Ta en pause" in text
        assert BODY not in text
        assert NOTED not in app.learner.seen("kk-test")  # not read yet
        await pilot.press("enter")  # Fortsett is highlighted first
        await pilot.pause()
        assert isinstance(screen.view, TextView) and screen.step is not None and screen.step.id == NOTED
        text = screen_text(app)
        assert BODY in text and f"Innholdsnotis: {NOTE}" in text
        assert NOTED in app.learner.seen("kk-test")
        # Seen: going away and back shows the step with its quiet note line, not the note view.
        await pilot.press("p", "n")
        await pilot.pause()
        assert isinstance(screen.view, TextView)
        assert f"Innholdsnotis: {NOTE}" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert NOTED in open_store(data_dir, clock).progress.modules["kk-test"].seen


async def test_a_step_without_a_note_has_no_note_line(make_app):
    async with make_app().run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, "hva-er-et-traume")
        assert isinstance(screen.view, TextView)
        assert "Innholdsnotis" not in screen_text(pilot.app)


async def test_skip_is_stored_and_shown_as_skipped_not_missing(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, NOTED)
        await pilot.press("s")
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "fordypning"  # moved on to the next step
        assert app.learner.skipped("kk-test") == {NOTED}
        await pilot.press("t")  # the step list (it takes the page at 80 columns)
        await pilot.pause()
        text = screen_text(app)
        assert "↷ 5. Et tilfelle fra praksis" in text
        assert "✓ sett · ↷ hoppet over" in text  # the mark is explained where it is shown
        await pilot.press("t", "p")
        await pilot.pause()
        assert screen.step is not None and screen.step.id == NOTED
        assert "Steg 5 av 8" in screen_text(app) and "↷ hoppet over" in screen_text(app)
        await pilot.press("escape")  # home counts it too, beside what was seen
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "↷ 1 hoppet over" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    progress = open_store(data_dir, clock).progress.modules["kk-test"]
    assert progress.skipped == [NOTED]
    assert NOTED not in progress.seen


async def test_skip_with_the_arrows_and_enter(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, NOTED)
        await pilot.press("down")
        await pilot.pause()
        assert "▶ 2. Hopp over" in screen_text(app)  # what Enter takes, shown by a symbol too
        await pilot.press("enter")
        await pilot.pause()
        assert app.learner.skipped("kk-test") == {NOTED}
        assert screen.step is not None and screen.step.id == "fordypning"


async def test_a_skipped_step_can_be_opened_later_from_the_step_list(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        await go_to(pilot, NOTED)
        await pilot.press("2", "q")
        await pilot.pause()
    app = make_app()  # another day
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_module(pilot, "kk-test")
        await pilot.press("t", "down", "down", "down", "down", "down", "enter")  # overview, then step 5
        await pilot.pause()
        assert screen.step is not None and screen.step.id == NOTED
        assert isinstance(screen.view, ContentNote)
        text = screen_text(app)
        assert "Tilfellet handler om" in text and "hoppet over dette steget tidligere" in text
        assert BODY not in text
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(screen.view, TextView) and BODY in screen_text(app)
        assert app.learner.skipped("kk-test") == set()  # read now: counted as seen, not skipped
        assert NOTED in app.learner.seen("kk-test")
        await pilot.press("t")
        await pilot.pause()
        assert "✓ 5. Et tilfelle fra praksis" not in screen_text(app)  # current step: ▶
        assert "▶ 5. Et tilfelle fra praksis" in screen_text(app)
        await pilot.press("t", "n", "t")
        await pilot.pause()
        assert "✓ 5. Et tilfelle fra praksis" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert NOTED in open_store(data_dir, clock).progress.modules["kk-test"].seen


async def test_the_same_note_again_with_p_and_n_until_it_is_answered(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, NOTED)
        await pilot.press("n")  # passing by is neither reading nor skipping
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "fordypning"
        assert NOTED not in app.learner.seen("kk-test") and not app.learner.skipped("kk-test")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(screen.view, ContentNote)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_pause_from_the_note_and_back_to_the_same_note(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, NOTED)
        note = screen.view
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        assert NOTED not in app.learner.seen("kk-test")
        await pilot.press("escape")
        await pilot.pause()
        assert module_screen(app) is screen and screen.view is note
        assert isinstance(note, ContentNote) and note.choices.has_focus
        await pilot.press("1")  # the choices still work at once
        await pilot.pause()
        assert isinstance(screen.view, TextView)


async def test_fortsett_on_home_leads_to_the_note_first(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        await go_to(pilot, NOTED)
        await pilot.press("q")
        await pilot.pause()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Et tilfelle fra praksis" in screen_text(app)
        await pilot.press("enter")  # Fortsett
        await pilot.pause()
        screen = module_screen(app)
        assert screen.step is not None and screen.step.id == NOTED
        assert isinstance(screen.view, ContentNote)
        assert BODY not in screen_text(app)


async def test_the_note_view_in_english(make_app):
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        await go_to(pilot, NOTED)
        text = screen_text(app)
        assert "Content note" in text and "1. Continue" in text and "2. Skip" in text
        assert "Innholdsnotis" not in text and "Fortsett" not in text
        assert "Tilfellet handler om" in text  # the note itself is course text, in bokmål
        await pilot.press("s", "p")
        await pilot.pause()
        assert "↷ skipped" in screen_text(app)


async def test_a_text_step_after_a_text_step_changes_the_words_in_place(make_app):
    """The reader's hot path: one text view shows the next text step (no widgets made), and
    nothing of the step before stays: its words, its title, its note line."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, NOTED)
        await pilot.press("1")  # Fortsett: the step with its quiet note line
        await pilot.pause()
        view = screen.view
        assert isinstance(view, TextView) and f"Innholdsnotis: {NOTE}" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert screen.view is view and screen.step is not None and screen.step.id == "fordypning"
        text = screen_text(app)
        assert "Forskningen på belastende barndomserfaringer" in text and "Fordypning" in text
        assert BODY not in text and "Innholdsnotis" not in text and "Et tilfelle fra praksis" not in text
        await pilot.press("p")
        await pilot.pause()
        assert screen.view is view
        text = screen_text(app)
        assert BODY in text and f"Innholdsnotis: {NOTE}" in text and "Forskningen" not in text


async def test_a_note_shown_again_is_the_same_widget_and_says_it_was_skipped(make_app):
    """Going back to a noted step shows the note kept aside (no widgets made), now with the line
    that says it was skipped before, and Fortsett highlighted again."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, NOTED)
        note = screen.view
        assert isinstance(note, ContentNote)
        assert "hoppet over dette steget tidligere" not in screen_text(app)
        await pilot.press("down", "2")  # the highlight moves; then Hopp over
        await pilot.pause()
        assert isinstance(screen.view, TextView)
        await pilot.press("p")
        await pilot.pause()
        assert screen.view is note and screen.step is not None and screen.step.id == NOTED
        text = screen_text(app)
        assert "hoppet over dette steget tidligere" in text and NOTE in text and "▶ 1. Fortsett" in text
        assert "Forskningen" not in text  # the text view is put aside, not shown below the note


async def test_a_step_change_that_overtakes_another_leaves_one_step_on_the_page(make_app):
    """Two «go to step» in quick succession: the first still mounting its view (a reflection)
    when the second shows a text step in the view kept aside. Only the second is on the page."""
    import asyncio

    from tbp_tui.ui.widgets.steps import ReflectionView

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test")
        screen = await go_to(pilot, "hva-er-et-traume")
        ids = [s.id for s in screen.steps]
        first = asyncio.ensure_future(screen.show(ids.index("egen-erfaring")))
        await asyncio.sleep(0)  # the first change has begun and waits for its view to mount
        await screen.show(ids.index("hva-er-et-traume"))
        await first
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "hva-er-et-traume"
        assert isinstance(screen.view, TextView)
        shown = [w for w in screen.query_one("#content").children if w.display]
        assert shown == [screen.view]
        assert not [w for w in screen.query(ReflectionView) if w.display]
