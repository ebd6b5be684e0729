"""ProgressStore in one process: saving, damaged files, unwritable dirs, guest, safety, merge."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import stat
import subprocess
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from progress_testkit import tree

from tbp_tui.files import atomic
from tbp_tui.i18n import Catalog
from tbp_tui.progress.store import (
    GUEST_NOTICE,
    InvalidProfileName,
    ProgressStore,
    UnsafeDataDir,
)

NB, EN = Catalog("nb"), Catalog("en")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


class StepClock:
    """A clock that moves one second per call, so timestamps are predictable."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def full_store(store: ProgressStore) -> None:
    store.set_position("kk1", "b")
    store.mark_seen("kk1", "a")
    store.mark_seen("kk1", "b")
    store.mark_seen("kk1", "a")  # ordered set: no duplicate
    store.mark_skipped("kk1", "c")
    store.set_reflection("kk1", "r", "Mitt svar")
    store.record_quiz("kk1", "q", [1, 3], False)
    store.record_quiz("kk1", "q", [2], True)
    store.add_time("kk1", 30.5)
    store.add_time("kk1", 10)
    store.set_approach("erfaring")
    store.set_setting("theme", "mørk")
    store.set_setting("language", "en")
    store.set_setting("bell", False)
    store.set_first_run_done()


# ------------------------------------------------------------------ basic persistence


def test_everything_saved_is_loaded_again(data_dir: Path) -> None:
    store = ProgressStore.open(data_dir, "kari", clock=StepClock())
    assert store.saving and store.notices == []
    full_store(store)
    assert store.save() is True
    again = ProgressStore.open(data_dir, "kari")
    assert again.progress == store.progress
    m = again.progress.modules["kk1"]
    assert m.seen == ["a", "b"] and m.skipped == ["c"] and m.seconds == 40.5
    assert m.reflections["r"].text == "Mitt svar"
    assert m.reflections["r"].written_at.endswith("Z")
    assert [(a.chosen, a.correct) for a in m.quiz["q"]] == [([1, 3], False), ([2], True)]
    p = again.progress
    assert (p.approach, p.settings.theme, p.settings.language, p.settings.bell) == (
        "erfaring", "mørk", "en", False)
    assert p.first_run_done and p.current is not None and p.current.step == "b"


def test_approach_none_means_all(data_dir: Path) -> None:
    store = ProgressStore.open(data_dir, "kari")
    store.set_approach("praksis")
    store.save()
    store.set_approach(None)
    store.save()
    assert ProgressStore.open(data_dir, "kari").progress.approach is None


def test_invalid_values_are_refused_before_they_reach_the_file(data_dir: Path) -> None:
    store = ProgressStore.open(data_dir, "kari")
    for bad in (
        lambda: store.set_approach("alt"),
        lambda: store.set_setting("language", "de"),
        lambda: store.set_setting("bell", "ja"),
        lambda: store.set_setting("farge", None),
        lambda: store.record_quiz("m", "q", [0], True),
        lambda: store.add_time("m", float("nan")),
        lambda: store.add_time("m", -1),
    ):
        with pytest.raises(ValueError):
            bad()
    assert store.save() is True
    assert ProgressStore.open(data_dir, "kari").progress == store.progress


def test_lone_surrogates_do_not_break_saving(data_dir: Path) -> None:
    store = ProgressStore.open(data_dir, "kari")
    store.set_reflection("m", "r", "før \udcff etter")
    assert store.save() is True
    text = ProgressStore.open(data_dir, "kari").progress.modules["m"].reflections["r"].text
    assert text.startswith("før ") and text.endswith(" etter")


def test_missing_data_dir_is_created_private_even_with_umask_000(
    data_dir: Path, umask_000: None
) -> None:
    store = ProgressStore.open(data_dir / "dypt" / "nede", "kari")
    store.mark_seen("m", "s")
    assert store.save()
    root = data_dir / "dypt" / "nede"
    for folder in (data_dir, data_dir / "dypt", root, root / "profiles", root / "profiles" / "kari"):
        assert mode(folder) == 0o700, folder
    for file in store.paths["progress_file"], store.paths["lock_file"]:
        assert mode(file) == 0o600, file


def test_paths_are_the_real_files(data_dir: Path) -> None:
    store = ProgressStore.open(data_dir, "kari")
    store.mark_seen("m", "s")
    store.save()
    p = store.paths
    assert p["data_dir"] == data_dir
    assert p["progress_file"].is_file() and p["lock_file"].is_file()
    assert p["progress_file"].parent == p["profile_dir"]


def test_none_data_dir_uses_platform_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    store = ProgressStore.open(None, "kari")
    assert store.paths["data_dir"] == tmp_path / "xdg" / "tbp-tui"


def test_save_with_nothing_pending_writes_nothing(data_dir: Path) -> None:
    store = ProgressStore.open(data_dir, "kari")
    assert store.save() is True
    assert not store.paths["progress_file"].exists()


# ------------------------------------------------------------------ damaged files


DAMAGED = {
    "not-toml": b"dette er [ikke toml",
    "not-utf8": b'schema_version = 1\ntheme = "\xff\xfe"\n',
    "empty": b"",
    "binary": bytes(range(256)) * 4,
    "truncated": b'schema_version = 1\n[modules.kk1.reflections.r]\ntext = "halve sva',
    "wrong-types": b'schema_version = 1\n[modules.kk1]\nseen = 12\n',
    "future-schema": b"schema_version = 2\n[modules.kk1]\nseen = []\n",
    "impossible-schema": b'schema_version = "en"\n',
}


@pytest.mark.parametrize("kind", sorted(DAMAGED))
def test_damaged_file_is_moved_aside_and_learner_starts_afresh(
    data_dir: Path, kind: str, umask_000: None
) -> None:
    file = data_dir / "profiles" / "kari" / "progress.toml"
    file.parent.mkdir(parents=True, mode=0o700)
    file.parent.chmod(0o700)
    data_dir.chmod(0o700)
    (data_dir / "profiles").chmod(0o700)
    file.write_bytes(DAMAGED[kind])
    file.chmod(0o644)
    store = ProgressStore.open(data_dir, "kari")
    aside = sorted(file.parent.glob("progress.toml.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes() == DAMAGED[kind]  # the learner's bytes are not lost
    assert mode(aside[0]) == 0o600
    assert not file.exists()
    assert len(store.notices) == 1 and str(aside[0]) in store.notices[0].words(NB)
    assert "blanke ark" in store.notices[0].words(NB)
    assert store.saving and store.progress.modules == {}
    store.mark_seen("kk1", "a")
    assert store.save()
    assert ProgressStore.open(data_dir, "kari").progress.modules["kk1"].seen == ["a"]


def test_two_damaged_files_in_the_same_second_do_not_overwrite_each_other(data_dir: Path):
    clock = lambda: datetime(2026, 1, 1, tzinfo=UTC)  # noqa: E731
    file = data_dir / "profiles" / "kari" / "progress.toml"
    for content in (b"first", b"second"):
        if not file.parent.exists():
            ProgressStore.open(data_dir, "kari")
        file.write_bytes(content)
        ProgressStore.open(data_dir, "kari", clock=clock)
    aside = sorted(file.parent.glob("progress.toml.corrupt-*"))
    assert sorted(p.read_bytes() for p in aside) == [b"first", b"second"]


def test_every_truncation_of_a_real_file_is_handled(data_dir: Path) -> None:
    """Whatever prefix of a valid file is found, open() never raises and keeps a valid state."""
    store = ProgressStore.open(data_dir, "kari")
    full_store(store)
    store.save()
    file = store.paths["progress_file"]
    good = file.read_bytes()
    outcomes = {"valid": 0, "aside": 0}
    for cut in range(0, len(good), 3):
        file.write_bytes(good[:cut])
        s = ProgressStore.open(data_dir, "kari")
        aside = list(file.parent.glob("progress.toml.corrupt-*"))
        if aside:
            outcomes["aside"] += 1
            assert aside[0].read_bytes() == good[:cut]
            assert s.progress.modules == {}
            for p in aside:
                p.unlink()
        else:
            outcomes["valid"] += 1
            assert s.notices == []
    assert outcomes["aside"] > 0


# ------------------------------------------------------------------ unwritable data dirs


def _nothing_saved_notice(store: ProgressStore, t: Catalog = NB) -> str:
    """The one «Framgang blir ikke lagret» notice, in the language of ``t``."""
    notes = [n.words(t) for n in store.notices if n.words(NB).startswith("Framgang blir ikke lagret")]
    assert len(notes) == 1, store.notices
    return notes[0]


def test_data_dir_under_a_regular_file(tmp_path: Path) -> None:
    """Missing and impossible to create (works the same for root and others)."""
    (tmp_path / "fil").write_text("ikke en mappe")
    store = ProgressStore.open(tmp_path / "fil" / "data", "kari")
    assert store.saving is False
    _nothing_saved_notice(store)
    store.set_reflection("m", "r", "bare i minnet")
    assert store.progress.modules["m"].reflections["r"].text == "bare i minnet"
    assert store.save() is False
    assert (tmp_path / "fil").read_text() == "ikke en mappe"


@contextmanager
def read_only(folder: Path) -> Iterator[str]:
    """Make ``folder`` unwritable for this process in a way that really stops writes.

    chmod 0500 does not stop root (CI runs as root), so root uses the immutable attribute
    (chattr +i) instead. The probe proves that writes are really refused before the test runs.
    """
    folder.chmod(0o500)
    method = "chmod 0500"
    if _can_write(folder):
        folder.chmod(0o700)
        method = "chattr +i"
        if shutil.which("chattr") is None or subprocess.run(
            ["chattr", "+i", str(folder)], capture_output=True, check=False
        ).returncode != 0:
            pytest.skip("cannot make a folder read-only for root here (no chattr +i); "
                        "covered by test_data_dir_under_a_regular_file and the ENOSPC test")
        if _can_write(folder):
            subprocess.run(["chattr", "-i", str(folder)], check=True)
            pytest.skip("chattr +i does not stop writes on this file system")
    try:
        yield method
    finally:
        if method == "chattr +i":
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o700)


def _can_write(folder: Path) -> bool:
    try:
        fd, name = tempfile.mkstemp(dir=folder)
    except OSError:
        return False
    os.close(fd)
    os.unlink(name)
    return True


def test_read_only_profile_dir_keeps_progress_readable_and_app_running(data_dir: Path) -> None:
    store = ProgressStore.open(data_dir, "kari")
    store.set_reflection("kk1", "r", "lagret før")
    store.save()
    folder = store.paths["profile_dir"]
    with read_only(folder):
        before = tree(data_dir)
        ro = ProgressStore.open(data_dir, "kari")
        assert ro.saving is False
        # chmod 0500 or chattr +i: a permission error, not a read-only file system (tests/hostile)
        assert "ikke tilgang" in _nothing_saved_notice(ro)
        assert _nothing_saved_notice(ro, EN) == (
            f"Progress is not being saved: {folder} (you have no permission for the folder).")
        assert ro.progress.modules["kk1"].reflections["r"].text == "lagret før"
        ro.set_reflection("kk1", "r", "ny tekst")
        assert ro.save() is False
        assert ro.progress.modules["kk1"].reflections["r"].text == "ny tekst"
        # and a store opened before the folder became read-only fails softly on save
        store.mark_seen("kk1", "x")
        assert store.save() is False and store.saving is True  # retried at the next save
        assert store.notices[-1].code == "save-failed"
        assert tree(data_dir) == before


def test_full_disk_keeps_changes_for_the_next_save_without_raising(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore.open(data_dir, "kari")
    store.mark_seen("kk1", "a")
    assert store.save()
    before = store.paths["progress_file"].read_bytes()

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", full)
    store.mark_seen("kk1", "b")
    assert store.save() is False
    assert store.saving is True  # tried again at the next save (tests/hostile: a real tmpfs)
    assert "disken er full" in store.notices[-1].words(NB)
    assert store.progress.modules["kk1"].seen == ["a", "b"]  # still in memory
    assert store.paths["progress_file"].read_bytes() == before
    leftovers = [p.name for p in store.paths["profile_dir"].iterdir()]
    assert sorted(leftovers) == ["progress.lock", "progress.toml"]
    store.mark_seen("kk1", "c")  # the app keeps going
    assert store.save() is False
    assert len(store.notices) == 1  # said once
    monkeypatch.undo()
    assert store.save() is True and store.notices[-1].code == "saving-again"


def test_profile_folder_replaced_by_a_file_mid_session(data_dir: Path) -> None:
    store = ProgressStore.open(data_dir, "kari")
    store.mark_seen("kk1", "a")
    store.save()
    shutil.rmtree(store.paths["profile_dir"])
    store.paths["profile_dir"].write_text("i veien")
    store.mark_seen("kk1", "b")
    assert store.save() is False
    assert store.saving is True and store.notices[-1].code == "save-failed"  # tried again later
    store.paths["profile_dir"].unlink()  # the file is moved out of the way: the next save works
    assert store.save() is True and store.notices[-1].code == "saving-again"


# ------------------------------------------------------------------ guest, safety, names


def test_guest_writes_and_creates_nothing(data_dir: Path, tmp_path: Path) -> None:
    existing = ProgressStore.open(data_dir, "kari")
    existing.mark_seen("kk1", "a")
    existing.save()
    before = tree(tmp_path)
    for target in (data_dir, tmp_path / "finnes-ikke"):
        guest = ProgressStore.open(target, "kari", guest=True)
        assert guest.saving is False
        assert guest.notices == [GUEST_NOTICE]
        assert guest.progress.modules == {}  # a guest does not see the learner's answers
        full_store(guest)
        assert guest.save() is False
        guest.forget()
    assert tree(tmp_path) == before


def test_guest_ignores_an_unsafe_dir_because_it_never_uses_it(tmp_path: Path) -> None:
    shared = tmp_path / "felles"
    shared.mkdir()
    shared.chmod(0o777)
    guest = ProgressStore.open(shared, "kari", guest=True)
    assert guest.saving is False
    assert list(shared.iterdir()) == []


def test_unsafe_data_dir_is_refused_with_an_explanation(tmp_path: Path) -> None:
    shared = tmp_path / "felles"
    shared.mkdir()
    shared.chmod(0o777)
    with pytest.raises(UnsafeDataDir) as info:
        ProgressStore.open(shared / "data", "kari")
    assert str(shared) in info.value.problem.words(NB)
    assert list(shared.iterdir()) == []  # refused before creating anything


def test_unsafe_profile_folder_inside_a_private_data_dir_is_refused(data_dir: Path) -> None:
    store = ProgressStore.open(data_dir, "kari")
    store.paths["profile_dir"].chmod(0o777)
    with pytest.raises(UnsafeDataDir):
        ProgressStore.open(data_dir, "kari")


@pytest.mark.parametrize("name", ["../ut", ".skjult", "", "a/b", "x" * 41])
def test_bad_profile_name_is_refused_before_touching_disk(data_dir: Path, name: str) -> None:
    with pytest.raises(InvalidProfileName) as info:
        ProgressStore.open(data_dir, name)
    assert info.value.problem.words(NB).startswith("Profilnavnet")
    assert not data_dir.exists()


# ------------------------------------------------------------------ two instances, merge


def test_two_instances_keep_different_fields_and_last_writer_wins_per_field(
    data_dir: Path,
) -> None:
    a = ProgressStore.open(data_dir, "kari")
    b = ProgressStore.open(data_dir, "kari")
    a.mark_seen("kk1", "fra-a")
    a.add_time("kk1", 10)
    a.record_quiz("kk1", "q", [1], False)
    a.set_reflection("kk1", "felles", "A skrev")
    a.set_reflection("kk1", "bare-a", "A alene")
    b.mark_seen("kk1", "fra-b")
    b.add_time("kk1", 5)
    b.record_quiz("kk1", "q", [2], True)
    b.set_reflection("kk1", "felles", "B skrev")
    b.set_setting("theme", "lys")
    assert a.save() and b.save()
    disk = ProgressStore.open(data_dir, "kari").progress.modules["kk1"]
    assert disk.seen == ["fra-a", "fra-b"]
    assert disk.seconds == 15
    assert [q.chosen for q in disk.quiz["q"]] == [[1], [2]]
    # same answer: b never saw a's, which is newer; it stays and b's is kept beside it, b is told
    assert disk.reflections["felles"].text == "A skrev"
    assert disk.reflections["felles"].extra["other_session_text"] == "B skrev"
    assert b.notices[-1].code == "conflict"
    assert disk.reflections["bare-a"].text == "A alene"
    assert b.progress.modules["kk1"] == disk  # b adopted the merged state
    # a picks up b's changes on its next save, without losing its own
    a.mark_seen("kk1", "igjen-a")
    assert a.save()
    assert a.progress.modules["kk1"].seen == ["fra-a", "fra-b", "igjen-a"]
    assert a.progress.settings.theme == "lys"


def test_unknown_keys_written_by_another_version_survive_our_save(data_dir: Path) -> None:
    store = ProgressStore.open(data_dir, "kari")
    store.mark_seen("kk1", "a")
    store.save()
    file = store.paths["progress_file"]
    file.write_text(file.read_text() + '\n[modules.kk1.reflections.ny]\ntext = "x"\n'
                    'written_at = ""\nnytt_felt = 1\n\n[fremtid]\nverdi = true\n')
    store.mark_seen("kk1", "b")
    assert store.save()
    raw = tomllib.loads(file.read_text())
    assert raw["fremtid"] == {"verdi": True}
    assert raw["modules"]["kk1"]["reflections"]["ny"]["nytt_felt"] == 1
    assert raw["modules"]["kk1"]["seen"] == ["a", "b"]


def test_file_damaged_by_someone_else_while_running_keeps_our_state(data_dir: Path) -> None:
    store = ProgressStore.open(data_dir, "kari")
    store.set_reflection("kk1", "r", "viktig")
    store.save()
    store.paths["progress_file"].write_bytes(b"\x00\x00 skrot")
    store.mark_seen("kk1", "a")
    assert store.save()
    assert any("flyttet til" in n.words(NB) for n in store.notices)
    again = ProgressStore.open(data_dir, "kari").progress.modules["kk1"]
    assert again.reflections["r"].text == "viktig" and again.seen == ["a"]


def test_lock_held_elsewhere_delays_the_save_without_losing_it(data_dir: Path) -> None:
    store = ProgressStore.open(data_dir, "kari")
    store.lock_timeout = 0.05
    store.mark_seen("kk1", "a")
    fd = os.open(store.paths["lock_file"], os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert store.save() is False
        assert store.saving is True  # not a permanent failure
        assert len(store.notices) == 1
    finally:
        os.close(fd)
    assert store.save() is True
    assert ProgressStore.open(data_dir, "kari").progress.modules["kk1"].seen == ["a"]


def test_forget_deletes_the_profile_and_nothing_else(data_dir: Path) -> None:
    kari = ProgressStore.open(data_dir, "kari")
    ola = ProgressStore.open(data_dir, "ola")
    for s in (kari, ola):
        s.mark_seen("kk1", "a")
        s.save()
    (kari.paths["profile_dir"] / "progress.toml.corrupt-20260101T000000Z").write_text("x")
    kari.forget()
    assert not kari.paths["profile_dir"].exists()
    assert kari.progress.modules == {}
    assert ProgressStore.open(data_dir, "ola").progress.modules["kk1"].seen == ["a"]


def test_stale_temp_files_from_a_crash_are_removed_on_open(data_dir: Path) -> None:
    store = ProgressStore.open(data_dir, "kari")
    stale = store.paths["profile_dir"] / ".progress.toml.tmp-99999-deadbeef"
    stale.write_text("halv")
    other = store.paths["profile_dir"] / "notat.txt"
    other.write_text("ikke vår")
    ProgressStore.open(data_dir, "kari")
    assert not stale.exists() and other.exists()


# ------------------------------------------------------------------ notices in either language


def test_a_damaged_file_is_reported_in_english_with_where_it_went(data_dir: Path) -> None:
    file = data_dir / "profiles" / "kari" / "progress.toml"
    ProgressStore.open(data_dir, "kari")
    file.write_bytes(b'schema_version = 1\nfirst_run_done = "ja"\n')
    store = ProgressStore.open(data_dir, "kari")
    [aside] = file.parent.glob("progress.toml.corrupt-*")
    [notice] = store.notices
    assert notice.words(EN) == (
        f"The progress file was damaged (first_run_done should be true or false) and has been "
        f"moved to {aside}; you start with a clean slate.")
    assert notice.words(NB) == (
        f"Framgangsfilen var skadet (first_run_done skal være true eller false) og er flyttet til "
        f"{aside}; du starter med blanke ark.")


def test_unwritable_and_busy_notices_in_english(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore.open(data_dir, "kari")
    store.lock_timeout = 0.05
    store.mark_seen("kk1", "a")
    fd = os.open(store.paths["lock_file"], os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert store.save() is False
    finally:
        os.close(fd)
    assert store.notices[-1].words(EN) == (
        "Your progress could not be saved just now because another session with the same "
        "profile is saving; it will be tried again at the next save.")

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", full)
    assert store.save() is False and store.saving is True  # retried at the next save
    folder = store.paths["profile_dir"]
    assert store.notices[-1].words(EN) == (
        f"Progress could not be saved just now: {folder} (the disk is full). tbp tries again at the "
        "next save and says when it works.")
    assert store.notices[-1].words(NB) == (
        f"Framgangen kunne ikke lagres nå: {folder} (disken er full). tbp prøver igjen ved neste "
        "lagring og sier fra når det virker.")


def test_a_guest_is_told_in_english(data_dir: Path) -> None:
    guest = ProgressStore.open(data_dir, "kari", guest=True)
    assert [n.words(EN) for n in guest.notices] == ["Guest mode: nothing is saved."]
    assert [n.words(NB) for n in guest.notices] == ["Gjestemodus: ingenting lagres."]


def test_forget_that_fails_says_why_in_english(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tbp_tui.progress import store as store_module

    store = ProgressStore.open(data_dir, "kari")
    store.mark_seen("kk1", "a")
    store.save()

    def refuse(data_dir: Path | None, profile: str, seal: object = None) -> bool:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(store_module, "forget_profile", refuse)
    store.forget()
    folder = store.paths["profile_dir"]
    assert store.notices[-1].words(EN) == f"Could not delete {folder} (the folder is read-only)."
    assert store.notices[-1].words(NB) == f"Kunne ikke slette {folder} (mappa er skrivebeskyttet)."
    monkeypatch.undo()
    folder.chmod(0o777)  # now other users could write to it: deleting is refused with the reason
    store.forget()
    assert store.notices[-1].code == "unsafe"
    assert store.notices[-1].words(EN).startswith(f"The folder {folder} can be written by all users")
    assert store.notices[-1].words(NB).startswith(f"Mappa {folder} kan skrives til av alle brukere")
    assert folder.is_dir()


def test_refusals_carry_codes_the_catalog_words(tmp_path: Path, data_dir: Path) -> None:
    shared = tmp_path / "felles"
    shared.mkdir()
    shared.chmod(0o777)
    with pytest.raises(UnsafeDataDir) as unsafe:
        ProgressStore.open(shared / "data", "kari")
    assert unsafe.value.code == "others-write" and unsafe.value.params == {"folder": str(shared)}
    assert unsafe.value.problem.words(EN) == (
        f"The folder {shared} can be written by all users, so others could read or change your "
        "progress. Use a private folder (chmod 700) with --data-dir or TBP_DATA_DIR.")
    with pytest.raises(InvalidProfileName) as bad:
        ProgressStore.open(data_dir, ".skjult")
    assert bad.value.code == "leading-dot"
    assert bad.value.problem.words(EN) == "The profile name cannot start with a dot."
    assert bad.value.problem.words(NB) == "Profilnavnet kan ikke begynne med punktum."


# ------------------------------------------------------------------ text round trip


reflection_texts = st.text(alphabet=st.characters(exclude_categories=["Cs"])) | st.sampled_from(
    ["[bold]fet[/bold] [red]x[/]", "\x00\x01\x1b[2J\x7f", '"""\'\'\'\\', "a\r\nb\rc\n",
     "\u2028\u2029\u0085\ufeff", "🙂 æøå ÆØÅ"]
)


@settings(max_examples=120, deadline=None)
@given(text=reflection_texts)
def test_reflection_text_round_trips_byte_for_byte(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = ProgressStore.open(Path(tmp), "kari")
        store.set_reflection("kk1", "r", text)
        assert store.save()
        loaded = ProgressStore.open(Path(tmp), "kari").progress.modules["kk1"].reflections["r"]
        assert loaded.text.encode("utf-8") == text.encode("utf-8")


def test_100_kb_reflection_round_trips(data_dir: Path) -> None:
    text = ("Linje med [bold]markup[/bold], \t tab, \x00 nul og æøå.\n" * 2000)[:100_000]
    store = ProgressStore.open(data_dir, "kari")
    store.set_reflection("kk1", "r", text)
    assert store.save()
    loaded = ProgressStore.open(data_dir, "kari").progress.modules["kk1"].reflections["r"].text
    assert loaded == text and len(loaded) == 100_000
