"""Items 9 and 12: plain mode says «Lagret» only when saved, and a full or read-only disk does not
turn saving off for the session: the store retries, says when saving works again, and plain
mode asks before quitting with unsaved work."""

from __future__ import annotations

import fcntl
import io
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tbp_tui.course import load_course
from tbp_tui.i18n import Catalog
from tbp_tui.options import AppOptions
from tbp_tui.plain import run_plain
from tbp_tui.progress.store import ProgressStore

from ..mounts import tmpfs
from .hostile_course import FIXTURE

NB = Catalog("nb")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 kB tmpfs in a temporary folder."""
    with tmpfs(tmp_path / "liten", "size=64k,mode=0700") as mount:
        yield mount


def _said(store: ProgressStore, since: int = 0) -> str:
    return "\n".join(n.words(NB) for n in store.notices[since:])


def test_a_full_disk_is_retried_and_saving_says_when_it_works_again(small_disk: Path) -> None:
    store = ProgressStore.open(small_disk / "data", "kari")
    filler = small_disk / "fyll"
    filler.write_bytes(b"x" * 40_000)
    store.set_reflection("m", "s", "et svar " * 4_000)  # 32 kB: does not fit next to the filler
    assert store.save() is False
    assert store.saving, "one failed save must not turn saving off for the session"
    assert "disken er full" in _said(store)
    filler.unlink()
    before = len(store.notices)
    assert store.save() is True
    assert "lagres igjen" in _said(store, before)
    assert "et svar" in (small_disk / "data" / "profiles" / "kari" / "progress.toml").read_text()


def test_a_read_only_remount_is_retried(small_disk: Path) -> None:
    store = ProgressStore.open(small_disk / "data", "kari")
    store.set_reflection("m", "s", "først")
    assert store.save()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        store.set_reflection("m", "s", "andre")
        assert store.save() is False and store.saving
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert store.save() is True
    assert "andre" in (small_disk / "data" / "profiles" / "kari" / "progress.toml").read_text()


def _plain(store: ProgressStore, keys: str) -> str:
    out = io.StringIO()
    options = AppOptions(lang="nb", profile="kari")
    run_plain(load_course(FIXTURE), store, options, inp=io.StringIO(keys), out=out)
    return out.getvalue()


def test_plain_says_lagret_only_when_saved(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path / "data", "kari")
    store.lock_timeout = 0.05
    lock = os.open(store.paths["lock_file"], os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)  # another session is saving, for as long as this test runs
    try:
        course = load_course(FIXTURE)
        module = next(i for i, m in enumerate(course.modules, 1)
                      if any(s.kind == "reflection" for s in m.steps))
        steps = next(m for m in course.modules if any(s.kind == "reflection" for s in m.steps)).steps
        before = [s.kind for s in steps].index("reflection")
        keys = f"{module}\n" + "\n" * before + "mitt svar\n\n" + "q\nj\n"
        said = _plain(store, keys)
    finally:
        os.close(lock)
    assert "mitt svar" not in (tmp_path / "data").joinpath("profiles", "kari").glob("*").__repr__()
    assert "Lagret." not in said, said[-800:]
    assert "Ikke lagret" in said


def test_plain_does_not_promise_saving_after_saying_it_is_off(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "profiles").write_text("not a folder")  # nothing can be saved
    store = ProgressStore.open(data, "kari")
    said = _plain(store, "q\n")
    assert "ikke lagret" in said
    assert "det du har gjort, er lagret" not in said
