"""The room folder: who may write what, the commands, the seats and what never gets in."""

from __future__ import annotations

import grp
import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest
import tomli_w

from tbp_tui.clock import FakeClock
from tbp_tui.files.atomic import atomic_write
from tbp_tui.progress import ProgressStore
from tbp_tui.room import (
    STALE_AFTER,
    Command,
    FacilitatorLink,
    ParticipantLink,
    RoomError,
    close_room,
    default_room_root,
    describe_room,
    follow_tick,
    open_room,
    valid_room_name,
)
from tbp_tui.room.files import parse_state

from .conftest import needs_root

NOBODY = 65534


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def opened(root: Path, clock: FakeClock, name: str = "kurs") -> tuple[Path, FacilitatorLink]:
    room = open_room(root, name, group=None, now=clock.now())
    return room, FacilitatorLink(root, name, clock.now, profile="kursleder")


# ---------------------------------------------------------------- the folder


def test_open_room_creates_group_folders_with_the_promised_modes(root: Path, clock: FakeClock) -> None:
    old = os.umask(0o077)  # a strict umask must not leave the group out ...
    try:
        room = open_room(root, "kurs-1", group=None, now=clock.now())
    finally:
        os.umask(old)
    assert room == root / "kurs-1"
    assert mode(root) == 0o755  # the root is IT's (or the user's own): tbp never changes it
    assert mode(room) == 0o2750
    assert mode(room / "seats") == 0o3770
    assert mode(room / "state.toml") == 0o640
    for path in (room, room / "seats", room / "state.toml"):
        st = os.lstat(path)
        assert (st.st_uid, st.st_gid) == (os.geteuid(), os.getegid())


def test_open_room_with_a_lax_umask_still_keeps_others_out(root: Path, clock: FakeClock) -> None:
    old = os.umask(0)
    try:
        room = open_room(root, "kurs", group=None, now=clock.now())
        link = FacilitatorLink(root, "kurs", clock.now)
        link.report("m", "s")
    finally:
        os.umask(old)
    for path in (room, room / "seats", *room.rglob("*")):
        assert not os.lstat(path).st_mode & stat.S_IWOTH, path
        assert not os.lstat(path).st_mode & stat.S_IROTH, path


@needs_root
def test_open_room_gives_the_folder_to_the_chosen_group(root: Path, clock: FakeClock) -> None:
    users = grp.getgrnam("users").gr_gid
    room = open_room(root, "kurs", group="users", now=clock.now())
    link = FacilitatorLink(root, "kurs", clock.now)
    link.report("m", "s")
    for path in (room, room / "seats", room / "state.toml", *(room / "seats").iterdir()):
        assert os.lstat(path).st_gid == users, path
    assert describe_room(root, "kurs").group == "users"


def test_unknown_group_is_refused_before_anything_is_created(root: Path, clock: FakeClock) -> None:
    with pytest.raises(RoomError) as info:
        open_room(root, "kurs", group="finnes-ikke-gruppe", now=clock.now())
    assert info.value.code == "unknown-group"
    assert "finnes-ikke-gruppe" in info.value.message
    assert list(root.iterdir()) == []


@pytest.mark.parametrize("name", ["", "Kurs", "-kurs", "a" * 33, "../x", "a/b", "kurs mandag",
                                  "kurs.1", "æøå", "kurs\n"])
def test_bad_room_names_are_refused_with_a_message(root: Path, clock: FakeClock, name: str) -> None:
    assert not valid_room_name(name)
    with pytest.raises(RoomError) as info:
        open_room(root, name, group=None, now=clock.now())
    assert info.value.code == "bad-name"
    assert "a–z" in info.value.message
    assert list(root.iterdir()) == []


@pytest.mark.parametrize("name", ["a", "kurs-1", "0", "a" * 32])
def test_good_room_names(name: str) -> None:
    assert valid_room_name(name)


def test_a_second_open_of_the_same_room_is_refused(root: Path, clock: FakeClock) -> None:
    room, link = opened(root, clock)
    link.send_goto("m", "s1")
    before = (room / "state.toml").read_bytes()
    with pytest.raises(RoomError) as info:
        open_room(root, "kurs", group=None, now=clock.now())
    assert info.value.code == "exists"
    assert "tbp room close kurs" in info.value.message
    assert (room / "state.toml").read_bytes() == before


@needs_root
def test_a_room_folder_planted_by_another_user_is_refused(root: Path, clock: FakeClock) -> None:
    planted = root / "kurs"
    planted.mkdir()
    os.chown(planted, NOBODY, NOBODY)
    with pytest.raises(RoomError) as info:
        open_room(root, "kurs", group=None, now=clock.now())
    assert info.value.code == "exists"
    assert "nobody" in info.value.message
    with pytest.raises(RoomError) as lead:
        FacilitatorLink(root, "kurs", clock.now)
    assert lead.value.code == "unsafe"  # nobody could not have made it in our root
    with pytest.raises(RoomError) as join:
        ParticipantLink.join(root, "kurs", "ada", clock.now)
    assert join.value.code == "unsafe"
    assert list(planted.iterdir()) == []


@needs_root
def test_a_root_folder_owned_by_another_user_is_refused(root: Path, clock: FakeClock) -> None:
    os.chown(root, NOBODY, NOBODY)
    with pytest.raises(RoomError) as info:
        open_room(root, "kurs", group=None, now=clock.now())
    assert info.value.code == "unsafe"
    assert "nobody" in info.value.message and str(root) in info.value.message


@pytest.mark.parametrize("root_mode", [0o777, 0o1777, 0o775])
def test_a_root_others_may_write_is_refused(root: Path, clock: FakeClock, root_mode: int) -> None:
    """1777 (like /tmp) lets a participant create a room name first; 0775 without sticky lets one
    facilitator rename another's room away."""
    os.chmod(root, root_mode)
    with pytest.raises(RoomError) as info:
        open_room(root, "kurs", group=None, now=clock.now())
    assert info.value.code == "unsafe"
    assert "alle kan" in info.value.message or "sticky" in info.value.message
    assert list(root.iterdir()) == []


def test_a_root_that_is_a_symlink_is_refused(tmp_path: Path, clock: FakeClock) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o755)
    root = tmp_path / "link"
    root.symlink_to(target)
    with pytest.raises(RoomError) as info:
        open_room(root, "kurs", group=None, now=clock.now())
    assert info.value.code == "unsafe"
    assert list(target.iterdir()) == []


def test_default_room_root() -> None:
    assert default_room_root({"TBP_ROOM_ROOT": "/srv/rom"}) == Path("/srv/rom")
    assert default_room_root({}) == Path("/var/lib/tbp-rooms")


def test_a_missing_root_is_not_made_and_the_message_gives_the_line_it_runs(tmp_path: Path,
                                                                           clock: FakeClock) -> None:
    root = tmp_path / "nowhere"
    with pytest.raises(RoomError) as info:
        open_room(root, "kurs", group=None, now=clock.now())
    assert info.value.code == "no-root"
    assert f"install -d -o root -g tbp-kursledere -m 1775 {root}" in info.value.message
    assert not root.exists()


def test_close_room_removes_everything_and_a_second_close_says_so(root: Path, clock: FakeClock) -> None:
    room, link = opened(root, clock)
    ParticipantLink.join(root, "kurs", "ada", clock.now)
    link.send_goto("m", "s")
    close_room(root, "kurs")
    assert not room.exists()
    with pytest.raises(RoomError) as info:
        close_room(root, "kurs")
    assert info.value.code == "missing"


# ---------------------------------------------------------------- commands


def test_poll_returns_each_command_once_in_seq_order(root: Path, clock: FakeClock) -> None:
    _, lead = opened(root, clock)
    ada = ParticipantLink.join(root, "kurs", "ada", clock.now)
    assert ada.poll() is None
    got: list[Command] = []
    sent = [lead.send_goto("m1", "s1")]
    got.append(ada.poll())  # type: ignore[arg-type]
    assert ada.poll() is None
    clock.advance(5)
    sent.append(lead.send_timer("m1", "s2", 4.5))
    got.append(ada.poll())  # type: ignore[arg-type]
    assert ada.poll() is None
    assert got == sent
    assert [c.seq for c in got] == [1, 2]
    assert got[1].kind == "timer" and got[1].minutes == 4.5 and got[1].sent_at == clock.now()
    assert got[0].kind == "goto" and got[0].minutes is None


def test_two_commands_between_polls_give_only_the_newest(root: Path, clock: FakeClock) -> None:
    _, lead = opened(root, clock)
    ada = ParticipantLink.join(root, "kurs", "ada", clock.now)
    lead.send_goto("m1", "s1")
    newest = lead.send_goto("m1", "s2")
    assert ada.poll() == newest
    assert ada.poll() is None


def test_state_keeps_only_the_last_few_commands_all_day(root: Path, clock: FakeClock) -> None:
    """Every participant parses state.toml on every «go to step»: it must not grow with the day."""
    room, lead = opened(root, clock)
    ada = ParticipantLink.join(root, "kurs", "ada", clock.now)
    for i in range(30):
        sent = lead.send_goto("m1", f"s{i}")
        assert ada.poll() == sent
    parsed = parse_state((room / "state.toml").read_bytes())
    assert parsed is not None
    assert [c.seq for c in parsed.commands] == [28, 29, 30]
    assert FacilitatorLink(root, "kurs", clock.now).send_goto("m1", "s9").seq == 31  # the count goes on


def test_a_late_joiner_catches_up_with_the_command_in_force(root: Path, clock: FakeClock) -> None:
    _, lead = opened(root, clock)
    lead.send_goto("m1", "s1")
    current = lead.send_goto("m1", "s4")
    late = ParticipantLink.join(root, "kurs", "bo", clock.now)
    assert late.current() == current
    assert late.poll() == current
    assert late.poll() is None
    assert late.current() == current


def test_a_new_facilitator_link_continues_the_sequence(root: Path, clock: FakeClock) -> None:
    _, lead = opened(root, clock)
    lead.send_goto("m1", "s1")
    again = FacilitatorLink(root, "kurs", clock.now)
    assert again.send_goto("m1", "s2").seq == 2


def test_bad_timer_minutes_and_ids_are_refused(root: Path, clock: FakeClock) -> None:
    _, lead = opened(root, clock)
    for minutes in (0, -1, 24 * 60 + 1):
        with pytest.raises(RoomError):
            lead.send_timer("m", "s", minutes)
    with pytest.raises(RoomError):
        lead.send_goto("m", "s\x1b[2J")


def test_a_state_file_others_could_write_is_not_followed(root: Path, clock: FakeClock) -> None:
    """An error, not a quiet notice: the status line must not say «following» meanwhile."""
    room, lead = opened(root, clock)
    ada = ParticipantLink.join(root, "kurs", "ada", clock.now)
    lead.send_goto("m", "s1")
    os.chmod(room / "state.toml", 0o660)
    with pytest.raises(RoomError) as info:
        ada.poll()
    assert info.value.code == "unsafe" and "state.toml" in info.value.message
    lead.send_goto("m", "s2")  # atomic_write makes it 0640 again: trusted from here on
    assert ada.poll() is not None


@needs_root
def test_a_state_file_owned_by_someone_else_is_ignored(root: Path, clock: FakeClock) -> None:
    room, lead = opened(root, clock)
    ada = ParticipantLink.join(root, "kurs", "ada", clock.now)
    lead.send_goto("m", "s1")
    os.chown(room / "state.toml", NOBODY, -1)
    with pytest.raises(RoomError) as info:
        ada.poll()
    assert info.value.code == "unsafe"


def test_a_vanished_room_is_a_room_error(root: Path, clock: FakeClock) -> None:
    _, lead = opened(root, clock)
    ada = ParticipantLink.join(root, "kurs", "ada", clock.now)
    close_room(root, "kurs")
    for call in (ada.poll, lambda: ada.report("m", "s", True), lead.seats,
                 lambda: lead.send_goto("m", "s")):
        with pytest.raises(RoomError) as info:
            call()
        assert info.value.code == "vanished"
        assert "finnes ikke lenger" in info.value.message
    ada.leave()  # leaving a vanished room is fine


def test_joining_a_missing_room_says_which(root: Path, clock: FakeClock) -> None:
    open_room(root, "kurs", group=None, now=clock.now())
    with pytest.raises(RoomError) as info:
        ParticipantLink.join(root, "kurz", "ada", clock.now)
    assert info.value.code == "missing"
    assert "kurz" in info.value.message


def test_a_bad_profile_name_cannot_join(root: Path, clock: FakeClock) -> None:
    open_room(root, "kurs", group=None, now=clock.now())
    with pytest.raises(RoomError) as info:
        ParticipantLink.join(root, "kurs", "../x", clock.now)
    assert info.value.code == "bad-profile"


# ---------------------------------------------------------------- seats


def test_one_account_is_one_row_with_its_first_seat_and_the_facilitator_first(
        root: Path, clock: FakeClock) -> None:
    _, lead = opened(root, clock)
    lead.report("m1", "s1")
    ada = ParticipantLink.join(root, "kurs", "Ada", clock.now)
    clock.advance(1)
    bo = ParticipantLink.join(root, "kurs", "bo", clock.now)
    ada.report("m1", "s2", True)
    clock.advance(1)
    bo.report("m1", "s3", False)  # the newer seat writes last: the row still does not flip to it
    seats = lead.seats()
    assert [(s.profile, s.module, s.step, s.following, s.facilitator, s.sessions) for s in seats] == [
        ("kursleder", "m1", "s1", True, True, 1),
        ("Ada", "m1", "s2", True, False, 2),  # one account, two profiles: one participant
    ]
    assert {s.uid for s in seats} == {os.geteuid()}


def test_stale_seats_drop_out_and_are_removed(root: Path, clock: FakeClock) -> None:
    _, lead = opened(root, clock)
    ada = ParticipantLink.join(root, "kurs", "ada", clock.now)
    bo_file = ParticipantLink.join(root, "kurs", "bo", clock.now).seat_file
    assert bo_file.exists()
    for _ in range(4):  # ada keeps polling; bo's terminal is gone
        clock.advance(STALE_AFTER.total_seconds() / 3)
        ada.report(None, None, True)
    assert [s.profile for s in lead.seats()] == ["ada"]
    assert not bo_file.exists()
    clock.advance(STALE_AFTER.total_seconds() + 1)
    assert lead.seats() == []
    ada.report(None, None, True)  # back after a pause: the seat is written again
    assert [s.profile for s in lead.seats()] == ["ada"]


def test_an_unchanged_seat_is_not_rewritten_every_poll(root: Path, clock: FakeClock) -> None:
    opened(root, clock)
    ada = ParticipantLink.join(root, "kurs", "ada", clock.now)
    seat = ada.seat_file
    ada.report("m", "s", True)
    first = os.stat(seat).st_ino
    clock.advance(1)
    ada.report("m", "s", True)
    assert os.stat(seat).st_ino == first
    ada.report("m", "s2", True)
    assert os.stat(seat).st_ino != first


def test_a_seat_file_named_for_another_uid_is_ignored(root: Path, clock: FakeClock) -> None:
    room, lead = opened(root, clock)
    other = os.geteuid() + 1
    forged = {"schema": 1, "profile": "kursleder", "following": True, "facilitator": True,
              "last_seen": clock.now()}
    (room / "seats" / f"seat-{other}-{'0' * 16}.toml").write_text(tomli_w.dumps(forged))
    assert lead.seats() == []


@needs_root
def test_a_participant_cannot_pose_as_the_facilitator(root: Path, clock: FakeClock) -> None:
    room, lead = opened(root, clock)
    posing = room / "seats" / f"seat-{NOBODY}-{'0' * 16}.toml"
    posing.write_text(tomli_w.dumps({"schema": 1, "profile": "ada", "following": True,
                                     "facilitator": True, "last_seen": clock.now()}))
    os.chown(posing, NOBODY, -1)
    assert [(s.profile, s.facilitator) for s in lead.seats()] == [("ada", False)]


def test_leave_removes_the_seat(root: Path, clock: FakeClock) -> None:
    _, lead = opened(root, clock)
    ada = ParticipantLink.join(root, "kurs", "ada", clock.now)
    assert len(lead.seats()) == 1
    ada.leave()
    assert lead.seats() == []


def test_the_room_folder_never_holds_reflections(root: Path, tmp_path: Path, clock: FakeClock) -> None:
    secret = "Min private refleksjon om søvn og skam"
    store = ProgressStore.open(tmp_path / "data", "ada")
    store.set_position("m1", "s2")
    store.set_reflection("m1", "s2", secret)
    assert store.save()
    room, lead = opened(root, clock)
    ada = ParticipantLink.join(root, "kurs", "ada", clock.now)
    lead.send_goto("m1", "s2")
    position = store.progress.current
    assert position is not None
    ada.report(position.module, position.step, True)
    files = [p for p in room.rglob("*") if p.is_file()]
    assert len(files) == 2
    for path in files:
        assert secret.encode() not in path.read_bytes()
        assert "refleksjon" not in path.read_text().lower()
    seat = next(p for p in files if p.parent.name == "seats")
    import tomllib

    assert set(tomllib.loads(seat.read_text())) == {
        "schema", "profile", "module", "step", "following", "facilitator", "last_seen", "joined"}


def test_follow_tick_hands_over_the_command_then_reports_the_new_step(root: Path, clock: FakeClock) -> None:
    _, lead = opened(root, clock)
    ada = ParticipantLink.join(root, "kurs", "ada", clock.now)
    where = {"module": "m1", "step": "s1"}

    def on_command(command: Command) -> None:
        where.update(module=command.module, step=command.step)

    assert follow_tick(ada, lambda: (where["module"], where["step"], True), on_command) is None
    sent = lead.send_goto("m2", "s7")
    assert follow_tick(ada, lambda: (where["module"], where["step"], True), on_command) == sent
    assert [(s.module, s.step) for s in lead.seats()] == [("m2", "s7")]
    clock.advance(timedelta(seconds=1).total_seconds())
    assert follow_tick(ada, lambda: (where["module"], where["step"], True), on_command) is None


def test_two_live_sessions_of_one_profile_do_not_make_the_seat_flip(root: Path, clock: FakeClock) -> None:
    """17.12: the same account and profile twice (a second SSH login): one seat, held steady."""
    _, lead = opened(root, clock)
    first = ParticipantLink.join(root, "kurs", "ada", clock.now)
    first.report("m1", "s1", True)
    clock.advance(1)  # the second login comes a moment later
    second = ParticipantLink.join(root, "kurs", "ada", clock.now)
    shown = []
    for _ in range(4):
        clock.advance(1)
        first.report("m1", "s1", True)
        second.report("m1", "s9", False)
        shown.append([(s.profile, s.step, s.following) for s in lead.seats()])
    assert shown == [[("ada", "s1", True)]] * 4
    assert [s.sessions for s in lead.seats()] == [2]  # one row, two sessions: said, not hidden
    second.leave()  # the second session leaving must not take the first one's seat with it
    assert [s.step for s in lead.seats()] == ["s1"]
    first.leave()
    clock.advance(1)
    second.report("m1", "s9", False)  # the seat is free again: the remaining session takes it
    assert [(s.step, s.following) for s in lead.seats()] == [("s9", False)]


def test_a_seat_left_stale_by_a_dead_session_is_taken_over(root: Path, clock: FakeClock) -> None:
    _, lead = opened(root, clock)
    dead = ParticipantLink.join(root, "kurs", "ada", clock.now)
    dead.report("m1", "s1", True)  # then SIGKILLed: its seat stays behind
    clock.advance(1)  # the second login comes a moment later
    alive = ParticipantLink.join(root, "kurs", "ada", clock.now)
    alive.report("m1", "s2", True)
    assert [s.step for s in lead.seats()] == ["s1"]
    clock.advance(STALE_AFTER.total_seconds() + 1)
    alive.report("m1", "s2", True)
    assert [s.step for s in lead.seats()] == ["s2"]


# ---------------------------------------------------------------- cost of a «go to step»


def test_room_files_are_replaced_without_fsync_and_progress_keeps_it(
    root: Path, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A «go to step» has every participant rewrite its seat at once: room files are replaced
    atomically (readers never see half a file) but not fsynced; what a learner keeps still is."""
    _room, lead = opened(root, clock)
    ada = ParticipantLink.join(root, "kurs", "ada", clock.now)
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    lead.send_goto("m", "s2")
    got: list[Command] = []
    follow_tick(ada, lambda: ("m", "s2", True), got.append)
    assert [c.step for c in got] == ["s2"]
    assert "s2" in ada.seat_file.read_text()  # the seat was rewritten, with the new step
    assert synced == []
    atomic_write(tmp_path / "progress.toml", b"x = 1\n")  # what progress and exports use
    assert len(synced) == 2  # the file and its folder
