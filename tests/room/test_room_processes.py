"""A facilitator and three participant processes in one room, with the real clock.

Run as root, each participant is its own uid (65532–65534) in the room's group, so the file
permissions are really exercised: nobody may write the facilitator's state.toml or another
participant's seat. Not as root, the participants share our uid and only the sync is tested.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tbp_tui.clock import SystemClock
from tbp_tui.room import FacilitatorLink, Seat, open_room

from .conftest import IS_ROOT

REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).resolve().parent / "participant_child.py"
PARTICIPANT_UIDS = (65534, 65533, 65532)
PROFILES = ("ada", "bo", "cyrus")
ROOM_GROUP = "users"
#: The issue's promise: a "go to step" reaches everyone within 2 s (1 s poll, then a report).
REACH_WITHIN = 2.0


def usable_by_others(path: Path) -> bool:
    """True if any user could run ``path``: every folder on the way and the file are o+x."""
    real = Path(os.path.realpath(path))
    return all(os.stat(p).st_mode & stat.S_IXOTH for p in [real, *real.parents])


def interpreter_for_others() -> str | None:
    """A Python of our version that another uid may run (a venv under /root is not)."""
    for candidate in (sys.executable, f"/usr/bin/python{sys.version_info[0]}.{sys.version_info[1]}"):
        if os.path.exists(candidate) and usable_by_others(Path(candidate)):
            return candidate
    return None


@dataclass
class Participant:
    profile: str
    process: subprocess.Popen[str]
    events: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def pump(self) -> None:
        assert self.process.stdout is not None and self.process.stderr is not None
        threading.Thread(target=self._read_err, daemon=True).start()
        for line in self.process.stdout:
            self.events.append(json.loads(line))

    def _read_err(self) -> None:
        assert self.process.stderr is not None
        self.errors.extend(self.process.stderr)

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in list(self.events) if e["event"] == kind]


@dataclass
class RoomRun:
    as_other_uids: bool
    participants: list[Participant]
    seats_after_goto: list[Seat]
    reached_after: float | None
    goto_seq: int
    room_files: dict[str, bytes]


def wait_until(condition: Any, timeout: float) -> bool:
    """Poll a condition against real processes (this is waiting for them, not timing them)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return bool(condition())


@pytest.fixture(scope="module")
def room_run() -> Iterator[RoomRun]:
    python = interpreter_for_others() if IS_ROOT else sys.executable
    as_other_uids = IS_ROOT and python is not None
    python = python or sys.executable
    base = Path(tempfile.mkdtemp(prefix="tbp-room-test-"))  # not under pytest's 0700 tmp
    os.chmod(base, 0o755)
    root, data = base / "rooms", base / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(base),
           "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8",
           "PYTHONPATH": os.pathsep.join([str(REPO), *site.getsitepackages()])}
    participants: list[Participant] = []
    try:
        root.mkdir(mode=0o755)  # a personal room root, as `mkdir -m 755 ~/rom` makes one
        open_room(root, "verksted", group=ROOM_GROUP if as_other_uids else None,
                  now=SystemClock().now())
        lead = FacilitatorLink(root, "verksted", SystemClock().now, profile="kursleder")
        lead.report("m1", "s1")
        for uid, profile in zip(PARTICIPANT_UIDS, PROFILES, strict=True):
            own_data = data / profile  # each participant's own home for its progress
            own_data.mkdir(mode=0o700)
            extra: dict[str, Any] = {}
            if as_other_uids:
                os.chown(own_data, uid, 65534)
                extra = {"user": uid, "group": 65534, "extra_groups": [ROOM_GROUP]}
            process = subprocess.Popen(
                [python, str(CHILD), str(root), "verksted", profile, str(data),
                 "probe" if as_other_uids else "no-probe"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                env=env, cwd=base, **extra)
            participant = Participant(profile, process)
            threading.Thread(target=participant.pump, daemon=True).start()
            participants.append(participant)

        def others() -> list[Seat]:
            return [s for s in lead.seats() if not s.facilitator]

        joined = wait_until(lambda: len(others()) == 3, timeout=15)
        assert joined, ("participants did not join: "
                        + "; ".join(f"{p.profile}: {p.events} {''.join(p.errors)}" for p in participants))
        sent = lead.send_goto("m1", "s3")
        start = time.monotonic()
        reached = wait_until(lambda: [s.step for s in others()] == ["s3"] * 3, timeout=REACH_WITHIN + 3)
        reached_after = time.monotonic() - start if reached else None
        seats = lead.seats()
        files = {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}
        for participant in participants:
            assert participant.process.stdin is not None
            participant.process.stdin.close()
        for participant in participants:
            participant.process.wait(timeout=10)
        wait_until(lambda: all(p.of("left") for p in participants), timeout=2)
        yield RoomRun(as_other_uids, participants, seats, reached_after, sent.seq, files)
    finally:
        for participant in participants:
            if participant.process.poll() is None:
                participant.process.kill()
                participant.process.wait()
        shutil.rmtree(base, ignore_errors=True)


def test_go_to_step_reaches_all_three_participants_within_2_s(room_run: RoomRun) -> None:
    assert room_run.reached_after is not None, "not every participant reported step s3"
    print(f"go to step reached all three participants after {room_run.reached_after:.2f} s")
    assert room_run.reached_after < REACH_WITHIN
    for participant in room_run.participants:
        commands = participant.of("command")
        assert [(c["seq"], c["step"]) for c in commands] == [(room_run.goto_seq, "s3")], participant.profile
        assert participant.process.returncode == 0, participant.errors
        assert participant.of("left") == [{"event": "left", "error": None}]


def test_the_facilitator_table_shows_all_four_seats(room_run: RoomRun) -> None:
    table = [(s.profile, s.step, s.facilitator) for s in room_run.seats_after_goto]
    assert table == [("kursleder", "s1", True), ("ada", "s3", False), ("bo", "s3", False),
                     ("cyrus", "s3", False)]


def test_no_reflection_reaches_the_room_folder(room_run: RoomRun) -> None:
    assert len(room_run.room_files) == 5  # state.toml + four seats
    for name, content in room_run.room_files.items():
        assert b"HEMMELIG" not in content, name
        assert b"REFLEKSJON" not in content.upper(), name


@pytest.mark.skipif(not IS_ROOT, reason="needs root to run each participant as its own uid; "
                    "as one user, file permissions cannot keep participants apart")
def test_a_participant_cannot_write_the_facilitator_state_or_another_seat(room_run: RoomRun) -> None:
    if not room_run.as_other_uids:
        pytest.skip("no Python interpreter that other uids may run (the venv is under a private folder)")
    for participant, uid in zip(room_run.participants, PARTICIPANT_UIDS, strict=True):
        probes = participant.of("probe")
        assert len(probes) == 1, "".join(participant.errors)
        probe = probes[0]
        assert probe["uid"] == uid and probe["other_seat_uid"] not in (uid, 0)
        assert probe["state_open"] == "PermissionError"
        assert probe["state_replace"] == "PermissionError"
        assert probe["seat_replace"] == "PermissionError"
        assert probe["seat_unlink"] == "PermissionError"
        assert probe["read_other_progress"] == "PermissionError"


JOIN_AS_OUTSIDER = """
import sys
from pathlib import Path
from tbp_tui.clock import SystemClock
from tbp_tui.room import ParticipantLink, RoomError
try:
    ParticipantLink.join(Path(sys.argv[1]), "verksted", "utenfor", SystemClock().now)
except RoomError as exc:
    print(exc.code)
    print(exc.message)
else:
    print("joined")
"""


@pytest.mark.skipif(not IS_ROOT, reason="needs root to run a process as a user outside the room's group")
def test_a_user_outside_the_group_is_told_to_ask_the_facilitator() -> None:
    python = interpreter_for_others()
    if python is None:
        pytest.skip("no Python interpreter that other uids may run (the venv is under a private folder)")
    base = Path(tempfile.mkdtemp(prefix="tbp-room-test-"))
    try:
        os.chmod(base, 0o755)
        (base / "rooms").mkdir(mode=0o755)
        open_room(base / "rooms", "verksted", group=ROOM_GROUP, now=SystemClock().now())
        env = {"PYTHONPATH": os.pathsep.join([str(REPO), *site.getsitepackages()]),
               "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(base), "LANG": "C.UTF-8"}
        result = subprocess.run([python, "-c", JOIN_AS_OUTSIDER, str(base / "rooms")], user=65531,
                                group=65534, extra_groups=[], env=env, capture_output=True, text=True,
                                timeout=30, check=False)
        code, message = result.stdout.splitlines()[:2]
        assert code == "no-permission", result.stderr
        assert f"«{ROOM_GROUP}»" in message and "kurslederen" in message
        assert list((base / "rooms" / "verksted" / "seats").iterdir()) == []
    finally:
        shutil.rmtree(base, ignore_errors=True)
