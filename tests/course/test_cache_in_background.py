"""The kept copy of the course is written in a thread, so a first start's home does not wait
for it (pickle, write, fsync of file and folder), and it is still whole when the process ends."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tbp_tui import cli
from tbp_tui.course import cache, loader, validate_course
from tbp_tui.course.cache import cache_file, fingerprint, load_cached


def test_load_or_report_returns_before_the_copy_is_written(make_course, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    root, data = make_course(), tmp_path / "data"
    go_on, written = threading.Event(), threading.Event()
    real_write = cache.atomic_write

    def slow_disk(path: Path, payload: bytes, *, durable: bool = True) -> None:
        go_on.wait(timeout=3)  # an fsync on a busy disk; the old code waited for it here
        real_write(path, payload, durable=durable)
        written.set()

    monkeypatch.setattr(cache, "atomic_write", slow_disk)
    course = cli.load_or_report(root, data, keep=True)
    assert course is not None
    assert not written.is_set(), "load_or_report waited for the copy to be written"
    go_on.set()
    reads: list[Path] = []
    monkeypatch.setattr(loader, "validate_course", lambda path: reads.append(path) or validate_course(path))
    assert cli.load_or_report(root, data, keep=True) == course  # waits for the writer, then uses it
    assert written.is_set() and reads == []


def test_a_process_that_ends_at_once_still_leaves_a_whole_copy(make_course, tmp_path: Path) -> None:
    root, data = make_course(), tmp_path / "data"
    script = ("import sys; from pathlib import Path; from tbp_tui import cli\n"
              "assert cli.load_or_report(Path(sys.argv[1]), Path(sys.argv[2]), keep=True) is not None\n")
    subprocess.run([sys.executable, "-c", script, str(root), str(data)], check=True, timeout=60)
    key = fingerprint(root)
    assert key is not None
    assert load_cached(data / "cache", root, key) == validate_course(root)[0]
    assert [p.name for p in (data / "cache").iterdir()] == [cache_file(data / "cache", root).name]
