"""Browser tabs in a room (`tbp serve --room`): every tab is the server's one account, so each
tab's display name is a row of its own; SSH sessions of one account stay one row, and one
account cannot flood the facilitator's table with tab names."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tbp_tui.clock import SystemClock
from tbp_tui.room import FacilitatorLink, ParticipantLink, open_room
from tbp_tui.room.files import MAX_TAB_ROWS
from tbp_tui.room.model import seat_from_toml, seat_to_toml

ROOM = "kurs"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "rooms"
    folder.mkdir(mode=0o755)  # a personal room root
    open_room(folder, ROOM, group=None, now=SystemClock().now())
    return folder


def rows(root: Path) -> dict[str, int]:
    lead = FacilitatorLink(root, ROOM, SystemClock().now, profile="leder")
    return {seat.profile: seat.sessions for seat in lead.seats() if not seat.facilitator}


def test_each_tab_name_is_a_row_and_one_name_twice_is_one_row_with_two_sessions(root: Path):
    for name in ("Kari Nordmann", "Ola", "Kari Nordmann"):
        ParticipantLink.join(root, ROOM, name, SystemClock().now, tab=True)
    assert rows(root) == {"Kari Nordmann": 2, "Ola": 1}


def test_ssh_sessions_of_one_account_stay_one_row(root: Path):
    for name in ("ada", "bo", "cyrus"):
        ParticipantLink.join(root, ROOM, name, SystemClock().now)
    assert list(rows(root).values()) == [3]


def test_one_account_cannot_flood_the_table_with_tab_names(root: Path):
    for n in range(MAX_TAB_ROWS + 10):
        ParticipantLink.join(root, ROOM, f"navn-{n:03d}", SystemClock().now, tab=True)
    found = rows(root)
    assert len(found) == MAX_TAB_ROWS
    assert sum(found.values()) == MAX_TAB_ROWS + 10  # every session still counted


def test_a_tab_seat_is_never_the_facilitators_and_a_bad_tab_field_is_no_seat():
    now = datetime.now(UTC)
    raw = seat_to_toml("Leder", None, None, True, True, now, now, tab=True)
    seat = seat_from_toml("1-a", raw, may_be_facilitator=True)
    assert seat is not None and seat.facilitator and not seat.tab
    raw = seat_to_toml("Kari", None, None, True, False, now, now, tab=True)
    assert seat_from_toml("1-b", {**raw, "tab": "ja"}, may_be_facilitator=False) is None
    seat = seat_from_toml("1-c", raw, may_be_facilitator=False)
    assert seat is not None and seat.tab and not seat.facilitator
