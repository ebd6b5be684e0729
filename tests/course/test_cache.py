"""The kept copy of a read course (course/cache.py), through the CLI's `load_or_report`.

Whether the copy was used is seen from outside: `validate_course` is replaced by one that records
its calls, and the course returned must equal a fresh read of the files as they are.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from tbp_tui import cli
from tbp_tui.course import cache, loader, validate_course
from tbp_tui.course.cache import cache_file


@pytest.fixture(autouse=True)
def copy_written_before_we_look(monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy is written in a thread (test_cache_in_background.py); these tests look at it
    right after `load_or_report`, so they wait for that thread."""
    real = cache.keep_in_background

    def joined(*args):  # type: ignore[no-untyped-def]
        writer = real(*args)
        writer.join()
        return writer

    monkeypatch.setattr(cache, "keep_in_background", joined)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every course folder the CLI reads from its files (not from a kept copy)."""
    calls: list[Path] = []

    def counting(path: Path):  # type: ignore[no-untyped-def]
        calls.append(path)
        return validate_course(path)

    monkeypatch.setattr(loader, "validate_course", counting)
    return calls


def _fresh(root: Path):  # type: ignore[no-untyped-def]
    course, problems = validate_course(root)
    assert course is not None, problems
    return course


def test_the_second_start_uses_the_copy_and_gets_the_same_course(make_course, tmp_path, reads):
    root, data = make_course(), tmp_path / "data"
    first = cli.load_or_report(root, data, keep=True)
    second = cli.load_or_report(root, data, keep=True)
    assert len(reads) == 1
    assert first == second == _fresh(root)
    assert second is not first


def test_any_change_to_a_course_file_means_reading_it_again(make_course, tmp_path, reads):
    root, data = make_course(), tmp_path / "data"
    cli.load_or_report(root, data, keep=True)
    kk = root / "kk.toml"
    text = kk.read_text(encoding="utf-8")
    kk.write_text(text.replace('title = "', 'title = "Endret: ', 1), encoding="utf-8")
    changed = cli.load_or_report(root, data, keep=True)
    assert len(reads) == 2
    assert changed == _fresh(root)
    assert any(m.title.startswith("Endret: ") for m in changed.modules)
    (root / "ny.toml").write_text("# a file the validator will complain about\n", encoding="utf-8")
    assert cli.load_or_report(root, data, keep=True) is None  # not the copy: the problem is reported
    assert len(reads) == 3


def test_the_copy_is_private_and_holds_no_learner_text(make_course, tmp_path, reads):
    root, data = make_course(), tmp_path / "data"
    cli.load_or_report(root, data, keep=True)
    file = cache_file(data / "cache", root)
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert stat.S_IMODE(file.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert [p.name for p in data.rglob("*")] == ["cache", file.name]


def test_guest_mode_writes_nothing(make_course, tmp_path, reads):
    root, data = make_course(), tmp_path / "data"
    cli.load_or_report(root, data, keep=False)
    cli.load_or_report(root, data, keep=False)
    assert not data.exists()
    assert len(reads) == 2


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_a_damaged_copy_is_ignored_and_replaced(make_course, tmp_path, reads, damage):
    root, data = make_course(), tmp_path / "data"
    cli.load_or_report(root, data, keep=True)
    file = cache_file(data / "cache", root)
    whole = file.read_bytes()
    damaged = {"truncated": whole[: len(whole) // 2], "garbage": os.urandom(len(whole)), "empty": b""}
    file.write_bytes(damaged[damage])
    assert cli.load_or_report(root, data, keep=True) == _fresh(root)
    assert len(reads) == 2
    assert file.read_bytes() == whole  # written again for the next start
    cli.load_or_report(root, data, keep=True)
    assert len(reads) == 2


def test_a_copy_others_could_have_written_is_not_read(make_course, tmp_path, reads):
    root, data = make_course(), tmp_path / "data"
    cli.load_or_report(root, data, keep=True)
    cache_file(data / "cache", root).chmod(0o666)
    cli.load_or_report(root, data, keep=True)
    assert len(reads) == 2


def test_an_unsafe_data_folder_gets_no_copy(make_course, tmp_path, reads):
    root, data = make_course(), tmp_path / "data"
    data.mkdir()
    data.chmod(0o777)  # writable by anyone, no sticky bit
    assert cli.load_or_report(root, data, keep=True) == _fresh(root)
    assert list(data.iterdir()) == []


def test_a_data_folder_that_cannot_be_written_still_starts(make_course, tmp_path, reads):
    root = make_course()
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    assert cli.load_or_report(root, blocker / "data", keep=True) == _fresh(root)


@pytest.mark.parametrize("odd", ["fifo", "symlink"])
def test_a_fifo_or_link_in_place_of_the_copy_is_ignored_without_a_hang_and_replaced(
        make_course, tmp_path, reads, odd):
    root, data = make_course(), tmp_path / "data"
    cli.load_or_report(root, data, keep=True)
    file = cache_file(data / "cache", root)
    whole = file.read_bytes()
    file.unlink()
    if odd == "fifo":
        os.mkfifo(file, 0o600)
    else:
        elsewhere = tmp_path / "elsewhere.pickle"
        elsewhere.write_bytes(whole)
        elsewhere.chmod(0o600)
        file.symlink_to(elsewhere)
    got: list[object] = []
    starting = threading.Thread(target=lambda: got.append(cli.load_or_report(root, data, keep=True)),
                                daemon=True)
    starting.start()
    starting.join(10)
    assert got == [_fresh(root)], "read from the course files, without a hang"
    assert len(reads) == 2
    assert file.is_file() and not file.is_symlink()
    assert file.read_bytes() == whole  # written again for the next start
