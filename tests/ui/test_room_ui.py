"""Rooms in the app: the participant's join screen, following and browsing, the facilitator's table.

A real room in a temp folder (tbp_tui.room); the glue's poll is driven by calling its `tick()`
directly (the once-a-second interval is pushed far out), so nothing here sleeps.
"""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import TextArea

from tbp_tui.clock import FakeClock
from tbp_tui.course.model import Course
from tbp_tui.i18n import EN, NB, Catalog
from tbp_tui.options import AppOptions
from tbp_tui.progress.store import ProgressStore
from tbp_tui.room import FacilitatorLink, ParticipantLink, Seat, close_room, open_room
from tbp_tui.room.trust import leader_of
from tbp_tui.ui import room as room_glue
from tbp_tui.ui.app import TbpApp
from tbp_tui.ui.room import RoomUi
from tbp_tui.ui.screens.dialogs import ConfirmScreen
from tbp_tui.ui.screens.facilitator import FacilitatorScreen, ParticipantScreen
from tbp_tui.ui.screens.home import HomeScreen
from tbp_tui.ui.widgets.seats import QUIET_AFTER, seat_lines
from tbp_tui.ui.widgets.steps import ExerciseView

from .helpers import module_screen, open_module, screen_text
from .test_language_walk import _course_text, _fragments

ROOM = "kurs"
ACCOUNT = leader_of(os.geteuid()).name
OTHER_UID = 65532
SECRET = "Min hemmelige refleksjon om mor"


@pytest.fixture(autouse=True)
def _no_background_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(room_glue, "POLL_SECONDS", 3600.0)
    monkeypatch.setattr(room_glue, "FOLLOW_LOOP", False)


@pytest.fixture
def room_root(tmp_path: Path, clock: FakeClock) -> Path:
    root = tmp_path / "rooms"
    root.mkdir(mode=0o755)  # a personal room root: ours, nobody else writes it
    open_room(root, ROOM, group=None, now=clock.now())
    return root


def _glue(app: TbpApp) -> RoomUi:
    assert app.room_ui is not None
    return app.room_ui


async def _settle(pilot) -> None:
    """Let room workers finish and their results reach the UI thread."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def _join(pilot) -> RoomUi:
    app = pilot.app
    await pilot.pause()
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("y")
    await _settle(pilot)
    glue = _glue(app)
    assert glue.state == "joined", glue.error
    return glue


def _flat(text: str) -> str:
    """Screen text with box edges and line breaks gone, so a wrapped sentence reads whole."""
    return " ".join(text.replace("│", " ").split())


def _facilitator_app(course: Course, clock: FakeClock, room_root: Path, tmp_path: Path) -> TbpApp:
    """A facilitator's app leading the room, with a data folder of its own."""
    fac_dir = tmp_path / "fac-data"
    fac_dir.mkdir(mode=0o700)
    store = ProgressStore.open(fac_dir, "standard", clock=clock.now)
    options = AppOptions(data_dir=fac_dir, facilitator=True, room=ROOM, room_root=room_root)
    return TbpApp(course, store, options, clock)


async def _tick(pilot) -> None:
    _glue(pilot.app).tick()
    await pilot.pause()
    await pilot.pause()


async def test_join_screen_says_who_sees_what_and_not_now_joins_nothing(make_app, room_root):
    app = make_app(room=ROOM, room_root=room_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        text = _flat(screen_text(app))
        for said in ("Bli med i rommet «kurs»", "Fasilitatoren ser:", "profilnavnet ditt («standard»)",
                     "hvilken modul og hvilket steg du er på", "når du sist var aktiv",
                     "aldri refleksjonene dine, svarene dine eller notatene i sjekklisten",
                     "Bli med", "Ikke nå"):
            assert said in text, said
        await pilot.press("n")
        await _settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert _glue(app).state == "declined"
        assert "Rom kurs · – ikke med" in screen_text(app)
        assert list((room_root / ROOM / "seats").iterdir()) == []


async def test_the_join_page_names_who_leads_the_room_as_the_system_says(make_app, room_root):
    """Not a name anyone typed: the room folder's owner, with the account's full name."""
    app = make_app(room=ROOM, room_root=room_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Rommet ledes av {leader_of(os.geteuid())}." in _flat(screen_text(app))


async def test_a_room_reopened_by_someone_else_is_not_shown_as_followed(make_app, room_root, clock):
    FacilitatorLink(room_root, ROOM, clock.now).send_goto("kk-test", "sjekk-forstaelsen")
    app = make_app(room=ROOM, room_root=room_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await _join(pilot)
        await _tick(pilot)
        assert "● følger fasilitatoren" in screen_text(app)
        close_room(room_root, ROOM)
        room = open_room(room_root, ROOM, group=None, now=clock.now())
        for path in (room, room / "seats", room / "state.toml"):
            os.chown(path, OTHER_UID, -1)  # the same name, another owner
        await _tick(pilot)
        await _tick(pilot)
        text = screen_text(app)
        assert "● følger fasilitatoren" not in text, text


async def test_the_facilitator_keeps_polling_after_an_unexpected_error(make_app, room_root, clock,
                                                                       monkeypatch, tmp_path, course):
    """A crafted seat once raised RecursionError in the worker: `_busy` never reset, the table froze."""
    calls: list[int] = []

    def broken(self: FacilitatorLink) -> list[Seat]:
        calls.append(1)
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(FacilitatorLink, "seats", broken)
    app = _facilitator_app(course, clock, room_root, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        glue = _glue(app)
        before = len(calls)
        for _ in range(3):
            glue.schedule()
            await _settle(pilot)
        assert len(calls) == before + 3 and not glue._busy
        assert glue.error is not None
        assert glue.in_room  # connected all the same: g and s still reach the room


async def test_go_to_from_the_facilitator_reaches_the_participant(make_app, room_root, clock):
    facilitator = FacilitatorLink(room_root, ROOM, clock.now)
    app = make_app(room=ROOM, room_root=room_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await _join(pilot)
        assert "● følger fasilitatoren" in screen_text(app)
        assert "f4" in app.screen.active_bindings
        facilitator.send_goto("kk-test", "sjekk-forstaelsen")
        await _tick(pilot)
        screen = module_screen(app)
        assert isinstance(screen, ParticipantScreen)
        assert screen.step is not None and screen.step.id == "sjekk-forstaelsen"
        assert "Rom kurs · ● følger fasilitatoren" in screen_text(app)
        await _tick(pilot)  # the next round reports where the learner now is
        seats = [s for s in facilitator.seats() if not s.facilitator]
        assert [(s.profile, s.module, s.step, s.following) for s in seats] == [
            (ACCOUNT, "kk-test", "sjekk-forstaelsen", True)
        ]


async def test_start_timer_opens_the_step_with_its_timer_running(make_app, room_root, clock):
    facilitator = FacilitatorLink(room_root, ROOM, clock.now)
    app = make_app(room=ROOM, room_root=room_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await _join(pilot)
        facilitator.send_timer("kk-test", "droft-i-par", 5)
        await _tick(pilot)
        await pilot.pause()
        screen = module_screen(app)
        assert screen.step is not None and screen.step.id == "droft-i-par"
        view = screen.view
        assert isinstance(view, ExerciseView) and view.timer is not None
        assert view.timer.countdown.state == "running"


@pytest.mark.parametrize(
    ("late", "state", "shown"),
    [
        (90, "running", "Igjen: 3:30"),  # the time left in the room, not a fresh 5:00
        (400, "ready", "Igjen: 5:00"),  # ran out before they came: theirs to start, no bell on arrival
    ],
)
async def test_a_late_participant_sees_the_rooms_timer(make_app, room_root, clock, late, state, shown):
    facilitator = FacilitatorLink(room_root, ROOM, clock.now)
    facilitator.send_timer("kk-test", "droft-i-par", 5)  # 300 s, before this participant came
    clock.advance(late)
    app = make_app(room=ROOM, room_root=room_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await _join(pilot)
        await _tick(pilot)
        await pilot.pause()
        view = module_screen(app).view
        assert isinstance(view, ExerciseView) and view.timer is not None
        assert view.timer.countdown.state == state
        assert shown in screen_text(app)


async def test_a_second_start_from_the_facilitator_brings_a_paused_timer_back_in_step(
    make_app, room_root, clock
):
    facilitator = FacilitatorLink(room_root, ROOM, clock.now)
    app = make_app(room=ROOM, room_root=room_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await _join(pilot)
        facilitator.send_timer("kk-test", "droft-i-par", 5)
        await _tick(pilot)
        await pilot.pause()
        view = module_screen(app).view
        assert isinstance(view, ExerciseView) and view.timer is not None
        await pilot.press("space")  # the participant pauses their own timer
        await pilot.pause()
        assert view.timer.countdown.state == "paused"
        clock.advance(60)
        facilitator.send_timer("kk-test", "droft-i-par", 5)  # the room starts it again
        clock.advance(20)
        await _tick(pilot)
        assert view.timer.countdown.state == "running"
        assert view.timer.countdown.remaining() == 280


async def test_s_starts_the_facilitators_own_timer_from_the_top_like_everyones(
    room_root, clock: FakeClock, course: Course, tmp_path: Path
):
    facilitator = _facilitator_app(course, clock, room_root, tmp_path)
    async with facilitator.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await open_module(pilot, "kk-test", "droft-i-par")
        view = module_screen(facilitator).view
        assert isinstance(view, ExerciseView) and view.timer is not None
        await pilot.press("space")  # tried it alone first, then paused
        clock.advance(40)
        await pilot.press("space")
        await pilot.pause()
        assert view.timer.countdown.remaining() == 260
        await pilot.press("s")
        await _settle(pilot)
        sent = _glue(facilitator).last_sent
        assert sent is not None and (sent.kind, sent.step) == ("timer", "droft-i-par")
        assert view.timer.countdown.state == "running" and view.timer.countdown.remaining() == 300


async def test_the_facilitators_last_sent_time_says_its_offset_from_utc(
    room_root, clock: FakeClock, course: Course, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Over SSH the clock is the server's: «Sist sendt 09:00» could be any zone's nine o'clock."""
    monkeypatch.setenv("TZ", "America/St_Johns")
    time.tzset()
    try:
        facilitator = _facilitator_app(course, clock, room_root, tmp_path)
        async with facilitator.run_test(size=(120, 40)) as pilot:
            await _settle(pilot)
            await open_module(pilot, "kk-test", "droft-i-par")
            await pilot.press("g")
            await _settle(pilot)
            assert "Sist sendt 05:30 (UTC-03:30): gå til" in _flat(screen_text(facilitator))
    finally:
        monkeypatch.undo()
        time.tzset()


async def test_browse_freely_then_f4_rejoins_at_the_facilitators_latest_step(make_app, room_root, clock):
    facilitator = FacilitatorLink(room_root, ROOM, clock.now)
    app = make_app(room=ROOM, room_root=room_root)
    async with app.run_test(size=(80, 24)) as pilot:
        glue = await _join(pilot)
        await open_module(pilot, "kk-test", "hva-er-et-traume")
        await pilot.press("f4")
        await pilot.pause()
        assert not glue.following
        assert "○ blar fritt" in screen_text(app)
        facilitator.send_goto("kk-test", "droft-i-par")
        facilitator.send_goto("kk-test", "oppsummering")
        await _tick(pilot)
        screen = module_screen(app)
        assert screen.step is not None and screen.step.id == "hva-er-et-traume"  # stayed
        assert "fasilitatoren er på «Oppsummering»" in screen_text(app)
        await _tick(pilot)
        assert [s.following for s in facilitator.seats() if not s.facilitator] == [False]
        await pilot.press("f4")
        await pilot.pause()
        await pilot.pause()
        assert glue.following
        screen = module_screen(app)
        assert screen.step is not None and screen.step.id == "oppsummering"
        assert "● følger fasilitatoren" in screen_text(app)


async def test_a_half_typed_reflection_is_never_yanked_away(make_app, room_root, clock):
    facilitator = FacilitatorLink(room_root, ROOM, clock.now)
    app = make_app(room=ROOM, room_root=room_root)
    async with app.run_test(size=(80, 24)) as pilot:
        glue = await _join(pilot)
        await open_module(pilot, "kk-test", "egen-erfaring")  # in the answer field at once
        for ch in "halvferdig":
            await pilot.press(ch)
        facilitator.send_goto("kk-test", "oppsummering")
        await _tick(pilot)
        screen = module_screen(app)
        assert screen.step is not None and screen.step.id == "egen-erfaring"
        assert isinstance(app.focused, TextArea) and app.focused.text == "halvferdig"
        assert any("Trykk F4 for å følge" in n.message for n in app._notifications)
        assert not glue.following
        await pilot.press("f4")  # a priority key: works inside the text field
        await pilot.pause()
        await pilot.pause()
        screen = module_screen(app)
        assert screen.step is not None and screen.step.id == "oppsummering"
        assert app.learner.reflection("kk-test", "egen-erfaring") == "halvferdig"


async def test_facilitator_table_shows_profile_and_step_but_never_reflection_text(
    make_app, room_root, clock: FakeClock, course: Course, tmp_path: Path
):
    participant = make_app(room=ROOM, room_root=room_root)
    async with participant.run_test(size=(80, 24)) as ppilot:
        await _join(ppilot)
        await open_module(ppilot, "kk-test", "egen-erfaring")
        for ch in SECRET:
            await ppilot.press(ch)
        await ppilot.press("escape")
        module_screen(participant).commit()
        assert participant.save_now()
        await _tick(ppilot)  # reports the position

        facilitator = _facilitator_app(course, clock, room_root, tmp_path)
        async with facilitator.run_test(size=(120, 40)) as fpilot:
            await _settle(fpilot)
            await open_module(fpilot, "kk-test", "egen-erfaring")
            await fpilot.pause()
            await _tick(fpilot)
            screen = facilitator.screen
            assert isinstance(screen, FacilitatorScreen)
            text = _flat(screen_text(facilitator))
            assert "Rom «kurs»" in text
            assert "Deltakere: 1 · 1 følger" in text
            # the default profile is shown as the account's name, so two «standard»s differ
            assert f"{ACCOUNT} ● følger › Din erfaring" in text, text
            assert SECRET not in text and "hemmelige" not in text
            # g sends the room here; the participant follows on its next round.
            await fpilot.press("n")
            await fpilot.pause()
            await fpilot.press("g")
            await _settle(fpilot)
            step = screen.step
            assert step is not None
            assert any("Sendt til rommet" in n.message for n in facilitator._notifications)
        await ppilot.press("escape")  # out of the reader; the answer field no longer has focus
        await ppilot.pause()
        await _tick(ppilot)
        screen = module_screen(participant)
        assert screen.step is not None and screen.step.id == step.id
    assert SECRET not in "".join(p.read_text() for p in (room_root / ROOM).rglob("*.toml"))


@pytest.mark.parametrize(("lang", "foreign"), [("en", NB), ("nb", EN)])
async def test_room_and_facilitator_screens_speak_one_language(
    make_app, room_root, clock: FakeClock, course: Course, lang, foreign
):
    own = EN if lang == "en" else NB
    fragments = {f for f in _fragments(foreign, own) if f not in _course_text(course)}
    assert any(f in foreign["room.join_body"] for f in fragments)  # the check has teeth here
    seen: list[str] = []
    participant = make_app(room=ROOM, room_root=room_root, lang=lang)
    async with participant.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen.append(screen_text(participant))
        await _join(pilot)
        await open_module(pilot, "kk-test", "hva-er-et-traume")
        seen.append(screen_text(participant))
        await pilot.press("f4")
        await pilot.pause()
        seen.append(screen_text(participant))
        await _tick(pilot)
    facilitator = make_app(room=ROOM, room_root=room_root, lang=lang, facilitator=True)
    async with facilitator.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await open_module(pilot, "kk-test", "droft-i-par")
        await _tick(pilot)
        seen.append(screen_text(facilitator))
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        seen.append(screen_text(facilitator))
        await pilot.press("v")
        await pilot.pause()
        seen.append(screen_text(facilitator))
    leaks = {(i, f) for i, text in enumerate(seen) for f in fragments if f in _flat(text)}
    assert leaks == set()


def test_seat_table_says_state_in_words_and_marks_quiet_seats(course: Course, clock: FakeClock):
    now = clock.now()
    seats = [
        Seat("1-a", "kari", "kk-test", "droft-i-par", True, now - timedelta(seconds=3), False),
        Seat("1-b", "ola", "kort-intro", None, False, now - timedelta(seconds=QUIET_AFTER + 5), False),
        Seat("0-f", "leder", None, None, True, now, True),
    ]
    text = seat_lines(course, Catalog("nb"), seats, now, "kk-test").plain.splitlines()
    assert text[0] == "Deltakere: 2 · 1 følger"
    assert text[1].startswith("leder  ◆ fasilitator")
    assert "kari  ● følger" in text  # a live seat has no ticking seconds (redrawn each second)
    assert "  › Drøft i par" in text  # the facilitator's own module: the step alone
    quiet = int(QUIET_AFTER + 5) // 10 * 10
    assert f"ola  ○ blar fritt  ⚠ stille i {quiet} s" in text
    intro = course.module("kort-intro")
    assert f"  › Om modulen ({intro.title})" in text


def test_seat_table_names_the_account_and_counts_one_accounts_seats_once(course: Course, clock: FakeClock):
    now = clock.now()
    seats = [Seat("65533-a", "standard", None, None, True, now, False, uid=65533, account="deltaker01",
                  sessions=500),
             Seat("65534-b", "standard", None, None, True, now, False, uid=65534, account="deltaker02")]
    text = seat_lines(course, Catalog("nb"), seats, now, None).plain.splitlines()
    assert text[0] == "Deltakere: 2 · 2 følger"
    assert text[1].startswith("standard (deltaker01) (500 økter)  ● følger")
    assert text[3].startswith("standard (deltaker02)  ● følger")


async def test_a_missing_room_is_one_calm_notice_and_joining_works_once_opened(make_app, tmp_path, clock):
    root = tmp_path / "rooms"
    root.mkdir(mode=0o755)
    app = make_app(room=ROOM, room_root=root)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")
        await _settle(pilot)
        for _ in range(3):
            await _tick(pilot)
        notices = [n.message for n in app._notifications]
        assert len([m for m in notices if "finnes ikke ennå" in m]) == 1, notices
        assert "tbp room open kurs" in notices[-1]
        assert "⚠ ingen kontakt med rommet" in screen_text(app)
        await open_module(pilot, "kk-test")  # the course works as usual meanwhile
        open_room(root, ROOM, group=None, now=clock.now())
        await _tick(pilot)
        assert _glue(app).state == "joined"
        assert "● følger fasilitatoren" in screen_text(app)


async def test_facilitator_without_the_room_keeps_working(make_app, tmp_path):
    (tmp_path / "rooms").mkdir(mode=0o755)
    app = make_app(facilitator=True, room="ingen-her", room_root=tmp_path / "rooms")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await open_module(pilot, "kk-test", "hva-er-et-traume")
        await _tick(pilot)
        await _tick(pilot)
        assert len([n for n in app._notifications if "finnes ikke ennå" in n.message]) == 1
        assert "⚠ Rommet «ingen-her» finnes ikke ennå" in _flat(screen_text(app))
        await pilot.press("n")
        await pilot.pause()
        assert module_screen(app).index == 1


def test_a_bad_room_name_is_refused_with_a_clear_message(capsys):
    from tbp_tui.cli import main

    from .conftest import FIXTURE_COURSE

    assert main(["--course", str(FIXTURE_COURSE), "--room", "Kurs Mandag!"]) == 2
    err = capsys.readouterr().err
    assert "--room 'Kurs Mandag!'" in err and "a-z, 0-9" in err and "Traceback" not in err


# ---------------------------------------------------------------- bandwidth: a quiet poll redraws nothing


def _count_refreshes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every widget refresh from now on, by widget id or class (a refresh is output on the link)."""
    from textual.widget import Widget

    seen: list[str] = []
    original = Widget.refresh

    def spy(self: Widget, *args: object, **kwargs: object) -> Widget:
        seen.append(self.id or type(self).__name__)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Widget, "refresh", spy)
    return seen


@pytest.mark.parametrize("where", ["home", "step"])
async def test_a_poll_with_nothing_new_redraws_nothing_for_a_participant(
    make_app, room_root, clock, monkeypatch, where
):
    """17.2: the room line was updated on every poll, re-laying-out the whole screen (23 kB/s)."""
    facilitator = FacilitatorLink(room_root, ROOM, clock.now)
    app = make_app(room=ROOM, room_root=room_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await _join(pilot)
        if where == "step":
            facilitator.send_goto("kk-test", "hva-er-et-traume")
        await _tick(pilot)
        await _tick(pilot)
        app.clear_notifications()
        await pilot.pause()
        refreshed = _count_refreshes(monkeypatch)
        for _ in range(5):
            clock.advance(1)
            await _tick(pilot)
        assert refreshed == []


async def test_a_poll_with_nothing_new_redraws_nothing_on_the_facilitators_panel(
    room_root, clock: FakeClock, course: Course, tmp_path: Path, monkeypatch
):
    """The table and the «sent» line were redrawn every second (a clock in every seat row)."""
    participant = ParticipantLinkForTest(room_root, clock)
    facilitator = _facilitator_app(course, clock, room_root, tmp_path)
    async with facilitator.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await open_module(pilot, "kk-test", "hva-er-et-traume")
        await pilot.press("g")
        await _settle(pilot)
        participant.report()
        await _tick(pilot)
        facilitator.clear_notifications()
        await pilot.pause()
        screen = facilitator.screen
        assert isinstance(screen, FacilitatorScreen)
        assert "Deltakere: 1 · 1 følger" in _flat(screen_text(facilitator))
        refreshed = _count_refreshes(monkeypatch)
        for _ in range(5):
            clock.advance(1)
            participant.report()
            await _tick(pilot)
            screen.refresh_panel()
            await pilot.pause()
        table = [r for r in refreshed if r in ("seats", "room-sent")]
        assert table == []


class ParticipantLinkForTest:
    """A participant in the same room, seen by the facilitator; reports on each call."""

    def __init__(self, room_root: Path, clock: FakeClock) -> None:
        from tbp_tui.room import ParticipantLink

        self.link = ParticipantLink.join(room_root, ROOM, "kari", clock.now)

    def report(self) -> None:
        self.link.report("kk-test", "hva-er-et-traume", True)


# ---------------------------------------------------------------- 17.9: `s` on an exercise's content note

NOTE = "Øvelsen handler om å snakke i par om en vanskelig dag."


def _noted(course: Course) -> Course:
    """The fixture course with a content note on its timed exercise (droft-i-par)."""
    from tbp_tui.record import replace

    module = course.module("kk-test")
    assert module is not None
    steps = tuple(replace(s, innholdsnotis=NOTE) if s.id == "droft-i-par" else s for s in module.steps)
    modules = tuple(replace(m, steps=steps) if m.id == "kk-test" else m for m in course.modules)
    return replace(course, modules=modules)


async def test_s_on_an_exercises_content_note_starts_the_rooms_timer_and_skips_nothing(
    room_root, clock: FakeClock, course: Course, tmp_path: Path
):
    facilitator = _facilitator_app(_noted(course), clock, room_root, tmp_path)
    async with facilitator.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        screen = await open_module(pilot, "kk-test", "droft-i-par")
        await pilot.pause()
        assert NOTE in _flat(screen_text(facilitator))  # the note is showing
        await pilot.press("s")
        await _settle(pilot)
        sent = _glue(facilitator).last_sent
        assert sent is not None and (sent.kind, sent.step, sent.minutes) == ("timer", "droft-i-par", 5.0)
        assert screen.step is not None and screen.step.id == "droft-i-par"
        assert "droft-i-par" not in facilitator.learner.skipped("kk-test")
        view = screen.view
        assert isinstance(view, ExerciseView) and view.timer is not None
        assert view.timer.countdown.state == "running"


@pytest.mark.parametrize("on_the_note_already", [True, False], ids=["on-the-note", "elsewhere"])
async def test_a_participant_on_the_content_note_gets_the_timer_once_they_go_on(
    room_root, clock: FakeClock, course: Course, data_dir: Path, on_the_note_already: bool
):
    from .conftest import open_store

    facilitator = FacilitatorLink(room_root, ROOM, clock.now)
    app = TbpApp(_noted(course), open_store(data_dir, clock),
                 AppOptions(data_dir=data_dir, room=ROOM, room_root=room_root), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _join(pilot)
        if on_the_note_already:
            facilitator.send_goto("kk-test", "droft-i-par")
            await _tick(pilot)
            assert NOTE in _flat(screen_text(app))
        facilitator.send_timer("kk-test", "droft-i-par", 5)
        await _tick(pilot)
        await pilot.pause()
        screen = module_screen(app)
        assert screen.step is not None and screen.step.id == "droft-i-par"
        assert NOTE in _flat(screen_text(app))  # the note stays until the learner chooses
        clock.advance(30)  # they read the note for half a minute
        await pilot.press("1")  # Fortsett
        await pilot.pause()
        await pilot.pause()
        view = screen.view
        assert isinstance(view, ExerciseView) and view.timer is not None
        assert view.timer.countdown.state == "running"
        assert view.timer.countdown.remaining() == 270  # the room's time, not a fresh 5:00


async def test_go_to_step_is_pushed_not_polled(make_app, room_root, clock, monkeypatch):
    """With polling pushed an hour out, «go to step» must still arrive: the follow loop wakes
    when the facilitator's state.toml changes (17: 300 ms at the 95th percentile)."""
    monkeypatch.setattr(room_glue, "FOLLOW_LOOP", True)
    facilitator = FacilitatorLink(room_root, ROOM, clock.now)
    app = make_app(room=ROOM, room_root=room_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        glue = _glue(app)
        for _ in range(200):  # the loop joins in its own thread; wait for it, boundedly
            await pilot.pause(0.05)
            if glue.state == "joined":
                break
        assert glue.state == "joined", glue.error
        facilitator.send_goto("kk-test", "sjekk-forstaelsen")
        for _ in range(200):
            await pilot.pause(0.05)
            screen = app.screen
            if getattr(screen, "step", None) is not None and screen.step.id == "sjekk-forstaelsen":
                break
        screen = module_screen(app)
        assert screen.step is not None and screen.step.id == "sjekk-forstaelsen"


async def test_the_facilitators_table_is_pushed_not_polled(room_root, clock: FakeClock, course: Course,
                                                           tmp_path: Path, monkeypatch):
    """With polling pushed an hour out, a participant who joins and moves still shows in the
    facilitator's table: the facilitator's loop wakes when a seat in seats/ changes (17)."""
    monkeypatch.setattr(room_glue, "FOLLOW_LOOP", True)
    app = _facilitator_app(course, clock, room_root, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        glue = _glue(app)
        for _ in range(200):  # the loop connects in its own thread; wait for it, boundedly
            await pilot.pause(0.05)
            if glue.state == "joined":
                break
        assert glue.state == "joined", glue.error
        assert [s for s in glue.seats if not s.facilitator] == []
        participant = ParticipantLink.join(room_root, ROOM, "standard", clock.now)
        participant.report("kk-test", "sjekk-forstaelsen", True)

        def placed() -> list[tuple[str | None, str | None]]:
            return [(s.module, s.step) for s in glue.seats if not s.facilitator]

        for _ in range(200):
            await pilot.pause(0.05)
            if placed() == [("kk-test", "sjekk-forstaelsen")]:
                break
        assert placed() == [("kk-test", "sjekk-forstaelsen")]


async def test_go_to_step_looks_nothing_up_in_the_screens(make_app, room_root, clock, monkeypatch):
    """Issue 17: 40 readers take each «go to step» at once; the room line and the page are held,
    not found by queries that walk every widget of every screen in the stack."""
    from textual.dom import DOMNode

    facilitator = FacilitatorLink(room_root, ROOM, clock.now)
    app = make_app(room=ROOM, room_root=room_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await _join(pilot)
        facilitator.send_goto("kk-test", "hva-er-et-traume")
        await _tick(pilot)
        screen = module_screen(app)
        queries: list[str] = []
        query, query_one = DOMNode.query, DOMNode.query_one
        monkeypatch.setattr(DOMNode, "query", lambda self, *a: queries.append("query") or query(self, *a))
        monkeypatch.setattr(DOMNode, "query_one",
                            lambda self, *a, **k: queries.append("query_one") or query_one(self, *a, **k))
        for step_id in ("fordypning", "oppsummering", "hva-er-et-traume"):  # text steps, the common kind
            facilitator.send_goto("kk-test", step_id)
            await _tick(pilot)
            assert screen.step is not None and screen.step.id == step_id
        assert "Rom kurs · ● følger fasilitatoren" in screen_text(app)
        assert queries == []
