"""A participant who tries to spoil the room, and a second facilitator (issue 17: 4–7, 10, 12).

Who may do what is the kernel's business, so the accounts here are real uids: facilitators
65531 and 65532 (in the facilitators' group), participants 65533 and 65534. Files one of them
controls but the test only needs to exist (a crafted seat) are made here and chowned to them.
"""

from __future__ import annotations

import grp
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w

from tbp_tui.clock import FakeClock
from tbp_tui.i18n import Catalog
from tbp_tui.room import FacilitatorLink, ParticipantLink, RoomError, close_room, default_room_root, open_room
from tbp_tui.room.commands import format_seats

from .as_user import (
    ATTACKER,
    FACILITATOR_A,
    FACILITATOR_B,
    FACILITATOR_GROUP,
    LEADER_GROUPS,
    PARTICIPANT,
    PARTICIPANT_GROUP,
    Machine,
    needs_other_uids,
)
from .conftest import needs_root
from .test_room_processes import interpreter_for_others

REPO = Path(__file__).resolve().parents[2]
NB = Catalog("nb")


def opened(root: Path, clock: FakeClock) -> tuple[Path, FacilitatorLink]:
    room = open_room(root, "kurs", group=None, now=clock.now())
    return room, FacilitatorLink(root, "kurs", clock.now, profile="kursleder")


def seat_bytes(profile: str, clock: FakeClock) -> bytes:
    return tomli_w.dumps({"schema": 1, "profile": profile, "following": True, "facilitator": False,
                          "last_seen": clock.now()}).encode()


def plant(room: Path, uid: int, token: str, data: bytes) -> Path:
    """A file in seats/ that ``uid`` made (as far as every reader can tell: it owns it)."""
    path = room / "seats" / f"seat-{uid}-{token}.toml"
    path.write_bytes(data)
    os.chown(path, uid, -1)
    return path


@pytest.fixture
def trusted_root(tmp_path: Path) -> Path:
    root = tmp_path / "rooms"
    root.mkdir(mode=0o755)
    os.chmod(root, 0o755)
    return root


@pytest.fixture
def machine() -> Iterator[Machine]:
    python = interpreter_for_others()
    if python is None:
        pytest.skip("no Python interpreter that other uids may run")
    base = Path(tempfile.mkdtemp(prefix="tbp-room-trust-"))  # not under pytest's 0700 tmp
    os.chmod(base, 0o755)
    try:
        yield Machine(base, base / "rooms", python)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def shared_root(tmp_path: Path) -> Path:
    """As IT makes it: root's, the facilitators' group may create rooms, sticky."""
    root = tmp_path / "rooms"
    root.mkdir()
    os.chown(root, 0, grp.getgrnam(FACILITATOR_GROUP).gr_gid)
    os.chmod(root, 0o1775)
    return root


# ---------------------------------------------------------------- 4: one crafted seat file


@needs_root
def test_a_seat_of_nested_brackets_is_ignored_and_the_table_still_reads(trusted_root: Path,
                                                                       clock: FakeClock) -> None:
    room, lead = opened(trusted_root, clock)
    plant(room, PARTICIPANT, "0" * 16, b"a = " + b"[" * 20_000)
    plant(room, ATTACKER, "1" * 16, seat_bytes("ada", clock))
    assert [s.profile for s in lead.seats()] == ["ada"]


@needs_root
def test_room_status_with_a_crafted_seat_prints_the_table_not_a_traceback(trusted_root: Path,
                                                                          clock: FakeClock) -> None:
    room, _ = opened(trusted_root, clock)
    plant(room, PARTICIPANT, "0" * 16, b"a = " + b"[" * 20_000)
    done = subprocess.run([sys.executable, "-m", "tbp_tui", "room", "status", "kurs", "--room-root",
                           str(trusted_root)], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, check=False)
    assert "Traceback" not in done.stderr, done.stderr[-600:]
    assert done.returncode == 0 and "0 deltakere til stede" in done.stdout, done.stdout + done.stderr


# ---------------------------------------------------------------- 12: floods


@needs_root
def test_a_flood_of_seats_from_one_account_is_one_participant(trusted_root: Path, clock: FakeClock) -> None:
    room, lead = opened(trusted_root, clock)
    for i in range(500):
        plant(room, ATTACKER, f"{i:016x}", seat_bytes(f"falsk{i}", clock))
    plant(room, PARTICIPANT, "f" * 16, seat_bytes("ada", clock))
    others = [s for s in lead.seats() if not s.facilitator]
    assert len(others) == 2
    lines = format_seats(others, clock.now(), NB)
    assert len(lines) == 3


@needs_root
def test_junk_in_seats_is_scanned_a_bounded_amount_a_poll_and_cleared(
        trusted_root: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """220 k junk files once cost the facilitator 81 % of a core: every poll read them all."""
    room, lead = opened(trusted_root, clock)
    seats = room / "seats"
    old = time.time() - 3600
    for i in range(6000):
        junk = seats / f"junk-{i}"
        junk.touch()
        os.utime(junk, (old, old))
    for i in range(6000, 6010):  # junk fresh enough to be someone's half-written temp file
        (seats / f"junk-{i}").touch()
    os.chown(seats, 0, -1)
    plant(room, PARTICIPANT, "a" * 16, seat_bytes("ada", clock))
    looked: list[int] = []
    real_scandir = os.scandir

    class Counting:
        def __init__(self, path: object) -> None:
            self.inner = real_scandir(path)  # type: ignore[call-overload]
            looked.append(0)

        def __iter__(self) -> Counting:
            return self

        def __next__(self) -> os.DirEntry[str]:
            entry = next(self.inner)
            looked[-1] += 1
            return entry

        def __enter__(self) -> Counting:
            return self

        def __exit__(self, *exc: object) -> None:
            self.inner.close()

        def close(self) -> None:
            self.inner.close()

    monkeypatch.setattr(os, "scandir", Counting)
    for _ in range(5):
        lead.seats()
    monkeypatch.undo()
    assert max(looked) <= 2001, looked
    assert [s.profile for s in lead.seats()] == ["ada"]
    assert sorted(p.name for p in seats.iterdir() if p.name.startswith("junk-")) == \
        sorted(f"junk-{i}" for i in range(6000, 6010))


# ---------------------------------------------------------------- 10: names


@needs_root
def test_two_participants_on_the_default_profile_are_told_apart(trusted_root: Path, clock: FakeClock) -> None:
    room, lead = opened(trusted_root, clock)
    plant(room, PARTICIPANT, "a" * 16, seat_bytes("standard", clock))
    plant(room, ATTACKER, "b" * 16, seat_bytes("standard", clock))
    rows = format_seats([s for s in lead.seats() if not s.facilitator], clock.now(), NB)[1:]
    assert len(rows) == 2 and rows[0].split("  ")[0] != rows[1].split("  ")[0], rows
    assert any("nobody" in row for row in rows)  # uid 65534's account, from the system


@needs_root
@pytest.mark.parametrize("name", [
    "Eva\u2028ada      m1  s9  ja  1 s siden",           # a line separator forging a row
    "Eva\u2029x", "Eva\u202eadA", "Eva\x1b[2J", "Eva\u200b\u200b\u200b",
    "E" + "\u0301" * 300,                                 # combining marks piling over the border
    "\u3000" * 30 + "Eva",
])
def test_a_hostile_display_name_is_one_plain_line(trusted_root: Path, clock: FakeClock, name: str) -> None:
    room, lead = opened(trusted_root, clock)
    plant(room, PARTICIPANT, "a" * 16, seat_bytes(name, clock))
    plant(room, ATTACKER, "b" * 16, seat_bytes("bo", clock))
    seats = [s for s in lead.seats() if not s.facilitator]
    lines = format_seats(seats, clock.now(), NB)
    assert "\n".join(lines).splitlines() == lines and len(lines) == 3
    for seat in seats:
        assert len(seat.profile) <= 32
        assert not any(unicodedata.category(ch)[0] == "C" or unicodedata.category(ch) in ("Zl", "Zp")
                       for ch in seat.profile), repr(seat.profile)
        marks = sum(1 for ch in seat.profile if unicodedata.category(ch)[0] == "M")
        assert marks <= 2, repr(seat.profile)


# ---------------------------------------------------------------- 6: whose room is followed


@needs_root
def test_a_room_reopened_by_another_owner_is_not_followed(shared_root: Path, clock: FakeClock) -> None:
    _, lead = opened(shared_root, clock)
    ada = ParticipantLink.join(shared_root, "kurs", "ada", clock.now)
    lead.send_goto("m1", "s1")
    assert ada.poll() is not None
    close_room(shared_root, "kurs")
    room = open_room(shared_root, "kurs", group=None, now=clock.now())
    for path in (room, room / "seats", room / "state.toml"):
        os.chown(path, FACILITATOR_B, -1)  # someone else's room under the same name now
    with pytest.raises(RoomError) as info:
        ada.poll()
    assert info.value.code == "owner-changed"


def test_a_room_reopened_by_the_same_owner_starts_over(trusted_root: Path, clock: FakeClock) -> None:
    _, lead = opened(trusted_root, clock)
    ada = ParticipantLink.join(trusted_root, "kurs", "ada", clock.now)
    lead.send_goto("m1", "s3")
    assert ada.poll() is not None
    close_room(trusted_root, "kurs")
    _, again = opened(trusted_root, clock)
    first = again.send_goto("m1", "s1")
    assert ada.poll() == first


def test_the_default_room_root_is_not_in_a_folder_everyone_can_write() -> None:
    """/tmp/tbp-rooms let any participant create the root or a room name first."""
    root = default_room_root({})
    for folder in root.parents:
        if folder.exists():
            assert not os.stat(folder).st_mode & stat.S_IWOTH, folder


@needs_other_uids
def test_a_room_in_a_root_anyone_can_write_is_not_joined(machine: Machine) -> None:
    """A participant with a shell makes the root (1777, like /tmp/tbp-rooms) and the room first."""
    machine.root.mkdir()
    os.chmod(machine.root, 0o1777)
    made = machine.tbp(ATTACKER, "room", "open", "mandag", "--group", PARTICIPANT_GROUP)
    assert made.returncode in (0, 1), made.stderr
    join = ("import sys; from pathlib import Path; from tbp_tui.clock import SystemClock\n"
            "from tbp_tui.room import ParticipantLink, RoomError\n"
            "try:\n    ParticipantLink.join(Path(sys.argv[1]), 'mandag', 'ada', SystemClock().now)\n"
            "except RoomError as exc:\n    print(exc.code)\nelse:\n    print('joined')\n")
    done = machine.run(PARTICIPANT, join, str(machine.root))
    assert done.stdout.strip() in ("unsafe", "missing"), done.stdout + done.stderr


@needs_other_uids
def test_participants_cannot_create_or_take_the_root_or_a_room_name(machine: Machine) -> None:
    machine.make_root()
    probe = ("import os, sys\nroot = sys.argv[1]\n"
             "for what in (lambda: os.mkdir(os.path.join(root, 'mandag')),\n"
             "             lambda: open(os.path.join(root, 'mandag'), 'x').close(),\n"
             "             lambda: os.rename(root, root + '-old')):\n"
             "    try:\n        what()\n    except PermissionError:\n        print('refused')\n"
             "    else:\n        print('allowed')\n")
    done = machine.run(ATTACKER, probe, str(machine.root))
    assert done.stdout.split() == ["refused"] * 3, done.stdout + done.stderr
    opened_ = machine.tbp(FACILITATOR_A, "room", "open", "mandag", "--group", PARTICIPANT_GROUP,
                          groups=LEADER_GROUPS)
    assert opened_.returncode == 0, opened_.stderr


# ---------------------------------------------------------------- 5: squatting a seat


@needs_other_uids
def test_a_file_at_a_participants_predictable_seat_name_does_not_keep_them_out(machine: Machine) -> None:
    """The export dialog could write `seat-<uid>-<hash of "standard">.toml` for someone else."""
    machine.make_root()
    made = machine.tbp(FACILITATOR_A, "room", "open", "mandag", "--group", PARTICIPANT_GROUP,
                       groups=LEADER_GROUPS)
    assert made.returncode == 0, made.stderr
    digest = hashlib.sha256(b"standard").hexdigest()[:16]
    squat = ("import sys; open(sys.argv[1], 'x').write('# eksport')")
    seat = machine.root / "mandag" / "seats" / f"seat-{PARTICIPANT}-{digest}.toml"
    assert machine.run(ATTACKER, squat, str(seat)).returncode == 0
    join = ("import sys; from pathlib import Path; from tbp_tui.clock import SystemClock\n"
            "from tbp_tui.room import ParticipantLink, RoomError\n"
            "try:\n    ParticipantLink.join(Path(sys.argv[1]), 'mandag', 'standard', SystemClock().now)\n"
            "except RoomError as exc:\n    print(exc.code)\nelse:\n    print('joined')\n")
    done = machine.run(PARTICIPANT, join, str(machine.root))
    assert done.stdout.strip() == "joined", done.stdout + done.stderr


# ---------------------------------------------------------------- 7 and 12: facilitators, close


@needs_other_uids
def test_the_first_facilitator_does_not_make_the_root_and_a_second_can_open_a_room(machine: Machine) -> None:
    os.chmod(machine.base, 0o1777)  # like /tmp, where the first facilitator once made the root theirs
    first = machine.tbp(FACILITATOR_A, "room", "open", "a", "--group", PARTICIPANT_GROUP,
                        groups=LEADER_GROUPS)
    assert first.returncode == 1 and "install -d -o root" in first.stderr, first.stdout + first.stderr
    assert not machine.root.exists()
    os.chmod(machine.base, 0o755)
    machine.make_root()
    for uid, name in ((FACILITATOR_A, "a"), (FACILITATOR_B, "b")):
        done = machine.tbp(uid, "room", "open", name, "--group", PARTICIPANT_GROUP, groups=LEADER_GROUPS)
        assert done.returncode == 0, done.stderr
    closed = machine.tbp(FACILITATOR_A, "room", "close", "a", groups=LEADER_GROUPS)
    assert closed.returncode == 0, closed.stderr
    assert sorted(p.name for p in machine.root.iterdir()) == ["b"]
    assert stat.S_IMODE(os.stat(machine.root).st_mode) == 0o1775 and os.stat(machine.root).st_uid == 0
    taken = machine.tbp(FACILITATOR_A, "room", "close", "b", groups=LEADER_GROUPS)
    assert taken.returncode == 1 and (machine.root / "b").is_dir()


@needs_other_uids
def test_a_mode_000_folder_in_seats_does_not_block_room_close(machine: Machine) -> None:
    machine.make_root()
    made = machine.tbp(FACILITATOR_A, "room", "open", "mandag", "--group", PARTICIPANT_GROUP,
                       groups=LEADER_GROUPS)
    assert made.returncode == 0, made.stderr
    block = ("import os, sys\nd = os.path.join(sys.argv[1], 'x')\nos.mkdir(d)\n"
             "open(os.path.join(d, 'y'), 'w').close()\nos.chmod(d, 0)\n")
    planted = machine.run(PARTICIPANT, block, str(machine.root / "mandag" / "seats"))
    assert planted.returncode == 0, planted.stderr
    closed = machine.tbp(FACILITATOR_A, "room", "close", "mandag", groups=LEADER_GROUPS)
    assert closed.returncode == 0, closed.stdout + closed.stderr
    assert not (machine.root / "mandag").exists()
    again = machine.tbp(FACILITATOR_A, "room", "open", "mandag", "--group", PARTICIPANT_GROUP,
                        groups=LEADER_GROUPS)
    assert again.returncode == 0, again.stderr

