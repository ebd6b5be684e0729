"""Items 4, 5 and 7 for the progress store: links, deep nesting and special files."""

from __future__ import annotations

import os
import signal
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tbp_tui.i18n import Catalog
from tbp_tui.progress.store import ProgressStore, UnsafeDataDir, forget_profile, read_progress

from .conftest import Run, no_traceback

NB = Catalog("nb")


def _profile(data: Path, name: str = "standard") -> Path:
    folder = data / "profiles" / name
    folder.mkdir(parents=True, mode=0o700)
    for part in (data, data / "profiles"):
        part.chmod(0o700)
    return folder


def _said(store: ProgressStore) -> str:
    return "\n".join(n.words(NB) for n in store.notices)


# ---------------------------------------------------------------- item 4: links


def test_a_damaged_progress_file_behind_a_link_is_not_chmodded_or_moved(tmp_path: Path) -> None:
    victim = tmp_path / "passwd"
    victim.write_text("root:x:0:0::/root:/bin/sh\n")  # not TOML: would be set aside
    victim.chmod(0o644)
    folder = _profile(tmp_path / "data")
    (folder / "progress.toml").symlink_to(victim)
    store = ProgressStore.open(tmp_path / "data", "standard")
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert victim.read_text().startswith("root:")
    assert (folder / "progress.toml").is_symlink()
    assert "lenke" in _said(store) and not store.saving


def test_a_linked_valid_progress_file_is_refused_not_replaced(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.toml"
    real.write_text('schema_version = 1\nfirst_run_done = true\n')
    folder = _profile(tmp_path / "data")
    (folder / "progress.toml").symlink_to(real)
    store = ProgressStore.open(tmp_path / "data", "standard")
    store.set_reflection("m", "s", "svar")
    store.save()
    assert (folder / "progress.toml").is_symlink()
    assert real.read_text() == 'schema_version = 1\nfirst_run_done = true\n'
    assert "lenke" in _said(store)


def test_forget_refuses_a_linked_profile_folder_with_a_message(tbp: Run, home: Path,
                                                               tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (elsewhere / "progress.toml").write_text("schema_version = 1\n")
    profiles = home / "data" / "profiles"
    profiles.mkdir(parents=True, mode=0o700)
    (home / "data").chmod(0o700)
    (profiles / "standard").symlink_to(elsewhere)
    result = tbp("forget", "--yes")
    assert result.returncode != 0
    assert "lenke" in result.stdout + result.stderr
    assert "ingen lagrede data" not in result.stdout + result.stderr
    assert (elsewhere / "progress.toml").exists()
    no_traceback(result)
    with pytest.raises(UnsafeDataDir):
        forget_profile(home / "data", "standard")


# ---------------------------------------------------------------- item 5: deep nesting


def _nested(levels: int) -> str:
    return "schema_version = 1\nx = " + "[" * levels + "]" * levels + "\n"


@pytest.mark.parametrize("levels", [300, 450, 600, 5000])
def test_deep_nesting_is_set_aside_at_start_and_later_saves_work(tmp_path: Path,
                                                                 levels: int) -> None:
    folder = _profile(tmp_path / "data")
    (folder / "progress.toml").write_text(_nested(levels))
    store = ProgressStore.open(tmp_path / "data", "standard")
    assert "flyttet" in _said(store)
    assert any(p.name.startswith("progress.toml.corrupt-") for p in folder.iterdir())
    store.set_reflection("m", "s", "mitt svar")
    assert store.save()
    assert "mitt svar" in (folder / "progress.toml").read_text()


def test_deep_nesting_does_not_crash_progress_or_export(tbp: Run, home: Path) -> None:
    folder = _profile(home / "data")
    (folder / "progress.toml").write_text(_nested(800))
    for command in ("progress", "export"):
        result = tbp(command)
        no_traceback(result)
        assert "skadet" in result.stdout + result.stderr


# ---------------------------------------------------------------- item 7: special files


def test_a_fifo_as_progress_file_neither_hangs_nor_is_replaced(tbp: Run, home: Path) -> None:
    folder = _profile(home / "data")
    os.mkfifo(folder / "progress.toml")
    with _deadline(10):
        store = ProgressStore.open(home / "data", "standard")  # open() would block for ever
    store.set_reflection("m", "s", "x")
    store.save()
    assert stat.S_ISFIFO(os.lstat(folder / "progress.toml").st_mode)
    assert "vanlig fil" in _said(store)
    result = tbp("progress", timeout=20)
    no_traceback(result)
    with _deadline(10):
        _progress, notices = read_progress(home / "data", "standard")
    assert notices


def test_a_huge_progress_file_is_set_aside_not_read(tmp_path: Path) -> None:
    folder = _profile(tmp_path / "data")
    (folder / "progress.toml").write_bytes(b"schema_version = 1\n" + b"# x\n" * 400_000)
    store = ProgressStore.open(tmp_path / "data", "standard")
    assert "flyttet" in _said(store) and store.saving


def test_set_aside_chmods_the_moved_file_not_a_link_target(tmp_path: Path) -> None:
    """Even if a link appears after the read, the chmod is on the moved entry itself."""
    from tbp_tui.progress.store import _private

    victim = tmp_path / "victim"
    victim.write_text("x")
    victim.chmod(0o644)
    link = tmp_path / "link"
    link.symlink_to(victim)
    _private(link)
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Fail (not hang) when a blocking call does not return in time."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"still blocked after {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
