"""The profile picker for one account shared by a workshop (#8): pick, create, refuse bad names."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tbp_tui.i18n import Catalog
from tbp_tui.options import AppOptions
from tbp_tui.profile_choice import ENV_CHOOSE, ask_profile_lines, choose_profile, wants_choice
from tbp_tui.progress.store import ProgressStore
from tbp_tui.ui.profiles import ProfilePickerApp

from .conftest import FIXTURE_COURSE

ROOT = Path(__file__).resolve().parents[2]
ANNA = "Annas eget svar om kveldsvakta"
BO = "Bos eget svar om morgenmøtet"


def make_profile(data_dir: Path, name: str, answer: str) -> None:
    store = ProgressStore.open(data_dir, name)
    store.set_position("kk-test", "egen-erfaring")
    store.set_reflection("kk-test", "egen-erfaring", answer)
    assert store.save()


@pytest.fixture
def two_profiles(data_dir: Path) -> Path:
    make_profile(data_dir, "anna", ANNA)
    make_profile(data_dir, "bo", BO)
    return data_dir


# ------------------------------------------------------------------ when the choice is offered


def test_the_choice_is_offered_only_when_it_is_needed(data_dir, two_profiles):
    opts = AppOptions(data_dir=data_dir)
    assert wants_choice(opts, profile_given=False, asked=False, environ={})
    assert not wants_choice(opts, profile_given=True, asked=False, environ={})
    assert not wants_choice(AppOptions(data_dir=data_dir, guest=True), False, True, {})


def test_one_profile_needs_no_choice_unless_asked(tmp_path):
    alone = tmp_path / "alone"
    alone.mkdir(mode=0o700)
    make_profile(alone, "standard", "x")
    opts = AppOptions(data_dir=alone)
    assert not wants_choice(opts, profile_given=False, asked=False, environ={})
    assert wants_choice(opts, profile_given=False, asked=True, environ={})
    assert wants_choice(opts, profile_given=False, asked=False, environ={ENV_CHOOSE: "1"})
    assert not wants_choice(opts, profile_given=False, asked=False, environ={ENV_CHOOSE: "0"})


def test_choose_profile_leaves_options_alone_when_no_choice_is_needed(tmp_path):
    opts = AppOptions(data_dir=tmp_path / "none", profile="kari")
    got = choose_profile(opts, profile_given=True, asked=True, plain=True, environ={},
                         inp=io.StringIO(""), out=io.StringIO())
    assert got is opts


# ------------------------------------------------------------------ plain mode: a typed name


def test_plain_prompt_opens_an_existing_profile_by_its_name(two_profiles):
    out = io.StringIO()
    assert ask_profile_lines(two_profiles, Catalog("nb"), io.StringIO("bo\n"), out) == ("bo", None)
    assert "anna" not in out.getvalue()
    assert "andres profiler vises ikke" in out.getvalue()


def test_plain_prompt_explains_a_bad_name_and_asks_again(two_profiles):
    out = io.StringIO()
    script = io.StringIO("../smug\n.skjult\nkari\nj\n\n")
    got = ask_profile_lines(two_profiles, Catalog("nb"), script, out)
    assert got == ("kari", None)
    text = out.getvalue()
    assert "«../smug» kan ikke brukes" in text and "skråstrek" in text
    assert "«.skjult» kan ikke brukes" in text and "punktum" in text
    assert "Ny profil: kari." in text


def test_plain_prompt_in_english_and_at_end_of_input(tmp_path):
    out = io.StringIO()
    assert ask_profile_lines(tmp_path, Catalog("en"), io.StringIO("a/b\n"), out) is None
    assert "«a/b» cannot be used as a profile name. The profile name cannot contain a slash (/ or \\).\n" \
        in out.getvalue()
    assert "Profilnavnet" not in out.getvalue()


def run_tbp(data_dir: Path, script: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "TBP_DATA_DIR": str(data_dir), "TERM": "dumb", **env}
    return subprocess.run([sys.executable, "-m", "tbp_tui", "--course", str(FIXTURE_COURSE), *args],
                          input=script, capture_output=True, text=True, env=environ, cwd=ROOT, timeout=60)


def test_plain_mode_opens_the_chosen_profile_and_only_that(two_profiles):
    # kk-test is module 2; Enter past its first step shows the old answer.
    result = run_tbp(two_profiles, "bo\n2\n\nq\n", "--plain")
    assert result.returncode == 0, result.stderr
    assert BO in result.stdout
    assert ANNA not in result.stdout


def test_plain_mode_creates_a_new_profile_when_asked_by_environment(data_dir):
    result = run_tbp(data_dir, "kari\nj\n\n2\nq\n", "--plain", TBP_CHOOSE_PROFILE="1")
    assert result.returncode == 0, result.stderr
    assert "Ny profil: kari." in result.stdout
    assert (data_dir / "profiles" / "kari" / "progress.toml").exists()


def test_profile_flag_skips_the_choice(two_profiles):
    result = run_tbp(two_profiles, "2\n\nq\n", "--plain", "--profile", "anna")
    assert result.returncode == 0, result.stderr
    assert "Velg profil" not in result.stdout
    assert ANNA in result.stdout and BO not in result.stdout


# ------------------------------------------------------------------ the full-screen picker


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch)


async def test_picker_opens_a_typed_profile_whose_store_has_its_own_answers(two_profiles):
    app = ProfilePickerApp(AppOptions(data_dir=two_profiles))
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "bo")
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_value == ("bo", None)
    store = ProgressStore.open(two_profiles, "bo")
    reflections = store.progress.modules["kk-test"].reflections
    assert reflections["egen-erfaring"].text == BO


async def test_picker_creates_an_unknown_name_without_a_passphrase(two_profiles):
    app = ProfilePickerApp(AppOptions(data_dir=two_profiles))
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "kari")
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.query_one("#picker-pass", Input).has_focus
        about = str(app.query_one("#picker-about", Static).visual)
        assert "ingen profil som heter «kari»" in about
        await pilot.press("enter")  # empty passphrase: an unprotected profile
        await pilot.pause()
    assert app.return_value == ("kari", None)


async def test_picker_explains_a_bad_name_and_stays(two_profiles):
    app = ProfilePickerApp(AppOptions(data_dir=two_profiles, lang="en"))
    async with app.run_test(size=(80, 24)) as pilot:
        field = app.query_one("#picker-name", Input)
        field.value = "../x"
        await pilot.press("enter")
        await pilot.pause()
        message = str(app.query_one("#picker-message", Static).visual)
        assert "«../x» cannot be used as a profile name" in message
        assert app.is_running and app.return_value is None
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value is None
