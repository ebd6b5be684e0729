"""atomic_write / ensure_private_dir and the path rules (names, data dir, safety)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from tbp_tui.files import atomic
from tbp_tui.files.atomic import atomic_write, ensure_private_dir
from tbp_tui.i18n import Catalog
from tbp_tui.progress import paths

NB, EN = Catalog("nb"), Catalog("en")

IS_ROOT = os.geteuid() == 0


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ------------------------------------------------------------------ atomic_write


def test_atomic_write_creates_private_file_and_replaces(tmp_path: Path, umask_000: None) -> None:
    target = tmp_path / "f.toml"
    atomic_write(target, b"eins")
    assert target.read_bytes() == b"eins"
    assert mode(target) == 0o600
    atomic_write(target, b"zwei")
    assert target.read_bytes() == b"zwei"
    assert mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.toml"]


def test_atomic_write_honours_explicit_mode(tmp_path: Path, umask_000: None) -> None:
    target = tmp_path / "x"
    atomic_write(target, b"", mode=0o640)
    assert mode(target) == 0o640


def test_atomic_write_mode_is_exact_under_a_strict_umask(tmp_path: Path) -> None:
    """The mode must not depend on the umask either way: a strict one would turn a room's 0640
    seat file into 0600 (umask 000 alone cannot tell, since open() then already gives the mode)."""
    old = os.umask(0o077)
    try:
        atomic_write(tmp_path / "seat", b"", mode=0o640)
    finally:
        os.umask(old)
    assert mode(tmp_path / "seat") == 0o640


def test_atomic_write_failure_keeps_old_file_and_removes_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f"
    atomic_write(target, b"gammel")

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", full)
    with pytest.raises(OSError) as info:
        atomic_write(target, b"ny" * 1000)
    assert info.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"gammel"
    assert [p.name for p in tmp_path.iterdir()] == ["f"]


def test_atomic_write_handles_partial_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write

    def trickle(fd: int, data: bytes | memoryview) -> int:
        return real_write(fd, bytes(data[:7]))  # the kernel may write less than asked

    monkeypatch.setattr(atomic.os, "write", trickle)
    payload = bytes(range(256)) * 10
    atomic_write(tmp_path / "f", payload)
    assert (tmp_path / "f").read_bytes() == payload


def test_ensure_private_dir_creates_every_missing_level_0700(
    tmp_path: Path, umask_000: None
) -> None:
    target = tmp_path / "a" / "b" / "c"
    ensure_private_dir(target)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", target):
        assert folder.is_dir()
        assert mode(folder) == 0o700


def test_ensure_private_dir_leaves_existing_folders_alone(tmp_path: Path) -> None:
    existing = tmp_path / "shared"
    existing.mkdir()
    existing.chmod(0o755)
    ensure_private_dir(existing / "mine")
    assert mode(existing) == 0o755
    assert mode(existing / "mine") == 0o700


def test_ensure_private_dir_fails_under_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(OSError):
        ensure_private_dir(tmp_path / "file" / "data")


# ------------------------------------------------------------------ data dir


def test_resolve_data_dir_precedence(tmp_path: Path) -> None:
    env = {"TBP_DATA_DIR": str(tmp_path / "env")}
    assert paths.resolve_data_dir(str(tmp_path / "flag"), env) == tmp_path / "flag"
    assert paths.resolve_data_dir(tmp_path / "flag", env) == tmp_path / "flag"  # argparse Path
    assert paths.resolve_data_dir(None, env) == tmp_path / "env"
    assert paths.resolve_data_dir(None, {}) == paths.default_data_dir()
    assert paths.resolve_data_dir(None, {"TBP_DATA_DIR": ""}) == paths.default_data_dir()


def test_default_data_dir_follows_platformdirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.default_data_dir() == tmp_path / "xdg" / "tbp-tui"


def test_profile_layout(tmp_path: Path) -> None:
    p = paths.profile_paths(tmp_path, "kari")
    assert p["progress_file"] == tmp_path / "profiles" / "kari" / "progress.toml"
    assert p["lock_file"].parent == p["progress_file"].parent == p["profile_dir"]
    assert paths.DEFAULT_PROFILE == "standard"


# ------------------------------------------------------------------ profile names

GOOD_NAMES = ["standard", "Kari", "kari nordmann", "åse-2", "a", "x" * 40, "ola.n", "ümit_ø"]
#: Each refused name and the code that says why (the catalog words it).
BAD_NAMES = {
    "": "empty",
    ".": "dots",
    "..": "dots",
    ".skjult": "leading-dot",
    "a/b": "slash",
    "../etc": "slash",
    "a\\b": "slash",
    "x" * 41: "too-long",
    "tab\there": "control",
    "ny\nlinje": "control",
    "nul\x00": "control",
    "esc\x1b[31m": "control",
    " foran": "spaces",
    "bak ": "spaces",
    "rtl\u202eevil": "control",
}


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_valid_profile_names(name: str) -> None:
    assert paths.validate_profile_name(name) is None


@pytest.mark.parametrize(("name", "code"), BAD_NAMES.items())
def test_invalid_profile_names_get_a_message(name: str, code: str) -> None:
    problem = paths.validate_profile_name(name)
    assert problem is not None and problem.code == code
    assert problem.words(NB).startswith("Profilnavnet")
    assert problem.words(EN).startswith("The profile name")


def test_profile_name_reasons_carry_their_details_in_both_languages() -> None:
    too_long = paths.validate_profile_name("x" * 41)
    assert too_long is not None
    assert too_long.words(NB) == "Profilnavnet kan være høyst 40 tegn langt."
    assert too_long.words(EN) == "The profile name can be at most 40 characters long."
    slash = paths.validate_profile_name("a/b")
    assert slash is not None
    assert slash.words(NB) == "Profilnavnet kan ikke inneholde skråstrek (/ eller \\)."
    assert slash.words(EN) == "The profile name cannot contain a slash (/ or \\)."


def test_list_profiles_lists_valid_folders_only(tmp_path: Path) -> None:
    root = paths.profiles_dir(tmp_path)
    for name in ("kari", "Ola", ".skjult", "standard"):
        (root / name).mkdir(parents=True)
    (root / "fil").write_text("ikke en mappe")
    assert paths.list_profiles(tmp_path) == ["kari", "Ola", "standard"]
    assert paths.list_profiles(tmp_path / "finnes-ikke") == []


# ------------------------------------------------------------------ safety


def test_private_data_dir_is_safe(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ensure_private_dir(data)
    assert paths.check_data_dir_safe(data) is None
    assert paths.check_data_dir_safe(data / "profiles" / "kari") is None  # not created yet


def test_world_writable_data_dir_is_unsafe(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o777)
    problem = paths.check_data_dir_safe(data)
    assert problem is not None and problem.code == "others-write"
    assert problem.words(NB) == (
        f"Mappa {data} kan skrives til av alle brukere, så andre kunne lese eller endre "
        "framgangen din. Bruk en privat mappe (chmod 700) med --data-dir eller TBP_DATA_DIR.")
    assert problem.words(EN) == (
        f"The folder {data} can be written by all users, so others could read or change your "
        "progress. Use a private folder (chmod 700) with --data-dir or TBP_DATA_DIR.")


def test_world_writable_parent_without_sticky_bit_is_unsafe(tmp_path: Path) -> None:
    parent = tmp_path / "felles"
    parent.mkdir()
    parent.chmod(0o777)
    problem = paths.check_data_dir_safe(parent / "data")
    assert problem is not None and problem.params["folder"] == str(parent)
    assert str(parent) in problem.words(NB) and str(parent) in problem.words(EN)


def test_sticky_world_writable_parent_is_fine(tmp_path: Path) -> None:
    parent = tmp_path / "tmp-like"
    parent.mkdir()
    parent.chmod(0o1777)
    assert paths.check_data_dir_safe(parent / "data") is None


@pytest.mark.skipif(not IS_ROOT, reason="only root can give a folder to another user")
def test_data_dir_owned_by_another_user_is_unsafe(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    os.chown(data, 65534, 65534)
    problem = paths.check_data_dir_safe(data)
    assert problem is not None and problem.code == "not-owner"
    assert "annen bruker" in problem.words(NB) and str(data) in problem.words(NB)
    assert "belongs to another user" in problem.words(EN) and str(data) in problem.words(EN)


@pytest.mark.skipif(not IS_ROOT, reason="only root can chgrp to a group it is not in")
def test_group_writable_with_foreign_group_is_unsafe(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.chown(data, os.geteuid(), 65534)
    data.chmod(0o770)
    problem = paths.check_data_dir_safe(data)
    assert problem is not None and problem.code == "group-write"
    assert "av en gruppe" in problem.words(NB) and "by a group" in problem.words(EN)


def test_control_characters_in_a_name_are_those_unicode_calls_so() -> None:
    """The ASCII shortcut (no Unicode database on home, issue 22) refuses the same characters."""
    import unicodedata

    from tbp_tui.files.names import name_problem

    chars = [chr(i) for i in (*range(0x250), *range(0x2000, 0x2070), 0xD800, 0xFEFF, 0xFFF9, 0xE0001)]
    for ch in chars:
        expected = unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")
        assert (name_problem(f"a{ch}b") == "control") == expected, hex(ord(ch))
