"""The kept course copy is found by what the file system says of the course files (`stat_key`),
so a returning learner's start no longer hashes the whole course; any change is still seen.

Through the CLI's `load_or_report`, as in test_cache.py: `fingerprint` (the content hash) and
`validate_course` (reading the files) are counted.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tbp_tui import cli
from tbp_tui.course import aside, cache, loader, validate_course


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Content hashes and course reads so far; the copy is written before the next start."""
    calls = {"hashed": 0, "read": 0}
    fingerprint, keep = cache.fingerprint, cache.keep_in_background

    def hashing(course_dir: Path) -> bytes | None:
        calls["hashed"] += 1
        return fingerprint(course_dir)

    def reading(path: Path):  # type: ignore[no-untyped-def]
        calls["read"] += 1
        return validate_course(path)

    def joined(*args):  # type: ignore[no-untyped-def]
        writer = keep(*args)
        writer.join()
        return writer

    monkeypatch.setattr(cache, "fingerprint", hashing)
    monkeypatch.setattr(loader, "validate_course", reading)
    monkeypatch.setattr(cache, "keep_in_background", joined)
    monkeypatch.setattr(aside, "read_aside", lambda *args: None)  # counted here, not in a child
    return calls


def _fresh(root: Path):  # type: ignore[no-untyped-def]
    course, problems = validate_course(root)
    assert course is not None, problems
    return course


def _tick(path: Path) -> None:
    """Let the file system's clock move on past the file's last change (a few ms at most)."""
    before = path.stat().st_ctime_ns
    while time.time_ns() <= before + 20_000_000:
        time.sleep(0.005)


def test_a_settled_course_is_not_hashed_on_the_second_start(make_course, tmp_path, counted, settled):
    root, data = make_course(), tmp_path / "data"
    first = cli.load_or_report(root, data, keep=True)
    assert counted == {"hashed": 1, "read": 1}
    second = cli.load_or_report(root, data, keep=True)
    assert counted == {"hashed": 1, "read": 1}
    assert first == second == _fresh(root)


def test_a_change_that_keeps_size_and_mtime_is_seen(make_course, tmp_path, counted, settled):
    root, data = make_course(), tmp_path / "data"
    cli.load_or_report(root, data, keep=True)
    kk = root / "kk.toml"
    text = kk.read_text(encoding="utf-8")
    changed = text.replace('title = "', 'title = "X', 1).replace("\n\n", "\n", 1)  # +1 -1 byte
    assert len(changed.encode()) == len(text.encode()) and changed != text
    before = kk.stat()
    _tick(kk)
    kk.write_text(changed, encoding="utf-8")
    os.utime(kk, ns=(before.st_atime_ns, before.st_mtime_ns))  # mtime set back; ctime cannot be
    assert (kk.stat().st_size, kk.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    course = cli.load_or_report(root, data, keep=True)
    assert counted["read"] == 2
    assert course == _fresh(root)
    assert any(m.title.startswith("X") for m in course.modules)


def test_a_file_replaced_by_rename_is_seen(make_course, tmp_path, counted, settled):
    root, data = make_course(), tmp_path / "data"
    cli.load_or_report(root, data, keep=True)
    kk = root / "kk.toml"
    new = root / "kk.toml.new"
    new.write_text(kk.read_text(encoding="utf-8").replace('title = "', 'title = "Y', 1), encoding="utf-8")
    os.replace(new, kk)
    course = cli.load_or_report(root, data, keep=True)
    assert counted["read"] == 2
    assert any(m.title.startswith("Y") for m in course.modules)


def test_an_added_course_file_is_seen(make_course, tmp_path, counted, settled):
    root, data = make_course(), tmp_path / "data"
    cli.load_or_report(root, data, keep=True)
    (root / "ny.toml").write_text("# a file the validator will complain about\n", encoding="utf-8")
    assert cli.load_or_report(root, data, keep=True) is None  # not the copy: the problem is reported
    assert counted["read"] == 2


def test_files_changed_just_now_are_hashed_every_start(make_course, tmp_path, counted):
    """Copied a moment ago: within RACY_SECONDS, so no stat key is kept and the content decides."""
    root, data = make_course(), tmp_path / "data"
    assert cache.stat_key(root) is None
    cli.load_or_report(root, data, keep=True)
    second = cli.load_or_report(root, data, keep=True)
    assert counted == {"hashed": 2, "read": 1}
    assert second == _fresh(root)


def test_a_fifo_among_the_course_files_gives_no_stat_key(make_course, settled):
    root = make_course()
    os.mkfifo(root / "rør.toml")
    assert cache.stat_key(root) is None
