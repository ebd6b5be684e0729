"""FolderWatch: a participant's follow loop sleeps on it and wakes when the room folder changes."""

from __future__ import annotations

import threading
from pathlib import Path

from tbp_tui.files.atomic import atomic_write
from tbp_tui.room.watch import FolderWatch

WAIT = 10.0
"""Only an upper bound for a wake-up that should come at once; a pass never waits this long."""


def test_replacing_a_file_in_the_folder_wakes_the_wait(tmp_path: Path) -> None:
    watch = FolderWatch(tmp_path)
    try:
        assert watch.pushes
        assert watch.wait(0.0) is False  # nothing happened yet
        atomic_write(tmp_path / "state.toml", b"seq = 1\n", 0o640)  # how the facilitator writes
        assert watch.wait(WAIT) is True
        assert watch.wait(0.0) is False  # the events were taken
    finally:
        watch.close()


def test_wake_ends_a_wait_from_another_thread(tmp_path: Path) -> None:
    watch = FolderWatch(tmp_path)
    woke: list[bool] = []
    try:
        waiter = threading.Thread(target=lambda: woke.append(watch.wait(3600)))
        waiter.start()
        watch.wake()
        waiter.join(WAIT)
        assert woke == [True]
    finally:
        watch.close()


def test_a_missing_folder_falls_back_to_a_timed_wait(tmp_path: Path) -> None:
    watch = FolderWatch(tmp_path / "not-there")
    try:
        assert not watch.pushes
        assert watch.wait(0.0) is False
        watch.wake()
        assert watch.wait(0.0) is True  # wake() still works
    finally:
        watch.close()


def test_a_change_in_a_subfolder_does_not_wake_it(tmp_path: Path) -> None:
    """Seats live in seats/: a participant's own heartbeat must not wake its loop every time."""
    (tmp_path / "seats").mkdir()
    watch = FolderWatch(tmp_path)
    try:
        atomic_write(tmp_path / "seats" / "seat-1-abc.toml", b"x = 1\n", 0o640)
        assert watch.wait(0.0) is False
    finally:
        watch.close()


def test_a_file_written_aside_wakes_the_wait_only_once_it_is_renamed_into_place(tmp_path: Path) -> None:
    """The facilitator writes state.toml aside and renames it: waking on the file made aside
    would run a round that finds nothing new, then another (40 participants, twice over)."""
    watch = FolderWatch(tmp_path)
    try:
        aside = tmp_path / ".state.toml.tmp"
        aside.write_bytes(b"seq = 2\n")  # create, write, close
        aside.chmod(0o640)
        assert watch.wait(0.2) is False
        aside.rename(tmp_path / "state.toml")
        assert watch.wait(WAIT) is True
        (tmp_path / "state.toml").unlink()  # a removed state file (a closed room) wakes it too
        assert watch.wait(WAIT) is True
    finally:
        watch.close()
