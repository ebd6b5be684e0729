"""What a workshop room costs on the participant's link, measured in bytes on a real pty.

A participant idle in a room must send nothing (the room line was redrawn on every poll, which
re-laid-out the whole screen: 1.4 kB/s on home, 22–24 kB/s on a step); following a running
timer at most 250 B/s; the facilitator's panel at most 1 kB/s. A participant on a 64 kbit/s
link (the pty read at 8000 B/s) gets «go to step» within 3 s. The facilitator's commands come
from a FacilitatorLink in this process, the participant is a real tbp.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tbp_tui.clock import SystemClock
from tbp_tui.course import bundled_course_dir
from tbp_tui.room import FacilitatorLink, ParticipantLink, open_room

from .pty_driver import PtySession
from .tbp_pty import WELCOME_KEYS, tbp_argv

ROOM = "kurs"
JOINED = "Du er med i rommet"
SLOW_LINK = 8000.0
"""64 kbit/s in bytes per second."""


def _env(tmp_path: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path),
            "TERM": "xterm-256color", "LANG": "C.UTF-8"}


@pytest.fixture
def room(tmp_path: Path) -> Path:
    root = tmp_path / "rooms"
    root.mkdir(mode=0o755)  # a personal room root (IT makes the shared one)
    open_room(root, ROOM, group=None, now=SystemClock().now())
    return root


@pytest.fixture
def lead(room: Path) -> FacilitatorLink:
    return FacilitatorLink(room, ROOM, SystemClock().now, profile="kursleder")


def join(session: PtySession) -> None:
    """Past the first-start page, say yes to the room, and wait until the joined notice is gone."""
    session.wait_screen(WELCOME_KEYS, timeout=60)
    session.send_keys("\r")
    session.wait_screen("Bli med i rommet", timeout=60)
    session.send_keys("y")
    session.wait_screen("følger fasilitatoren", JOINED, timeout=60)
    session.wait_screen("følger fasilitatoren", absent=[JOINED], timeout=60)


def settle(session: PtySession, quiet: float = 1.0, limit: float = 15.0) -> None:
    """Wait until tbp has written nothing for `quiet` s (it has finished drawing), at most `limit` s.

    A tbp that never comes to rest (the old room line, redrawn every poll) passes `limit` and
    is then measured as it is.
    """
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        start = session.mark()
        time.sleep(quiet)
        if session.mark() == start:
            return


def bytes_over(session: PtySession, seconds: float) -> int:
    """Bytes tbp wrote to the terminal during `seconds` (the reader takes everything)."""
    start = session.mark()
    time.sleep(seconds)
    return session.mark() - start


@pytest.fixture
def participant(room: Path, tmp_path: Path) -> Iterator[PtySession]:
    argv = tbp_argv(tmp_path / "data", "--room", ROOM, "--room-root", str(room))
    with PtySession(argv, _env(tmp_path)) as session:
        yield session


def test_an_idle_participant_sends_nothing_on_home_or_on_a_step(
    participant: PtySession, lead: FacilitatorLink
) -> None:
    join(participant)
    settle(participant)
    assert bytes_over(participant, 3.0) == 0, "idle on home in a room"
    lead.send_goto("kk-test", "hva-er-et-traume")
    participant.wait_screen("Steg 1 av 8", "Hva er et traume?")
    settle(participant)
    assert bytes_over(participant, 3.0) == 0, "idle on a step in a room"


def test_following_a_running_timer_costs_at_most_250_bytes_a_second(
    participant: PtySession, lead: FacilitatorLink
) -> None:
    join(participant)
    lead.send_timer("kk-test", "droft-i-par", 5)
    participant.wait_screen("Steg 3 av 8", "Går")  # the timer is on screen, counting
    time.sleep(1.0)
    sent = bytes_over(participant, 4.0)
    assert sent / 4.0 <= 250, f"{sent / 4.0:.0f} B/s with a timer running"


def test_the_facilitators_panel_costs_at_most_1_kB_a_second(room: Path, tmp_path: Path) -> None:
    """Three participants keep their seats fresh; the panel shows them, the plan and a clock."""
    stop = threading.Event()
    links = [ParticipantLink.join(room, ROOM, name, SystemClock().now) for name in ("ada", "bo", "cyrus")]

    def keep_fresh() -> None:
        while not stop.wait(1.0):
            for link in links:
                link.report("kk-test", "hva-er-et-traume", True)

    reporter = threading.Thread(target=keep_fresh, daemon=True)
    reporter.start()
    argv = tbp_argv(tmp_path / "data", "--facilitator", "--room", ROOM, "--room-root", str(room))
    try:
        with PtySession(argv, _env(tmp_path), cols=120, rows=40) as session:
            session.wait_screen(WELCOME_KEYS, timeout=60)
            session.send_keys("\r")
            session.wait_screen("Start kurset: ", timeout=60)
            session.send_keys("j", "j", "\r")
            session.wait_screen("Oversikt · 8 steg")
            session.send_keys("n")
            # three sessions of one account (this test's uid) are one participant with three sessions
            session.wait_screen("Steg 1 av 8", "Deltakere: 1 · 1 følger", "(3 økter)")
            time.sleep(1.5)
            sent = bytes_over(session, 5.0)
            assert sent / 5.0 <= 1000, f"{sent / 5.0:.0f} B/s on the facilitator's panel"
    finally:
        stop.set()
        reporter.join(5)


def test_a_participant_on_a_64_kbit_link_gets_go_to_step_within_3_s(
    room: Path, lead: FacilitatorLink, tmp_path: Path
) -> None:
    """On the real course's steps, whose long bodies made every needless redraw expensive."""
    argv = [*tbp_argv(tmp_path / "data", "--room", ROOM, "--room-root", str(room))]
    argv[argv.index("--course") + 1] = str(bundled_course_dir())
    with PtySession(argv, _env(tmp_path)) as participant:
        participant.bytes_per_s = SLOW_LINK
        join(participant)
        lead.send_goto("kort-intro", "velkommen")
        participant.wait_screen("Steg 1 av", "Velkommen", timeout=30)
        time.sleep(5.0)  # a while on the step, as in a workshop: nothing may pile up meanwhile
        sent = time.monotonic()
        lead.send_goto("kort-intro", "hva-er-traumebevisst-praksis")
        participant.wait_screen("Steg 7 av", "Hva er traumebevisst praksis?", timeout=60)
        took = time.monotonic() - sent
    assert took <= 3.0, f"«go to step» took {took:.1f} s on a 64 kbit/s link"


def _bundled(argv: list[str]) -> list[str]:
    argv[argv.index("--course") + 1] = str(bundled_course_dir())
    return argv


def test_opening_a_module_is_one_paint_of_the_finished_page(
    room: Path, lead: FacilitatorLink, tmp_path: Path
) -> None:
    """The reader opened in five paints (the bare screen, the step, the step laid out again, the
    footer): about 38 kB on an 80×24 pty for a page that takes 6.5 kB to draw once."""
    argv = _bundled(tbp_argv(tmp_path / "data", "--room", ROOM, "--room-root", str(room)))
    with PtySession(argv, _env(tmp_path)) as participant:
        join(participant)
        settle(participant)
        start = participant.mark()
        lead.send_goto("kort-intro", "velkommen")
        participant.wait_screen("Steg 1 av", "Velkommen", "Esc")
        settle(participant)
        opened = participant.mark() - start
    assert opened <= 12_000, f"opening the module wrote {opened} B"


def test_the_first_go_to_step_after_a_module_opens_arrives_within_3_s_on_a_64_kbit_link(
    room: Path, lead: FacilitatorLink, tmp_path: Path
) -> None:
    """The send after the one that opened the module waited behind the opening's backlog."""
    argv = _bundled(tbp_argv(tmp_path / "data", "--room", ROOM, "--room-root", str(room)))
    with PtySession(argv, _env(tmp_path)) as participant:
        participant.bytes_per_s = SLOW_LINK
        join(participant)
        lead.send_goto("kort-intro", "velkommen")
        participant.wait_screen("Steg 1 av", timeout=30)
        sent = time.monotonic()
        lead.send_goto("kort-intro", "hva-er-traumebevisst-praksis")
        participant.wait_screen("Steg 7 av", "Hva er traumebevisst praksis?", timeout=60)
        took = time.monotonic() - sent
    assert took <= 3.0, f"«go to step» right after the module opened took {took:.1f} s on a 64 kbit/s link"
