"""A protected profile in the store: sealed at rest, opened only with its own passphrase."""

from __future__ import annotations

import base64
import tomllib
from pathlib import Path

import pytest

from tbp_tui.progress.sealed import ProfileLocked, WrongPassphrase, new_seal, unlock
from tbp_tui.progress.store import ProgressStore, forget_profile, protection, read_progress
from tbp_tui.session.passphrase import check_passphrase, failure_delay, new_problem, try_unlock

from .conftest import CANARY, MODULE, PASSPHRASE, STEP, cheap_seal, every_byte, protected_profile


def progress_file(data: Path, name: str = "anna") -> Path:
    return data / "profiles" / name / "progress.toml"


def test_the_canary_is_in_no_file_of_the_profile(data):
    protected_profile(data)
    raw = every_byte(data)
    assert CANARY.encode() not in raw
    assert b"nattevakt" not in raw
    parsed = tomllib.loads(progress_file(data).read_text())
    # what resume and reporting need stays readable
    assert parsed["current"] == {"module": MODULE, "step": STEP}
    assert parsed["modules"][MODULE]["seen"] == [STEP]
    assert set(parsed["modules"][MODULE]["reflections"][STEP]) == {"sealed"}


def test_an_unprotected_profile_is_written_as_before(data):
    store = ProgressStore.open(data, "bo")
    store.set_reflection(MODULE, STEP, CANARY)
    assert store.save()
    text = progress_file(data, "bo").read_text()
    assert "seal" not in text
    assert tomllib.loads(text)["modules"][MODULE]["reflections"][STEP]["text"] == CANARY


def test_without_the_passphrase_nothing_opens_reads_or_deletes(data):
    protected_profile(data)
    before = progress_file(data).read_bytes()
    with pytest.raises(ProfileLocked):
        ProgressStore.open(data, "anna")
    with pytest.raises(ProfileLocked):
        read_progress(data, "anna")
    with pytest.raises(ProfileLocked):
        forget_profile(data, "anna")
    with pytest.raises(ProfileLocked):  # another profile's seal is no key either
        ProgressStore.open(data, "anna", seal=cheap_seal())
    assert progress_file(data).read_bytes() == before


def test_a_wrong_passphrase_is_told_apart_and_the_right_one_opens(data):
    protect = new_seal(PASSPHRASE)  # the real cost (n = 2**15), as the picker makes it
    protected_profile(data, seal=protect)
    header = protection(data, "anna")
    with pytest.raises(WrongPassphrase):
        unlock(header, "blå hest om dagen")
    assert check_passphrase(header, "") is None
    seal = unlock(header, PASSPHRASE)
    progress, notices = read_progress(data, "anna", seal)
    assert notices == []
    assert progress.modules[MODULE].reflections[STEP].text == CANARY


def test_two_sessions_of_a_protected_profile_merge_on_save(data):
    seal = protected_profile(data)
    first = ProgressStore.open(data, "anna", seal=unlock(protection(data, "anna"), PASSPHRASE))
    second = ProgressStore.open(data, "anna", seal=seal)
    first.set_reflection(MODULE, "to", "første økt")
    second.set_reflection(MODULE, "tre", "andre økt")
    assert first.save() and second.save()
    merged, _ = read_progress(data, "anna", seal)
    texts = {k: r.text for k, r in merged.modules[MODULE].reflections.items()}
    assert texts == {STEP: CANARY, "to": "første økt", "tre": "andre økt"}
    assert "økt".encode() not in progress_file(data).read_bytes()


def test_forget_with_the_seal_deletes(data):
    seal = protected_profile(data)
    store = ProgressStore.open(data, "anna", seal=seal)
    store.forget()
    assert not (data / "profiles" / "anna").exists()


def test_a_changed_sealed_text_is_damage_set_aside_not_a_crash(data):
    seal = protected_profile(data)
    file = progress_file(data)
    parsed = tomllib.loads(file.read_text())
    blob = parsed["modules"][MODULE]["reflections"][STEP]["sealed"]
    flipped = bytearray(base64.b64decode(blob))
    flipped[-1] ^= 1
    file.write_text(file.read_text().replace(blob, base64.b64encode(bytes(flipped)).decode()))
    store = ProgressStore.open(data, "anna", seal=seal)
    assert [n.code for n in store.notices] == ["set-aside-fresh"]
    assert store.notices[0].reason is not None and store.notices[0].reason.code == "bad-seal"
    assert list((data / "profiles" / "anna").glob("progress.toml.corrupt-*"))


def test_sealed_texts_cannot_be_swapped_between_steps(data):
    seal = cheap_seal()
    store = ProgressStore.open(data, "anna", seal=seal)
    store.set_reflection(MODULE, "a", "svar a")
    store.set_reflection(MODULE, "b", "svar b")
    assert store.save()
    file = progress_file(data)
    parsed = tomllib.loads(file.read_text())
    ra = parsed["modules"][MODULE]["reflections"]["a"]["sealed"]
    rb = parsed["modules"][MODULE]["reflections"]["b"]["sealed"]
    file.write_text(file.read_text().replace(ra, "X").replace(rb, ra).replace("X", rb))
    _, notices = read_progress(data, "anna", seal)
    assert [n.code for n in notices] == ["damaged"]


def test_a_planted_header_cannot_ask_for_hours_of_scrypt(data):
    protected_profile(data)
    file = progress_file(data)
    file.write_text(file.read_text().replace("n = 1024", "n = 1099511627776"))
    header = protection(data, "anna")
    assert header is not None and check_passphrase(header, PASSPHRASE) is None  # refused at once


def test_a_wrong_try_waits_longer_each_time():
    header = cheap_seal().header()
    waits: list[float] = []
    failures = 0
    for _ in range(5):
        seal, failures = try_unlock(header, "feil", failures, waits.append)
        assert seal is None
    assert waits == [0.0, 1.0, 2.0, 4.0, 8.0]
    seal, failures = try_unlock(header, PASSPHRASE, failures, waits.append)
    assert seal is not None and failures == 0 and len(waits) == 5
    assert failure_delay(40) == 30.0


def test_a_new_passphrase_is_long_enough_and_typed_twice():
    assert new_problem("kort", "kort") == "too_short"
    assert new_problem("lang nok frase", "lang nok frasE") == "mismatch"
    assert new_problem("lang nok frase", "lang nok frase") is None


def test_a_seal_shown_in_a_log_or_traceback_never_shows_its_key():
    seal = cheap_seal()
    shown = repr(seal) + str(seal)
    assert seal.key.hex() not in shown and repr(seal.key) not in shown
    again = unlock(seal.header(), PASSPHRASE)  # the same profile opened again: an equal seal
    assert again == seal and hash(again) == hash(seal) and again != cheap_seal()
