"""Shared pieces of the shared-account tests: a canary answer and cheap or real seals."""

from __future__ import annotations

from pathlib import Path

import pytest

from tbp_tui.progress.sealed import Seal, new_seal
from tbp_tui.progress.store import ProgressStore

CANARY = "KANARI-7f3a nattevakt æøå"
PASSPHRASE = "blå hest om natta"
MODULE, STEP = "kk-test", "egen-erfaring"


def cheap_seal(passphrase: str = PASSPHRASE) -> Seal:
    """A seal with a small scrypt cost, for tests where the cost is not the point."""
    return new_seal(passphrase, n=2**10)


def every_byte(folder: Path) -> bytes:
    """All bytes of every file under ``folder`` (names included), for canary searches."""
    found = b""
    for path in sorted(folder.rglob("*")):
        found += str(path).encode() + b"\0"
        if path.is_file() and not path.is_symlink():
            found += path.read_bytes()
    return found


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    return folder


def protected_profile(data: Path, name: str = "anna", seal: Seal | None = None) -> Seal:
    """A protected profile holding the canary as a reflection; returns its seal."""
    seal = seal or cheap_seal()
    store = ProgressStore.open(data, name, seal=seal)
    store.set_position(MODULE, STEP)
    store.mark_seen(MODULE, STEP)
    store.set_reflection(MODULE, STEP, CANARY)
    assert store.save()
    return seal
